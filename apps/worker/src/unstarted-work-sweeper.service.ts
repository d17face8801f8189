import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { AssignmentStartsService, DueRecalculationService } from '@dondoc/tasks';
import { startPeriodicSweep, type PeriodicSweep } from './periodic-sweep';

/**
 * Starts the work the API committed but did not start (it stopped right after the commit, or
 * Temporal was unreachable): the recalculation of calendar changes, and plan assignments. Several
 * workers may sweep at once: each workflow's id is its row's id, so each is started once.
 */
@Injectable()
export class UnstartedWorkSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnstartedWorkSweeper.name);
  private periodic: PeriodicSweep[] = [];

  constructor(
    private readonly recalculation: DueRecalculationService,
    private readonly assignments: AssignmentStartsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = [
      startPeriodicSweep(() => this.sweepCalendarChanges(), this.config.calendar.changeSweepIntervalMs),
      startPeriodicSweep(() => this.sweepAssignments(), this.config.tasks.assignmentSweepIntervalMs),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.periodic.map((sweep) => sweep.stop()));
  }

  /** Starts the workflow of every calendar change not recalculated for a while (CALENDAR_CHANGE_SWEEP_AGE_MS); returns how many it started. */
  sweepCalendarChanges(): Promise<number> {
    return this.sweep('the recalculation of calendar changes', () => this.recalculation.startUnrecalculated(this.config.calendar.changeSweepAgeMs));
  }

  /** Starts every plan assignment still STARTING after a while (ASSIGNMENT_SWEEP_AGE_MS); returns how many it started. */
  sweepAssignments(): Promise<number> {
    return this.sweep('plan assignments', () => this.assignments.startUnstarted(this.config.tasks.assignmentSweepAgeMs));
  }

  private async sweep(what: string, start: () => Promise<number>): Promise<number> {
    try {
      const started = await start();
      if (started > 0) this.logger.log({ started }, `started ${what} nobody started`);
      return started;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, `sweep of ${what} failed`);
      return 0;
    }
  }
}
