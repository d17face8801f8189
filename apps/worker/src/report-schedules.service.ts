import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import { TIME_ZONE } from '@dondoc/common';
import { scorecardScheduleCalendar } from '@dondoc/tasks';
import { SCORECARDS_SCHEDULE_ID } from '@dondoc/workflows/scorecards.types';
import { AppConfig } from '@dondoc/config';
import { ensureSchedule, reportScheduleId } from '@dondoc/temporal';

const RETRY_MS = 10_000;

/**
 * The reports' Temporal Schedules, created at worker start when missing and brought to the
 * configured spec when there (see `ensureSchedule`). Temporal fires them; the worker only makes
 * sure they exist. An unreachable server is retried in the background, without holding the start.
 */
@Injectable()
export class ReportSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportSchedules.name);
  private retry?: NodeJS.Timeout;
  private ensuring?: Promise<void>;

  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
  ) {}

  /** Every report schedule, from the configuration. */
  schedules(): ScheduleOptions[] {
    const paused = this.config.reports.schedulesPaused;
    return [
      {
        scheduleId: reportScheduleId(SCORECARDS_SCHEDULE_ID, this.config.temporal.taskQueue),
        spec: { calendars: [{ ...scorecardScheduleCalendar(this.config.reports.scorecardQuarters), comment: 'the day after each quarter’s cut-off, 07:00' }], timezone: TIME_ZONE },
        action: { type: 'startWorkflow', workflowType: 'quarterlyScorecardsWorkflow', workflowId: SCORECARDS_SCHEDULE_ID, taskQueue: this.config.temporal.taskQueue, args: [{}] },
        // A run waits for the first working day (up to ~10 days at Tết) and publishes idempotently:
        // one more buffered behind it loses nothing; a server down on the day catches up within a month.
        policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '30 days' },
        state: { paused, note: paused ? 'created paused (REPORT_SCHEDULES_PAUSED)' : undefined },
      },
    ];
  }

  onApplicationBootstrap(): void {
    this.ensuring = this.ensureAll();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retry);
    await this.ensuring;
  }

  private async ensureAll(): Promise<void> {
    try {
      for (const options of this.schedules()) {
        const outcome = await ensureSchedule(this.client, options);
        this.logger.log({ scheduleId: options.scheduleId, outcome }, 'report schedule in place');
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'report schedules not in place yet; trying again shortly');
      this.retry = setTimeout(() => (this.ensuring = this.ensureAll()), RETRY_MS);
    }
  }
}
