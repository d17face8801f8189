import type { AssignmentActivities } from './assignment.types';
import type { BriefingActivities } from './briefing.types';
import type { CalendarChangeActivities } from './calendar-change.types';
import type { DiagnosticActivities } from './diagnostic.types';
import type { ScorecardsActivities } from './scorecards.types';
import type { CalendarActivities, EvidenceActivities, TaskActivities } from './task/task.types';

/** Every activity the worker registers; each workflow proxies the part it needs. */
export type Activities = AssignmentActivities & DiagnosticActivities & TaskActivities & EvidenceActivities & CalendarActivities & CalendarChangeActivities & ScorecardsActivities & BriefingActivities;
