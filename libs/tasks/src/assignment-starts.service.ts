import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import pLimit from 'p-limit';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dondoc/config';
import { assignmentWorkflowId, type AssignmentInput, type AssignmentPage } from '@dondoc/workflows/assignment.types';
import type { TaskDefinition } from '@dondoc/workflows/task/task.types';
import { Assignment } from './assignment.entity';
import { startTaskWorkflow } from './task-workflow-start';

/** Task workflows per page of a plan assignment (one activity each). */
export const ASSIGNMENT_PAGE_SIZE = 200;

/**
 * Starting the task workflows of a plan assignment. The API writes the assignment with every
 * task's row in one transaction, then starts the workflow `assignment-<id>` (here), which starts
 * the task workflows page by page (here too, as an activity). An assignment nobody started is
 * started by the worker's sweeper; the workflow id is the assignment's id, so each plan is started
 * by one workflow, and a task workflow already started is left alone.
 */
@Injectable()
export class AssignmentStartsService {
  private readonly logger = new Logger(AssignmentStartsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AppConfig,
  ) {}

  /**
   * Starts the workflow of a committed assignment; true if this call started it. One already
   * started (or finished) is left alone. Temporal unreachable is logged: the assignment stays
   * STARTING and the sweeper retries.
   */
  async start(assignmentId: string): Promise<boolean> {
    try {
      await this.temporal.workflow.start('assignmentWorkflow', {
        workflowId: assignmentWorkflowId(assignmentId),
        taskQueue: this.config.temporal.taskQueue,
        args: [{ assignmentId } satisfies AssignmentInput],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      this.logger.warn({ assignmentId, err: (error as Error).message }, 'could not start a plan assignment; the sweeper will retry');
      return false;
    }
  }

  /** Starts every assignment still STARTING and older than `ageMs` (the worker's sweep); returns how many it started. */
  async startUnstarted(ageMs: number): Promise<number> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM assignments WHERE status = 'STARTING' AND created_at < now() - make_interval(secs => $1::float8 / 1000) ORDER BY created_at LIMIT 100`,
      [ageMs],
    );
    let started = 0;
    for (const { id } of rows) if (await this.start(id)) started += 1;
    return started;
  }

  /**
   * Starts the workflows of one page of an assignment's tasks (after `after`, by task id),
   * TASK_START_CONCURRENCY at a time, and records how many of its tasks are started so far.
   */
  async startPage(assignmentId: string, after: string | null): Promise<AssignmentPage> {
    const assignment = await this.dataSource.getRepository(Assignment).findOneBy({ id: assignmentId });
    if (!assignment) {
      this.logger.warn({ assignmentId }, 'no such assignment; nothing to start');
      return { started: 0, next: null };
    }
    const rows = await this.dataSource.query<{ id: string; definition: TaskDefinition }[]>(
      `SELECT id, definition FROM tasks WHERE assignment_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3`,
      [assignmentId, after, ASSIGNMENT_PAGE_SIZE],
    );
    if (rows.length === 0) return { started: 0, next: null };
    const limit = pLimit(this.config.tasks.startConcurrency);
    await Promise.all(rows.map((row) => limit(() => startTaskWorkflow(this.temporal, this.config, row.definition, assignment.requestId))));
    const last = rows[rows.length - 1].id;
    // Counted, not added: a retried page records the same figure.
    await this.dataSource.query(`UPDATE assignments SET started = (SELECT count(*) FROM tasks WHERE assignment_id = $1 AND id <= $2::uuid) WHERE id = $1`, [assignmentId, last]);
    return { started: rows.length, next: rows.length < ASSIGNMENT_PAGE_SIZE ? null : last };
  }

  /** Marks an assignment STARTED once every task workflow has been started. */
  async markStarted(assignmentId: string, started: number): Promise<void> {
    await this.dataSource.query(`UPDATE assignments SET status = 'STARTED', started = total, started_at = COALESCE(started_at, now()) WHERE id = $1`, [assignmentId]);
    this.logger.log({ assignmentId, started }, 'plan assignment started');
  }
}
