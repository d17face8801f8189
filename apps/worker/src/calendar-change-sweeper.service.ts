import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { DueRecalculationService } from '@dondoc/tasks';

/**
 * Starts the recalculation of calendar changes nobody finished: committed by an API that stopped
 * before starting their workflow, or while Temporal was unreachable. Several workers may sweep at
 * once: the workflow id is the change's revision, so each change is recalculated by one workflow.
 */
@Injectable()
export class CalendarChangeSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarChangeSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly recalculation: DueRecalculationService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .finally(() => (this.running = undefined));
    }, this.config.calendar.changeSweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts the workflow of every change not recalculated for a while (CALENDAR_CHANGE_SWEEP_AGE_MS); returns how many it started. */
  async sweep(): Promise<number> {
    try {
      const started = await this.recalculation.startUnrecalculated(this.config.calendar.changeSweepAgeMs);
      if (started > 0) this.logger.log({ started }, 'started the recalculation of calendar changes nobody finished');
      return started;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'calendar change sweep failed');
      return 0;
    }
  }
}
