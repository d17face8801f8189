import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadTexts } from '@/lib/i18n';
import { EVALUATED_SUMMARY, PENDING_SUMMARY } from '../testing/fixtures';
import { fakeApi, json, location, renderPage, setWidth, type Sent } from '../testing/render';
import { Component as ScorecardsPage } from './scorecards';

const roles = vi.hoisted(() => ({ current: ['LEADER'] as string[] }));
vi.mock('@/lib/auth', () => ({
  useAuth: () => ({ status: 'signedIn', user: { id: 'u1', name: 'Lãnh đạo', roles: roles.current }, hasRole: (...wanted: string[]) => wanted.some((role) => roles.current.includes(role)) }),
}));

configure({ defaultHidden: true, asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 60_000 });
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const HEAD_SUMMARY = { ...PENDING_SUMMARY, id: 'c0000000-0000-4000-8000-000000000003', kind: 'HEAD' as const, user: { id: 'u9', name: 'Chủ tịch UBND xã Minh Châu', email: 'ct@xa.vn' } };

let sent: Sent[];
beforeAll(() => loadTexts(['scorecards']));
beforeEach(() => {
  roles.current = ['LEADER'];
  setWidth(1280);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T06:00:00Z'));
  sent = fakeApi((request) => {
    if (request.path === '/api/reports/scorecards' && request.method === 'GET') {
      const items = request.query.get('kind') === 'HEAD' ? [HEAD_SUMMARY] : [PENDING_SUMMARY, EVALUATED_SUMMARY];
      return json(200, { items, total: items.length, page: 1, pageSize: 20 });
    }
    if (request.path === '/api/reports/scorecards' && request.method === 'POST') return json(202, { quarter: '2026-Q3', workflowId: 'quarterly-scorecards-2026-Q3' });
    if (request.path === '/api/units') return json(200, { items: [], total: 0, page: 1, pageSize: 20 });
    return json(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy' });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const lists = () => sent.filter((request) => request.path === '/api/reports/scorecards' && request.method === 'GET');

describe('the scorecards list', () => {
  it('shows the last finished quarter’s unit scorecards: pending as results of 70, evaluated with total and band', async () => {
    renderPage('/scorecards', ScorecardsPage, '/scorecards');
    const table = await screen.findByRole('table');
    const pending = (await within(table).findByRole('link', { name: 'Xem phiếu đánh giá: Xã Minh Châu' })).closest('tr')!;
    expect(within(pending).getByText('43.91 / 70 — chờ chấm điểm')).toBeInTheDocument();
    expect(within(pending).getByText('Chờ chấm điểm')).toBeInTheDocument();
    expect(within(pending).getByRole('link', { name: 'Xem phiếu đánh giá: Xã Minh Châu' })).toHaveAttribute('href', `/scorecards/${PENDING_SUMMARY.id}`);
    const evaluated = within(table).getByRole('link', { name: 'Xem phiếu đánh giá: Xã Tiến Thắng' }).closest('tr')!;
    expect(within(evaluated).getByText('70.91 / 100')).toBeInTheDocument();
    expect(within(evaluated).getByText('Không hoàn thành nhiệm vụ')).toBeInTheDocument();
    expect(within(evaluated).getByText('27 / 30')).toBeInTheDocument();
    expect(lists()[0].query.get('quarter')).toBe('2026-Q3');
    expect(lists()[0].query.get('kind')).toBe('UNIT');
    // Only administrators publish.
    expect(screen.queryByRole('button', { name: 'Công bố / đính chính quý' })).toBeNull();
  });

  it('keeps the kind and the quarter in the URL', async () => {
    const user = userEvent.setup();
    renderPage('/scorecards', ScorecardsPage, '/scorecards?quarter=2026-Q2');
    await screen.findByText('43.91 / 70 — chờ chấm điểm');
    expect(lists()[0].query.get('quarter')).toBe('2026-Q2');
    await user.click(screen.getByRole('tab', { name: 'Người đứng đầu' }));
    await waitFor(() => expect(location()).toBe('/scorecards?quarter=2026-Q2&kind=HEAD'));
    await screen.findByText('Chủ tịch UBND xã Minh Châu');
    expect(lists().at(-1)!.query.get('kind')).toBe('HEAD');
    expect(screen.getByRole('columnheader', { name: 'Người được đánh giá' })).toBeInTheDocument();
  });

  it('lets an administrator publish the quarter, with a reason for a correction', async () => {
    roles.current = ['ADMIN'];
    const user = userEvent.setup();
    renderPage('/scorecards', ScorecardsPage, '/scorecards?quarter=2026-Q3');
    await screen.findByText('43.91 / 70 — chờ chấm điểm');
    await user.click(screen.getByRole('button', { name: 'Công bố / đính chính quý' }));
    const dialog = await screen.findByRole('dialog', { name: 'Công bố hoặc đính chính Quý 3/2026' });
    await user.type(within(dialog).getByLabelText('Lý do đính chính'), 'Bổ sung nhiệm vụ bị sót');
    await user.click(within(dialog).getByRole('button', { name: 'Thực hiện' }));
    await waitFor(() => expect(sent.filter((request) => request.method === 'POST')).toHaveLength(1));
    expect(sent.find((request) => request.method === 'POST')!.body).toEqual({ quarter: '2026-Q3', reason: 'Bổ sung nhiệm vụ bị sót' });
    await screen.findByText('Đang công bố Quý 3/2026: danh sách tự cập nhật khi các phiếu được lập.');
  });

  it('fits a phone: the score and the band in one column', async () => {
    setWidth(360);
    renderPage('/scorecards', ScorecardsPage, '/scorecards?quarter=2026-Q3');
    const table = await screen.findByRole('table');
    await within(table).findByText('70.91 / 100');
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Đơn vị', 'Tổng điểm']);
  });
});
