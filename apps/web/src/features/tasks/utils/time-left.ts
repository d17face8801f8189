const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Time left before a due time, or how late it is, in calendar days (hours under a day).
 * Working days come later (they need the holiday calendar).
 */
export type TimeLeft =
  | { kind: 'left'; unit: 'day' | 'hour'; count: number }
  | { kind: 'overdue'; unit: 'day' | 'hour'; count: number };

export function timeLeft(dueAt: string, now = Date.now()): TimeLeft {
  const diff = Date.parse(dueAt) - now;
  const span = Math.abs(diff);
  const unit = span >= DAY ? 'day' : 'hour';
  const count = unit === 'day' ? Math.floor(span / DAY) : Math.max(1, Math.ceil(span / HOUR));
  return { kind: diff >= 0 ? 'left' : 'overdue', unit, count };
}
