/**
 * The rules of the task lifecycle as pure functions over the state: which timers are due, what
 * each action may do and what it changes. No Temporal calls here, so every rule is unit-tested
 * directly; the workflow only runs them at the right moments (`import * as rules`).
 *
 * - task-state.ts: a new task's state, open/running/after-care, `emit` (every change of state)
 * - task-state-upcaster.ts: `upcastTaskState`, a state written by older code in this code's shape
 * - task-timers.ts: the timers the state has armed and what firing each one does
 * - task-actions.ts: each action's `validate` and `apply` (one per Temporal Update)
 * - task-verification.ts: the checks of submitted evidence and their conclusion
 * - task-after-care.ts: probing a done task's product, regression, closing it early
 * - task-due.ts: due times counted in working days (whether the term governs, a recount after the calendar changed)
 * - task-blockers.ts: units the lead unit waits on: declared, reminded, resolved, decided
 * - task-refusals.ts: why an action is refused (a rule and its parameters), and input no database could store
 * - evidence-rules.ts: what makes each criterion satisfied, and what a submission must hold
 */
export { emit, inAfterCare, initialState, isOpen, isRunning } from './task-state';
export { TaskStateVersionError, upcastTaskState } from './task-state-upcaster';
export { armedTimers, fireTimer, firstDueTimer, nextWakeup, type DueTimer, type TimerInput } from './task-timers';
export {
  acknowledge,
  answerExplanation,
  cancel,
  decideBeyondAuthority,
  decideEscalation,
  decideExtension,
  raiseBeyondAuthority,
  reportProgress,
  requestExplanation,
  requestExtension,
  reviewEvidence,
  submitEvidence,
  type Action,
} from './task-actions';
export { concludeVerification, countProbe, finishCheck, startCheck, verifiable } from './task-verification';
export { closeAfterCare } from './task-after-care';
export { hasWorkingDayReminders, recalculateDue, recalculationInput, setReminderTimes, termGoverns } from './task-due';
export { decideBlocker, declareBlocker, endOpenBlockers, MAX_BLOCKERS, resolveBlocker } from './task-blockers';
export { invalidInput } from './task-refusals';
export { evidenceProblems, missingCriteria } from './evidence-rules';
