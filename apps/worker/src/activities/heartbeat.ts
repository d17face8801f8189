import { ApplicationFailure, Context } from '@temporalio/activity';
import { DATA_REJECTED } from '@dondoc/workflows/task/task.types';

/**
 * PostgreSQL's classes 22 (data exception: a NUL byte, invalid JSON, a number out of range) and 23
 * (integrity constraint violation): the same input fails the same way however often it is
 * retried — but for the race on a task's row below. An outage (connection refused, class 08,
 * 57…) is worth retrying; these are not.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown }; code?: unknown }).driverError?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23)[0-9A-Z]{3}$/.test(code) && !isRowRace(error);
}

/**
 * The one unique violation that is a race, not the data: the API writes the row of a task it
 * assigns in its own transaction while the workflow's first recording may create it too, and
 * PostgreSQL arbitrates the recording's `ON CONFLICT (id)` on the id alone — the loser of two
 * simultaneous inserts can fail on the workflow id's unique index instead. Retried, the row is
 * there and the recording updates it.
 */
function isRowRace(error: unknown): boolean {
  const { driverError, code, constraint } = error as { driverError?: { code?: unknown; constraint?: unknown }; code?: unknown; constraint?: unknown };
  return (driverError?.code ?? code) === '23505' && (driverError?.constraint ?? constraint) === 'UQ_tasks_workflow_id';
}

/**
 * Runs an activity's work while heartbeating every second (a local activity: no need), so that a
 * worker killed in the middle is noticed within the heartbeat timeout (seconds) rather than the
 * start-to-close one.
 * A database error caused by the data itself ends the activity for good (`DATA_REJECTED`,
 * non-retryable): one bad value must never keep a workflow retrying for ever.
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return work(); // called outside an activity (unit tests)
  }
  // A local activity runs inside its workflow task, which the SDK keeps alive itself: it has no heartbeat.
  const beat = () => (context.info.isLocal ? undefined : context.heartbeat());
  beat();
  const timer = setInterval(beat, 1_000);
  try {
    return await work();
  } catch (error) {
    if (!isDataError(error)) throw error;
    context.log.error('the database refused the data of this activity; not retried', { error: (error as Error).message });
    throw ApplicationFailure.create({ type: DATA_REJECTED, message: (error as Error).message, nonRetryable: true });
  } finally {
    clearInterval(timer);
  }
}
