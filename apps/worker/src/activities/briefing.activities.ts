import { Injectable } from '@nestjs/common';
import { BriefingsService } from '@dondoc/tasks';
import type { BriefingActivities } from '@dondoc/workflows/briefing.types';
import { heartbeating } from './heartbeat';

/** The weekly briefing: when a week's pack is issued, and issuing it. */
@Injectable()
export class BriefingActivitiesService implements BriefingActivities {
  constructor(private readonly briefings: BriefingsService) {}

  briefingIssueTime: BriefingActivities['briefingIssueTime'] = ({ week }) => heartbeating(() => this.briefings.issueTime(week));

  issueBriefing: BriefingActivities['issueBriefing'] = (input) => heartbeating(() => this.briefings.issue(input));
}
