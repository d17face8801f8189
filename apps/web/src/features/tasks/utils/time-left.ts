const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Time left before a due time, or how late it is. A task's due time is counted in working days of
 * the national calendar (the API's `workingDaysLeft`): days left, due today (with the hours left),
 * or working days late. A time without that count (a milestone) is counted in calendar days, and
 * hours under a day.
 */
export type TimeLeft =
  | { kind: 'left' | 'overdue'; unit: 'workingDay'; count: number }
  | { kind: 'today'; unit: 'hour'; count: number }
  | { kind: 'left' | 'overdue'; unit: 'day' | 'hour'; count: number };

/** Whole calendar days, or hours (at least one) under a day. */
function calendar(diff: number): TimeLeft {
  const span = Math.abs(diff);
  const unit = span >= DAY ? 'day' : 'hour';
  const count = unit === 'day' ? Math.floor(span / DAY) : Math.max(1, Math.ceil(span / HOUR));
  return { kind: diff >= 0 ? 'left' : 'overdue', unit, count };
}

export function timeLeft(dueAt: string, workingDaysLeft?: number | null, now = Date.now()): TimeLeft {
  const diff = Date.parse(dueAt) - now;
  if (workingDaysLeft === undefined || workingDaysLeft === null) return calendar(diff);
  if (workingDaysLeft > 0) return { kind: 'left', unit: 'workingDay', count: workingDaysLeft };
  if (workingDaysLeft < 0) return { kind: 'overdue', unit: 'workingDay', count: -workingDaysLeft };
  // Due today: the hours left, or (past the due time, today or on a day off since) how late in hours or days.
  if (diff >= 0) return { kind: 'today', unit: 'hour', count: Math.max(1, Math.ceil(diff / HOUR)) };
  return calendar(diff);
}
