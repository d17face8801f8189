import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CalendarService, type OverridesChange } from '@dondoc/calendar';
import { DirectoryService } from '@dondoc/organisation';
import { OPEN_STATUSES, recalculateDueUpdate, type ActorRef } from '@dondoc/workflows/task/task.types';

/** Workflows told at a time: a change of a busy day may concern thousands of open tasks. */
const CONCURRENCY = 8;

/**
 * When an administrator changes a day of the working-day calendar, the open tasks whose term in
 * working days contains that day have their due time counted again: each task's workflow gets the
 * `recalculateDue` Update (the count itself is an activity of the workflow, so it replays). Runs in
 * the API, where overrides are edited; the calendar service awaits it before answering.
 */
@Injectable()
export class DueRecalculationService implements OnModuleInit {
  private readonly logger = new Logger(DueRecalculationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly calendar: CalendarService,
    private readonly directory: DirectoryService,
  ) {}

  onModuleInit(): void {
    this.calendar.onOverridesChanged((change) => this.recalculate(change));
  }

  /**
   * The workflow ids of open tasks whose working-day term contains one of `dates`: counting starts
   * the day after `term.from` and ends on the due date. (A changed day after the due date cannot
   * move it, so the span up to the due date as it is covers the span up to the later of the old and
   * new due times.) Tasks extended since (current due ≠ original due) keep their extended instant.
   */
  async affectedWorkflows(dates: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ workflow_id: string }[]>(
      `SELECT t.workflow_id
         FROM tasks t
        WHERE t.status = ANY($2::varchar[])
          AND jsonb_typeof(t.definition -> 'term') = 'object'
          AND t.due_at = t.original_due_at
          AND EXISTS (
                SELECT 1 FROM unnest($1::date[]) AS changed(day)
                 WHERE changed.day > ((t.definition -> 'term' ->> 'from')::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                   AND changed.day <= (t.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
        ORDER BY t.due_at`,
      [dates, OPEN_STATUSES],
    );
    return rows.map((row) => row.workflow_id);
  }

  /** Tells each affected task's workflow to count its term again; a task that cannot be reached is logged, the others go on. */
  async recalculate(change: OverridesChange): Promise<void> {
    const workflowIds = await this.affectedWorkflows(change.dates);
    if (workflowIds.length === 0) return;
    const user = change.actor.id ? await this.directory.findUser(change.actor.id) : null;
    const actor: ActorRef = { id: user?.id ?? '', name: user?.name ?? '', requestId: change.actor.requestId ?? null };
    // One id per change: a workflow asked twice for the same change (a retried call) acts once.
    const updateId = `recalculateDue:${randomUUID()}`;
    let failed = 0;
    for (let i = 0; i < workflowIds.length; i += CONCURRENCY) {
      const results = await Promise.allSettled(
        workflowIds.slice(i, i + CONCURRENCY).map((workflowId) =>
          this.temporal.workflow.getHandle(workflowId).executeUpdate(recalculateDueUpdate, { args: [{ actor, dates: change.dates }], updateId }),
        ),
      );
      results.forEach((result, j) => {
        if (result.status === 'fulfilled') return;
        const error = result.reason as Error;
        // A task that closed meanwhile has no due time to move.
        if (error instanceof WorkflowNotFoundError || (error instanceof WorkflowUpdateFailedError && /closed|completed/i.test(error.message))) return;
        failed += 1;
        this.logger.error({ workflowId: workflowIds[i + j], dates: change.dates, err: error.message }, 'the due time of a task could not be recalculated');
      });
    }
    this.logger.log({ dates: change.dates, tasks: workflowIds.length, failed }, 'due times recalculated after a calendar change');
  }
}
