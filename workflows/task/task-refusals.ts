/**
 * Why an action is refused: the refusals the actions share (the task is closed, evidence is under
 * review, a due time that is not later) and input no database could store.
 */
// Sandbox-safe: a pure module of libs/common with no imports of its own.
import { findTextProblems } from '../../libs/common/src/text/text-rules';
import { isOpen } from './task-state';
import type { Refusal, TaskState, TaskStatus } from './task-domain.types';

/** A refusal, in both languages. */
export const refuse = (rule: string, vi: string, en: string): Refusal => ({ rule, vi, en });

const STATUS_TEXT: Record<TaskStatus, { vi: string; en: string }> = {
  ASSIGNED: { vi: 'mới được giao', en: 'assigned' },
  IN_PROGRESS: { vi: 'đang thực hiện', en: 'in progress' },
  EVIDENCE_SUBMITTED: { vi: 'đang chờ duyệt minh chứng', en: 'awaiting evidence review' },
  DONE: { vi: 'đã hoàn thành', en: 'done' },
  CANCELLED: { vi: 'đã huỷ', en: 'cancelled' },
};

/** Nothing is possible on a done or cancelled task. */
export function closed(state: TaskState): Refusal | null {
  if (isOpen(state)) return null;
  const text = STATUS_TEXT[state.status];
  return refuse('taskClosed', `nhiệm vụ ${text.vi}; không thể thực hiện thao tác này.`, `the task is ${text.en}; no action is possible.`);
}

/** The unit's clocks and actions wait while its evidence is under review. */
export function underReview(state: TaskState): Refusal | null {
  return state.status === 'EVIDENCE_SUBMITTED'
    ? refuse('underReview', 'minh chứng đang chờ duyệt; hãy chờ kết quả duyệt.', 'evidence is awaiting review; wait for the review.')
    : null;
}

/** A new due time must be valid, later than the current one and in the future. */
export function laterDue(state: TaskState, newDueAt: number, now: number): Refusal | null {
  if (Number.isNaN(newDueAt)) return refuse('newDueAt', 'thời hạn mới không hợp lệ.', 'the new due time is not valid.');
  if (newDueAt <= state.dueAt || newDueAt <= now) {
    return refuse('laterDue', 'thời hạn mới phải sau thời hạn hiện tại và sau thời điểm này.', 'the new due time must be after the current one and in the future.');
  }
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
  return {
    rule: 'invalidText',
    field,
    vi: `${field} chứa ký tự không hợp lệ (ký tự điều khiển hoặc Unicode không hợp lệ).`,
    en: `${field} contains characters that are not allowed (a control character or invalid Unicode).`,
  };
}
