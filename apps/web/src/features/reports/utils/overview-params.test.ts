import { describe, expect, it } from 'vitest';
import type { StatisticsRow } from '../api/types';
import { figureLink, lastMondays, readOverviewParams, statisticsQuery, topHeads, writeOverviewParams } from './overview-params';

const read = (search: string) => readOverviewParams(new URLSearchParams(search));
const UNIT = '3f0c2a9e-8b1d-4c3e-9f2a-1b2c3d4e5f60';

describe('the overview in the URL', () => {
  it('reads defaults, and leaves out what it cannot read (never a 400)', () => {
    expect(read('')).toEqual({ basis: 'assigned', against: 'current', from: undefined, to: undefined, program: undefined, key: undefined, level: undefined, unitId: undefined });
    expect(read('from=2026-02-30&to=yesterday&key=maybe&level=planet&unitId=42&basis=x&against=y&program=%20')).toEqual(read(''));
    expect(statisticsQuery(read(''))).toEqual({});
  });

  it('turns the period’s days into Vietnam midnights, the last day included (`to` is exclusive)', () => {
    const params = read(`from=2026-10-01&to=2026-12-31&basis=due&program=NQ57&key=true&level=commune&unitId=${UNIT}`);
    expect(statisticsQuery(params)).toEqual({ from: '2026-10-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00', basis: 'due', program: 'NQ57', key: true, level: 'commune', unitId: UNIT });
    // A period given backwards is read the right way round; basis only with a period.
    expect(read('from=2026-12-31&to=2026-10-01')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(statisticsQuery(read('basis=due&key=false'))).toEqual({ key: false });
  });

  it('writes changes with the defaults left out', () => {
    const current = new URLSearchParams('key=true&against=original');
    expect(writeOverviewParams(current, { against: 'current', level: 'province' }).toString()).toBe('key=true&level=province');
    expect(writeOverviewParams(current, { key: undefined, basis: 'assigned' }).toString()).toBe('against=original');
  });

  it('links a figure to the task list: the row’s drill-down with the state and the due time judged against', () => {
    const drillDown = `asOf=2026-11-30T10%3A00%3A00.000Z&basis=assigned&withinUnitId=${UNIT}`;
    expect(figureLink(drillDown, 'OVERDUE', 'original')).toBe(`/tasks?${drillDown}&state=OVERDUE&against=original`);
    expect(figureLink(drillDown, 'DONE_ON_TIME')).toBe(`/tasks?${drillDown}&state=DONE_ON_TIME&against=current`);
    expect(figureLink(drillDown, 'CANCELLED')).toBe(`/tasks?${drillDown}&state=CANCELLED`);
    expect(figureLink(drillDown)).toBe(`/tasks?${drillDown}`);
  });

  it('takes the weekly trend at the last Mondays, 08:00 in Vietnam, oldest first', () => {
    // Tuesday 1 December 2026, 05:00 in Vietnam: the latest Monday is 30 November.
    expect(lastMondays(new Date('2026-11-30T22:00:00Z'), 3)).toEqual(['2026-11-16T08:00:00+07:00', '2026-11-23T08:00:00+07:00', '2026-11-30T08:00:00+07:00']);
    // Monday 30 November 07:59 in Vietnam (00:59 UTC): that Monday's briefing has not come; Sunday night UTC is Monday in Vietnam.
    expect(lastMondays(new Date('2026-11-30T00:59:00Z'), 1)).toEqual(['2026-11-23T08:00:00+07:00']);
    expect(lastMondays(new Date('2026-11-30T01:00:00Z'), 1)).toEqual(['2026-11-30T08:00:00+07:00']);
    expect(lastMondays(new Date('2026-11-29T20:00:00Z'), 2)).toEqual(['2026-11-16T08:00:00+07:00', '2026-11-23T08:00:00+07:00']);
    // Across a year's end.
    expect(lastMondays(new Date('2027-01-05T03:00:00Z'), 2)).toEqual(['2026-12-28T08:00:00+07:00', '2027-01-04T08:00:00+07:00']);
  });

  it('ranks the heads by their overdue tasks against the current due time, leaving out those with none and the units without a head', () => {
    const head = (group: string | null, label: string, overdue: number) => ({ group, label, current: { overdue }, original: { overdue: 10 - overdue } }) as StatisticsRow;
    const rows = [head('a', 'Bình', 1), head('b', 'An', 3), head(null, '(đơn vị chưa có người đứng đầu)', 9), head('c', 'Cường', 0), head('d', 'Dũng', 3)];
    expect(topHeads(rows, 2).map((row) => row.label)).toEqual(['An', 'Dũng']);
    expect(topHeads(rows, 10).map((row) => row.label)).toEqual(['An', 'Dũng', 'Bình']);
    expect(topHeads(rows, 2, 'original').map((row) => row.label)).toEqual(['Cường', 'Bình']);
  });
});
