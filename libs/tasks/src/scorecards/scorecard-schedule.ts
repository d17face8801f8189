import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { TIME_ZONE } from '@dondoc/common';
import type { AppConfig } from '@dondoc/config';
import { reportScheduleId } from '@dondoc/temporal';
import { SCORECARDS_SCHEDULE_ID, type ScorecardsInput } from '@dondoc/workflows/scorecards.types';
import { scorecardScheduleCalendar } from './quarters';

/** The Temporal Schedule of the quarterly scorecards: `quarterly-scorecards`. */
export const scorecardsScheduleId = (taskQueue: string): string => reportScheduleId(SCORECARDS_SCHEDULE_ID, taskQueue);

/**
 * The quarterly scorecards' schedule: 07:00 Asia/Ho_Chi_Minh on the day after each quarter's
 * cut-off (the workflow waits for the first working day itself). Overlap BUFFER_ONE: a run waits
 * up to ~10 days at Tết and publishes idempotently, so one more buffered behind it loses nothing;
 * catch-up window of 30 days: a server down on the day still publishes the quarter (derived from
 * the scheduled time). Created paused when REPORT_SCHEDULES_PAUSED.
 */
export function scorecardsScheduleOptions(config: AppConfig): ScheduleOptions {
  const { taskQueue } = config.temporal;
  const paused = config.reports.schedulesPaused;
  return {
    scheduleId: scorecardsScheduleId(taskQueue),
    spec: { calendars: [{ ...scorecardScheduleCalendar(config.reports.scorecardQuarters), comment: 'Đánh giá hàng quý / quarterly scorecards, 07:00 the day after the cut-off' }], timezone: TIME_ZONE },
    action: { type: 'startWorkflow', workflowType: 'quarterlyScorecardsWorkflow', workflowId: scorecardsScheduleId(taskQueue), taskQueue, args: [{} satisfies ScorecardsInput] },
    policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '30 days', pauseOnFailure: false },
    state: { paused, note: paused ? 'Paused by REPORT_SCHEDULES_PAUSED: runs only when triggered or backfilled.' : 'Quarterly scorecards.' },
  };
}
