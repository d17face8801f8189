import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { DueRecalculationService } from '@dondoc/tasks';
import { startPeriodicSweep, type PeriodicSweep } from './periodic-sweep';

/**
 * Starts the recalculation of calendar changes nobody finished: committed by an API that stopped
 * before starting their workflow, or while Temporal was unreachable. Several workers may sweep at
 * once: the workflow id is the change's revision, so each change is recalculated by one workflow.
 */
@Injectable()
export class CalendarChangeSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarChangeSweeper.name);
  private periodic?: PeriodicSweep;

  constructor(
    private readonly recalculation: DueRecalculationService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = startPeriodicSweep(() => this.sweep(), this.config.calendar.changeSweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic?.stop();
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
