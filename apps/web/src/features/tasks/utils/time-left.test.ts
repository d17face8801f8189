import { describe, expect, it } from 'vitest';
import { timeLeft } from './time-left';

const NOW = Date.parse('2026-11-30T03:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const HOUR = 3_600_000;

describe(timeLeft.name, () => {
  it('counts whole calendar days left or late, and hours under a day', () => {
    expect(timeLeft(at(3 * 24 * HOUR + HOUR), NOW)).toEqual({ kind: 'left', unit: 'day', count: 3 });
    expect(timeLeft(at(5 * HOUR + 1), NOW)).toEqual({ kind: 'left', unit: 'hour', count: 6 });
    expect(timeLeft(at(0), NOW)).toEqual({ kind: 'left', unit: 'hour', count: 1 });
    expect(timeLeft(at(-2 * 24 * HOUR - HOUR), NOW)).toEqual({ kind: 'overdue', unit: 'day', count: 2 });
    expect(timeLeft(at(-30 * 60_000), NOW)).toEqual({ kind: 'overdue', unit: 'hour', count: 1 });
  });
});
