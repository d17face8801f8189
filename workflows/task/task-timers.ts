/**
 * The task's clocks: which timers the state has armed (reminders, the due time, the escalation
 * ladder, decision reminders, explanation deadlines, after-care) and what firing each one does.
 */
import { checkAfterCare, endAfterCare } from './task-after-care';
import { remindBlocker } from './task-blockers';
import { emit, inAfterCare, isOpen, SECOND } from './task-state';
import type { CheckReasonRef, Proposal, TaskDefinition, TaskEvent, TaskState } from './task-domain.types';

/** The start of the window in which acknowledgement reminders count (assignment or reassignment). */
function ackFrom(task: TaskDefinition, state: TaskState): number {
  const reassigned = [...state.beyondAuthority].reverse().find((b) => b.decision === 'REASSIGN');
  return reassigned?.decidedAt ?? Date.parse(task.assignedAt);
}

export type DueTimer =
  | { kind: 'ACK_REMINDER'; at: number }
  | { kind: 'REMINDER'; at: number; offset: number; key?: string }
  | { kind: 'OVERDUE'; at: number }
  | { kind: 'LADDER'; at: number; level: number }
  | { kind: 'DECISION_REMINDER'; at: number; item: 'proposal' | 'extension' | 'beyondAuthority' | 'evidence'; id: string }
  | { kind: 'EXPLANATION_OVERDUE'; at: number; id: string }
  | { kind: 'BLOCKER_REMINDER'; at: number; id: string }
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
    // Working-day reminders: instants computed outside the workflow, each fired once.
    for (const { key, at } of state.reminderTimes ?? []) {
      if (!(state.reminderTimesFired ?? []).includes(key) && at >= state.dueSetAt) timers.push({ kind: 'REMINDER', at, offset: Math.round((state.dueAt - at) / SECOND), key });
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
  // The blocking unit is reminded on the decisions' schedule while the blocker is open (even during review).
  for (const b of state.blockers.filter((b) => b.status === 'OPEN')) {
    timers.push({ kind: 'BLOCKER_REMINDER', at: (b.remindedAt ?? b.declaredAt) + every, id: b.id });
  }
  const order: Record<DueTimer['kind'], number> = { ACK_REMINDER: 0, REMINDER: 1, OVERDUE: 2, LADDER: 3, DECISION_REMINDER: 4, EXPLANATION_OVERDUE: 5, BLOCKER_REMINDER: 6, AFTER_CARE_PROBE: 7, AFTER_CARE_END: 8 };
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
      if (timer.key !== undefined) {
        state.reminderTimesFired = [...(state.reminderTimesFired ?? []), timer.key];
        emit(state, events, now, 'REMINDER', { data: { offsetSeconds: timer.offset, workingDays: parseInt(timer.key, 10), dueAt: new Date(state.dueAt).toISOString() } });
        break;
      }
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
    case 'BLOCKER_REMINDER':
      remindBlocker(task, state, events, now, timer.id);
      break;
    case 'AFTER_CARE_PROBE':
      checkAfterCare(task, state, events, input.probe ?? { ok: false, reasons: [] }, input.skipMissedProbes ?? false, now);
      break;
    case 'AFTER_CARE_END':
      endAfterCare(state, events, now);
      break;
  }
  return events;
}
