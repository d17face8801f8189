import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadTexts } from '@/lib/i18n';
import type { Scorecard } from '../api/types';
import { evaluatedCard, PENDING_SUMMARY, pendingCard, TASK_T2 } from '../testing/fixtures';
import { fakeApi, json, renderPage, setWidth, type Sent } from '../testing/render';
import { Component as ScorecardPage } from './scorecard';

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

const ID = PENDING_SUMMARY.id;
let card: Scorecard;
let enter: (request: Sent) => Response;
let sent: Sent[];

beforeAll(() => loadTexts(['scorecards', 'tasks']));
beforeEach(() => {
  roles.current = ['LEADER'];
  card = pendingCard();
  enter = () => json(200, evaluatedCard());
  setWidth(1280);
  sent = fakeApi((request) => {
    if (request.path === `/api/reports/scorecards/${ID}` && request.method === 'GET') return json(200, card);
    if (request.path === `/api/reports/scorecards/${ID}/general` && request.method === 'PUT') return enter(request);
    return json(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy' });
  });
});
afterEach(() => vi.unstubAllGlobals());

const lineCard = (name: string) => screen.getByRole('heading', { name }).closest<HTMLElement>('.ant-card')!;

describe('a scorecard', () => {
  it('shows the score pending, each line with its arithmetic and the tasks and timeline entries behind it', async () => {
    renderPage('/scorecards/:id', ScorecardPage, `/scorecards/${ID}`);
    await screen.findByRole('heading', { name: 'Xã Minh Châu', level: 1 });
    expect(screen.getAllByText('43.91 / 70 — chờ chấm điểm').length).toBeGreaterThan(0);
    expect(screen.getByText('Đơn vị · Quý 3/2026')).toBeInTheDocument();
    expect(screen.getByText('2/4 (50%)')).toBeInTheDocument();

    const quantity = lineCard('Số lượng nhiệm vụ hoàn thành');
    expect(within(quantity).getByText('20 × 3/4 = 15')).toBeInTheDocument();
    expect(within(quantity).getByText('15 / 20')).toBeInTheDocument();
    expect(within(quantity).getByRole('link', { name: 'Q3-T4' })).toHaveAttribute('href', '/tasks/b0000000-0000-4000-8000-000000000004');
    expect(within(quantity).getByRole('link', { name: 'Diễn biến #2 của Q3-T4: Quá hạn — đã báo thủ trưởng đơn vị' })).toHaveAttribute('href', '/tasks/b0000000-0000-4000-8000-000000000004?tab=timeline#event-2');

    const quality = lineCard('Chất lượng (minh chứng được chấp nhận)');
    expect(within(quality).getByText('25/4 × (1 + 0.38 + 0.75 + 0) = 13.28')).toBeInTheDocument();
    expect(within(quality).getByText('2.34 / 6.25')).toBeInTheDocument();
    expect(within(quality).getByText(/người dùng thực do thủ trưởng xác nhận/)).toBeInTheDocument();
    expect(within(quality).getByRole('link', { name: /^Diễn biến #4 của Q3-T2: / })).toHaveAttribute('href', `/tasks/${TASK_T2}?tab=timeline#event-4`);

    const progress = lineCard('Tiến độ (đúng hạn ban đầu)');
    expect(within(progress).getByText('hoàn thành chậm 7 ngày làm việc (2 bậc × −25%)')).toBeInTheDocument();
    expect(within(progress).getByText('3.13 / 6.25')).toBeInTheDocument();
    // No band until the general points are in.
    expect(screen.queryByText(/Xếp loại bị hạ/)).toBeNull();
  });

  it('takes a leader’s general points: the API’s field error next to the field, then the total and the band', async () => {
    const user = userEvent.setup();
    enter = (request) =>
      (request.body as { points: number }).points > 30
        ? json(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', errors: [{ field: 'points', rule: 'max', message: 'Điểm chung tối đa 30' }] })
        : json(200, evaluatedCard());
    renderPage('/scorecards/:id', ScorecardPage, `/scorecards/${ID}`);
    const general = await waitFor(() => lineCard('Điểm chung (người đánh giá chấm)'));
    await user.type(within(general).getByLabelText('Điểm chung'), '31');
    await user.type(within(general).getByLabelText('Nhận xét'), 'Chấp hành tốt kỷ luật, kỷ cương.');
    await user.click(within(general).getByRole('button', { name: 'Lưu điểm chung' }));
    await within(general).findByText('Điểm chung tối đa 30');

    await user.clear(within(general).getByLabelText('Điểm chung'));
    await user.type(within(general).getByLabelText('Điểm chung'), '27');
    await user.click(within(general).getByRole('button', { name: 'Lưu điểm chung' }));
    await screen.findByText('Đã lưu điểm chung: tổng điểm 70.91, xếp loại Không hoàn thành nhiệm vụ.');
    const puts = sent.filter((request) => request.method === 'PUT');
    expect(puts.at(-1)!.body).toEqual({ points: 27, comment: 'Chấp hành tốt kỷ luật, kỷ cương.' });
    expect(screen.getAllByText('70.91 / 100').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Không hoàn thành nhiệm vụ').length).toBeGreaterThan(0);
    expect(screen.getByText('Xếp loại bị hạ: 2/4 nhiệm vụ chậm chưa được chấp nhận (50%), vượt mức 20% cho phép.')).toBeInTheDocument();
  });

  it('shows the API’s refusal in its own words', async () => {
    const user = userEvent.setup();
    enter = () => json(403, { statusCode: 403, code: 'FORBIDDEN', message: 'Bạn không thể tự chấm điểm phiếu đánh giá của chính mình.' });
    renderPage('/scorecards/:id', ScorecardPage, `/scorecards/${ID}`);
    const general = await waitFor(() => lineCard('Điểm chung (người đánh giá chấm)'));
    await user.type(within(general).getByLabelText('Điểm chung'), '25');
    await user.type(within(general).getByLabelText('Nhận xét'), 'Tự chấm');
    await user.click(within(general).getByRole('button', { name: 'Lưu điểm chung' }));
    expect(await within(general).findByRole('alert')).toHaveTextContent('Bạn không thể tự chấm điểm phiếu đánh giá của chính mình.');
  });

  it('offers no form to a reader who is not a leader, and sends an old version to the latest', async () => {
    roles.current = ['AUDITOR'];
    card = pendingCard({ versions: [...pendingCard().versions, { id: 'c0000000-0000-4000-8000-000000000009', version: 2, reason: 'Áp dụng công thức mới', createdAt: '2026-10-10T00:00:00.000Z', contentHash: 'b'.repeat(64) }] });
    renderPage('/scorecards/:id', ScorecardPage, `/scorecards/${ID}`);
    await screen.findByRole('heading', { name: 'Xã Minh Châu', level: 1 });
    expect(screen.queryByRole('button', { name: 'Lưu điểm chung' })).toBeNull();
    expect(screen.getByText('Đây là phiên bản 1; phiếu đã được đính chính.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xem phiên bản mới nhất' })).toHaveAttribute('href', '/scorecards/c0000000-0000-4000-8000-000000000009');
    expect(screen.getByRole('link', { name: /^Phiên bản 2 · / })).toHaveAttribute('href', '/scorecards/c0000000-0000-4000-8000-000000000009');
    expect(screen.getByText('Áp dụng công thức mới')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Xuất Excel/ })).toBeInTheDocument();
  });

  it('says “not found” outside the reader’s scope', async () => {
    renderPage('/scorecards/:id', ScorecardPage, '/scorecards/c0000000-0000-4000-8000-0000000000ff');
    await screen.findByText('Không tìm thấy');
  });
});
