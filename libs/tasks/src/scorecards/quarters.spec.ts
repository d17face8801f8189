import { WorkingCalendar } from '@dondoc/calendar';
import { parseQuarter, quarterAt, quarterEndedBy, scorecardIssueInstant } from './quarters';

const vn = (local: string) => new Date(`${local}+07:00`);

describe('scorecard quarters', () => {
  it('reads calendar quarters in Vietnam’s time', () => {
    expect(parseQuarter('2026-Q3', 'calendar')).toEqual({ name: '2026-Q3', from: vn('2026-07-01T00:00:00'), to: vn('2026-10-01T00:00:00'), firstDay: '2026-07-01', lastDay: '2026-09-30' });
    expect(parseQuarter('2026-Q4', 'calendar')).toMatchObject({ to: vn('2027-01-01T00:00:00'), lastDay: '2026-12-31' });
    expect(parseQuarter('2026-Q5', 'calendar')).toBeUndefined();
    expect(parseQuarter('26-Q1', 'calendar')).toBeUndefined();
  });

  it('reads the reporting periods of Nghị định 09/2019: 15 December to 14 March…', () => {
    expect(parseQuarter('2026-Q1', 'nd09')).toMatchObject({ from: vn('2025-12-15T00:00:00'), to: vn('2026-03-15T00:00:00'), firstDay: '2025-12-15', lastDay: '2026-03-14' });
    expect(parseQuarter('2026-Q4', 'nd09')).toMatchObject({ firstDay: '2026-09-15', lastDay: '2026-12-14' });
  });

  it('finds the quarter of an instant, and the one a scheduled run is for', () => {
    expect(quarterAt(vn('2026-09-30T23:59:59'), 'calendar').name).toBe('2026-Q3');
    expect(quarterAt(vn('2026-10-01T00:00:00'), 'calendar').name).toBe('2026-Q4');
    expect(quarterAt(vn('2026-12-20T00:00:00'), 'nd09').name).toBe('2027-Q1');
    // 07:00 VN on 1 October is still 30 September in UTC: the quarter is read in Vietnam's time.
    expect(quarterEndedBy(vn('2026-10-01T07:00:00'), 'calendar').name).toBe('2026-Q3');
    expect(quarterEndedBy(vn('2027-01-01T07:00:00'), 'calendar').name).toBe('2026-Q4');
    expect(quarterEndedBy(vn('2026-03-15T07:00:00'), 'nd09').name).toBe('2026-Q1');
    // A run late by weeks still scores the quarter the schedule meant.
    expect(quarterEndedBy(vn('2026-10-20T07:00:00'), 'calendar').name).toBe('2026-Q3');
  });

  it('issues at 07:00 of the first working day after the cut-off', () => {
    const calendar = new WorkingCalendar([]);
    // Thursday 1 October 2026.
    expect(scorecardIssueInstant(parseQuarter('2026-Q3', 'calendar')!, calendar)).toEqual(vn('2026-10-01T07:00:00'));
    // 1 January 2027 is a holiday, 2–3 January a weekend: Monday 4 January.
    expect(scorecardIssueInstant(parseQuarter('2026-Q4', 'calendar')!, calendar)).toEqual(vn('2027-01-04T07:00:00'));
    // Sunday 15 March 2026: Monday 16 March.
    expect(scorecardIssueInstant(parseQuarter('2026-Q1', 'nd09')!, calendar)).toEqual(vn('2026-03-16T07:00:00'));
  });
});
