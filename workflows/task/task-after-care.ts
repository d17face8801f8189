/**
 * After-care: once a task is done, its operating product keeps being probed on the template's
 * schedule; repeated failures flag the task as regressed, a healthy probe clears the flag, and an
 * administrator may end it early.
 */
import { refuse } from './task-refusals';
import { emit, inAfterCare, SECOND } from './task-state';
import type { Action } from './task-actions';
import type { CheckReasonRef, EvidenceSubmission, TaskDefinition, TaskEvent, TaskState } from './task-domain.types';
import type { CloseAfterCareArgs } from './task-messages';

/** Starts watching the accepted product, if the plan has after-care and the evidence named a product. */
export function startAfterCare(task: TaskDefinition, state: TaskState, evidence: EvidenceSubmission, now: number): void {
  const care = task.plan.afterCare;
  if (care && evidence.items.operatingProduct) {
    // The product keeps being watched after completion; its first check comes one interval later.
    state.afterCare = { url: evidence.items.operatingProduct.url, startedAt: now, endsAt: now + care.duration * SECOND, nextAt: now + care.every * SECOND, probes: 0, consecutiveFailures: 0, regressed: false, lastCheckedAt: null, lastOk: null, closedAt: null, closeReason: null, endedAt: null };
  }
}

/**
 * Counts one after-care probe and moves to the next slot; flags the task regressed after the
 * plan's failures in a row, clears the flag on a healthy probe. `skipMissedProbes`: see `TimerInput`.
 */
export function checkAfterCare(
  task: TaskDefinition,
  state: TaskState,
  events: TaskEvent[],
  probe: { ok: boolean; reasons: CheckReasonRef[] },
  skipMissedProbes: boolean,
  now: number,
): void {
  const care = state.afterCare!;
  const every = (task.plan.afterCare?.every ?? 0) * SECOND;
  // A probe dondoc could not make (its own trouble) says nothing about the product.
  const unavailable = !probe.ok && probe.reasons.length > 0 && probe.reasons.every((r) => r.code === 'CHECK_UNAVAILABLE');
  care.probes += 1;
  care.lastCheckedAt = now;
  care.nextAt += every;
  // Slots missed while dondoc was down: said in the timeline, never probed back to back.
  const missed = skipMissedProbes && every > 0 && care.nextAt <= now ? Math.floor((now - care.nextAt) / every) + 1 : 0;
  care.nextAt += missed * every;
  if (!unavailable) {
    care.lastOk = probe.ok;
    care.consecutiveFailures = probe.ok ? 0 : care.consecutiveFailures + 1;
  }
  const ok = unavailable ? null : probe.ok;
  emit(state, events, now, 'AFTER_CARE_CHECKED', { data: { probe: care.probes, ...(missed ? { missed } : {}), ok, reasons: probe.reasons, consecutiveFailures: care.consecutiveFailures } });
  if (unavailable) return;
  if (!probe.ok && !care.regressed && care.consecutiveFailures >= (task.plan.afterCare?.failuresToRegress ?? 1)) {
    care.regressed = true;
    emit(state, events, now, 'REGRESSED', { data: { url: care.url, consecutiveFailures: care.consecutiveFailures, reasons: probe.reasons } });
  } else if (probe.ok && care.regressed) {
    care.regressed = false;
    emit(state, events, now, 'RECOVERED', { data: { url: care.url } });
  }
}

/** Ends after-care on schedule. */
export function endAfterCare(state: TaskState, events: TaskEvent[], now: number): void {
  const care = state.afterCare!;
  care.endedAt = now;
  emit(state, events, now, 'AFTER_CARE_ENDED', { data: { probes: care.probes, regressed: care.regressed } });
}

export const closeAfterCare: Action<CloseAfterCareArgs> = {
  validate: (_task, state) =>
    inAfterCare(state) ? null : refuse('noAfterCare'),
  apply: (_task, state, { actor, reason }, now) => {
    const events: TaskEvent[] = [];
    Object.assign(state.afterCare!, { closedAt: now, closeReason: reason });
    emit(state, events, now, 'AFTER_CARE_CLOSED', { actor, data: { reason, probes: state.afterCare!.probes, regressed: state.afterCare!.regressed } });
    return events;
  },
};
