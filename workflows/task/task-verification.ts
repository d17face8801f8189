/**
 * Verification of submitted evidence, as the workflow's checks report in: which submission is
 * still being verified, each criterion's check, and the conclusion once every check has finished.
 */
import { emit } from './task-state';
import type { CheckReasonRef, Criterion, CriterionCheck, TaskEvent, TaskState } from './task-domain.types';

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
