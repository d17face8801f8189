import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTexts } from '@/lib/i18n';
import { answer, mockApi, renderRoutes, type SentRequest } from '@/test/api-mock';
import type { Statistics, StatisticsRow, StateCounts } from '../api/types';
import { Component as OverviewPage } from './overview';

const HANOI = '11111111-1111-4111-8111-111111111111';
const HAIPHONG = '22222222-2222-4222-8222-222222222222';
const HEAD = '33333333-3333-4333-8333-333333333333';
const AS_OF = '2026-12-01T03:00:00.000Z';

const counts = (doneOnTime: number, doneLate: number, inProgressWithinDeadline: number, overdue: number): StateCounts => {
  const total = doneOnTime + doneLate + inProgressWithinDeadline + overdue;
  const share = (n: number) => (total ? Math.round((n / total) * 1000) / 10 : null);
  return {
    doneOnTime,
    doneLate,
    inProgressWithinDeadline,
    overdue,
    alreadyDue: doneOnTime + doneLate + overdue,
    percentOfAll: { doneOnTime: share(doneOnTime), doneLate: share(doneLate), inProgressWithinDeadline: share(inProgressWithinDeadline), overdue: share(overdue) },
    percentOfDue: { doneOnTime: null, doneLate: null, overdue: null },
  };
};

const row = (group: string | null, label: string, original: StateCounts, current: StateCounts, drillDown: string, extra: Partial<StatisticsRow> = {}): StatisticsRow =>
  ({
    group,
    label,
    rollsUp: true,
    unitCount: 3,
    total: original.doneOnTime + original.doneLate + original.inProgressWithinDeadline + original.overdue,
    key: 1,
    cancelled: 1,
    original,
    current,
    dueSoon: 0,
    notAcknowledged: 0,
    drillDown,
    ...extra,
  }) as StatisticsRow;

const statistics = (rows: StatisticsRow[], totals: StatisticsRow, asOf = AS_OF): Statistics => ({ asOf, source: 'live', groupBy: 'unit', filters: {}, scope: 'Toàn quốc', rows, totals });

const byUnit = statistics(
  [
    row(HANOI, 'Thành phố Hà Nội', counts(1, 2, 3, 4), counts(2, 1, 5, 2), `asOf=${AS_OF}&basis=assigned&withinUnitId=${HANOI}`),
    row(HAIPHONG, 'Thành phố Hải Phòng', counts(0, 0, 0, 1), counts(0, 0, 0, 1), `asOf=${AS_OF}&basis=assigned&withinUnitId=${HAIPHONG}`, { unitCount: 1 }),
  ],
  row(null, 'Tổng cộng', counts(1, 2, 3, 5), counts(2, 1, 5, 3), `asOf=${AS_OF}&basis=assigned`),
);
const keyOnly = statistics([], row(null, 'Tổng cộng', counts(0, 0, 1, 1), counts(0, 0, 2, 0), `asOf=${AS_OF}&basis=assigned&key=true`));
const byHead = statistics(
  [row(HEAD, 'Nguyễn Văn An — Thành phố Hà Nội', counts(0, 0, 0, 2), counts(0, 0, 0, 2), `asOf=${AS_OF}&basis=assigned&headId=${HEAD}`, { rollsUp: false, unitCount: 1 })],
  row(null, 'Tổng cộng', counts(0, 0, 0, 2), counts(0, 0, 0, 2), `asOf=${AS_OF}&basis=assigned`),
);
const week = (asOf: string, overdue: number) => statistics([], row(null, 'Tổng cộng', counts(0, 0, 0, overdue), counts(0, 0, 0, overdue), `asOf=${encodeURIComponent(new Date(asOf).toISOString())}&basis=assigned`), asOf);

function TaskListProbe() {
  const location = useLocation();
  return <p data-testid="task-list">{location.pathname + location.search}</p>;
}

let sent: SentRequest[];

function statisticsHandler(request: SentRequest): Response {
  const q = request.query;
  if (q.get('asOf')) return answer(200, week(q.get('asOf')!, Number(q.get('asOf')!.slice(8, 10)) % 5));
  if (q.get('groupBy') === 'head') return answer(200, byHead);
  if (q.get('key') === 'true') return answer(200, keyOnly);
  return answer(200, byUnit);
}

const render = (at = '/overview') =>
  renderRoutes(
    [
      { path: '/overview', Component: OverviewPage },
      { path: '/tasks', Component: TaskListProbe },
    ],
    at,
  );

describe('the overview page', () => {
  beforeAll(async () => {
    await loadTexts(['reports']);
  });
  beforeEach(() => {
    sent = mockApi({ 'GET /api/reports/statistics': statisticsHandler, 'GET /api/units': () => answer(200, { items: [], total: 0, page: 1, pageSize: 20 }) });
  });

  it('shows the four states against both due times, key tasks apart, each figure from the API', async () => {
    render();
    const table = await screen.findByRole('table');
    const overdueAllCurrent = within(table).getByRole('link', { name: 'Tất cả — theo hạn hiện hành — Quá hạn: 3 nhiệm vụ, xem danh sách' });
    expect(overdueAllCurrent).toHaveTextContent('3(27,3%)');
    expect(within(table).getByRole('link', { name: 'Tất cả — theo hạn ban đầu — Quá hạn: 5 nhiệm vụ, xem danh sách' })).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Trọng tâm — theo hạn hiện hành — Đang thực hiện trong hạn: 2 nhiệm vụ, xem danh sách' })).toBeInTheDocument();
    expect(screen.getByText(/Toàn quốc · số liệu tại 01\/12\/2026 10:00/)).toBeInTheDocument();
    // Stacked bars per unit (against the current due time), the heads, the weekly trend.
    expect(screen.getByRole('link', { name: 'Thành phố Hà Nội — Hoàn thành đúng hạn: 2 nhiệm vụ, xem danh sách' })).toHaveTextContent('2');
    expect(screen.getByRole('link', { name: 'Nguyễn Văn An — Thành phố Hà Nội: 2 nhiệm vụ quá hạn, xem danh sách' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('link', { name: /^Quá hạn lúc 08:00 thứ Hai/ })).toHaveLength(8));
    // The requests: the set, key tasks apart, by head, and eight Mondays at 08:00.
    const queries = sent.filter((r) => r.path === '/api/reports/statistics').map((r) => r.query);
    expect(queries.filter((q) => q.get('asOf')?.endsWith('T08:00:00+07:00'))).toHaveLength(8);
    expect(queries.some((q) => q.get('key') === 'true' && !q.get('asOf'))).toBe(true);
    expect(queries.some((q) => q.get('groupBy') === 'head')).toBe(true);
  });

  it('opens the task list behind a figure with the same filters, the state and the due time', async () => {
    const user = userEvent.setup();
    const { router } = render();
    await user.click(await screen.findByRole('link', { name: 'Tất cả — theo hạn ban đầu — Quá hạn: 5 nhiệm vụ, xem danh sách' }));
    await screen.findByTestId('task-list');
    const search = new URLSearchParams(router.state.location.search);
    expect(router.state.location.pathname).toBe('/tasks');
    expect(Object.fromEntries(search)).toEqual({ asOf: AS_OF, basis: 'assigned', state: 'OVERDUE', against: 'original' });
  });

  it('sends the URL’s filters to the API and follows the due-time switch in the charts', async () => {
    const user = userEvent.setup();
    const { router } = render(`/overview?from=2026-10-01&to=2026-12-31&basis=due&key=false&level=province&program=NQ57`);
    await screen.findByRole('table');
    const main = sent.find((r) => r.path === '/api/reports/statistics' && !r.query.get('asOf') && !r.query.get('groupBy'))!;
    expect(Object.fromEntries(main.query)).toEqual({ from: '2026-10-01T00:00:00+07:00', to: '2027-01-01T00:00:00+07:00', basis: 'due', key: 'false', level: 'province', program: 'NQ57' });
    // key=false: no key-task count is asked for, and no key lines are shown.
    expect(sent.some((r) => r.path === '/api/reports/statistics' && r.query.get('key') === 'true')).toBe(false);
    expect(screen.queryByText('Trọng tâm — theo hạn ban đầu')).toBeNull();
    await user.click(screen.getByText('Hạn ban đầu', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('against')).toBe('original'));
    expect(screen.getByRole('link', { name: 'Thành phố Hà Nội — Quá hạn: 4 nhiệm vụ, xem danh sách' })).toBeInTheDocument();
    // A unit with units under it opens its own breakdown.
    await user.click(screen.getByRole('button', { name: 'Xem số liệu các đơn vị trực thuộc Thành phố Hà Nội' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('unitId')).toBe(HANOI));
  });

  it('shows the API’s refusal', async () => {
    mockApi({ 'GET /api/reports/statistics': () => answer(400, { statusCode: 400, code: 'VALIDATION', message: 'unitId: không thuộc phạm vi của bạn' }), 'GET /api/units': () => answer(200, { items: [], total: 0, page: 1, pageSize: 20 }) });
    render();
    expect(await screen.findByRole('alert')).toHaveTextContent('unitId: không thuộc phạm vi của bạn');
  });
});
