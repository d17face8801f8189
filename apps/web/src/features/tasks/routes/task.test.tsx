import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '@/lib/api-client';
import { inVietnam } from '@/lib/format';
import type { Blocker, TaskAction, TaskDetail, TimelineEntry } from '../api/types';
import { NoResizeObserver, renderRoute, setScreenWidth } from '../testing/render-route';
import { Component as TaskPage } from './task';

configure({ asyncUtilTimeout: 15_000 });
// A whole antd page in jsdom takes seconds per interaction.
vi.setConfig({ testTimeout: 60_000 });

vi.mock('@/lib/api-client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/api-client')>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});
vi.mock('@/lib/auth', () => ({
  useAuth: () => ({ status: 'signedIn', user: { id: 'c0000000-0000-4000-8000-000000000009', name: 'Lãnh đạo' }, hasRole: () => false }),
}));
// The evidence section has its own tests.
vi.mock('../components/evidence-section', () => ({ EvidenceSection: () => <p>evidence section</p> }));

type Init = { params?: { path?: Record<string, string>; header?: Record<string, string>; query?: Record<string, unknown> }; body?: unknown };
type Call = (path: string, init?: Init) => Promise<unknown>;
const get = api.GET as unknown as Mock<Call>;
const post = api.POST as unknown as Mock<Call>;
const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });
const problem = (status: number, error: object) => ({ error: { statusCode: status, ...error }, response: new Response(null, { status }) });

const ID = 'b0000000-0000-4000-8000-000000000001';
const DAY = 86_400_000;
const officer = { id: 'c0000000-0000-4000-8000-000000000001', name: 'Nguyễn Văn An', email: 'an@minhchau.gov.vn' };

function detail(overrides: Partial<TaskDetail> = {}): TaskDetail {
  return {
    id: ID,
    code: 'NV-2026-000123',
    title: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành',
    description: 'Triển khai tại 30 xã.',
    program: 'Nghị quyết 57',
    status: 'IN_PROGRESS',
    risk: 'BLUE',
    key: true,
    workingDaysLeft: 7,
    overdue: false,
    overdueSince: null,
    escalationLevel: 0,
    progressPercent: 40,
    leadUnit: { id: 'a0000000-0000-4000-8000-000000000001', code: 'XA-MC', nameVi: 'UBND xã Minh Châu', nameEn: null, level: 'commune' },
    coordinatingUnits: [{ id: 'a0000000-0000-4000-8000-000000000002', code: 'SO-TT', nameVi: 'Sở Thông tin', nameEn: null, level: 'department' }],
    focalOfficer: officer,
    assignedBy: null,
    reviewers: [],
    assignedAt: new Date(Date.now() - 30 * DAY).toISOString(),
    acknowledgedAt: new Date(Date.now() - 29 * DAY).toISOString(),
    originalDueAt: new Date(Date.now() + 10 * DAY).toISOString(),
    dueAt: new Date(Date.now() + 10 * DAY + 3_600_000).toISOString(),
    completedAt: null,
    completedOnTimeOriginal: null,
    completedOnTimeExtended: null,
    cancelledAt: null,
    cancelReason: null,
    template: { id: 't1', key: 'chuyen-doi-so-90d', version: 2 } as unknown as TaskDetail['template'],
    milestones: [],
    pending: { escalations: [], extensions: [], explanations: [], beyondAuthority: [], evidenceReview: null },
    evidence: null,
    progress: null,
    regressed: false,
    afterCareUntil: null,
    blockers: [],
    timeline: [
      { seq: 1, type: 'ASSIGNED', at: new Date(Date.now() - 30 * DAY).toISOString(), actor: { id: 'x', name: 'Văn phòng', email: 'vp@gov.vn' }, fromStatus: null, toStatus: 'ASSIGNED', data: {} },
      { seq: 2, type: 'ACKNOWLEDGED', at: new Date(Date.now() - 29 * DAY).toISOString(), actor: officer, fromStatus: 'ASSIGNED', toStatus: 'IN_PROGRESS', data: {} },
      { seq: 3, type: 'REMINDER', at: new Date(Date.now() - DAY).toISOString(), actor: null, fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', data: {} },
      { seq: 4, type: 'SOMETHING_NEW', at: new Date(Date.now() - 3_600_000).toISOString(), actor: null, fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', data: {} },
    ],
    actions: [],
    ...overrides,
  };
}

/** GET /api/calendar/deadline: from 2026-02-12 + 3 working days is Tue 24/02/2026 17:00 (Tết between); otherwise N days later at 17:00. */
function deadline(query: Record<string, unknown> = {}) {
  const days = Number(query.workingDays);
  const dueAt = days === 3 ? '2026-02-24T17:00:00+07:00' : new Date(Date.parse(String(query.from)) + days * DAY).toISOString();
  return ok({ from: query.from, workingDays: days, dueAt, daysOff: [] });
}

/** The unit directory's answer: any active unit, with its parent's names. */
const UNITS = [
  { id: 'a0000000-0000-4000-8000-000000000001', code: 'XA-MC', nameVi: 'UBND xã Minh Châu', nameEn: null, level: 'commune', parentNameVi: 'Thành phố Hà Nội', parentNameEn: null },
  { id: 'a0000000-0000-4000-8000-000000000003', code: 'SO-TC', nameVi: 'Sở Tài chính', nameEn: null, level: 'department', parentNameVi: 'Thành phố Hà Nội', parentNameEn: null },
  { id: 'a0000000-0000-4000-8000-000000000009', code: 'BTC', nameVi: 'Bộ Tài chính', nameEn: 'Ministry of Finance', level: 'ministry', parentNameVi: null, parentNameEn: null },
];

function serve(task: TaskDetail | (() => unknown)) {
  get.mockImplementation((path, init) => {
    if (path === '/api/tasks/{id}') return Promise.resolve(typeof task === 'function' ? task() : ok(task));
    if (path === '/api/calendar/deadline') return Promise.resolve(deadline(init?.params?.query));
    if (path === '/api/units/directory') return Promise.resolve(ok(UNITS));
    return Promise.resolve(problem(404, { code: 'NOT_FOUND', message: 'Không tìm thấy' }));
  });
}

const open = (actions: TaskAction[] = [], overrides: Partial<TaskDetail> = {}) => {
  serve(detail({ actions, ...overrides }));
  return renderRoute(`/tasks/${ID}`, { task: TaskPage });
};

/** The antd form item (label, control, errors) around a labelled field. */
const fieldItem = (label: string) => screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', NoResizeObserver);
  get.mockReset();
  post.mockReset();
  setScreenWidth(1280);
});

describe('A task', () => {
  it('shows the task: units, focal officer, template, due times with working days left, status, risk, key mark, progress', async () => {
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành' })).toBeInTheDocument();
    for (const text of ['UBND xã Minh Châu', 'Sở Thông tin', 'Nguyễn Văn An (an@minhchau.gov.vn)', 'chuyen-doi-so-90d · phiên bản 2', 'còn 7 ngày làm việc', 'Triển khai tại 30 xã.']) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getAllByText('Đang thực hiện').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Đang thực hiện trong hạn').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Trọng tâm').length).toBeGreaterThan(0);
    // No blockers: no section.
    expect(screen.queryByText(/Vướng mắc do đơn vị khác/)).not.toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Tiến độ' })).toHaveAttribute('aria-valuenow', '40');
    // Nothing may be done: no action buttons at all.
    expect(screen.queryByRole('group', { name: 'Việc bạn có thể làm với nhiệm vụ này' })).not.toBeInTheDocument();
  });

  it('offers only the actions the API allows now', async () => {
    open(['acknowledge', 'requestExtension', 'submitEvidence', 'decideExtension']);
    const group = await screen.findByRole('group', { name: 'Việc bạn có thể làm với nhiệm vụ này' });
    expect(within(group).getAllByRole('button').map((button) => button.textContent)).toEqual(['Xác nhận tiếp nhận', 'Nộp minh chứng', 'Xin gia hạn']);
    expect(screen.queryByRole('button', { name: 'Hủy nhiệm vụ' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Báo cáo tiến độ' })).not.toBeInTheDocument();
  });

  it('opens the evidence tab for "submit evidence" and keeps the tab in the URL', async () => {
    const user = userEvent.setup();
    const { router } = open(['submitEvidence']);
    await user.click(await screen.findByRole('button', { name: 'Nộp minh chứng' }));
    expect(await screen.findByText('evidence section')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?tab=evidence');
  });

  it('shows the timeline with readable labels, dondoc for timers, the change of state, and the raw type of an unknown event', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('tab', { name: 'Diễn biến (4)' }));
    const acknowledged = await screen.findByRole('article', { name: 'Xác nhận tiếp nhận' });
    expect(within(acknowledged).getByText(/Nguyễn Văn An/)).toBeInTheDocument();
    expect(within(acknowledged).getByText(/Chờ tiếp nhận → Đang thực hiện/)).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Nhắc hạn' })).getByText(/dondoc \(tự động\)/)).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'SOMETHING_NEW' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Giao nhiệm vụ' })).toBeInTheDocument();
  });

  it('opens the timeline at the entry a link names (#event-<seq>, as the scorecards link), marked and focused', async () => {
    serve(detail());
    renderRoute(`/tasks/${ID}#event-2`, { task: TaskPage });
    const entry = await screen.findByRole('article', { name: 'Xác nhận tiếp nhận' });
    expect(screen.getByRole('tab', { name: 'Diễn biến (4)' })).toHaveAttribute('aria-selected', 'true');
    expect(entry).toHaveAttribute('id', 'event-2');
    expect(entry).toHaveAttribute('aria-current', 'true');
    await waitFor(() => expect(document.activeElement).toBe(entry));
    expect(screen.getByRole('article', { name: 'Nhắc hạn' })).not.toHaveAttribute('aria-current');
  });

  it('lists pending requests, with a link to decide those the user may decide', async () => {
    const pending = {
      escalations: [{ id: 'P1', level: 2, proposedAt: new Date().toISOString(), deciders: ['someone-else'], status: 'PENDING' }],
      extensions: [{ id: 'E1', requestedBy: officer.id, requestedAt: new Date().toISOString(), newDueAt: new Date(Date.now() + 40 * DAY).toISOString(), reason: 'Chờ kinh phí', status: 'PENDING' }],
      explanations: [],
      beyondAuthority: [],
      evidenceReview: null,
    };
    open(['decideExtension', 'decideEscalation'], { pending: pending as unknown as TaskDetail['pending'] });
    expect(await screen.findByText('Đang chờ xử lý (2)')).toBeInTheDocument();
    expect(screen.getByText(/Chờ kinh phí/)).toBeInTheDocument();
    const links = screen.getAllByRole('link', { name: 'Xem và quyết định' });
    // Only the extension: the escalation's deciders do not include the user.
    expect(links.map((link) => link.getAttribute('href'))).toEqual([`/decisions?task=${ID}&request=E1`]);
  });

  it('acknowledges with an idempotency key, closes the dialog and reads the task again', async () => {
    const user = userEvent.setup();
    open(['acknowledge']);
    post.mockResolvedValue(ok(detail()));
    await user.click(await screen.findByRole('button', { name: 'Xác nhận tiếp nhận' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xác nhận tiếp nhận nhiệm vụ' });
    await user.click(within(dialog).getByRole('button', { name: 'Xác nhận tiếp nhận' }));

    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    const [path, init] = post.mock.calls[0];
    expect(path).toBe('/api/tasks/{id}/acknowledge');
    expect(init?.params?.path).toEqual({ id: ID });
    expect(init?.params?.header?.['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByText('Đã xác nhận tiếp nhận nhiệm vụ.')).toBeInTheDocument();
    // Closed (jsdom never ends antd's leave animation, so the dialog may still be leaving).
    await waitFor(() => expect(dialog.isConnected && !dialog.className.includes('leave')).toBe(false));
    await waitFor(() => expect(get.mock.calls.filter(([p]) => p === '/api/tasks/{id}').length).toBeGreaterThan(1));
  });

  it('shows a refusal (409) in the dialog, keeps it open, and retries with the same key', async () => {
    const user = userEvent.setup();
    open(['acknowledge']);
    post.mockResolvedValue(problem(409, { code: 'CONFLICT', message: 'Nhiệm vụ đã được tiếp nhận.', details: { rule: 'alreadyAcknowledged' } }));
    await user.click(await screen.findByRole('button', { name: 'Xác nhận tiếp nhận' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xác nhận tiếp nhận nhiệm vụ' });
    await user.click(within(dialog).getByRole('button', { name: 'Xác nhận tiếp nhận' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Nhiệm vụ đã được tiếp nhận.');
    expect(screen.getByRole('dialog', { name: 'Xác nhận tiếp nhận nhiệm vụ' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Xác nhận tiếp nhận' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(2));
    expect(post.mock.calls[1][1]?.params?.header).toEqual(post.mock.calls[0][1]?.params?.header);
  });

  it('puts the API field errors next to their fields', async () => {
    const user = userEvent.setup();
    open(['progress']);
    post.mockResolvedValue(
      problem(400, { code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', errors: [{ field: 'note', rule: 'noControlCharacters', message: 'Nội dung có ký tự điều khiển.' }] }),
    );
    await user.click(await screen.findByRole('button', { name: 'Báo cáo tiến độ' }));
    await screen.findByRole('dialog', { name: 'Báo cáo tiến độ' });
    expect(screen.getByLabelText('Tỷ lệ hoàn thành')).toHaveValue('40');
    await user.click(screen.getByLabelText('Nội dung báo cáo'));
    await user.paste('Đã triển khai 12/30 xã');
    await user.click(screen.getByRole('button', { name: 'Gửi báo cáo' }));

    expect(await within(fieldItem('Nội dung báo cáo')).findByText('Nội dung có ký tự điều khiển.')).toBeInTheDocument();
    expect(post.mock.calls[0][1]?.body).toEqual({ percent: 40, note: 'Đã triển khai 12/30 xã' });
    expect(screen.queryByRole('alert', { name: /Dữ liệu không hợp lệ/ })).not.toBeInTheDocument();
  });

  it('asks for an extension in working days, previewing the new due time the API counts', async () => {
    const user = userEvent.setup();
    const dueAt = '2026-02-12T17:00:00+07:00';
    open(['requestExtension'], { dueAt });
    post.mockResolvedValue(ok(detail()));
    await user.click(await screen.findByRole('button', { name: 'Xin gia hạn' }));
    await screen.findByRole('dialog', { name: 'Xin gia hạn' });
    // Five working days by default, previewed.
    expect(screen.getByLabelText('Số ngày làm việc thêm')).toHaveValue('5');
    expect(await screen.findByText(/^Hạn mới: thứ \S+ \d{2}\/\d{2}\/2026 \d{2}:\d{2}$/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Số ngày làm việc thêm'));
    await user.type(screen.getByLabelText('Số ngày làm việc thêm'), '3');
    expect(await screen.findByText('Hạn mới: thứ Ba 24/02/2026 17:00')).toBeInTheDocument();
    const asked = get.mock.calls.filter(([path]) => path === '/api/calendar/deadline').map(([, init]) => init?.params?.query);
    expect(asked.at(-1)).toEqual({ from: dueAt, workingDays: 3 });
    // Typing waits for a pause: never asked for an empty term.
    expect(asked.every((query) => Number(query?.workingDays) >= 1)).toBe(true);

    await user.click(screen.getByLabelText('Lý do xin gia hạn'));
    await user.paste('Chờ kinh phí');
    await user.click(screen.getByRole('button', { name: 'Gửi đề nghị gia hạn' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0][1]?.body).toEqual({ extendBy: '3wd', reason: 'Chờ kinh phí' });
  });

  it('asks for an extension with a due time in Vietnam time', async () => {
    const user = userEvent.setup();
    open(['requestExtension']);
    post.mockResolvedValue(ok(detail()));
    await user.click(await screen.findByRole('button', { name: 'Xin gia hạn' }));
    await screen.findByRole('dialog', { name: 'Xin gia hạn' });
    await user.click(screen.getByRole('radio', { name: 'Chọn ngày giờ' }));
    expect(await screen.findByLabelText('Hạn mới đề nghị')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Lý do xin gia hạn'));
    await user.paste('Chờ kinh phí');
    await user.click(screen.getByRole('button', { name: 'Gửi đề nghị gia hạn' }));

    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    const body = post.mock.calls[0][1]?.body as { newDueAt: string; reason: string };
    expect(post.mock.calls[0][0]).toBe('/api/tasks/{id}/extension-requests');
    expect(body.reason).toBe('Chờ kinh phí');
    expect(body.newDueAt).toMatch(/^\d{4}-\d{2}-\d{2}T17:00:00\+07:00$/);
  });

  it('shows "not found" for a 404 (unknown, or outside the user scope)', async () => {
    serve(() => problem(404, { code: 'NOT_FOUND', message: 'Không tìm thấy nhiệm vụ' }));
    renderRoute(`/tasks/${ID}`, { task: TaskPage });
    expect(await screen.findByText('Không tìm thấy')).toBeInTheDocument();
    expect(screen.getByText('Trang hoặc nhiệm vụ này không tồn tại, hoặc nằm ngoài phạm vi của bạn.')).toBeInTheDocument();
  });

  it('shows other errors with their request id', async () => {
    serve(() => problem(500, { code: 'INTERNAL', message: 'Lỗi máy chủ', requestId: 'req-7' }));
    renderRoute(`/tasks/${ID}`, { task: TaskPage });
    expect(await screen.findByText(/mã yêu cầu req-7/)).toBeInTheDocument();
  });
});

describe('Blockers on a task', () => {
  const finance = { id: 'a0000000-0000-4000-8000-000000000003', code: 'SO-TC', nameVi: 'Sở Tài chính', nameEn: null, level: 'department' as const };
  const info = { id: 'a0000000-0000-4000-8000-000000000002', code: 'SO-TT', nameVi: 'Sở Thông tin', nameEn: null, level: 'department' as const };
  const leader = { id: 'c0000000-0000-4000-8000-000000000009', name: 'Lãnh đạo tỉnh', email: 'ld@gov.vn' };
  const resolved: Blocker = {
    id: 'BL5',
    blockingUnit: info,
    coordinating: true,
    reason: null,
    awaited: 'Tài khoản kết nối cổng dịch vụ công',
    since: new Date(Date.now() - 20 * DAY).toISOString(),
    declaredBy: officer,
    declaredAt: new Date(Date.now() - 20 * DAY).toISOString(),
    status: 'RESOLVED',
    resolvedBy: officer,
    resolvedAt: new Date(Date.now() - 15 * DAY).toISOString(),
    resolution: 'Đã nhận tài khoản ngày 10/11',
    confirmed: true,
    decidedBy: leader,
    decidedAt: new Date(Date.now() - 14 * DAY).toISOString(),
    decisionComment: 'Nguyên nhân khách quan: chờ Bộ cấp tài khoản.',
  };
  const openBlocker: Blocker = {
    ...resolved,
    id: 'BL9',
    blockingUnit: finance,
    coordinating: false,
    reason: 'Sở Tài chính chưa bố trí kinh phí',
    awaited: 'Kinh phí triển khai 2026',
    status: 'OPEN',
    resolvedBy: null,
    resolvedAt: null,
    resolution: null,
    confirmed: false,
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
  };

  it('lists the blockers, open first: unit, awaited, since, who declared, status, objective cause, resolution and decision', async () => {
    open([], { blockers: [resolved, openBlocker] });
    const section = (await screen.findByText('Vướng mắc do đơn vị khác (2)')).closest('.ant-card') as HTMLElement;
    const items = within(section).getAllByRole('listitem').filter((item) => item.getAttribute('aria-label'));
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['Sở Tài chính', 'Sở Thông tin']);
    const [first, second] = items.map((item) => within(item));
    for (const text of ['Đang vướng', 'Kinh phí triển khai 2026', 'Sở Tài chính chưa bố trí kinh phí', /Nguyễn Văn An ·/]) expect(first.getByText(text)).toBeInTheDocument();
    for (const text of ['Đã tháo gỡ', '(đơn vị phối hợp)', 'Nguyên nhân khách quan', 'Đã nhận tài khoản ngày 10/11', 'Nguyên nhân khách quan: chờ Bộ cấp tài khoản.', /Lãnh đạo tỉnh ·/]) {
      expect(second.getByText(text)).toBeInTheDocument();
    }
    // Nothing may be done: no buttons.
    expect(within(section).queryByRole('button')).toBeNull();
  });

  it('declares a blocker on a coordinating unit: what is awaited, since today; the API’s field errors go next to their fields', async () => {
    const user = userEvent.setup();
    open(['declareBlocker']);
    post.mockResolvedValueOnce(problem(400, { code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', errors: [{ field: 'awaited', rule: 'notEmpty', message: 'Nêu việc đang chờ.' }] }));
    await user.click(await screen.findByRole('button', { name: 'Báo vướng mắc do đơn vị khác' }));
    const dialog = await screen.findByRole('dialog', { name: 'Báo vướng mắc do đơn vị khác' });
    // The only coordinating unit is chosen; since: today.
    expect(within(fieldItem('Đơn vị gây vướng mắc')).getByText('Sở Thông tin')).toBeInTheDocument();
    expect(screen.getByLabelText('Chờ từ ngày')).toHaveValue(inVietnam(new Date()).format('DD/MM/YYYY'));
    await user.click(screen.getByLabelText('Đang chờ gì'));
    await user.paste('Dữ liệu dân cư đã làm sạch');
    await user.click(within(dialog).getByRole('button', { name: 'Báo vướng mắc' }));

    expect(await within(fieldItem('Đang chờ gì')).findByText('Nêu việc đang chờ.')).toBeInTheDocument();
    const [path, init] = post.mock.calls[0];
    expect(path).toBe('/api/tasks/{id}/blockers');
    const body = init?.body as { blockingUnitId: string; awaited: string; since: string; reason?: string };
    expect(body).toEqual({ blockingUnitId: info.id, awaited: 'Dữ liệu dân cư đã làm sạch', since: expect.stringMatching(/T00:00:00\+07:00$/) as unknown });
    expect(body.since.slice(0, 10)).toBe(inVietnam(new Date()).format('YYYY-MM-DD'));
  });

  it('declares a blocker on another unit, picked from the units, with the reason it needs', async () => {
    const user = userEvent.setup();
    open(['declareBlocker']);
    post.mockResolvedValue(ok(detail()));
    await user.click(await screen.findByRole('button', { name: 'Báo vướng mắc do đơn vị khác' }));
    const dialog = await screen.findByRole('dialog', { name: 'Báo vướng mắc do đơn vị khác' });
    await user.click(screen.getByLabelText('Đơn vị gây vướng mắc'));
    await user.click(await screen.findByTitle('Đơn vị khác (không phối hợp nhiệm vụ)…'));
    await user.click(await screen.findByLabelText('Chọn đơn vị'));
    // Nothing is asked of the directory until something is typed.
    expect(await screen.findByText('Gõ mã hoặc tên đơn vị', { selector: '.ant-select-item-empty *, .ant-select-item-empty' })).toBeInTheDocument();
    expect(get.mock.calls.some(([path]) => path === '/api/units/directory')).toBe(false);
    await user.keyboard('tài');
    // Units outside the user's scope are offered (a ministry), with their parent; the lead unit is not.
    expect(await screen.findByTitle('BTC — Bộ Tài chính')).toBeInTheDocument();
    await user.click(await screen.findByTitle('SO-TC — Sở Tài chính (Thành phố Hà Nội)'));
    expect(screen.queryByTitle('XA-MC — UBND xã Minh Châu (Thành phố Hà Nội)')).toBeNull();
    expect(get).toHaveBeenCalledWith('/api/units/directory', { params: { query: { q: 'tài', limit: 20 } } });
    await user.click(screen.getByLabelText('Đang chờ gì'));
    await user.paste('Kinh phí triển khai 2026');
    await user.click(within(dialog).getByRole('button', { name: 'Báo vướng mắc' }));
    expect(await within(fieldItem('Lý do đơn vị này gây vướng mắc')).findByText('Vui lòng nhập Lý do đơn vị này gây vướng mắc')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText('Lý do đơn vị này gây vướng mắc'));
    await user.paste('Chưa bố trí kinh phí');
    await user.click(within(dialog).getByRole('button', { name: 'Báo vướng mắc' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0][1]?.body).toMatchObject({ blockingUnitId: finance.id, awaited: 'Kinh phí triển khai 2026', reason: 'Chưa bố trí kinh phí' });
  });

  it('marks the open blocker resolved from its row', async () => {
    const user = userEvent.setup();
    open(['resolveBlocker'], { blockers: [openBlocker, resolved] });
    post.mockResolvedValue(ok(detail()));
    await user.click(await screen.findByRole('button', { name: 'Báo đã tháo gỡ: Sở Tài chính' }));
    const dialog = await screen.findByRole('dialog', { name: 'Xác nhận đã tháo gỡ vướng mắc' });
    expect(within(dialog).getByText('Sở Tài chính — chờ: Kinh phí triển khai 2026')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Đã tháo gỡ thế nào'));
    await user.paste('Đã có quyết định cấp kinh phí');
    await user.click(within(dialog).getByRole('button', { name: 'Xác nhận đã tháo gỡ' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0][0]).toBe('/api/tasks/{id}/blockers/{blockerId}/resolve');
    expect(post.mock.calls[0][1]?.params?.path).toEqual({ id: ID, blockerId: 'BL9' });
    expect(post.mock.calls[0][1]?.body).toEqual({ resolution: 'Đã có quyết định cấp kinh phí' });
  });

  it('a leader decides on a blocker: an objective cause, ended, with a comment', async () => {
    const user = userEvent.setup();
    open(['decideBlocker'], { blockers: [openBlocker, resolved] });
    post.mockResolvedValue(ok(detail()));
    // The decided blocker offers no decision.
    expect(await screen.findByRole('button', { name: 'Quyết định về vướng mắc: Sở Tài chính' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Quyết định về vướng mắc: Sở Thông tin' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Quyết định về vướng mắc: Sở Tài chính' }));
    const dialog = await screen.findByRole('dialog', { name: 'Quyết định về vướng mắc' });
    await user.click(within(dialog).getByRole('button', { name: 'Ghi quyết định' }));
    expect(await within(fieldItem('Ý kiến')).findByText('Vui lòng nhập Ý kiến')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Có — xác nhận là nguyên nhân khách quan' }));
    await user.click(screen.getByRole('radio', { name: 'Có — kết thúc ngay' }));
    await user.click(screen.getByLabelText('Ý kiến'));
    await user.paste('Chờ Bộ Tài chính hướng dẫn.');
    await user.click(within(dialog).getByRole('button', { name: 'Ghi quyết định' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0][0]).toBe('/api/tasks/{id}/blockers/{blockerId}/decide');
    expect(post.mock.calls[0][1]?.params?.path).toEqual({ id: ID, blockerId: 'BL9' });
    expect(post.mock.calls[0][1]?.body).toEqual({ confirm: true, end: true, comment: 'Chờ Bộ Tài chính hướng dẫn.' });
  });

  it('tells in the timeline a due time recalculated by the calendar, the blocker events with their unit, and a reminder in working days', async () => {
    const user = userEvent.setup();
    const at = new Date(Date.now() - DAY).toISOString();
    const entry = (seq: number, type: string, data: Record<string, unknown>): TimelineEntry => ({ seq, type, at, actor: null, fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', data: data as TimelineEntry['data'] });
    const about = { blockerId: 'BL9', blockingUnitId: finance.id, awaited: 'Kinh phí triển khai 2026' };
    open([], {
      blockers: [{ ...openBlocker, status: 'RESOLVED', resolution: 'TASK_CLOSED', decidedAt: at, confirmed: true, decisionComment: 'Khách quan' }],
      timeline: [
        entry(1, 'DUE_RECALCULATED', { oldDueAt: '2026-04-27T10:00:00.000Z', newDueAt: '2026-04-28T10:00:00.000Z', dates: ['2026-04-27'], workingDays: 10 }),
        entry(2, 'REMINDER', { offsetSeconds: 172_800, workingDays: 2, dueAt: '2026-04-28T10:00:00.000Z' }),
        entry(3, 'BLOCKER_DECLARED', { ...about, reason: 'Chưa bố trí kinh phí' }),
        entry(4, 'BLOCKER_DECIDED', { ...about, confirm: true, end: false, comment: 'Khách quan' }),
        entry(5, 'BLOCKER_RESOLVED', { ...about, resolution: 'TASK_CLOSED', automatic: true }),
      ],
    });
    await user.click(await screen.findByRole('tab', { name: 'Diễn biến (5)' }));
    const recalculated = await screen.findByRole('article', { name: 'Hạn được tính lại theo lịch làm việc' });
    expect(within(recalculated).getByText('Hạn được tính lại theo lịch làm việc: từ thứ Hai 27/04/2026 17:00 thành thứ Ba 28/04/2026 17:00')).toBeInTheDocument();
    expect(within(recalculated).getByText('27/04/2026')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'Nhắc hạn' })).getByText('Còn 2 ngày làm việc đến hạn thứ Ba 28/04/2026 17:00')).toBeInTheDocument();
    const declared = screen.getByRole('article', { name: 'Báo vướng mắc do đơn vị khác' });
    for (const text of ['Đơn vị: Sở Tài chính', 'Kinh phí triển khai 2026', 'Chưa bố trí kinh phí']) expect(within(declared).getByText(text)).toBeInTheDocument();
    const decided = within(screen.getByRole('article', { name: 'Quyết định về vướng mắc' }));
    expect(decided.getByText('Xác nhận là nguyên nhân khách quan')).toBeInTheDocument();
    // Not ended by the decision: nothing said of it.
    expect(decided.queryByText(/kết thúc/)).toBeNull();
    expect(within(screen.getByRole('article', { name: 'Vướng mắc đã được tháo gỡ' })).getByText('Tự kết thúc khi nhiệm vụ đóng')).toBeInTheDocument();
  });
});
