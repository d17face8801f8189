import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { AppConfig } from '@dondoc/config';
import { reportScheduleId } from '@dondoc/temporal';
import { BRIEFING_HOUR } from '@dondoc/workflows/briefing-week';
import type { BriefingInput } from '@dondoc/workflows/briefing.types';

/** The Temporal Schedule of the weekly briefing: `weekly-briefing`. */
export const briefingScheduleId = (taskQueue: string): string => reportScheduleId('weekly-briefing', taskQueue);

/** The workflow of one version of a week's pack, asked for through the API: a retried request starts nothing twice. */
export const briefingWorkflowId = (taskQueue: string, week: string, version: number): string => reportScheduleId(`weekly-briefing-${week}-v${version}`, taskQueue);

/** The time zone of the schedule (and of every date a pack shows). */
export const BRIEFING_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The weekly briefing's schedule: Monday 08:00 Asia/Ho_Chi_Minh (a Monday that is a day off is
 * waited out by the workflow itself, which reads the working-day calendar). Overlap BUFFER_ONE:
 * a week whose Monday fell in a long break (Tết) may still be waiting when the next Monday
 * fires; that next week's run starts as soon as it finishes — never dropped (SKIP would drop it),
 * never two packs counted at once. Catch-up window of a week: after a Temporal outage a missed
 * Monday still runs (its week is its scheduled time, so it makes that week's pack), but not one
 * older than the next. Created paused when REPORT_SCHEDULES_PAUSED (then only a trigger or a
 * backfill runs it).
 */
export function briefingScheduleOptions(config: AppConfig): ScheduleOptions {
  const { taskQueue } = config.temporal;
  const scheduleId = briefingScheduleId(taskQueue);
  return {
    scheduleId,
    spec: {
      calendars: [{ dayOfWeek: 'MONDAY', hour: BRIEFING_HOUR, minute: 0, second: 0, comment: 'Giao ban hằng tuần / weekly briefing' }],
      timezone: BRIEFING_TIME_ZONE,
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'briefingWorkflow',
      taskQueue,
      // Temporal appends the scheduled time: `weekly-briefing-2026-11-23T01:00:00Z`.
      workflowId: scheduleId,
      args: [{} satisfies BriefingInput],
    },
    policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '7 days', pauseOnFailure: false },
    state: {
      paused: config.reports.schedulesPaused,
      note: config.reports.schedulesPaused ? 'Paused by REPORT_SCHEDULES_PAUSED: runs only when triggered or backfilled.' : 'Weekly briefing, Monday 08:00 Asia/Ho_Chi_Minh.',
    },
  };
}
