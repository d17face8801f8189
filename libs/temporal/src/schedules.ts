import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';

/**
 * Creates a schedule, or brings the one already there to these options (spec, action, policies;
 * not its state: paused or not) — at every worker start, so a changed time or time zone reaches
 * the server. Returns whether it was created.
 */
export async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    // Its state stays as it is: an operator's pause outlives a restart.
    const { scheduleId, memo: _memo, searchAttributes: _attributes, typedSearchAttributes: _typed, state: _state, ...update } = options;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, ...update }));
    return 'updated';
  }
}

/** The task queue of a default deployment (TEMPORAL_TASK_QUEUE's default). */
const DEFAULT_TASK_QUEUE = 'dondoc';

/**
 * A report schedule's id: its name (`weekly-briefing`, `quarterly-scorecards`) for a deployment
 * on the default task queue; with the task queue appended for one on its own queue, so that
 * deployments sharing a namespace (the test suites on one Temporal server) each keep theirs.
 */
export function reportScheduleId(name: string, taskQueue: string): string {
  return taskQueue === DEFAULT_TASK_QUEUE ? name : `${name}-${taskQueue}`;
}
