/**
 * Why an action is refused: the refusals the actions share (the task is closed, evidence is under
 * review, a due time that is not later) and input no database could store.
 */
// Sandbox-safe: a pure module of libs/common with no imports of its own.
import { findTextProblems } from '../../libs/common/src/text/text-rules';
import { isOpen } from './task-state';
import type { InputProblem, Refusal, RefusalParams, RefusalRule, TaskState } from './task-domain.types';

/** A refusal: its rule and the parameters of its text (the API renders it in the reader's language). */
export const refuse = (rule: RefusalRule, params?: RefusalParams): Refusal => (params ? { rule, params } : { rule });

/** Nothing is possible on a done or cancelled task. */
export function closed(state: TaskState): Refusal | null {
  return isOpen(state) ? null : refuse('taskClosed', { kind: state.status });
}

/** The unit's clocks and actions wait while its evidence is under review. */
export function underReview(state: TaskState): Refusal | null {
  return state.status === 'EVIDENCE_SUBMITTED' ? refuse('underReview') : null;
}

/** A new due time must be valid, later than the current one and in the future. */
export function laterDue(state: TaskState, newDueAt: number, now: number): Refusal | null {
  if (Number.isNaN(newDueAt)) return refuse('newDueAt');
  if (newDueAt <= state.dueAt || newDueAt <= now) return refuse('laterDue', { kind: 'newDueAt' });
  return null;
}

/**
 * Text an action carries that no database could store (a control character, a lone surrogate)
 * or nested beyond reason: refused before the action is accepted, whoever calls the Update.
 */
export function invalidInput(args: object): Refusal | null {
  const [problem] = findTextProblems(args);
  if (!problem) return null;
  const field = problem.field || 'args';
  return { rule: 'invalidText', field, problems: [{ field, rule: 'noControlCharacters' }] };
}

/** An input that breaks the rules of its fields, each problem named. */
export function invalidFields(rule: RefusalRule, problems: InputProblem[]): Refusal | null {
  return problems.length > 0 ? { rule, problems } : null;
}
