/** Entry point of the workflow bundle: every workflow function the worker runs, and nothing else. */
export { assignmentWorkflow } from './assignment.workflow';
export { briefingWorkflow } from './briefing.workflow';
export { calendarChangeWorkflow } from './calendar-change.workflow';
export { diagnosticWorkflow } from './diagnostic.workflow';
export { quarterlyScorecardsWorkflow } from './scorecards.workflow';
export { taskLifecycleWorkflow } from './task/task-lifecycle.workflow';
