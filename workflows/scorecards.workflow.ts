import { proxyActivities, sleep } from '@temporalio/workflow';
import { scheduledStartTime } from './scheduled';
import type { ScorecardsActivities, ScorecardsInput, ScorecardsOutcome } from './scorecards.types';

const { scorecardIssueTime, publishScorecards } = proxyActivities<ScorecardsActivities>({
  startToCloseTimeout: '30m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m' },
});

/**
 * A quarter's scorecards. From the schedule: the quarter that ended before the instant the schedule
 * meant, published at 07:00 of the first working day after its cut-off (waiting when the day after
 * is a day off). From an administrator: the quarter asked for, at once.
 */
export async function quarterlyScorecardsWorkflow(input: ScorecardsInput = {}): Promise<ScorecardsOutcome> {
  let quarter = input.quarter;
  if (!quarter) {
    const issue = await scorecardIssueTime({ scheduledAt: scheduledStartTime().toISOString() });
    quarter = issue.quarter;
    const wait = Date.parse(issue.issueAt) - Date.now();
    if (wait > 0) await sleep(wait);
  }
  return publishScorecards({ quarter, reason: input.reason ?? null, actor: input.actor });
}
