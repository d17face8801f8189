/**
 * Starting the workflows of a plan assigned in one go (`POST /api/assignments`): one workflow per
 * assignment, id `assignment-<assignmentId>`. The API writes every task's row (with its definition)
 * and the assignment in one transaction, then starts this workflow; it starts the task workflows
 * page by page. `after` and `started` carry the progress over continue-as-new.
 */
export interface AssignmentInput {
  assignmentId: string;
  /** The last task id whose workflow was started (keyset paging by task id); absent at the start. */
  after?: string | null;
  /** How many task workflows were started before this run. */
  started?: number;
}

export interface AssignmentResult {
  assignmentId: string;
  /** Task workflows started (one already running counts as started). */
  started: number;
}

/** One page of the assignment's tasks started; `next` is the cursor of the following page, null after the last one. */
export interface AssignmentPage {
  started: number;
  next: string | null;
}

export interface AssignmentActivities {
  /**
   * Starts the workflows of the next page of the assignment's tasks (after `after`, by task id), a
   * few at a time (TASK_START_CONCURRENCY), from the definitions in their rows, and records the
   * progress. A workflow already started (a retried page) counts as started; Temporal unreachable
   * fails the page (it is retried).
   */
  startAssignmentPage(input: { assignmentId: string; after: string | null }): Promise<AssignmentPage>;
  /** Marks the assignment STARTED, so the sweeper leaves it alone. */
  markAssignmentStarted(input: { assignmentId: string; started: number }): Promise<void>;
}

export const assignmentWorkflowId = (assignmentId: string): string => `assignment-${assignmentId}`;
