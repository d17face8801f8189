import { ApplicationFailure, log, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import { formatIsoWeek, isoWeekOfInstant } from './briefing-week';
import type { BriefingActivities, BriefingInput, BriefingResult } from './briefing.types';
import { SCHEDULED_START_TIME } from './scheduled';

// Retried until they succeed: the database or the calendar down delays a pack, it never drops it.
// Heartbeats notice a dead worker within seconds.
const { briefingIssueTime, issueBriefing } = proxyActivities<BriefingActivities>({
  startToCloseTimeout: '5m',
  heartbeatTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** Wakes after each sleep to read the calendar again (a day off decided while it slept moves the issue further). */
const MAX_WAITS = 10;

/**
 * Issues a week's briefing pack: its week from the input or from the schedule's scheduled start
 * time (never the clock, so a late run or a backfill makes the same week's pack); waits until the
 * issue time (Monday 08:00, or 08:00 of the next working day when Monday is a day off); then
 * counts, stores and sends the pack (one activity, idempotent).
 */
export async function briefingWorkflow(input: BriefingInput = {}): Promise<BriefingResult> {
  let week = input.week;
  if (!week) {
    const scheduled = workflowInfo().typedSearchAttributes.get(SCHEDULED_START_TIME);
    if (!scheduled) {
      throw ApplicationFailure.create({ type: 'BRIEFING_WEEK_UNKNOWN', message: 'a briefing started without a week needs the schedule’s TemporalScheduledStartTime', nonRetryable: true });
    }
    week = formatIsoWeek(isoWeekOfInstant(scheduled.getTime()));
  }
  for (let waits = 0; waits < MAX_WAITS; waits++) {
    const { issueAt, mondayOff } = await briefingIssueTime({ week });
    const wait = issueAt - Date.now();
    if (wait <= 0) break;
    log.info('waiting for the briefing’s issue time', { week, issueAt: new Date(issueAt).toISOString(), mondayOff });
    await sleep(wait);
  }
  const result = await issueBriefing({ week, version: input.version ?? null, reason: input.reason ?? null, requestedBy: input.requestedBy ?? null, workflowId: workflowInfo().workflowId });
  log.info('briefing issued', { ...result });
  return result;
}
