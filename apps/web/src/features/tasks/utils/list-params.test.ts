import { describe, expect, it } from 'vitest';
import { countsQuery, fixedByTab, listQuery, readListParams, withoutDrillDown, writeListParams } from './list-params';

const read = (search: string) => readListParams(new URLSearchParams(search));

describe('the task list in the URL', () => {
  it('reads defaults from an empty query string', () => {
    expect(read('')).toEqual({ tab: 'all', page: 1, pageSize: 20, status: undefined, overdue: undefined, dueThisWeek: undefined, risk: undefined, key: undefined, program: undefined, q: undefined, drill: undefined });
    expect(listQuery(read(''))).toEqual({ page: 1, pageSize: 20, sort: 'risk' });
  });

  it('leaves out what it cannot read, so a hand-edited link never makes the API answer 400', () => {
    expect(read('tab=nope&status=LOST&overdue=maybe&page=-3&pageSize=7&q=%20%20')).toMatchObject({ tab: 'all', status: undefined, overdue: undefined, page: 1, pageSize: 20, q: undefined });
    expect(read(`q=${'x'.repeat(150)}`).q).toHaveLength(100);
  });

  it('reads risk colours (a comma list: known ones, each once, riskiest first) and key tasks', () => {
    expect(read('risk=green,RED,NOPE,RED&key=true')).toMatchObject({ risk: ['RED', 'GREEN'], key: true });
    expect(read('risk=NOPE&key=maybe')).toMatchObject({ risk: undefined, key: undefined });
    expect(read('key=false').key).toBe(false);
    expect(listQuery(read('tab=open&risk=AMBER,RED&key=false'))).toEqual({ risk: ['RED', 'AMBER'], key: false, open: true, page: 1, pageSize: 20, sort: 'risk' });
    // The tabs count as before: neither risk nor key narrows the counts.
    expect(countsQuery(read('risk=RED&key=true&q=x'))).toEqual({ q: 'x' });
  });

  it('writes risk colours as a comma list, and drops an empty choice', () => {
    const current = new URLSearchParams('page=2');
    expect(writeListParams(current, { risk: ['RED', 'AMBER'] }).toString()).toBe('risk=RED%2CAMBER');
    expect(writeListParams(new URLSearchParams('risk=RED&key=true'), { risk: [] }).toString()).toBe('key=true');
    expect(writeListParams(new URLSearchParams('risk=RED'), { key: false }).toString()).toBe('risk=RED&key=false');
  });

  it("merges a tab's own filters over the filters (the tab wins)", () => {
    expect(listQuery(read('tab=overdue&overdue=false&program=NQ57'))).toEqual({ program: 'NQ57', open: true, overdue: true, page: 1, pageSize: 20, sort: 'risk' });
    expect(listQuery(read('tab=inReview&status=DONE'))).toMatchObject({ status: 'EVIDENCE_SUBMITTED' });
    expect(countsQuery(read('tab=done&q=h%E1%BB%93%20s%C6%A1&status=DONE'))).toEqual({ q: 'hồ sơ' });
    expect([...fixedByTab('dueThisWeek')]).toEqual(['dueThisWeek']);
    expect([...fixedByTab('all')]).toEqual([]);
  });

  it('writes changes: defaults left out, back to page 1 unless the page changes, a tab drops the filters it fixes', () => {
    const current = new URLSearchParams('status=IN_PROGRESS&overdue=true&page=4&pageSize=50');
    expect(writeListParams(current, { q: 'hồ sơ' }).toString()).toBe('status=IN_PROGRESS&overdue=true&pageSize=50&q=h%E1%BB%93+s%C6%A1');
    expect(writeListParams(current, { page: 5, pageSize: 50 }).get('page')).toBe('5');
    expect(writeListParams(current, { tab: 'done' }).toString()).toBe('overdue=true&pageSize=50&tab=done');
    expect(writeListParams(current, { tab: 'overdue' }).toString()).toBe('status=IN_PROGRESS&pageSize=50&tab=overdue');
    expect(writeListParams(new URLSearchParams('tab=done'), { tab: 'all', pageSize: 20 }).toString()).toBe('');
  });

  it("reads a statistic's drill-down (the overview's links) and lists exactly its tasks: its filters, no tab", () => {
    const unit = '3f0c2a9e-8b1d-4c3e-9f2a-1b2c3d4e5f60';
    const link = `asOf=2026-11-30T10%3A00%3A00.000Z&basis=assigned&withinUnitId=${unit}&key=true&state=OVERDUE&against=original&tab=overdue`;
    expect(read(link).drill).toEqual({ asOf: '2026-11-30T10:00:00.000Z', basis: 'assigned', withinUnitId: unit, state: 'OVERDUE', against: 'original' });
    expect(listQuery(read(link))).toEqual({ asOf: '2026-11-30T10:00:00.000Z', basis: 'assigned', withinUnitId: unit, key: true, state: 'OVERDUE', against: 'original', page: 1, pageSize: 20, sort: 'risk' });
    // What the API would refuse is left out.
    expect(read('asOf=yesterday&unitId=42&state=LATE&against=both&level=planet').drill).toBeUndefined();
    expect(read('from=2026-10-01T00:00:00%2B07:00&to=2026-11-01T00:00:00%2B07:00&basis=due&level=commune&headId=' + unit).drill).toEqual({ from: '2026-10-01T00:00:00+07:00', to: '2026-11-01T00:00:00+07:00', basis: 'due', level: 'commune', headId: unit });
    // Leaving the drill-down keeps the other filters.
    expect(withoutDrillDown(new URLSearchParams(`${link}&q=abc&page=3`)).toString()).toBe('key=true&tab=overdue&q=abc');
  });
});
