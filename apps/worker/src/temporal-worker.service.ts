import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { AppConfig } from '@dondoc/config';
import { ActivityAlertsService } from '@dondoc/diagnostics';
import { temporalConnectionOptions } from '@dondoc/temporal';
import type { Activities } from '@dondoc/workflows/activities';
import { checksTaskQueue } from '@dondoc/workflows/task/task-activities.types';
import { AssignmentActivitiesService } from './activities/assignment.activities';
import { BriefingActivitiesService } from './activities/briefing.activities';
import { CalendarChangeActivitiesService } from './activities/calendar-change.activities';
import { CalendarActivitiesService } from './activities/calendar.activities';
import { DiagnosticActivitiesService } from './activities/diagnostic.activities';
import { EvidenceActivitiesService } from './activities/evidence.activities';
import { ScorecardsActivitiesService } from './activities/scorecards.activities';
import { TaskActivitiesService } from './activities/task.activities';
import { activityAlerts } from './activity-alerts.interceptor';

/** Binds every public method of an activities object, so Temporal can call them detached. */
function bindActivities<T extends object>(service: T, names: (keyof T)[]): Pick<T, (typeof names)[number]> {
  return Object.fromEntries(
    names.map((name) => [name, (service[name] as (...args: unknown[]) => unknown).bind(service)]),
  ) as Pick<T, (typeof names)[number]>;
}

const CONNECT_ATTEMPTS = 30;

/**
 * Hosts the Temporal Worker: starts polling once the application has bootstrapped and drains
 * in-flight activities on shutdown. The workflow code comes from a prebuilt bundle when
 * WORKFLOW_BUNDLE_PATH is set (production), otherwise it is bundled from `workflows/` at start.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private workers: Worker[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly diagnostics: DiagnosticActivitiesService,
    private readonly tasks: TaskActivitiesService,
    private readonly evidence: EvidenceActivitiesService,
    private readonly calendar: CalendarActivitiesService,
    private readonly calendarChanges: CalendarChangeActivitiesService,
    private readonly assignments: AssignmentActivitiesService,
    private readonly scorecards: ScorecardsActivitiesService,
    private readonly briefings: BriefingActivitiesService,
    private readonly alerts: ActivityAlertsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await this.connect();
    const activities: Activities = {
      ...bindActivities(this.diagnostics, ['recordDiagnosticRun', 'sendDiagnosticEmail', 'markDiagnosticFailed']),
      ...bindActivities(this.tasks, ['resolveDeciders', 'recordTaskEvents']),
      ...bindActivities(this.evidence, ['probeProduct', 'verifyDataset', 'readMetric']),
      ...bindActivities(this.calendar, ['computeWorkingDayDue', 'computeWorkingDayReminders']),
      ...bindActivities(this.calendarChanges, ['recalculateDuePage', 'markCalendarChangeRecalculated']),
      ...bindActivities(this.assignments, ['startAssignmentPage', 'markAssignmentStarted']),
      ...bindActivities(this.scorecards, ['scorecardIssueTime', 'publishScorecards']),
      ...bindActivities(this.briefings, ['briefingIssueTime', 'issueBriefing']),
    };
    const bundlePath = this.config.temporal.workflowBundlePath;
    const interceptors = { activity: [activityAlerts(this.alerts, this.config.activityAlertAttempts)] };
    const main = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      // The evidence checks too, for workflows recorded before they had their own queue.
      activities,
      interceptors,
      ...(bundlePath && existsSync(bundlePath)
        ? { workflowBundle: { codePath: bundlePath } }
        : { workflowsPath: require.resolve(join(__dirname, '../../../workflows')) }),
      shutdownGraceTime: '10s',
      // A workflow's next task goes to the worker that has it cached (its sticky queue). When that
      // worker was killed, Temporal moves the task to the shared queue only after this timeout
      // (the SDK's default 10 s): every timer that fired meanwhile waited that long more after a
      // restart (bench/reminders.ts, crash run). A live worker takes its sticky tasks within
      // milliseconds, so 2 s costs nothing while it runs.
      stickyQueueScheduleToStartTimeout: '2s',
    });
    // Evidence checks fetch URLs users typed and may each take up to EVIDENCE_TIMEOUT_MS: on their
    // own queue, at most EVIDENCE_CHECK_CONCURRENCY at once, so a slow product never holds the
    // slots that record reminders.
    const checks = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: checksTaskQueue(this.config.temporal.taskQueue),
      activities: bindActivities(this.evidence, ['probeProduct', 'verifyDataset', 'readMetric']),
      interceptors,
      maxConcurrentActivityTaskExecutions: this.config.evidence.checkConcurrency,
      shutdownGraceTime: '10s',
    });
    this.workers = [main, checks];
    this.running = Promise.all(this.workers.map((worker) => worker.run())).then(() => undefined);
    this.logger.log({ taskQueue: this.config.temporal.taskQueue, checksTaskQueue: checksTaskQueue(this.config.temporal.taskQueue), namespace: this.config.temporal.namespace }, 'Temporal worker polling');
  }

  /** Resolves when the worker stops; rejects if it crashed. */
  whenStopped(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await this.running?.catch((error: unknown) => this.logger.error({ err: error }, 'worker stopped with an error'));
    await this.connection?.close();
  }

  private async connect(): Promise<NativeConnection> {
    const options = temporalConnectionOptions(this.config.temporal);
    for (let attempt = 1; ; attempt++) {
      try {
        return await NativeConnection.connect(options);
      } catch (error) {
        if (attempt >= CONNECT_ATTEMPTS) throw error;
        this.logger.warn({ address: options.address, attempt }, 'Temporal not reachable yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }
}
