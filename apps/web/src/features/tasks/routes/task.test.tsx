import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '@/lib/api-client';
import type { TaskAction, TaskDetail } from '../api/types';
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

type Init = { params?: { path?: Record<string, string>; header?: Record<string, string> }; body?: unknown };
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
    rag: 'GREEN',
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

function serve(task: TaskDetail | (() => unknown)) {
  get.mockImplementation((path) => {
    if (path === '/api/tasks/{id}') return Promise.resolve(typeof task === 'function' ? task() : ok(task));
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
  it('shows the task: units, focal officer, template, due times with time left, status, risk, progress', async () => {
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành' })).toBeInTheDocument();
    for (const text of ['UBND xã Minh Châu', 'Sở Thông tin', 'Nguyễn Văn An (an@minhchau.gov.vn)', 'chuyen-doi-so-90d · phiên bản 2', 'còn 10 ngày', 'Triển khai tại 30 xã.']) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getAllByText('Đang thực hiện').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Xanh · đúng tiến độ').length).toBeGreaterThan(0);
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

  it('asks for an extension with a due time in Vietnam time', async () => {
    const user = userEvent.setup();
    open(['requestExtension']);
    post.mockResolvedValue(ok(detail()));
    await user.click(await screen.findByRole('button', { name: 'Xin gia hạn' }));
    await screen.findByRole('dialog', { name: 'Xin gia hạn' });
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
