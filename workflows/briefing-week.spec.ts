import { formatIsoWeek, isoWeekOfDate, isoWeekOfInstant, issueTimeOf, mondayOf, parseIsoWeek, previousWeek, vietnamDateOf, weeksInYear } from './briefing-week';

const at = (text: string) => Date.parse(text);
/** Weekends off, and these dates. */
const calendar =
  (...daysOff: string[]) =>
  (date: string): boolean => {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !daysOff.includes(date);
  };

describe('ISO weeks', () => {
  it('reads and writes `2026-W48`, refusing weeks a year does not have', () => {
    expect(parseIsoWeek('2026-W48')).toEqual({ year: 2026, week: 48 });
    expect(formatIsoWeek({ year: 2026, week: 1 })).toBe('2026-W01');
    // 2026 starts on a Thursday: 53 weeks; 2025 has 52.
    expect([weeksInYear(2026), weeksInYear(2025)]).toEqual([53, 52]);
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect([parseIsoWeek('2025-W53'), parseIsoWeek('2026-W00'), parseIsoWeek('2026-W54'), parseIsoWeek('2026-48'), parseIsoWeek('2026-w48')]).toEqual([null, null, null, null, null]);
  });

  it('gives each date the week of its Thursday (years overlap at their ends)', () => {
    expect(isoWeekOfDate('2026-11-25')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOfDate('2026-11-23')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOfDate('2026-11-29')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOfDate('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOfDate('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOfDate('2026-02-30')).toBeNull();
    expect(mondayOf({ year: 2026, week: 1 })).toBe('2025-12-29');
    expect(mondayOf({ year: 2026, week: 48 })).toBe('2026-11-23');
    expect(mondayOf({ year: 2000, week: 1 })).toBe('2000-01-03');
    expect(previousWeek({ year: 2026, week: 1 })).toEqual({ year: 2025, week: 52 });
    expect(previousWeek({ year: 2027, week: 1 })).toEqual({ year: 2026, week: 53 });
  });

  it('derives the week from the schedule’s time in Asia/Ho_Chi_Minh, not UTC', () => {
    // Monday 08:00 in Vietnam is Monday 01:00 UTC.
    expect(isoWeekOfInstant(at('2026-11-23T01:00:00Z'))).toEqual({ year: 2026, week: 48 });
    // Monday 00:30 in Vietnam is still Sunday in UTC: Vietnam's week counts.
    expect(isoWeekOfInstant(at('2026-11-22T17:30:00Z'))).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOfInstant(at('2026-11-22T16:59:59Z'))).toEqual({ year: 2026, week: 47 });
    expect(vietnamDateOf(at('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
  });
});

describe(issueTimeOf.name, () => {
  it('is Monday 08:00 Asia/Ho_Chi_Minh on a working Monday', () => {
    expect(issueTimeOf({ year: 2026, week: 48 }, calendar())).toEqual({ date: '2026-11-23', at: at('2026-11-23T08:00:00+07:00'), mondayOff: false });
  });

  it('waits for 08:00 of the next working day when Monday is a day off — a whole Tết week, into the next week', () => {
    expect(issueTimeOf({ year: 2026, week: 18 }, calendar('2026-04-27'))).toEqual({ date: '2026-04-28', at: at('2026-04-28T08:00:00+07:00'), mondayOff: true });
    const tet = calendar('2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20');
    expect(issueTimeOf({ year: 2026, week: 8 }, tet)).toEqual({ date: '2026-02-23', at: at('2026-02-23T08:00:00+07:00'), mondayOff: true });
  });

  it('gives up on a calendar without a working day in sight', () => {
    expect(() => issueTimeOf({ year: 2026, week: 48 }, () => false)).toThrow(/no working day/);
  });
});
