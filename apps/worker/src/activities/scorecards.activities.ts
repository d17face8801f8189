import { Injectable } from '@nestjs/common';
import type { Actor } from '@dondoc/common';
import { ScorecardsService } from '@dondoc/tasks';
import type { ScorecardsActivities } from '@dondoc/workflows/scorecards.types';
import { heartbeating } from './heartbeat';

/** The quarterly scorecards: when a scheduled run issues, and publishing them. */
@Injectable()
export class ScorecardsActivitiesService implements ScorecardsActivities {
  constructor(private readonly scorecards: ScorecardsService) {}

  scorecardIssueTime: ScorecardsActivities['scorecardIssueTime'] = ({ scheduledAt }) => heartbeating(() => this.scorecards.issueTime(new Date(scheduledAt)));

  publishScorecards: ScorecardsActivities['publishScorecards'] = ({ quarter, reason, actor }) =>
    heartbeating(async () => {
      const { ids: _ids, ...outcome } = await this.scorecards.publish({ quarter, reason, actor: (actor as Actor | undefined) ?? null });
      return outcome;
    });
}
