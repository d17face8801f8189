/**
 * What each action (a Temporal Update) may do and what it changes: `validate` says why the state
 * does not allow it, `apply` changes the state and returns the events to record.
 */
import { claimedCriteria, evidenceProblems, verificationPlan } from './evidence-rules';
import { startAfterCare } from './task-after-care';
import { endOpenBlockers } from './task-blockers';
import { closed, invalidFields, laterDue, refuse, underReview } from './task-refusals';
import { autoAcknowledge, emit, SECOND } from './task-state';
import { setReminderTimes } from './task-due';
import type { ActorRef, CriterionCheck, Refusal, TaskDefinition, TaskEvent, TaskState } from './task-domain.types';
import type {
  AcknowledgeArgs,
  AnswerExplanationArgs,
  CancelArgs,
  DecideArgs,
  DecideExtensionArgs,
  DecideBeyondAuthorityArgs,
  ProgressArgs,
  RaiseBeyondAuthorityArgs,
  RequestExplanationArgs,
  RequestExtensionArgs,
  ReviewEvidenceArgs,
  SubmitEvidenceArgs,
} from './task-messages';

export interface Action<Args> {
  /**
   * Why the input itself is refused, whatever the state (each field at fault), or null. Runs in the
   * update validator only: the input cannot change before the handler runs, and accepted updates
   * replay through the handler unchanged.
   */
  validateInput?(task: TaskDefinition, args: Args): Refusal | null;
  /** Why the current state does not allow the action, or null. Runs in the update validator and again in the handler. */
  validate(task: TaskDefinition, state: TaskState, args: Args, now: number): Refusal | null;
  /** Changes the state; returns the events to record. Only called after `validate` returned null. */
  apply(task: TaskDefinition, state: TaskState, args: Args, now: number): TaskEvent[];
}

/** Moves the due time: every future timer follows it, and the reminders before it fire again. */
function extend(state: TaskState, newDueAt: number, now: number): void {
  state.dueAt = newDueAt;
  state.dueSetAt = now;
  state.remindersFired = [];
  // Working-day reminders belong to the former due time; the workflow counts them again (an activity).
  if (state.reminderTimes !== undefined) setReminderTimes(state, []);
  state.ladderFired = [];
  state.headNotified = false;
  state.overdue = false;
  state.overdueSince = null;
  // Escalations of the old due time no longer apply; the ladder runs again from the new one.
  for (const p of state.proposals.filter((p) => p.status === 'PENDING')) p.status = 'SUPERSEDED';
}

function supersedePending(state: TaskState): void {
  for (const p of state.proposals.filter((p) => p.status === 'PENDING')) p.status = 'SUPERSEDED';
  for (const e of state.extensions.filter((e) => e.status === 'PENDING')) e.status = 'SUPERSEDED';
}

export const acknowledge: Action<AcknowledgeArgs> = {
  validate: (_task, state) =>
    closed(state) ?? (state.status !== 'ASSIGNED' ? refuse('alreadyAcknowledged') : null),
  apply: (_task, state, { actor }, now) => {
    const events: TaskEvent[] = [];
    state.acknowledgedAt = now;
    emit(state, events, now, 'ACKNOWLEDGED', { actor, to: 'IN_PROGRESS' });
    return events;
  },
};

export const reportProgress: Action<ProgressArgs> = {
  validate: (_task, state) => closed(state) ?? underReview(state),
  apply: (_task, state, { actor, percent, note }, now) => {
    const events: TaskEvent[] = [];
    autoAcknowledge(state, events, actor, now);
    state.progress = { percent, note, at: now, by: actor.id };
    emit(state, events, now, 'PROGRESS_REPORTED', { actor, data: { percent, note } });
    return events;
  },
};

export const requestExtension: Action<RequestExtensionArgs> = {
  validate: (_task, state, args, now) =>
    closed(state) ??
    underReview(state) ??
    (state.extensions.some((e) => e.status === 'PENDING') ? refuse('extensionPending') : laterDue(state, Date.parse(args.newDueAt), now)),
  apply: (_task, state, { actor, newDueAt, reason }, now) => {
    const events: TaskEvent[] = [];
    autoAcknowledge(state, events, actor, now);
    const id = `E${state.seq + 1}`;
    state.extensions.push({ id, requestedBy: actor.id, requestedAt: now, newDueAt: Date.parse(newDueAt), reason, status: 'PENDING', decidedBy: null, decidedAt: null, comment: null, remindedAt: null });
    emit(state, events, now, 'EXTENSION_REQUESTED', { actor, data: { requestId: id, newDueAt: new Date(Date.parse(newDueAt)).toISOString(), currentDueAt: new Date(state.dueAt).toISOString(), reason } });
    return events;
  },
};

export const decideExtension: Action<DecideExtensionArgs> = {
  validate: (_task, state, args, now) => {
    const request = state.extensions.find((e) => e.id === args.requestId);
    if (!request) return refuse('unknownRequest', { kind: 'extension', requestId: args.requestId });
    if (request.status !== 'PENDING') return refuse('alreadyDecided', { kind: 'extension' });
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    if (!args.approve && !args.comment?.trim()) return refuse('commentRequired');
    return args.approve && request.newDueAt <= now ? refuse('laterDue', { kind: 'requestPassed' }) : null;
  },
  apply: (_task, state, { actor, requestId, approve, comment, objectiveCause }, now) => {
    const events: TaskEvent[] = [];
    const request = state.extensions.find((e) => e.id === requestId)!;
    Object.assign(request, { status: approve ? 'APPROVED' : 'REJECTED', decidedBy: actor.id, decidedAt: now, comment, ...(approve && objectiveCause ? { objectiveCause: true } : {}) });
    const previousDueAt = new Date(state.dueAt).toISOString();
    if (approve) extend(state, request.newDueAt, now);
    emit(state, events, now, approve ? 'EXTENSION_APPROVED' : 'EXTENSION_REJECTED', {
      actor,
      data: { requestId, requestedBy: request.requestedBy, previousDueAt, newDueAt: new Date(request.newDueAt).toISOString(), comment, ...(approve && objectiveCause ? { objectiveCause: true } : {}) },
    });
    return events;
  },
};

export const requestExplanation: Action<RequestExplanationArgs> = {
  validate: (_task, state, args, now) => {
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    const deadline = Date.parse(args.deadline);
    return Number.isNaN(deadline) || deadline <= now ? refuse('futureDeadline') : null;
  },
  apply: (_task, state, { actor, question, deadline }, now) => {
    const events: TaskEvent[] = [];
    const id = `X${state.seq + 1}`;
    state.explanations.push({ id, requestedBy: actor.id, requestedAt: now, question, deadline: Date.parse(deadline), status: 'OPEN', overdueNotified: false, answer: null, answeredBy: null, answeredAt: null });
    emit(state, events, now, 'EXPLANATION_REQUESTED', { actor, data: { requestId: id, question, deadline: new Date(Date.parse(deadline)).toISOString() } });
    return events;
  },
};

export const answerExplanation: Action<AnswerExplanationArgs> = {
  validate: (_task, state, args) => {
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    const request = state.explanations.find((x) => x.id === args.requestId);
    if (!request) return refuse('unknownRequest', { kind: 'explanation', requestId: args.requestId });
    return request.status !== 'OPEN' ? refuse('alreadyAnswered') : null;
  },
  apply: (_task, state, { actor, requestId, answer }, now) => {
    const events: TaskEvent[] = [];
    autoAcknowledge(state, events, actor, now);
    const request = state.explanations.find((x) => x.id === requestId)!;
    Object.assign(request, { status: 'ANSWERED', answer, answeredBy: actor.id, answeredAt: now });
    emit(state, events, now, 'EXPLANATION_ANSWERED', { actor, data: { requestId, requestedBy: request.requestedBy, answer, late: now > request.deadline } });
    return events;
  },
};

export const raiseBeyondAuthority: Action<RaiseBeyondAuthorityArgs> = {
  validate: (_task, state) =>
    closed(state) ??
    (state.beyondAuthority.some((b) => b.status === 'PENDING') ? refuse('beyondAuthorityPending') : null),
  apply: (_task, state, { actor, reason }, now) => {
    const events: TaskEvent[] = [];
    autoAcknowledge(state, events, actor, now);
    const id = `B${state.seq + 1}`;
    state.beyondAuthority.push({ id, raisedBy: actor.id, raisedAt: now, reason, status: 'PENDING', decision: null, comment: null, decidedBy: null, decidedAt: null, remindedAt: null });
    emit(state, events, now, 'BEYOND_AUTHORITY_RAISED', { actor, data: { requestId: id, reason } });
    return events;
  },
};

export const decideBeyondAuthority: Action<DecideBeyondAuthorityArgs> = {
  validate: (_task, state, args, now) => {
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    const request = state.beyondAuthority.find((b) => b.id === args.requestId);
    if (!request) return refuse('unknownRequest', { kind: 'beyondAuthority', requestId: args.requestId });
    if (request.status !== 'PENDING') return refuse('alreadyDecided', { kind: 'beyondAuthority' });
    if (args.decision === 'EXTEND') return laterDue(state, Date.parse(args.newDueAt ?? ''), now);
    if (args.decision === 'REASSIGN') {
      if (!args.newLeadUnitId) return refuse('newLeadUnitId');
      if (args.newLeadUnitId === state.leadUnitId) return refuse('sameUnit');
    }
    return null;
  },
  apply: (_task, state, args, now) => {
    const events: TaskEvent[] = [];
    const request = state.beyondAuthority.find((b) => b.id === args.requestId)!;
    Object.assign(request, { status: 'DECIDED', decision: args.decision, comment: args.comment, decidedBy: args.actor.id, decidedAt: now });
    const data: Record<string, unknown> = { requestId: request.id, raisedBy: request.raisedBy, decision: args.decision, comment: args.comment };
    if (args.decision === 'EXTEND') {
      data.previousDueAt = new Date(state.dueAt).toISOString();
      extend(state, Date.parse(args.newDueAt!), now);
      data.newDueAt = new Date(state.dueAt).toISOString();
    }
    emit(state, events, now, 'BEYOND_AUTHORITY_DECIDED', { actor: args.actor, data });
    if (args.decision === 'CANCEL') {
      cancelTask(state, events, args.actor, args.comment, now);
      return events;
    }
    if (args.decision === 'REASSIGN') {
      const fromUnitId = state.leadUnitId;
      state.leadUnitId = args.newLeadUnitId!;
      state.focalOfficerId = args.newFocalOfficerId ?? null;
      state.acknowledgedAt = null;
      state.ackRemindersSent = 0;
      emit(state, events, now, 'REASSIGNED', { actor: args.actor, to: 'ASSIGNED', data: { fromUnitId, toUnitId: state.leadUnitId, focalOfficerId: state.focalOfficerId, comment: args.comment } });
      // The former lead unit's waiting ends with its part in the task.
      endOpenBlockers(state, events, now, 'REASSIGNED');
    }
    return events;
  },
};

export const decideEscalation: Action<DecideArgs> = {
  validate: (_task, state, args) => {
    const proposal = state.proposals.find((p) => p.id === args.requestId);
    if (!proposal) return refuse('unknownProposal', { requestId: args.requestId });
    if (proposal.status === 'SUPERSEDED') return refuse('superseded');
    if (proposal.status !== 'PENDING') return refuse('alreadyDecided', { kind: 'escalation' });
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    if (!proposal.deciders.includes(args.actor.id)) return refuse('notDecider', { level: proposal.level });
    return !args.approve && !args.comment?.trim() ? refuse('commentRequired') : null;
  },
  apply: (task, state, { actor, requestId, approve, comment }, now) => {
    const events: TaskEvent[] = [];
    const proposal = state.proposals.find((p) => p.id === requestId)!;
    Object.assign(proposal, { status: approve ? 'APPROVED' : 'REJECTED', decidedBy: actor.id, decidedAt: now, comment });
    if (approve) state.escalationLevel = Math.max(state.escalationLevel, proposal.level);
    emit(state, events, now, approve ? 'ESCALATION_APPROVED' : 'ESCALATION_REJECTED', { actor, data: { proposalId: requestId, level: proposal.level, comment } });
    if (approve && proposal.openExplanation) {
      const id = `X${state.seq + 1}`;
      const deadline = now + task.plan.explanationDeadline * SECOND;
      const question = `Giải trình việc chậm thực hiện nhiệm vụ (báo cáo cấp ${proposal.level}). / Explain the delay (escalation level ${proposal.level}).`;
      state.explanations.push({ id, requestedBy: actor.id, requestedAt: now, question, deadline, status: 'OPEN', overdueNotified: false, answer: null, answeredBy: null, answeredAt: null });
      emit(state, events, now, 'EXPLANATION_REQUESTED', { actor, data: { requestId: id, question, deadline: new Date(deadline).toISOString(), level: proposal.level } });
    }
    return events;
  },
};

export const submitEvidence: Action<SubmitEvidenceArgs> = {
  // Whoever calls the Update gets the same checks of the evidence (the API adds only the caller's role).
  validateInput: (task, { items }) => invalidFields('invalidEvidence', evidenceProblems(task, items)),
  validate: (_task, state) => closed(state) ?? underReview(state),
  apply: (task, state, { actor, items }, now) => {
    const events: TaskEvent[] = [];
    autoAcknowledge(state, events, actor, now);
    const id = `V${state.seq + 1}`;
    const probeCount = verificationPlan(task.plan).probeCount;
    const criteria = Object.fromEntries(
      claimedCriteria(items).map((criterion) => [
        criterion,
        { status: 'pending', reasons: [], startedAt: null, finishedAt: null, ...(criterion === 'OPERATING_PRODUCT' ? { probes: { done: 0, healthy: 0, of: probeCount } } : {}) } satisfies CriterionCheck,
      ]),
    );
    state.evidence = { id, submittedBy: actor.id, submittedAt: now, items, status: 'UNDER_REVIEW', criteria, verifiedAt: null, reviewers: state.reviewers, reviewedBy: null, reviewedAt: null, comment: null, rejections: {}, remindedAt: null };
    emit(state, events, now, 'EVIDENCE_SUBMITTED', { actor, to: 'EVIDENCE_SUBMITTED', data: { evidenceId: id, items, reviewers: state.reviewers } });
    return events;
  },
};

export const reviewEvidence: Action<ReviewEvidenceArgs> = {
  validate: (task, state, args) => {
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    if (state.status !== 'EVIDENCE_SUBMITTED' || state.evidence?.status !== 'UNDER_REVIEW') {
      return refuse('nothingToReview');
    }
    if (!args.approve && Object.keys(args.rejections).length === 0) {
      return refuse('reasonsRequired');
    }
    if (args.approve) {
      const evidence = state.evidence;
      if (evidence.verifiedAt === null) return refuse('verificationRunning');
      // A reviewer's click alone never closes a task: every required criterion must have passed its check.
      const unmet = task.plan.requiredCriteria.filter((c) => !['verified', 'attested'].includes(evidence.criteria[c]?.status ?? 'pending'));
      if (unmet.length > 0) return refuse('notVerified', { criteria: unmet.map((c) => `${c} (${evidence.criteria[c]?.status ?? 'missing'})`).join(', ') });
    }
    return null;
  },
  apply: (task, state, { actor, approve, comment, rejections }, now) => {
    const events: TaskEvent[] = [];
    const evidence = state.evidence!;
    Object.assign(evidence, { status: approve ? 'ACCEPTED' : 'REJECTED', reviewedBy: actor.id, reviewedAt: now, comment, rejections: approve ? {} : rejections });
    if (approve) {
      state.completedAt = now;
      startAfterCare(task, state, evidence, now);
      // The unit's work is judged by when it submitted the evidence, not by the reviewer's delay.
      state.completedOnTimeOriginal = evidence.submittedAt <= state.originalDueAt;
      state.completedOnTimeExtended = evidence.submittedAt <= state.dueAt;
      supersedePending(state);
      emit(state, events, now, 'EVIDENCE_ACCEPTED', {
        actor,
        to: 'DONE',
        data: { evidenceId: evidence.id, comment, onTimeOriginal: state.completedOnTimeOriginal, onTimeExtended: state.completedOnTimeExtended },
      });
      endOpenBlockers(state, events, now, 'TASK_CLOSED');
    } else {
      emit(state, events, now, 'EVIDENCE_REJECTED', { actor, to: 'IN_PROGRESS', data: { evidenceId: evidence.id, comment, rejections } });
    }
    return events;
  },
};

function cancelTask(state: TaskState, events: TaskEvent[], actor: ActorRef, reason: string, now: number): void {
  state.cancelledAt = now;
  state.cancelReason = reason;
  supersedePending(state);
  emit(state, events, now, 'CANCELLED', { actor, to: 'CANCELLED', data: { reason } });
  endOpenBlockers(state, events, now, 'TASK_CLOSED');
}

export const cancel: Action<CancelArgs> = {
  validate: (_task, state) => closed(state),
  apply: (_task, state, { actor, reason }, now) => {
    const events: TaskEvent[] = [];
    cancelTask(state, events, actor, reason, now);
    return events;
  },
};
