import { Context } from '@temporalio/activity';

/**
 * Runs an activity's work while heartbeating every second, so that a worker killed in the
 * middle is noticed within the heartbeat timeout (seconds) rather than the start-to-close one.
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return work(); // called outside an activity (unit tests)
  }
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), 1_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
