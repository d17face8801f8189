/**
 * Blockers: the lead unit declares that it waits on another unit (one of the task's coordinating
 * units, or another unit with a reason); either side marks it resolved, or a leader over both
 * decides on it (confirms it as an objective cause, and/or ends it). While a blocker is open the
 * task's clock keeps running; the blocking unit is reminded every `decisionReminderEvery`. A task
 * that closes or changes its lead unit ends its open blockers by itself.
 */
import type { Action } from './task-actions';
import { closed, invalidFields, refuse, underReview } from './task-refusals';
import { autoAcknowledge, emit } from './task-state';
import type { Blocker, BLOCKER_AUTOMATIC_RESOLUTIONS, InputProblem, TaskDefinition, TaskEvent, TaskState } from './task-domain.types';
import type { DecideBlockerArgs, DeclareBlockerArgs, ResolveBlockerArgs } from './task-messages';

/** A task holds at most so many blockers (open or resolved): its state travels with every event. */
export const MAX_BLOCKERS = 50;

/** A `since` this far ahead of the workflow's clock is still "now": the API's clock may run a little ahead. */
const CLOCK_SKEW_MS = 60_000;

const iso = (ms: number): string => new Date(ms).toISOString();

const blank = (text: string | null | undefined): boolean => !text || text.trim().length === 0;

function blockerOf(state: TaskState, id: string): Blocker | undefined {
  return state.blockers.find((b) => b.id === id);
}

/** What a blocker's events say of it, besides the action's own data. */
function about(blocker: Blocker): Record<string, unknown> {
  return { blockerId: blocker.id, blockingUnitId: blocker.blockingUnitId, leadUnitId: blocker.leadUnitId, coordinating: blocker.coordinating, awaited: blocker.awaited, since: iso(blocker.since), declaredBy: blocker.declaredBy };
}

/** The known blocker, or why the action on it is refused. */
function findBlocker(state: TaskState, id: string): Blocker | ReturnType<typeof refuse> {
  return blockerOf(state, id) ?? refuse('unknownRequest', { kind: 'blocker', requestId: id });
}

const isBlocker = (found: Blocker | ReturnType<typeof refuse>): found is Blocker => 'blockingUnitId' in found;

/**
 * What is wrong with a declaration, each field named: the blocking unit must not be the lead unit,
 * and needs a reason unless it coordinates the task; something must be awaited; `since` is an
 * instant from the assignment up to now.
 */
function declarationProblems(task: TaskDefinition, state: TaskState, args: DeclareBlockerArgs, now: number): InputProblem[] {
  const problems: InputProblem[] = [];
  if (args.blockingUnitId === state.leadUnitId) problems.push({ field: 'blockingUnitId', rule: 'notLeadUnit' });
  else if (!task.coordinatingUnitIds.includes(args.blockingUnitId) && blank(args.reason)) problems.push({ field: 'reason', rule: 'reasonOutsideTask' });
  if (blank(args.awaited)) problems.push({ field: 'awaited', rule: 'notEmpty' });
  if (args.since !== null) {
    const since = Date.parse(args.since);
    if (Number.isNaN(since)) problems.push({ field: 'since', rule: 'instant' });
    else if (since < Date.parse(task.assignedAt)) problems.push({ field: 'since', rule: 'notBeforeAssignment', params: { assignedAt: task.assignedAt } });
    else if (since > now + CLOCK_SKEW_MS) problems.push({ field: 'since', rule: 'notInFuture' });
  }
  return problems;
}

export const declareBlocker: Action<DeclareBlockerArgs> = {
  validate: (task, state, args, now) =>
    closed(state) ??
    underReview(state) ??
    invalidFields('invalidBlocker', declarationProblems(task, state, args, now)) ??
    (state.blockers.some((b) => b.status === 'OPEN' && b.blockingUnitId === args.blockingUnitId)
      ? refuse('blockerOpen')
      : state.blockers.length >= MAX_BLOCKERS
        ? refuse('tooManyBlockers', { max: MAX_BLOCKERS })
        : null),
  apply: (task, state, { actor, blockingUnitId, awaited, since, reason }, now) => {
    const events: TaskEvent[] = [];
    autoAcknowledge(state, events, actor, now);
    const blocker: Blocker = {
      id: `BL${state.seq + 1}`,
      leadUnitId: state.leadUnitId,
      blockingUnitId,
      coordinating: task.coordinatingUnitIds.includes(blockingUnitId),
      reason: blank(reason) ? null : reason!.trim(),
      awaited: awaited.trim(),
      // Never after the declaration (a clock a little ahead of the workflow's gives "now").
      since: since === null ? now : Math.min(Date.parse(since), now),
      declaredBy: actor.id,
      declaredAt: now,
      status: 'OPEN',
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
      decidedBy: null,
      decidedAt: null,
      confirmed: false,
      confirmedBy: null,
      confirmedAt: null,
      decisionComment: null,
      remindedAt: null,
    };
    state.blockers.push(blocker);
    emit(state, events, now, 'BLOCKER_DECLARED', { actor, data: { ...about(blocker), reason: blocker.reason } });
    return events;
  },
};

export const resolveBlocker: Action<ResolveBlockerArgs> = {
  validateInput: (_task, args) => invalidFields('invalidBlocker', blank(args.resolution) ? [{ field: 'resolution', rule: 'notEmpty' }] : []),
  validate: (_task, state, args) => {
    const refusal = closed(state);
    if (refusal) return refusal;
    const blocker = findBlocker(state, args.blockerId);
    if (!isBlocker(blocker)) return blocker;
    return blocker.status !== 'OPEN' ? refuse('blockerResolved') : null;
  },
  apply: (_task, state, { actor, blockerId, resolution }, now) => {
    const events: TaskEvent[] = [];
    const blocker = blockerOf(state, blockerId)!;
    Object.assign(blocker, { status: 'RESOLVED', resolvedBy: actor.id, resolvedAt: now, resolution: resolution.trim() });
    emit(state, events, now, 'BLOCKER_RESOLVED', { actor, data: { ...about(blocker), resolution: blocker.resolution, automatic: false } });
    return events;
  },
};

export const decideBlocker: Action<DecideBlockerArgs> = {
  validateInput: (_task, args) => invalidFields('invalidBlocker', blank(args.comment) ? [{ field: 'comment', rule: 'notEmpty' }] : []),
  validate: (_task, state, args) => {
    const refusal = closed(state);
    if (refusal) return refusal;
    const blocker = findBlocker(state, args.blockerId);
    if (!isBlocker(blocker)) return blocker;
    if (blocker.decidedAt !== null) return refuse('alreadyDecided', { kind: 'blocker' });
    // A resolved blocker may still be confirmed as an objective cause, but it cannot end twice.
    return args.end && blocker.status !== 'OPEN' ? refuse('blockerResolved') : null;
  },
  apply: (_task, state, { actor, blockerId, confirm, end, comment }, now) => {
    const events: TaskEvent[] = [];
    const blocker = blockerOf(state, blockerId)!;
    const text = comment.trim();
    Object.assign(blocker, { decidedBy: actor.id, decidedAt: now, confirmed: confirm, confirmedBy: confirm ? actor.id : null, confirmedAt: confirm ? now : null, decisionComment: text });
    if (end) Object.assign(blocker, { status: 'RESOLVED', resolvedBy: actor.id, resolvedAt: now, resolution: text });
    emit(state, events, now, 'BLOCKER_DECIDED', { actor, data: { ...about(blocker), confirm, end, comment: text } });
    return events;
  },
};

/** Ends every open blocker by itself (by dondoc): the task closed, or another unit now leads it. */
export function endOpenBlockers(state: TaskState, events: TaskEvent[], now: number, resolution: (typeof BLOCKER_AUTOMATIC_RESOLUTIONS)[number]): void {
  for (const blocker of state.blockers.filter((b) => b.status === 'OPEN')) {
    Object.assign(blocker, { status: 'RESOLVED', resolvedBy: null, resolvedAt: now, resolution });
    emit(state, events, now, 'BLOCKER_RESOLVED', { data: { ...about(blocker), resolution, automatic: true } });
  }
}

/** The blocking unit is reminded of an open blocker (its head and officers hear of it). */
export function remindBlocker(_task: TaskDefinition, state: TaskState, events: TaskEvent[], now: number, id: string): void {
  const blocker = blockerOf(state, id);
  if (!blocker) return;
  blocker.remindedAt = now;
  emit(state, events, now, 'BLOCKER_REMINDER', { data: { ...about(blocker), declaredAt: iso(blocker.declaredAt) } });
}
