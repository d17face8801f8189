import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { workflowInfo } from '@temporalio/workflow';

/**
 * The instant a Temporal Schedule meant an action for: the search attribute the server sets on the
 * workflows a schedule starts, backfills included. A scheduled workflow derives its period from
 * it, never from the clock, so a late, repeated or backfilled run makes the same report.
 */
export const SCHEDULED_START_TIME: SearchAttributeKey<'DATETIME'> = { name: 'TemporalScheduledStartTime', type: 'DATETIME' };

/** The instant the schedule meant this run for; the workflow's start time for a run no schedule started. */
export function scheduledStartTime(): Date {
  const info = workflowInfo();
  return info.typedSearchAttributes.get(SCHEDULED_START_TIME) ?? new Date(info.startTime);
}
