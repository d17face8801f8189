import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CalendarChangeActivities, CalendarChangeInput, CalendarChangeResult } from './calendar-change.types';

// Retried until they succeed, like the task activities: Temporal or the database down delays the
// recalculation, it never drops it. A page waits for each task workflow's answer (an activity of
// its own), so its bound is minutes; heartbeats notice a dead worker within seconds.
const { recalculateDuePage, markCalendarChangeRecalculated } = proxyActivities<CalendarChangeActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** Pages per run: a change that moves a very large number of tasks continues as new with its cursor. */
const PAGES_PER_RUN = 500;

/**
 * Recalculates the due times a committed change of the working-day calendar moves: tells every
 * affected open task's workflow, page after page, then marks the change recalculated. Started by
 * the API right after the change commits, and by the worker's sweeper for a change nobody finished.
 */
export async function calendarChangeWorkflow(input: CalendarChangeInput): Promise<CalendarChangeResult> {
  const { revision } = input;
  let after = input.after ?? null;
  let told = input.told ?? 0;
  for (let pages = 0; ; pages++) {
    if (pages > 0 && (pages === PAGES_PER_RUN || workflowInfo().continueAsNewSuggested)) {
      await continueAsNew<typeof calendarChangeWorkflow>({ revision, after, told });
    }
    const page = await recalculateDuePage({ revision, after });
    told += page.told;
    if (page.next === null) break;
    after = page.next;
  }
  await markCalendarChangeRecalculated({ revision, tasks: told });
  return { revision, tasks: told };
}
