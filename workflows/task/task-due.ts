/**
 * Due times counted in working days. The workflow never counts them (the calendar's overrides live
 * in the database and change): the API computes the due time at assignment, an activity counts the
 * term again when the calendar changes. Here: whether the term still governs the due time, and what
 * a new count does to the state.
 */
import { invalidFields } from './task-refusals';
import { emit, isOpen } from './task-state';
import type { ReminderTime, Refusal, TaskDefinition, TaskEvent, TaskState } from './task-domain.types';
import type { RecalculateDueArgs } from './task-messages';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether the task's due time still follows its working-day term: an open task assigned with one,
 * whose due time no extension has replaced (an extended due time is an instant someone decided).
 */
export function termGoverns(task: TaskDefinition, state: TaskState): boolean {
  return Boolean(task.term) && isOpen(state) && !state.extensions.some((e) => e.status === 'APPROVED') && !state.beyondAuthority.some((b) => b.decision === 'EXTEND');
}

/** The dates of a recalculation must be calendar dates (YYYY-MM-DD), at least one. */
export function recalculationInput(args: RecalculateDueArgs): Refusal | null {
  const valid = Array.isArray(args.dates) && args.dates.length > 0 && args.dates.length <= 1_000 && args.dates.every((d) => typeof d === 'string' && ISO_DATE.test(d));
  return valid ? null : invalidFields('invalidText', [{ field: 'dates', rule: 'required' }]);
}

/** Whether the task has reminders in working days, whose instants must be counted for a new due time. */
export function hasWorkingDayReminders(task: TaskDefinition): boolean {
  return (task.plan.reminderWorkingDays ?? []).length > 0;
}

/** The working-day reminders of a due time just set by a person (an extension): each fires once, if still ahead. */
export function setReminderTimes(state: TaskState, times: ReminderTime[]): void {
  state.reminderTimes = times;
  state.reminderTimesFired = [];
  state.version += 1; // the main loop plans its timers again
}

/**
 * The term counted again after the calendar changed `dates`: `result` is the activity's count. A due
 * time that moved moves both the current and the original due time (the calendar itself changed,
 * not the unit's request; a term replaced by an extension is never recounted). Reminders not yet
 * fired follow the new due time; those already fired do not fire again. A task already overdue
 * stops being overdue only if the new due time is still ahead and no escalation level was
 * proposed yet (its head is told again at the new due time); otherwise what was recorded stands.
 * Emits `DUE_RECALCULATED`; nothing when the due time did not move.
 */
export function recalculateDue(task: TaskDefinition, state: TaskState, { actor, dates }: RecalculateDueArgs, result: { dueAt: string; reminderTimes: ReminderTime[] }, now: number): TaskEvent[] {
  const events: TaskEvent[] = [];
  const newDueAt = Date.parse(result.dueAt);
  if (!termGoverns(task, state) || Number.isNaN(newDueAt) || newDueAt === state.dueAt) return events;
  const oldDueAt = state.dueAt;
  state.dueAt = newDueAt;
  state.originalDueAt = newDueAt;
  if (state.reminderTimes !== undefined || result.reminderTimes.length > 0) state.reminderTimes = result.reminderTimes;
  const overdueCleared = state.headNotified && state.proposals.length === 0 && newDueAt > now;
  if (overdueCleared) {
    state.headNotified = false;
    state.overdue = false;
    state.overdueSince = null;
    state.ladderFired = [];
    state.escalationLevel = 0;
  } else if (state.overdue && newDueAt <= now) {
    state.overdueSince = newDueAt;
  }
  emit(state, events, now, 'DUE_RECALCULATED', {
    // The administrator whose change of the calendar moved it (none: dondoc itself).
    actor: actor.id ? actor : null,
    data: { oldDueAt: new Date(oldDueAt).toISOString(), newDueAt: new Date(newDueAt).toISOString(), dates: [...dates].sort(), workingDays: task.term!.workingDays, from: task.term!.from, overdueCleared },
  });
  return events;
}
