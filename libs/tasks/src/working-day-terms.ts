/**
 * Terms in working days (`10wd`) as templates, assignments and extensions use them: their storage
 * beside durations in seconds, and the instants they give in the working-day calendar. Pure: the
 * calendar comes in (CalendarService.current() in the API and the worker).
 */
import { dateOfDayNumber, dayNumber, type WorkingCalendar } from '@dondoc/calendar';
import { formatDuration, formatTerm, parseTerm, type Term } from '@dondoc/common';
import type { ReminderTime } from '@dondoc/workflows/task/task.types';

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** 00:00 in Asia/Ho_Chi_Minh of a day number (days since 1970-01-01). */
const localMidnight = (day: number): number => day * DAY_MS - VIETNAM_OFFSET_MS;

/** How a template version stores its default term and reminders: seconds, plus working days where given. */
export interface TemplateTiming {
  /**
   * Seconds; for a term in working days, its length in calendar days (7 per 5 working days, rounded
   * up) for readers that do not count working days: the assignment uses `defaultWorkingDays`.
   */
  defaultDuration: number;
  defaultWorkingDays?: number;
  /** Seconds before the due time, latest first (`0wd` is the due time itself: 0). */
  reminderOffsets: number[];
  /** Working days before the due time, most first. */
  reminderWorkingDays?: number[];
}

/** The timing of a template from its texts (already validated by `IsTerm`). */
export function templateTiming(defaultDuration: string, reminders: string[]): TemplateTiming {
  const term = parseTerm(defaultDuration)!;
  const offsets = new Set<number>();
  const workingDays = new Set<number>();
  for (const text of reminders) {
    const reminder = parseTerm(text)!;
    if ('seconds' in reminder) offsets.add(reminder.seconds);
    else if (reminder.workingDays === 0) offsets.add(0);
    else workingDays.add(reminder.workingDays);
  }
  return {
    ...('workingDays' in term ? { defaultDuration: Math.ceil((term.workingDays * 7) / 5) * 86_400, defaultWorkingDays: term.workingDays } : { defaultDuration: term.seconds }),
    reminderOffsets: [...offsets].sort((a, b) => b - a),
    ...(workingDays.size > 0 ? { reminderWorkingDays: [...workingDays].sort((a, b) => b - a) } : {}),
  };
}

/** A version's default term and reminders as the API shows them (`10wd`, `7d`…): reminders in working days first. */
export function timingRules(timing: TemplateTiming): { defaultDuration: string; reminders: string[] } {
  return {
    defaultDuration: timing.defaultWorkingDays !== undefined ? formatTerm({ workingDays: timing.defaultWorkingDays }) : formatDuration(timing.defaultDuration),
    reminders: [...(timing.reminderWorkingDays ?? []).map((n) => formatTerm({ workingDays: n })), ...timing.reminderOffsets.map(formatDuration)],
  };
}

/** The default term of a version: working days where it has them, else seconds. */
export function defaultTerm(timing: TemplateTiming): Term {
  return timing.defaultWorkingDays !== undefined ? { workingDays: timing.defaultWorkingDays } : { seconds: timing.defaultDuration };
}

/**
 * The instant `workingDays` working days before `dueAt`: the same time of day (Asia/Ho_Chi_Minh) on
 * the working day that many working days before the due date (0: the due time itself).
 */
export function workingDaysBefore(calendar: WorkingCalendar, dueAt: number, workingDays: number): number {
  // Vietnam keeps UTC+7 all year (no daylight saving): a day is 24 hours from local midnight.
  const dueDay = dayNumber(calendar.dateOf(dueAt));
  const timeOfDay = dueAt - localMidnight(dueDay);
  let day = dueDay;
  for (let counted = 0; counted < workingDays; ) {
    day -= 1;
    if (calendar.isWorkingDay(dateOfDayNumber(day))) counted += 1;
  }
  return localMidnight(day) + timeOfDay;
}

/** The instants of reminders N working days before a due time, earliest first; keyed `Nwd`. */
export function reminderTimesFor(calendar: WorkingCalendar, dueAt: number, reminderWorkingDays: number[]): ReminderTime[] {
  return [...new Set(reminderWorkingDays)]
    .filter((n) => n > 0)
    .map((n) => ({ key: formatTerm({ workingDays: n }), at: workingDaysBefore(calendar, dueAt, n) }))
    .sort((a, b) => a.at - b.at);
}

/** The due time of a term of working days from `from`, and its reminders' instants (the worker's activity, the API at assignment). */
export function workingDayDue(calendar: WorkingCalendar, input: { from: string; workingDays: number; reminderWorkingDays: number[] }): { dueAt: string; reminderTimes: ReminderTime[] } {
  const dueAt = calendar.addWorkingDays(Date.parse(input.from), input.workingDays).getTime();
  return { dueAt: new Date(dueAt).toISOString(), reminderTimes: reminderTimesFor(calendar, dueAt, input.reminderWorkingDays) };
}
