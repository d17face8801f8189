import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowExecutionStatusName } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CalendarService, type CalendarChange } from '@dondoc/calendar';
import { AppConfig } from '@dondoc/config';
import { DirectoryService } from '@dondoc/organisation';
import { calendarChangeWorkflowId, recalculateDueUpdateId, type CalendarChangeInput, type CalendarChangePage } from '@dondoc/workflows/calendar-change.types';
import { OPEN_STATUSES, recalculateDueUpdate, TASK_REFUSAL, type ActorRef } from '@dondoc/workflows/task/task.types';

/** Task workflows told at a time: each answers after an activity of its own (the count, the record). */
export const RECALCULATION_CONCURRENCY = 8;
/** Task workflows per page of a change's recalculation (one activity each). */
export const RECALCULATION_PAGE_SIZE = 100;

const CLOSED_WORKFLOW: WorkflowExecutionStatusName[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT'];

type Outcome = 'TOLD' | 'CLOSED' | 'REFUSED';

/** Runs `work` on every item, at most `limit` at a time; rejects with the first failure once all have settled. */
async function eachLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index]).then(
        (value): PromiseFulfilledResult<R> => ({ status: 'fulfilled', value }),
        (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason }),
      );
    }
  });
  await Promise.all(runners);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<R>).value);
}

/**
 * When an administrator changes a day of the working-day calendar, the open tasks whose term in
 * working days contains that day have their due time counted again. The change is recorded with
 * its revision in calendar_changes in the same transaction as the override (CalendarService); its
 * recalculation is the workflow `calendar-change-<revision>`, started by the API right after commit
 * and, for a change nobody finished, by the worker's sweeper. That workflow pages through the
 * affected tasks (here, as an activity) and sends each task's workflow the `recalculateDue` Update
 * (the count itself is an activity of the task workflow, so it replays).
 */
@Injectable()
export class DueRecalculationService implements OnModuleInit {
  private readonly logger = new Logger(DueRecalculationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly calendar: CalendarService,
    private readonly directory: DirectoryService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.calendar.onOverridesChanged(async ({ revision }) => {
      await this.start(revision);
    });
  }

  /**
   * Starts the recalculation workflow of a committed change; true if this call started it. One
   * already started (or finished) is left alone; one that failed or was terminated may be started
   * again. Temporal unreachable is logged: the change stays unrecalculated and the sweeper retries.
   */
  async start(revision: string): Promise<boolean> {
    try {
      const change = await this.calendar.change(revision);
      if (!change) return false;
      await this.temporal.workflow.start('calendarChangeWorkflow', {
        workflowId: calendarChangeWorkflowId(change.changeId),
        taskQueue: this.config.temporal.taskQueue,
        args: [{ revision } satisfies CalendarChangeInput],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      this.logger.warn({ revision, err: (error as Error).message }, 'could not start the recalculation of a calendar change; the sweeper will retry');
      return false;
    }
  }

  /** Starts the recalculation of every change not recalculated and older than `ageMs` (the worker's sweep); returns how many it started. */
  async startUnrecalculated(ageMs: number): Promise<number> {
    let started = 0;
    for (const revision of await this.calendar.unrecalculatedChanges(ageMs)) {
      if (await this.start(revision)) started += 1;
    }
    return started;
  }

  /**
   * The workflow ids of open tasks whose working-day term contains one of `dates`, after `after`
   * (by workflow id, at most `limit`): counting starts the day after `term.from` and ends on the due
   * date. (A changed day after the due date cannot move it, so the span up to the due date as it is
   * covers the span up to the later of the old and new due times.) Tasks extended since (current
   * due ≠ original due) keep their extended instant.
   */
  async affectedWorkflows(dates: string[], after: string | null = null, limit = RECALCULATION_PAGE_SIZE): Promise<string[]> {
    const rows = await this.dataSource.query<{ workflow_id: string }[]>(
      `SELECT t.workflow_id
         FROM tasks t
        WHERE t.status = ANY($2::varchar[])
          AND jsonb_typeof(t.definition -> 'term') = 'object'
          AND t.due_at = t.original_due_at
          AND ($3::varchar IS NULL OR t.workflow_id > $3::varchar)
          AND EXISTS (
                SELECT 1 FROM unnest($1::date[]) AS changed(day)
                 WHERE changed.day > ((t.definition -> 'term' ->> 'from')::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                   AND changed.day <= (t.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
        ORDER BY t.workflow_id
        LIMIT $4`,
      [dates, OPEN_STATUSES, after, limit],
    );
    return rows.map((row) => row.workflow_id);
  }

  /**
   * Tells one page of the tasks a change affects to count their term again, a few at a time, and
   * waits for their answers. A task closed meanwhile is skipped; one whose workflow refuses (its
   * record rejected by the database) is logged and not asked again; any other failure (Temporal
   * unreachable) fails the page, which the workflow retries: telling a task twice changes nothing more.
   */
  async recalculatePage(revision: string, after: string | null): Promise<CalendarChangePage> {
    const change = await this.calendar.change(revision);
    if (!change) {
      this.logger.warn({ revision }, 'no such calendar change; nothing to recalculate');
      return { told: 0, next: null };
    }
    const workflowIds = await this.affectedWorkflows(change.dates, after);
    if (workflowIds.length === 0) return { told: 0, next: null };
    const user = change.actorId ? await this.directory.findUser(change.actorId) : null;
    const actor: ActorRef = { id: user?.id ?? '', name: user?.name ?? '', requestId: change.requestId };
    const outcomes = await eachLimited(workflowIds, RECALCULATION_CONCURRENCY, (workflowId) => this.tell(workflowId, change, actor));
    const told = outcomes.filter((outcome) => outcome === 'TOLD').length;
    const refused = outcomes.filter((outcome) => outcome === 'REFUSED').length;
    this.logger.log({ revision, dates: change.dates, tasks: workflowIds.length, told, refused }, 'due times recalculated after a calendar change');
    return { told, next: workflowIds.length < RECALCULATION_PAGE_SIZE ? null : workflowIds[workflowIds.length - 1] };
  }

  /** Marks a change recalculated once every affected task has been told. */
  async markRecalculated(revision: string, tasks: number): Promise<void> {
    await this.calendar.markRecalculated(revision, tasks);
  }

  private async tell(workflowId: string, change: CalendarChange, actor: ActorRef): Promise<Outcome> {
    const { revision, dates } = change;
    try {
      // One id per change and task: a retried page that reaches a workflow again gets the first answer.
      await this.temporal.workflow.getHandle(workflowId).executeUpdate(recalculateDueUpdate, { args: [{ actor, dates }], updateId: recalculateDueUpdateId(change.changeId) });
      return 'TOLD';
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === TASK_REFUSAL) {
        this.logger.error({ workflowId, revision, err: error.cause.message }, 'a task workflow refused the recalculation of its due time');
        return 'REFUSED';
      }
      // "Already completed", "aborted by closing workflow": a task that closed has no due time to move.
      if (await this.closed(workflowId)) return 'CLOSED';
      throw error;
    }
  }

  /** Whether a task's workflow has closed (or is gone); false when Temporal cannot say. */
  private async closed(workflowId: string): Promise<boolean> {
    try {
      const { status } = await this.temporal.workflow.getHandle(workflowId).describe();
      return CLOSED_WORKFLOW.includes(status.name);
    } catch (error) {
      return error instanceof WorkflowNotFoundError;
    }
  }
}
