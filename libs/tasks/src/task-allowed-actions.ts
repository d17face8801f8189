import {
  acknowledge,
  answerExplanation,
  cancel,
  closeAfterCare,
  decideBeyondAuthority,
  decideBlocker,
  decideEscalation,
  decideExtension,
  declareBlocker,
  raiseBeyondAuthority,
  reportProgress,
  requestExplanation,
  requestExtension,
  resolveBlocker,
  reviewEvidence,
  submitEvidence,
} from '@dondoc/workflows/task/task-rules';
import type { ActorRef, TaskDefinition, TaskState } from '@dondoc/workflows/task/task.types';
import type { TaskParts } from './task-access.service';

/**
 * What a person may do on a task, as the task's page offers it. Each name is one action route of
 * `/api/tasks/:id/…`; `answerExplanation`, `decideExtension`, `decideEscalation`,
 * `decideBeyondAuthority`, `resolveBlocker` and `decideBlocker` mean "at least one pending request
 * (blocker) of that kind that you may act on".
 */
export const TASK_ACTIONS = [
  'acknowledge',
  'progress',
  'requestExtension',
  'answerExplanation',
  'requestExplanation',
  'raiseBeyondAuthority',
  'submitEvidence',
  'reviewEvidence',
  'decideExtension',
  'decideEscalation',
  'decideBeyondAuthority',
  'cancel',
  'closeAfterCare',
  'declareBlocker',
  'resolveBlocker',
  'decideBlocker',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

const DAY = 86_400_000;

/** What the task's row holds that the rules read. */
export type ActionSubject = { definition: TaskDefinition; state: TaskState | null; afterCareUntil: Date | null };

/**
 * The actions the actor may take on the task right now: those whose part the actor holds (the
 * API's check, `TaskAccessService.parts`) and whose workflow validator accepts them in the
 * task's current state. Input the actor has yet to type (a reason, a due time, the evidence) is
 * taken as valid: a later due time, a deadline tomorrow, a rejection with its reason.
 * A task whose workflow has not yet recorded its first event (no state) offers nothing.
 */
export function allowedActions(task: ActionSubject, parts: TaskParts, actorId: string, now = Date.now()): TaskAction[] {
  const { definition, state } = task;
  if (!state) return [];
  const actor: ActorRef = { id: actorId, name: '', requestId: null };
  const accepts = <Args>(action: { validate(task: TaskDefinition, state: TaskState, args: Args, now: number): unknown }, args: Args) =>
    action.validate(definition, state, args, now) === null;
  const pending = <T extends { id: string; status: string }>(items: T[], status = 'PENDING') => items.filter((item) => item.status === status);
  const allowed: Record<TaskAction, boolean> = {
    acknowledge: parts.member && accepts(acknowledge, { actor }),
    progress: parts.member && accepts(reportProgress, { actor, percent: 0, note: '-' }),
    requestExtension: parts.member && accepts(requestExtension, { actor, newDueAt: new Date(Math.max(state.dueAt, now) + DAY).toISOString(), reason: '-' }),
    answerExplanation: parts.member && pending(state.explanations, 'OPEN').some((x) => accepts(answerExplanation, { actor, requestId: x.id, answer: '-' })),
    requestExplanation: parts.supervisor && accepts(requestExplanation, { actor, question: '-', deadline: new Date(now + DAY).toISOString() }),
    raiseBeyondAuthority: parts.member && accepts(raiseBeyondAuthority, { actor, reason: '-' }),
    submitEvidence: parts.member && accepts(submitEvidence, { actor, items: {} }),
    // A rejection with a reason is always possible while evidence awaits review; approval needs the checks to pass.
    reviewEvidence: parts.reviewer && accepts(reviewEvidence, { actor, approve: false, comment: null, rejections: { OPERATING_PRODUCT: '-' } }),
    decideExtension: parts.supervisor && pending(state.extensions).some((e) => accepts(decideExtension, { actor, requestId: e.id, approve: false, comment: '-' })),
    decideEscalation: pending(state.proposals)
      .filter((p) => parts.deciderOf.includes(p.id))
      .some((p) => accepts(decideEscalation, { actor, requestId: p.id, approve: false, comment: '-' })),
    decideBeyondAuthority:
      parts.supervisor && pending(state.beyondAuthority).some((b) => accepts(decideBeyondAuthority, { actor, requestId: b.id, decision: 'DIRECTION', comment: '-', newFocalOfficerId: null })),
    cancel: parts.canceller && accepts(cancel, { actor, reason: '-' }),
    closeAfterCare: parts.administrator && task.afterCareUntil !== null && accepts(closeAfterCare, { actor, reason: '-' }),
    // Declared on a unit the task does not name, with a reason: what the state allows, whatever unit is picked.
    declareBlocker: parts.member && accepts(declareBlocker, { actor, blockingUnitId: '-', awaited: '-', since: null, reason: '-' }),
    resolveBlocker: pending(state.blockers, 'OPEN')
      .filter((b) => parts.blockerResolverOf.includes(b.id))
      .some((b) => accepts(resolveBlocker, { actor, blockerId: b.id, resolution: '-' })),
    decideBlocker: state.blockers
      .filter((b) => parts.blockerDeciderOf.includes(b.id))
      .some((b) => accepts(decideBlocker, { actor, blockerId: b.id, confirm: true, end: false, comment: '-' })),
  };
  return TASK_ACTIONS.filter((action) => allowed[action]);
}
