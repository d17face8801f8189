import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';

/**
 * The instant a Temporal Schedule meant an action for (the search attribute the server sets on the
 * workflows a schedule starts, backfills included): a scheduled workflow derives its period from
 * it, never from the clock, so a late, repeated or backfilled run makes the same report.
 */
export const SCHEDULED_START_TIME = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * Creates a schedule, or brings the one already there to these options (spec, action, policies,
 * state) — at every worker start, so a changed time or time zone reaches the server. Returns
 * whether it was created.
 */
export async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const { scheduleId, memo: _memo, searchAttributes: _attributes, typedSearchAttributes: _typed, ...update } = options;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, ...update, state: { ...previous.state, ...update.state } }));
    return 'updated';
  }
}
