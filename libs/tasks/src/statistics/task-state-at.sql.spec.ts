import { cutOffCalendar, MAX_AMBER_WORKING_DAYS, TaskStateAtSql } from './task-state-at.sql';
import { stateCounts } from './statistics.service';

/** Days from a date on, with their working ordinals: Saturdays and Sundays off, and the listed holidays. */
function days(from: string, count: number, holidays: string[] = []): { date: string; workingOrdinal: number }[] {
  const out: { date: string; workingOrdinal: number }[] = [];
  let ordinal = 100;
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.includes(date)) ordinal++;
    out.push({ date, workingOrdinal: ordinal });
  }
  return out;
}

describe(cutOffCalendar.name, () => {
  it('a due time is within n working days while its date’s ordinal is at most the cut-off’s + n: the limit is 00:00 (Vietnam) of the first date beyond', () => {
    // Thursday 12 Feb 2026, Tết off from Saturday 14 to Sunday 22 Feb: 3 working days later is Tuesday 24 Feb.
    const sut = cutOffCalendar(days('2026-02-12', 220, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']));
    expect(sut.ordinal).toBe(101);
    expect(sut.amberLimits[0].toISOString()).toBe('2026-02-12T17:00:00.000Z'); // Friday 13 Feb 00:00 +07:00
    expect(sut.amberLimits[1].toISOString()).toBe('2026-02-22T17:00:00.000Z'); // Monday 23 Feb 00:00 +07:00
    expect(sut.amberLimits[3].toISOString()).toBe('2026-02-24T17:00:00.000Z'); // due by Tuesday 24 Feb counts, Wednesday 25 does not
    expect(sut.amberLimits).toHaveLength(MAX_AMBER_WORKING_DAYS + 1);
  });

  it('a cut-off on a day off counts from the last working day before it', () => {
    const sut = cutOffCalendar(days('2026-03-07', 200)); // a Saturday
    expect(sut.amberLimits[0].toISOString()).toBe('2026-03-08T17:00:00.000Z'); // Monday 9 March is already one working day on
  });

  it('refuses a calendar that ends too soon', () => {
    expect(() => cutOffCalendar(days('2026-03-02', 10))).toThrow(/ends within/);
    expect(() => cutOffCalendar([])).toThrow(/no day/);
  });
});

describe(TaskStateAtSql.name, () => {
  const sut = new TaskStateAtSql('asOf');

  it('judges a done task before anything else but cancellation, by its delivery against the due time', () => {
    const state = sut.state('original');
    expect(state.indexOf("'CANCELLED'")).toBeLessThan(state.indexOf("'DONE_ON_TIME'"));
    expect(state).toContain('COALESCE(task.delivered_at, task.completed_at) <= task.original_due_at');
    expect(sut.state('current')).toContain("ev.data ->> 'newDueAt'");
  });

  it('ranks the risk colours RED, AMBER, GREY, BLUE, ORANGE, GREEN, then none (cancelled)', () => {
    expect(sut.riskRank).toMatch(/WHEN 'RED' THEN 0 WHEN 'AMBER' THEN 1 WHEN 'GREY' THEN 2 WHEN 'BLUE' THEN 3 WHEN 'ORANGE' THEN 4 WHEN 'GREEN' THEN 5 ELSE 6/);
    const risk = sut.risk;
    expect(risk.indexOf("'AMBER'")).toBeLessThan(risk.indexOf("'GREY'"));
  });

  it('names its parameters after the cut-off, so two cut-offs share a query', () => {
    const calendar = { ordinal: 7, amberLimits: [new Date('2026-01-02T17:00:00Z')] };
    expect(new TaskStateAtSql('riskNow').parameters(new Date('2026-01-01T00:00:00Z'), calendar)).toEqual({
      riskNow: '2026-01-01T00:00:00.000Z',
      riskNowOrdinal: 7,
      riskNowAmberLimits: ['2026-01-02T17:00:00.000Z'],
    });
  });
});

describe(stateCounts.name, () => {
  it('gives each state over all counted tasks and over those already due, one decimal, null over none', () => {
    const sut = stateCounts(8, { DONE_ON_TIME: 1, DONE_LATE: 2, IN_PROGRESS_WITHIN_DEADLINE: 3, OVERDUE: 2 }, { DONE_LATE: 2, OVERDUE: 1 });
    expect(sut).toEqual({
      doneOnTime: 1,
      doneLate: 2,
      inProgressWithinDeadline: 3,
      overdue: 2,
      alreadyDue: 3,
      percentOfAll: { doneOnTime: 12.5, doneLate: 25, inProgressWithinDeadline: 37.5, overdue: 25 },
      percentOfDue: { doneOnTime: 0, doneLate: 66.7, overdue: 33.3 },
    });
    expect(stateCounts(0, {}, {}).percentOfAll.overdue).toBeNull();
  });
});
