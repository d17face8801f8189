/**
 * What makes each criterion satisfied, as pure functions (the workflow decides with them; the
 * worker's checks only fetch facts).
 */
import type { CheckReasonRef, Criterion, EvidenceItems, TaskPlan } from './task.types';
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
