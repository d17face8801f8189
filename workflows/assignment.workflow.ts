import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { AssignmentActivities, AssignmentInput, AssignmentResult } from './assignment.types';

// Retried until they succeed: Temporal or the database down delays the starts, it never drops
// them (every task's row is already written). Heartbeats notice a dead worker within seconds.
const { startAssignmentPage, markAssignmentStarted } = proxyActivities<AssignmentActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** Pages per run: a very large plan continues as new with its cursor. */
const PAGES_PER_RUN = 500;

/**
 * Starts the workflow of every task of an assignment, page after page, then marks it started.
 * Started by the API right after the assignment commits, and by the worker's sweeper for one
 * nobody started (an API that stopped, Temporal unreachable).
 */
export async function assignmentWorkflow(input: AssignmentInput): Promise<AssignmentResult> {
  const { assignmentId } = input;
  let after = input.after ?? null;
  let started = input.started ?? 0;
  for (let pages = 0; ; pages++) {
    if (pages > 0 && (pages === PAGES_PER_RUN || workflowInfo().continueAsNewSuggested)) {
      await continueAsNew<typeof assignmentWorkflow>({ assignmentId, after, started });
    }
    const page = await startAssignmentPage({ assignmentId, after });
    started += page.started;
    if (page.next === null) break;
    after = page.next;
  }
  await markAssignmentStarted({ assignmentId, started });
  return { assignmentId, started };
}
