import { describe, expect, it } from 'vitest';
import { lastFinishedQuarter, parseQuarter, quarterAt, recentQuarters, shiftQuarter } from './quarters';

describe('quarters', () => {
  it('reads only YYYY-Qn of 2000–2099', () => {
    expect(parseQuarter('2026-Q3')).toEqual({ year: 2026, q: 3 });
    expect(parseQuarter('2026-Q5')).toBeUndefined();
    expect(parseQuarter('1999-Q1')).toBeUndefined();
    expect(parseQuarter('2026-q3')).toBeUndefined();
    expect(parseQuarter(null)).toBeUndefined();
  });

  it('counts quarters across years', () => {
    expect(shiftQuarter({ year: 2026, q: 1 }, 1)).toEqual({ year: 2025, q: 4 });
    expect(shiftQuarter({ year: 2026, q: 4 }, -1)).toEqual({ year: 2027, q: 1 });
    expect(shiftQuarter({ year: 2026, q: 3 }, 5)).toEqual({ year: 2025, q: 2 });
  });

  it('takes the quarter in Vietnam’s time, not the device’s', () => {
    // 30 September 17:30 UTC is 1 October 00:30 in Hà Nội: the fourth quarter has begun.
    expect(quarterAt(new Date('2026-09-30T17:30:00Z'))).toEqual({ year: 2026, q: 4 });
    expect(quarterAt(new Date('2026-09-30T16:59:59Z'))).toEqual({ year: 2026, q: 3 });
  });

  it('defaults to the last quarter that ended and offers the recent ones, newest first', () => {
    expect(lastFinishedQuarter(new Date('2026-12-01T06:00:00Z'))).toBe('2026-Q3');
    expect(lastFinishedQuarter(new Date('2026-12-31T17:00:00Z'))).toBe('2026-Q4'); // 1 January 2027 00:00 in Hà Nội
    expect(lastFinishedQuarter(new Date('2027-02-10T00:00:00Z'))).toBe('2026-Q4');
    expect(recentQuarters(new Date('2026-12-01T06:00:00Z'), 5)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
  });
});
