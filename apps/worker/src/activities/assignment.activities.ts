import { Injectable } from '@nestjs/common';
import { AssignmentStartsService } from '@dondoc/tasks';
import type { AssignmentActivities } from '@dondoc/workflows/assignment.types';
import { heartbeating } from './heartbeat';

/** A plan assignment: starting its task workflows page by page, then marking it started. */
@Injectable()
export class AssignmentActivitiesService implements AssignmentActivities {
  constructor(private readonly starts: AssignmentStartsService) {}

  startAssignmentPage: AssignmentActivities['startAssignmentPage'] = ({ assignmentId, after }) => heartbeating(() => this.starts.startPage(assignmentId, after));

  markAssignmentStarted: AssignmentActivities['markAssignmentStarted'] = ({ assignmentId, started }) => heartbeating(() => this.starts.markStarted(assignmentId, started));
}
