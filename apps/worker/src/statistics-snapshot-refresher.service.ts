import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { StatisticsService } from '@dondoc/tasks';
import { startPeriodicSweep, type PeriodicSweep } from './periodic-sweep';

/**
 * Counts the statistics snapshot at start and every STATISTICS_SNAPSHOT_INTERVAL_MS (0: never),
 * so the country's and a province's figures are read from a few rows. Several workers may run:
 * the refresh holds an advisory lock, and a worker that finds it held skips its turn.
 */
@Injectable()
export class StatisticsSnapshotRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatisticsSnapshotRefresher.name);
  private periodic?: PeriodicSweep;
  private first?: Promise<unknown>;

  constructor(
    private readonly statistics: StatisticsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.statistics.snapshotIntervalMs;
    if (interval === 0) return;
    this.first = this.refresh();
    this.periodic = startPeriodicSweep(() => this.refresh(), interval);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic?.stop();
    await this.first;
  }

  /** Counts a snapshot unless another process is; logs, never throws. */
  async refresh(): Promise<void> {
    const started = Date.now();
    try {
      const snapshot = await this.statistics.refreshSnapshot();
      if (snapshot) this.logger.debug({ snapshot: snapshot.id, tasks: snapshot.tasks, ms: Date.now() - started }, 'statistics snapshot counted');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'statistics snapshot failed');
    }
  }
}
