/**
 * The rules of the task lifecycle as pure functions over the state: which timers are due, what
 * each action may do and what it changes. No Temporal calls here, so every rule is unit-tested
 * directly; the workflow only runs them at the right moments.
 */
import { findTextProblems } from '../text-rules';
import { claimedCriteria, verificationPlan } from './evidence-rules';
import type {
  AcknowledgeArgs,
  CheckReasonRef,
  CloseAfterCareArgs,
  Criterion,
  CriterionCheck,
  ActorRef,
  AnswerExplanationArgs,
  CancelArgs,
  DecideArgs,
  DecideBeyondAuthorityArgs,
  ProgressArgs,
  Proposal,
  RaiseBeyondAuthorityArgs,
  Refusal,
  RequestExplanationArgs,
  RequestExtensionArgs,
  ReviewEvidenceArgs,
  SubmitEvidenceArgs,
  TaskDefinition,
  TaskEvent,
  TaskEventType,
  TaskState,
  TaskStatus,
} from './task.types';

const SECOND = 1_000;

export function isOpen(state: TaskState): boolean {
  return state.status !== 'DONE' && state.status !== 'CANCELLED';
}

/** Whether a done task's product is still being watched. */
export function inAfterCare(state: TaskState): boolean {
  const care = state.afterCare;
  return state.status === 'DONE' && Boolean(care) && care!.closedAt === null && care!.endedAt === null;
}

/** Whether the workflow still has something to do (an open task, or after-care). */
export function isRunning(state: TaskState): boolean {
  return isOpen(state) || inAfterCare(state);
}

export function initialState(task: TaskDefinition, reviewers: string[]): TaskState {
  const dueAt = Date.parse(task.dueAt);
  return {
    status: 'ASSIGNED',
    seq: 0,
    version: 0,
    dueAt,
    originalDueAt: dueAt,
    dueSetAt: Date.parse(task.assignedAt),
    acknowledgedAt: null,
    ackRemindersSent: 0,
    remindersFired: [],
    overdue: false,
    overdueSince: null,
    headNotified: false,
    ladderFired: [],
    escalationLevel: 0,
    proposals: [],
    extensions: [],
    explanations: [],
    beyondAuthority: [],
    evidence: null,
    progress: null,
    leadUnitId: task.leadUnitId,
    focalOfficerId: task.focalOfficerId,
    reviewers,
    completedAt: null,
    completedOnTimeOriginal: null,
    completedOnTimeExtended: null,
    cancelledAt: null,
    cancelReason: null,
  };
}

/** Appends an event (and moves to `to`, if given); every change of state goes through here. */
export function emit(
  state: TaskState,
  events: TaskEvent[],
  now: number,
  type: TaskEventType,
  options: { actor?: ActorRef | null; to?: TaskStatus; data?: Record<string, unknown> } = {},
): void {
  const fromStatus = state.status;
  if (options.to) state.status = options.to;
  state.seq += 1;
  state.version += 1;
  events.push({
    seq: state.seq,
    type,
    at: now,
    actorId: options.actor?.id ?? null,
    requestId: options.actor?.requestId ?? null,
    fromStatus,
    toStatus: state.status,
    data: options.data ?? {},
  });
}

/** The start of the window in which acknowledgement reminders count (assignment or reassignment). */
function ackFrom(task: TaskDefinition, state: TaskState): number {
  const reassigned = [...state.beyondAuthority].reverse().find((b) => b.decision === 'REASSIGN');
  return reassigned?.decidedAt ?? Date.parse(task.assignedAt);
}

// ----- timers -----------------------------------------------------------------------------------

export type DueTimer =
  | { kind: 'ACK_REMINDER'; at: number }
  | { kind: 'REMINDER'; at: number; offset: number }
  | { kind: 'OVERDUE'; at: number }
  | { kind: 'LADDER'; at: number; level: number }
  | { kind: 'DECISION_REMINDER'; at: number; item: 'proposal' | 'extension' | 'beyondAuthority' | 'evidence'; id: string }
  | { kind: 'EXPLANATION_OVERDUE'; at: number; id: string }
  | { kind: 'AFTER_CARE_PROBE'; at: number }
  | { kind: 'AFTER_CARE_END'; at: number };

/** Every timer the state has armed, earliest first. None once the task is done or cancelled. */
export function armedTimers(task: TaskDefinition, state: TaskState): DueTimer[] {
  if (inAfterCare(state)) {
    const care = state.afterCare!;
    return care.nextAt <= care.endsAt ? [{ kind: 'AFTER_CARE_PROBE', at: care.nextAt }, { kind: 'AFTER_CARE_END', at: care.endsAt }] : [{ kind: 'AFTER_CARE_END', at: care.endsAt }];
  }
  if (!isOpen(state)) return [];
  const plan = task.plan;
  const timers: DueTimer[] = [];
  const every = plan.decisionReminderEvery * SECOND;
  // While evidence is under review the unit has done its part: its own clocks wait for the review.
  if (state.status !== 'EVIDENCE_SUBMITTED') {
    if (state.acknowledgedAt === null && plan.ackReminderEvery && state.ackRemindersSent < plan.ackReminderMax) {
      timers.push({ kind: 'ACK_REMINDER', at: ackFrom(task, state) + (state.ackRemindersSent + 1) * plan.ackReminderEvery * SECOND });
    }
    for (const offset of plan.reminderOffsets) {
      const at = state.dueAt - offset * SECOND;
      // Only reminders still ahead when the due time was set; an extension re-arms them.
      if (!state.remindersFired.includes(offset) && at >= state.dueSetAt) timers.push({ kind: 'REMINDER', at, offset });
    }
    if (!state.headNotified) timers.push({ kind: 'OVERDUE', at: state.dueAt });
    for (const rung of plan.ladder) {
      if (!state.ladderFired.includes(rung.level)) timers.push({ kind: 'LADDER', at: state.dueAt + rung.afterDue * SECOND, level: rung.level });
    }
  }
  for (const p of state.proposals.filter((p) => p.status === 'PENDING')) {
    timers.push({ kind: 'DECISION_REMINDER', at: (p.remindedAt ?? p.proposedAt) + every, item: 'proposal', id: p.id });
  }
  for (const e of state.extensions.filter((e) => e.status === 'PENDING')) {
    timers.push({ kind: 'DECISION_REMINDER', at: (e.remindedAt ?? e.requestedAt) + every, item: 'extension', id: e.id });
  }
  for (const b of state.beyondAuthority.filter((b) => b.status === 'PENDING')) {
    timers.push({ kind: 'DECISION_REMINDER', at: (b.remindedAt ?? b.raisedAt) + every, item: 'beyondAuthority', id: b.id });
  }
  // The reviewer is reminded once the evidence is verified (not while the checks run).
  if (state.evidence?.status === 'UNDER_REVIEW' && state.evidence.verifiedAt !== null) {
    timers.push({ kind: 'DECISION_REMINDER', at: (state.evidence.remindedAt ?? state.evidence.submittedAt) + every, item: 'evidence', id: state.evidence.id });
  }
  for (const x of state.explanations.filter((x) => x.status === 'OPEN' && !x.overdueNotified)) {
    timers.push({ kind: 'EXPLANATION_OVERDUE', at: x.deadline, id: x.id });
  }
  const order: Record<DueTimer['kind'], number> = { ACK_REMINDER: 0, REMINDER: 1, OVERDUE: 2, LADDER: 3, DECISION_REMINDER: 4, EXPLANATION_OVERDUE: 5, AFTER_CARE_PROBE: 6, AFTER_CARE_END: 7 };
  return timers.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);
}

/** When the workflow must next wake up by itself, or null if only an action can change anything. */
export function nextWakeup(task: TaskDefinition, state: TaskState): number | null {
  return armedTimers(task, state)[0]?.at ?? null;
}

/** The earliest timer due at `now`, if any (the workflow fires them one by one). */
export function firstDueTimer(task: TaskDefinition, state: TaskState, now: number): DueTimer | undefined {
  const first = armedTimers(task, state)[0];
  return first && first.at <= now ? first : undefined;
}

/** What some timers need from the outside world: a LADDER the deciders of its level, an after-care probe its result. */
export interface TimerInput {
  deciders?: string[];
  probe?: { ok: boolean; reasons: CheckReasonRef[] };
  /**
   * After-care slots that passed while no worker ran are not made up for: the probe on return
   * counts for them and the next one keeps to the schedule. (False only when replaying a
   * history recorded before this rule, which made them up back to back.)
   */
  skipMissedProbes?: boolean;
}

/** Fires a timer. */
export function fireTimer(task: TaskDefinition, state: TaskState, timer: DueTimer, now: number, input: TimerInput = {}): TaskEvent[] {
  const deciders = input.deciders ?? [];
  const events: TaskEvent[] = [];
  switch (timer.kind) {
    case 'ACK_REMINDER':
      state.ackRemindersSent += 1;
      emit(state, events, now, 'ACK_REMINDER', { data: { count: state.ackRemindersSent, of: task.plan.ackReminderMax } });
      break;
    case 'REMINDER':
      state.remindersFired.push(timer.offset);
      emit(state, events, now, 'REMINDER', { data: { offsetSeconds: timer.offset, dueAt: new Date(state.dueAt).toISOString() } });
      break;
    case 'OVERDUE':
      state.headNotified = true;
      state.overdue = true;
      state.overdueSince = state.dueAt;
      state.escalationLevel = Math.max(state.escalationLevel, 1);
      emit(state, events, now, 'OVERDUE', { data: { level: 1, dueAt: new Date(state.dueAt).toISOString() } });
      break;
    case 'LADDER': {
      const rung = task.plan.ladder.find((r) => r.level === timer.level)!;
      state.ladderFired.push(timer.level);
      const id = `P${state.seq + 1}`;
      state.proposals.push({
        id,
        level: timer.level,
        proposedAt: now,
        deciders,
        status: 'PENDING',
        decidedBy: null,
        decidedAt: null,
        comment: null,
        remindedAt: null,
        openExplanation: rung.openExplanation,
      });
      emit(state, events, now, 'ESCALATION_PROPOSED', { data: { proposalId: id, level: timer.level, deciders, decider: rung.decider.type } });
      break;
    }
    case 'DECISION_REMINDER': {
      const item =
        timer.item === 'proposal'
          ? state.proposals.find((p) => p.id === timer.id)
          : timer.item === 'extension'
            ? state.extensions.find((e) => e.id === timer.id)
            : timer.item === 'beyondAuthority'
              ? state.beyondAuthority.find((b) => b.id === timer.id)
              : state.evidence;
      if (item) item.remindedAt = now;
      const proposal = timer.item === 'proposal' ? (item as Proposal | undefined) : undefined;
      emit(state, events, now, 'DECISION_REMINDER', { data: { item: timer.item, id: timer.id, ...(proposal ? { level: proposal.level, deciders: proposal.deciders } : {}) } });
      break;
    }
    case 'EXPLANATION_OVERDUE': {
      const x = state.explanations.find((e) => e.id === timer.id)!;
      x.overdueNotified = true;
      emit(state, events, now, 'EXPLANATION_OVERDUE', { data: { requestId: x.id, requestedBy: x.requestedBy, deadline: new Date(x.deadline).toISOString() } });
      break;
    }
    case 'AFTER_CARE_PROBE': {
      const care = state.afterCare!;
      const probe = input.probe ?? { ok: false, reasons: [] };
      const every = (task.plan.afterCare?.every ?? 0) * SECOND;
      // A probe dondoc could not make (its own trouble) says nothing about the product.
      const unavailable = !probe.ok && probe.reasons.length > 0 && probe.reasons.every((r) => r.code === 'CHECK_UNAVAILABLE');
      care.probes += 1;
      care.lastCheckedAt = now;
      care.nextAt += every;
      // Slots missed while dondoc was down: said in the timeline, never probed back to back.
      const missed = input.skipMissedProbes && every > 0 && care.nextAt <= now ? Math.floor((now - care.nextAt) / every) + 1 : 0;
      care.nextAt += missed * every;
      if (!unavailable) {
        care.lastOk = probe.ok;
        care.consecutiveFailures = probe.ok ? 0 : care.consecutiveFailures + 1;
      }
      const ok = unavailable ? null : probe.ok;
      emit(state, events, now, 'AFTER_CARE_CHECKED', { data: { probe: care.probes, ...(missed ? { missed } : {}), ok, reasons: probe.reasons, consecutiveFailures: care.consecutiveFailures } });
      if (unavailable) break;
      if (!probe.ok && !care.regressed && care.consecutiveFailures >= (task.plan.afterCare?.failuresToRegress ?? 1)) {
        care.regressed = true;
        emit(state, events, now, 'REGRESSED', { data: { url: care.url, consecutiveFailures: care.consecutiveFailures, reasons: probe.reasons } });
      } else if (probe.ok && care.regressed) {
        care.regressed = false;
        emit(state, events, now, 'RECOVERED', { data: { url: care.url } });
      }
      break;
    }
    case 'AFTER_CARE_END': {
      const care = state.afterCare!;
      care.endedAt = now;
      emit(state, events, now, 'AFTER_CARE_ENDED', { data: { probes: care.probes, regressed: care.regressed } });
      break;
    }
  }
  return events;
}

// ----- verification of evidence --------------------------------------------------------------------

/** The submission being verified, if `evidenceId` is still the current one and under review (not rejected, not cancelled). */
export function verifiable(state: TaskState, evidenceId: string) {
  const evidence = state.evidence;
  return state.status === 'EVIDENCE_SUBMITTED' && state.cancelledAt === null && evidence && evidence.id === evidenceId && evidence.status === 'UNDER_REVIEW' && evidence.verifiedAt === null ? evidence : undefined;
}

/** Marks a criterion's check as running. */
export function startCheck(state: TaskState, evidenceId: string, criterion: Criterion, now: number): void {
  const check = verifiable(state, evidenceId)?.criteria[criterion];
  if (check && check.status === 'pending') Object.assign(check, { status: 'verifying', startedAt: now });
}

/** Counts one probe of the operating product (no timeline entry: every probe is stored by the worker). */
export function countProbe(state: TaskState, evidenceId: string, ok: boolean): void {
  const probes = verifiable(state, evidenceId)?.criteria.OPERATING_PRODUCT?.probes;
  if (!probes) return;
  probes.done += 1;
  if (ok) probes.healthy += 1;
}

/** Records the result of one criterion's check, in the timeline. */
export function finishCheck(
  state: TaskState,
  evidenceId: string,
  criterion: Criterion,
  outcome: { status: 'verified' | 'failed' | 'attested'; reasons: CheckReasonRef[]; value?: number | null },
  now: number,
): TaskEvent[] {
  const events: TaskEvent[] = [];
  const check = verifiable(state, evidenceId)?.criteria[criterion];
  if (!check || check.status === 'verified' || check.status === 'failed' || check.status === 'attested') return events;
  Object.assign(check, { status: outcome.status, reasons: outcome.reasons, finishedAt: now, startedAt: check.startedAt ?? now }, outcome.value !== undefined ? { value: outcome.value } : {});
  const type = outcome.status === 'verified' ? 'CRITERION_VERIFIED' : outcome.status === 'attested' ? 'CRITERION_ATTESTED' : 'CRITERION_FAILED';
  emit(state, events, now, type, { data: { evidenceId, criterion, reasons: outcome.reasons, ...(outcome.value !== undefined ? { value: outcome.value } : {}), ...(check.probes ? { probes: check.probes } : {}) } });
  return events;
}

/**
 * Once every claimed criterion has a result: verified evidence waits for the reviewer; evidence
 * that failed a check goes back to the unit, with the reasons, to be fixed and submitted again.
 */
export function concludeVerification(state: TaskState, evidenceId: string, now: number): TaskEvent[] {
  const events: TaskEvent[] = [];
  const evidence = verifiable(state, evidenceId);
  if (!evidence) return events;
  const checks = Object.entries(evidence.criteria) as [Criterion, CriterionCheck][];
  if (checks.some(([, check]) => check.status === 'pending' || check.status === 'verifying')) return events;
  evidence.verifiedAt = now;
  const failed = checks.filter(([, check]) => check.status === 'failed').map(([criterion, check]) => ({ criterion, reasons: check.reasons }));
  if (failed.length === 0) {
    emit(state, events, now, 'EVIDENCE_VERIFIED', { data: { evidenceId, criteria: Object.fromEntries(checks.map(([c, check]) => [c, check.status])), reviewers: evidence.reviewers } });
  } else {
    evidence.status = 'FAILED_VERIFICATION';
    emit(state, events, now, 'EVIDENCE_VERIFICATION_FAILED', { to: 'IN_PROGRESS', data: { evidenceId, failed } });
  }
  return events;
}

export const closeAfterCare: Action<CloseAfterCareArgs> = {
  validate: (_task, state) =>
    inAfterCare(state) ? null : refuse('noAfterCare', 'nhiệm vụ không trong giai đoạn theo dõi sau hoàn thành.', 'the task is not in after-care.'),
  apply: (_task, state, { actor, reason }, now) => {
    const events: TaskEvent[] = [];
    Object.assign(state.afterCare!, { closedAt: now, closeReason: reason });
    emit(state, events, now, 'AFTER_CARE_CLOSED', { actor, data: { reason, probes: state.afterCare!.probes, regressed: state.afterCare!.regressed } });
    return events;
  },
};

// ----- actions ----------------------------------------------------------------------------------

const refuse = (rule: string, vi: string, en: string): Refusal => ({ rule, vi, en });

const STATUS_TEXT: Record<TaskStatus, { vi: string; en: string }> = {
  ASSIGNED: { vi: 'mới được giao', en: 'assigned' },
  IN_PROGRESS: { vi: 'đang thực hiện', en: 'in progress' },
  EVIDENCE_SUBMITTED: { vi: 'đang chờ duyệt minh chứng', en: 'awaiting evidence review' },
  DONE: { vi: 'đã hoàn thành', en: 'done' },
  CANCELLED: { vi: 'đã huỷ', en: 'cancelled' },
};

function closed(state: TaskState): Refusal | null {
  if (isOpen(state)) return null;
  const text = STATUS_TEXT[state.status];
  return refuse('taskClosed', `nhiệm vụ ${text.vi}; không thể thực hiện thao tác này.`, `the task is ${text.en}; no action is possible.`);
}

function underReview(state: TaskState): Refusal | null {
  return state.status === 'EVIDENCE_SUBMITTED'
    ? refuse('underReview', 'minh chứng đang chờ duyệt; hãy chờ kết quả duyệt.', 'evidence is awaiting review; wait for the review.')
    : null;
}

function laterDue(state: TaskState, newDueAt: number, now: number): Refusal | null {
  if (Number.isNaN(newDueAt)) return refuse('newDueAt', 'thời hạn mới không hợp lệ.', 'the new due time is not valid.');
  if (newDueAt <= state.dueAt || newDueAt <= now) {
    return refuse('laterDue', 'thời hạn mới phải sau thời hạn hiện tại và sau thời điểm này.', 'the new due time must be after the current one and in the future.');
  }
  return null;
}

/** A unit's first action on an unacknowledged task acknowledges it. */
function autoAcknowledge(state: TaskState, events: TaskEvent[], actor: ActorRef, now: number): void {
  if (state.status !== 'ASSIGNED') return;
  state.acknowledgedAt = now;
  emit(state, events, now, 'ACKNOWLEDGED', { actor, to: 'IN_PROGRESS', data: { implicit: true } });
}

/** Moves the due time: every future timer follows it, and the reminders before it fire again. */
function extend(state: TaskState, newDueAt: number, now: number): void {
  state.dueAt = newDueAt;
  state.dueSetAt = now;
  state.remindersFired = [];
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

export interface Action<Args> {
  /** Why the current state does not allow the action, or null. Runs in the update validator and again in the handler. */
  validate(task: TaskDefinition, state: TaskState, args: Args, now: number): Refusal | null;
  /** Changes the state; returns the events to record. Only called after `validate` returned null. */
  apply(task: TaskDefinition, state: TaskState, args: Args, now: number): TaskEvent[];
}

/**
 * Text an action carries that no database could store (a control character, a lone surrogate)
 * or nested beyond reason: refused before the action is accepted, whoever calls the Update.
 */
export function invalidInput(args: object): Refusal | null {
  const [problem] = findTextProblems(args);
  if (!problem) return null;
  const field = problem.field || 'args';
  return {
    rule: 'invalidText',
    field,
    vi: `${field} chứa ký tự không hợp lệ (ký tự điều khiển hoặc Unicode không hợp lệ).`,
    en: `${field} contains characters that are not allowed (a control character or invalid Unicode).`,
  };
}

export const acknowledge: Action<AcknowledgeArgs> = {
  validate: (_task, state) =>
    closed(state) ?? (state.status !== 'ASSIGNED' ? refuse('alreadyAcknowledged', 'nhiệm vụ đã được xác nhận tiếp nhận.', 'the task was already acknowledged.') : null),
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
    (state.extensions.some((e) => e.status === 'PENDING')
      ? refuse('extensionPending', 'đã có một đề nghị gia hạn đang chờ quyết định.', 'an extension request is already awaiting a decision.')
      : laterDue(state, Date.parse(args.newDueAt), now)),
  apply: (_task, state, { actor, newDueAt, reason }, now) => {
    const events: TaskEvent[] = [];
    autoAcknowledge(state, events, actor, now);
    const id = `E${state.seq + 1}`;
    state.extensions.push({ id, requestedBy: actor.id, requestedAt: now, newDueAt: Date.parse(newDueAt), reason, status: 'PENDING', decidedBy: null, decidedAt: null, comment: null, remindedAt: null });
    emit(state, events, now, 'EXTENSION_REQUESTED', { actor, data: { requestId: id, newDueAt: new Date(Date.parse(newDueAt)).toISOString(), currentDueAt: new Date(state.dueAt).toISOString(), reason } });
    return events;
  },
};

export const decideExtension: Action<DecideArgs> = {
  validate: (_task, state, args, now) => {
    const request = state.extensions.find((e) => e.id === args.requestId);
    if (!request) return refuse('unknownRequest', `không có đề nghị gia hạn ${args.requestId}.`, `there is no extension request ${args.requestId}.`);
    if (request.status !== 'PENDING') return refuse('alreadyDecided', 'đề nghị gia hạn này đã được quyết định.', 'this extension request was already decided.');
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    if (!args.approve && !args.comment?.trim()) return refuse('commentRequired', 'cần nêu lý do khi từ chối.', 'a comment is required to reject.');
    if (args.approve && request.newDueAt <= now) {
      return refuse('laterDue', 'thời hạn đề nghị đã qua; đơn vị cần đề nghị thời hạn mới.', 'the requested due time has passed; the unit must ask for a new one.');
    }
    return null;
  },
  apply: (_task, state, { actor, requestId, approve, comment }, now) => {
    const events: TaskEvent[] = [];
    const request = state.extensions.find((e) => e.id === requestId)!;
    Object.assign(request, { status: approve ? 'APPROVED' : 'REJECTED', decidedBy: actor.id, decidedAt: now, comment });
    const previousDueAt = new Date(state.dueAt).toISOString();
    if (approve) extend(state, request.newDueAt, now);
    emit(state, events, now, approve ? 'EXTENSION_APPROVED' : 'EXTENSION_REJECTED', {
      actor,
      data: { requestId, requestedBy: request.requestedBy, previousDueAt, newDueAt: new Date(request.newDueAt).toISOString(), comment },
    });
    return events;
  },
};

export const requestExplanation: Action<RequestExplanationArgs> = {
  validate: (_task, state, args, now) => {
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    const deadline = Date.parse(args.deadline);
    return Number.isNaN(deadline) || deadline <= now
      ? refuse('futureDeadline', 'hạn giải trình phải ở tương lai.', 'the deadline for the explanation must be in the future.')
      : null;
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
    if (!request) return refuse('unknownRequest', `không có yêu cầu giải trình ${args.requestId}.`, `there is no request for explanation ${args.requestId}.`);
    return request.status !== 'OPEN' ? refuse('alreadyAnswered', 'yêu cầu giải trình này đã được trả lời.', 'this request for explanation was already answered.') : null;
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
    (state.beyondAuthority.some((b) => b.status === 'PENDING')
      ? refuse('beyondAuthorityPending', 'đã có một đề nghị xin ý kiến cấp trên đang chờ quyết định.', 'a matter beyond authority is already awaiting a decision.')
      : null),
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
    if (!request) return refuse('unknownRequest', `không có đề nghị xin ý kiến ${args.requestId}.`, `there is no matter beyond authority ${args.requestId}.`);
    if (request.status !== 'PENDING') return refuse('alreadyDecided', 'đề nghị xin ý kiến này đã được quyết định.', 'this matter was already decided.');
    if (args.decision === 'EXTEND') return laterDue(state, Date.parse(args.newDueAt ?? ''), now);
    if (args.decision === 'REASSIGN') {
      if (!args.newLeadUnitId) return refuse('newLeadUnitId', 'cần chọn đơn vị chủ trì mới.', 'a new lead unit is required.');
      if (args.newLeadUnitId === state.leadUnitId) return refuse('sameUnit', 'đơn vị mới phải khác đơn vị đang chủ trì.', 'the new lead unit must differ from the current one.');
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
    }
    return events;
  },
};

export const decideEscalation: Action<DecideArgs> = {
  validate: (_task, state, args) => {
    const proposal = state.proposals.find((p) => p.id === args.requestId);
    if (!proposal) return refuse('unknownProposal', `không có đề xuất báo cáo cấp trên ${args.requestId}.`, `there is no escalation proposal ${args.requestId}.`);
    if (proposal.status === 'SUPERSEDED') {
      return refuse('superseded', 'đề xuất này không còn hiệu lực (thời hạn đã thay đổi hoặc nhiệm vụ đã kết thúc).', 'this proposal no longer applies (the due time changed or the task ended).');
    }
    if (proposal.status !== 'PENDING') return refuse('alreadyDecided', 'đề xuất này đã được quyết định.', 'this proposal was already decided.');
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    if (!proposal.deciders.includes(args.actor.id)) {
      return refuse('notDecider', `người dùng không thuộc cấp có thẩm quyền quyết định mức ${proposal.level}.`, `you are not among the deciders of level ${proposal.level}.`);
    }
    return !args.approve && !args.comment?.trim() ? refuse('commentRequired', 'cần nêu lý do khi từ chối.', 'a comment is required to reject.') : null;
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
  validate: (task, state, args) => {
    const refusal = closed(state) ?? underReview(state);
    if (refusal) return refusal;
    const missing = missingCriteria(task, args);
    return missing.length
      ? refuse('missingCriteria', `thiếu minh chứng bắt buộc: ${missing.join(', ')}.`, `required evidence is missing: ${missing.join(', ')}.`)
      : null;
  },
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

/** Required criteria a submission lacks (documents never count). */
export function missingCriteria(task: TaskDefinition, { items }: Pick<SubmitEvidenceArgs, 'items'>): string[] {
  const claimed = claimedCriteria(items);
  return task.plan.requiredCriteria.filter((criterion) => !claimed.includes(criterion));
}

export const reviewEvidence: Action<ReviewEvidenceArgs> = {
  validate: (task, state, args) => {
    const isClosed = closed(state);
    if (isClosed) return isClosed;
    if (state.status !== 'EVIDENCE_SUBMITTED' || state.evidence?.status !== 'UNDER_REVIEW') {
      return refuse('nothingToReview', 'không có minh chứng nào đang chờ duyệt.', 'there is no evidence awaiting review.');
    }
    if (!args.approve && Object.keys(args.rejections).length === 0) {
      return refuse('reasonsRequired', 'khi từ chối cần nêu lý do cho từng tiêu chí không đạt.', 'to reject, give a reason for each criterion that fails.');
    }
    if (args.approve) {
      const evidence = state.evidence;
      if (evidence.verifiedAt === null) {
        return refuse('verificationRunning', 'minh chứng đang được hệ thống kiểm tra; chỉ duyệt được khi kiểm tra xong.', 'the evidence is still being checked; it can be approved once the checks finish.');
      }
      // A reviewer's click alone never closes a task: every required criterion must have passed its check.
      const unmet = task.plan.requiredCriteria.filter((c) => !['verified', 'attested'].includes(evidence.criteria[c]?.status ?? 'pending'));
      if (unmet.length > 0) {
        const list = unmet.map((c) => `${c} (${evidence.criteria[c]?.status ?? 'missing'})`).join(', ');
        return refuse('notVerified', `chưa thể duyệt: tiêu chí chưa được kiểm chứng: ${list}.`, `cannot approve: criteria not verified: ${list}.`);
      }
    }
    return null;
  },
  apply: (task, state, { actor, approve, comment, rejections }, now) => {
    const events: TaskEvent[] = [];
    const evidence = state.evidence!;
    Object.assign(evidence, { status: approve ? 'ACCEPTED' : 'REJECTED', reviewedBy: actor.id, reviewedAt: now, comment, rejections: approve ? {} : rejections });
    if (approve) {
      state.completedAt = now;
      const care = task.plan.afterCare;
      if (care && evidence.items.operatingProduct) {
        // The product keeps being watched after completion; its first check comes one interval later.
        state.afterCare = { url: evidence.items.operatingProduct.url, startedAt: now, endsAt: now + care.duration * SECOND, nextAt: now + care.every * SECOND, probes: 0, consecutiveFailures: 0, regressed: false, lastCheckedAt: null, lastOk: null, closedAt: null, closeReason: null, endedAt: null };
      }
      // The unit's work is judged by when it submitted the evidence, not by the reviewer's delay.
      state.completedOnTimeOriginal = evidence.submittedAt <= state.originalDueAt;
      state.completedOnTimeExtended = evidence.submittedAt <= state.dueAt;
      supersedePending(state);
      emit(state, events, now, 'EVIDENCE_ACCEPTED', {
        actor,
        to: 'DONE',
        data: { evidenceId: evidence.id, comment, onTimeOriginal: state.completedOnTimeOriginal, onTimeExtended: state.completedOnTimeExtended },
      });
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
}

export const cancel: Action<CancelArgs> = {
  validate: (_task, state) => closed(state),
  apply: (_task, state, { actor, reason }, now) => {
    const events: TaskEvent[] = [];
    cancelTask(state, events, actor, reason, now);
    return events;
  },
};
