import { describe, expect, it } from 'vitest';
import { timeLeft } from './time-left';

const NOW = Date.parse('2026-11-30T03:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const HOUR = 3_600_000;

describe(timeLeft.name, () => {
  it('says a task’s working days left or late as the API counts them (national calendar), whatever the calendar days', () => {
    // Due in 9 calendar days across a weekend and a holiday: 3 working days left.
    expect(timeLeft(at(9 * 24 * HOUR), 3, NOW)).toEqual({ kind: 'left', unit: 'workingDay', count: 3 });
    expect(timeLeft(at(-4 * 24 * HOUR), -2, NOW)).toEqual({ kind: 'overdue', unit: 'workingDay', count: 2 });
  });

  it('says "due today" with the hours left, and hours late once today’s due time has passed', () => {
    expect(timeLeft(at(2 * HOUR + 1), 0, NOW)).toEqual({ kind: 'today', unit: 'hour', count: 3 });
    expect(timeLeft(at(0), 0, NOW)).toEqual({ kind: 'today', unit: 'hour', count: 1 });
    expect(timeLeft(at(-90 * 60_000), 0, NOW)).toEqual({ kind: 'overdue', unit: 'hour', count: 2 });
    // Due on Friday, read on Sunday (no working day since): still late, in calendar days.
    expect(timeLeft(at(-2 * 24 * HOUR - HOUR), 0, NOW)).toEqual({ kind: 'overdue', unit: 'day', count: 2 });
  });

  it('counts whole calendar days (hours under a day) for a time without a working-day count, such as a milestone', () => {
    expect(timeLeft(at(3 * 24 * HOUR + HOUR), undefined, NOW)).toEqual({ kind: 'left', unit: 'day', count: 3 });
    expect(timeLeft(at(5 * HOUR + 1), null, NOW)).toEqual({ kind: 'left', unit: 'hour', count: 6 });
    expect(timeLeft(at(0), undefined, NOW)).toEqual({ kind: 'left', unit: 'hour', count: 1 });
    expect(timeLeft(at(-2 * 24 * HOUR - HOUR), undefined, NOW)).toEqual({ kind: 'overdue', unit: 'day', count: 2 });
    expect(timeLeft(at(-30 * 60_000), undefined, NOW)).toEqual({ kind: 'overdue', unit: 'hour', count: 1 });
  });
});
