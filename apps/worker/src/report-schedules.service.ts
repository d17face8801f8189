import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, type ScheduleOptions } from '@temporalio/client';
import { AppConfig } from '@dondoc/config';
import { briefingScheduleOptions, scorecardsScheduleOptions } from '@dondoc/tasks';
import { ensureSchedule } from '@dondoc/temporal';

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
    return [briefingScheduleOptions(this.config), scorecardsScheduleOptions(this.config)];
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
