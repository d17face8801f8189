/**
 * What makes each criterion satisfied, as pure functions (the workflow decides with them; the
 * worker's checks only fetch facts), and what a submission must hold before it is accepted.
 */
import type { CheckReasonRef, Criterion, EvidenceItems, InputProblem, TaskDefinition, TaskPlan } from './task.types';
import { DEFAULT_VERIFICATION } from './task.types';

/** Whether the achieved value reaches the target in the KPI's direction (and the target itself goes that way). */
export function effectReasons(effect: { baseline: number; target: number; achieved: number; direction: 'INCREASE' | 'DECREASE' }): CheckReasonRef[] {
  const up = effect.direction === 'INCREASE';
  const direction = up ? '↑' : '↓';
  if (up ? effect.target <= effect.baseline : effect.target >= effect.baseline) {
    return [{ code: 'WRONG_DIRECTION', params: { target: effect.target, baseline: effect.baseline, direction } }];
  }
  const reached = up ? effect.achieved >= effect.target : effect.achieved <= effect.target;
  return reached ? [] : [{ code: 'TARGET_NOT_REACHED', params: { achieved: effect.achieved, target: effect.target, direction } }];
}

/** Active users against the template's minimum. */
export function usersReasons(plan: TaskPlan, value: number): CheckReasonRef[] {
  return plan.minActiveUsers !== null && value < plan.minActiveUsers ? [{ code: 'BELOW_MINIMUM', params: { value, minimum: plan.minActiveUsers } }] : [];
}

export function verificationPlan(plan: TaskPlan) {
  return plan.verification ?? DEFAULT_VERIFICATION;
}

/** The criteria a submission claims (documents never count). */
export function claimedCriteria(items: EvidenceItems): Criterion[] {
  const claimed: Criterion[] = [];
  if (items.operatingProduct) claimed.push('OPERATING_PRODUCT');
  if (items.verifiedData) claimed.push('VERIFIED_DATA');
  if (items.realUsers) claimed.push('REAL_USERS');
  if (items.measurableEffect) claimed.push('MEASURABLE_EFFECT');
  return claimed;
}

/** Required criteria a submission lacks (documents never count). */
export function missingCriteria(task: TaskDefinition, { items }: { items: EvidenceItems }): Criterion[] {
  const claimed = claimedCriteria(items);
  return task.plan.requiredCriteria.filter((criterion) => !claimed.includes(criterion));
}

/** Each criterion's field in a submission. */
const CRITERION_FIELDS = { OPERATING_PRODUCT: 'operatingProduct', VERIFIED_DATA: 'verifiedData', REAL_USERS: 'realUsers', MEASURABLE_EFFECT: 'measurableEffect' } as const satisfies Record<Criterion, string>;

/**
 * Every problem with a submission that does not depend on who submits it: at least one criterion
 * (documents never count) and every required one; each claimed criterion checkable (a checksum or
 * a count, a metrics source or an attested figure the template accepts, the pointer of a source,
 * a period that ends after it starts, the KPI's direction as the template says). Empty when the
 * submission may be accepted.
 */
export function evidenceProblems(task: TaskDefinition, items: EvidenceItems): InputProblem[] {
  if (claimedCriteria(items).length === 0) return [{ field: 'evidence', rule: 'documentsOnly' }];
  const problems: InputProblem[] = missingCriteria(task, { items }).map((criterion) => ({ field: CRITERION_FIELDS[criterion], rule: 'required', params: { criterion } }));
  const { verifiedData: data, realUsers: users, measurableEffect: effect } = items;
  if (data && !data.sha256 && data.recordCount === undefined) problems.push({ field: 'verifiedData', rule: 'checksumOrCount' });
  if (users && !(users.metricsUrl && users.jsonPointer !== undefined) && users.attestedActiveUsers === undefined) problems.push({ field: 'realUsers', rule: 'sourceRequired' });
  if (users?.attestedActiveUsers !== undefined && !verificationPlan(task.plan).allowAttestedUsers) problems.push({ field: 'realUsers.attestedActiveUsers', rule: 'attestationNotAllowed' });
  if (effect?.sourceUrl && effect.sourceJsonPointer === undefined) problems.push({ field: 'measurableEffect.sourceJsonPointer', rule: 'requiredWithSource' });
  if (users && Date.parse(users.periodFrom) >= Date.parse(users.periodTo)) problems.push({ field: 'realUsers.periodTo', rule: 'afterFrom' });
  const direction = task.plan.kpiDirection;
  if (effect && direction && effect.direction !== direction) problems.push({ field: 'measurableEffect.direction', rule: 'templateDirection', params: { direction } });
  return problems;
}
