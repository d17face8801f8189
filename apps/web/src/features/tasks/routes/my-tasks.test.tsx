import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '@/lib/api-client';
import type { TaskCounts, TaskListQuery, TaskView } from '../api/types';
import { NoResizeObserver, renderRoute, setScreenWidth } from '../testing/render-route';
import { Component as MyTasks } from './my-tasks';

configure({ asyncUtilTimeout: 15_000 });
// A whole antd page in jsdom takes seconds per interaction.
vi.setConfig({ testTimeout: 60_000 });

vi.mock('@/lib/api-client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/api-client')>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

type Call = (path: string, init?: { params?: { query?: TaskListQuery } }) => Promise<unknown>;
const get = api.GET as unknown as Mock<Call>;
const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

const DAY = 86_400_000;
const unit = { id: 'a0000000-0000-4000-8000-000000000001', code: 'XA-MC', nameVi: 'UBND xã Minh Châu', nameEn: 'Minh Chau Commune', level: 'commune' as const };

function task(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: 'b0000000-0000-4000-8000-000000000001',
    code: 'NV-2026-000123',
    title: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành',
    description: '',
    program: 'Nghị quyết 57',
    status: 'IN_PROGRESS',
    risk: 'AMBER',
    key: false,
    workingDaysLeft: 3,
    overdue: false,
    overdueSince: null,
    escalationLevel: 0,
    progressPercent: 40,
    leadUnit: unit,
    coordinatingUnits: [],
    focalOfficer: null,
    assignedBy: null,
    reviewers: [],
    assignedAt: new Date(Date.now() - 60 * DAY).toISOString(),
    acknowledgedAt: null,
    originalDueAt: new Date(Date.now() + 3 * DAY + 3_600_000).toISOString(),
    dueAt: new Date(Date.now() + 3 * DAY + 3_600_000).toISOString(),
    completedAt: null,
    completedOnTimeOriginal: null,
    completedOnTimeExtended: null,
    cancelledAt: null,
    cancelReason: null,
    template: {},
    milestones: [],
    pending: { escalations: [], extensions: [], explanations: [], beyondAuthority: [], evidenceReview: null },
    evidence: null,
    progress: null,
    regressed: false,
    afterCareUntil: null,
    blockers: [],
    ...overrides,
  };
}

const COUNTS: TaskCounts = { all: 12, open: 9, overdue: 2, dueThisWeek: 3, awaitingAcknowledgement: 1, inReview: 1, done: 2, cancelled: 1 };

function answer(items: TaskView[], total = items.length) {
  get.mockImplementation((path, init) => {
    if (path === '/api/tasks/counts') return Promise.resolve(ok(COUNTS));
    const query = init?.params?.query ?? {};
    return Promise.resolve(ok({ items, total, page: query.page ?? 1, pageSize: query.pageSize ?? 20 }));
  });
}

/** The query of the latest list request. */
const lastListQuery = () => get.mock.calls.filter(([path]) => path === '/api/tasks').at(-1)?.[1]?.params?.query;
const search = (router: { state: { location: { search: string } } }) => new URLSearchParams(router.state.location.search);

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', NoResizeObserver);
  get.mockReset();
  setScreenWidth(1280);
});

describe('My tasks', () => {
  it('shows a row per task from the answer: code, title linking to the task, key mark, lead unit, status, risk in words, working days left, progress', async () => {
    answer([task(), task({ id: 'b0000000-0000-4000-8000-000000000002', code: 'NV-2026-000124', title: 'Số hóa hồ sơ đất đai', risk: 'RED', key: true, workingDaysLeft: -2, overdue: true, dueAt: new Date(Date.now() - 2 * DAY - 3_600_000).toISOString(), progressPercent: null })], 2);
    renderRoute('/tasks', { list: MyTasks });

    const link = await screen.findByRole('link', { name: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành' });
    expect(link).toHaveAttribute('href', '/tasks/b0000000-0000-4000-8000-000000000001');
    const rows = screen.getAllByRole('row');
    const first = within(rows.find((row) => within(row).queryByText('NV-2026-000123'))!);
    expect(first.getByText('UBND xã Minh Châu')).toBeInTheDocument();
    expect(first.getByText('Đang thực hiện')).toBeInTheDocument();
    expect(first.getByText('Sắp đến hạn')).toBeInTheDocument();
    expect(first.getByText('còn 3 ngày làm việc')).toBeInTheDocument();
    expect(first.queryByText('Trọng tâm')).toBeNull();
    expect(first.getByLabelText('Tiến độ 40%')).toBeInTheDocument();
    const second = within(rows.find((row) => within(row).queryByText('NV-2026-000124'))!);
    expect(second.getByText('Quá hạn')).toBeInTheDocument();
    expect(second.getByText('quá hạn 2 ngày làm việc')).toBeInTheDocument();
    expect(second.getByText('Trọng tâm')).toBeInTheDocument();
    expect(screen.getByText('2 nhiệm vụ')).toBeInTheDocument();

    // The riskiest first, paged on the server.
    expect(lastListQuery()).toEqual({ page: 1, pageSize: 20, sort: 'risk' });
    // Each tab with its count.
    expect(screen.getByRole('tab', { name: /Quá hạn\s*2/ })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Tất cả\s*12/ })).toBeInTheDocument();
  });

  it('reads its tab, filters and page from the URL and asks the API for exactly that', async () => {
    answer([task()], 45);
    renderRoute('/tasks?tab=overdue&q=d%E1%BB%8Bch%20v%E1%BB%A5&program=Ngh%E1%BB%8B%20quy%E1%BA%BFt%2057&page=2&pageSize=10', { list: MyTasks });

    await screen.findByText('NV-2026-000123');
    expect(lastListQuery()).toEqual({ q: 'dịch vụ', program: 'Nghị quyết 57', open: true, overdue: true, page: 2, pageSize: 10, sort: 'risk' });
    expect(get).toHaveBeenCalledWith('/api/tasks/counts', { params: { query: { program: 'Nghị quyết 57', q: 'dịch vụ' } } });
    expect(screen.getByRole('tab', { name: /Quá hạn/, selected: true })).toBeInTheDocument();
    expect(screen.getByLabelText('Tìm kiếm')).toHaveValue('dịch vụ');
    expect(screen.getByRole('listitem', { name: '2' })).toHaveClass('ant-pagination-item-active');
  });

  it('writes the filters to the URL, back to page 1', async () => {
    answer([task()], 45);
    const user = userEvent.setup();
    const { router } = renderRoute('/tasks?page=3', { list: MyTasks });
    await screen.findByText('NV-2026-000123');

    await user.type(screen.getByLabelText('Tìm kiếm'), 'hồ sơ{Enter}');
    await waitFor(() => expect(search(router).get('q')).toBe('hồ sơ'));
    expect(search(router).get('page')).toBeNull();

    await user.click(screen.getByLabelText('Đến hạn trong tuần này'));
    await waitFor(() => expect(search(router).get('dueThisWeek')).toBe('true'));

    await user.click(screen.getByLabelText('Trạng thái'));
    await user.click(await screen.findByTitle('Chờ tiếp nhận'));
    await waitFor(() => expect(search(router).get('status')).toBe('ASSIGNED'));
    await waitFor(() => expect(lastListQuery()).toEqual({ q: 'hồ sơ', dueThisWeek: true, status: 'ASSIGNED', page: 1, pageSize: 20, sort: 'risk' }));
  });

  it('filters by risk colours and key tasks through the URL; the tab counts stay as they were', async () => {
    answer([task()], 45);
    const user = userEvent.setup();
    const { router } = renderRoute('/tasks?risk=AMBER', { list: MyTasks });
    await screen.findByText('NV-2026-000123');
    await waitFor(() => expect(lastListQuery()).toEqual({ risk: ['AMBER'], page: 1, pageSize: 20, sort: 'risk' }));

    await user.click(screen.getByLabelText('Mức rủi ro'));
    // The option, not the overdue filter's label of the same words.
    const red = (await screen.findAllByTitle('Quá hạn')).filter((element) => element.classList.contains('ant-select-item-option'));
    await user.click(red[0]);
    await waitFor(() => expect(search(router).get('risk')).toBe('RED,AMBER'));
    await user.keyboard('{Escape}');

    await user.click(screen.getByLabelText('Nhiệm vụ trọng tâm'));
    await user.click(await screen.findByTitle('Trọng tâm'));
    await waitFor(() => expect(search(router).get('key')).toBe('true'));
    await waitFor(() => expect(lastListQuery()).toEqual({ risk: ['RED', 'AMBER'], key: true, page: 1, pageSize: 20, sort: 'risk' }));
    expect(get.mock.calls.filter(([path]) => path === '/api/tasks/counts').every(([, init]) => JSON.stringify(init?.params?.query) === '{}')).toBe(true);
  });

  it('writes the page and the tab to the URL; a tab that fixes the status replaces the status filter', async () => {
    answer([task()], 45);
    const user = userEvent.setup();
    const { router } = renderRoute('/tasks?status=IN_PROGRESS', { list: MyTasks });
    await screen.findByText('NV-2026-000123');

    await user.click(screen.getByRole('listitem', { name: '2' }));
    await waitFor(() => expect(search(router).get('page')).toBe('2'));
    await waitFor(() => expect(lastListQuery()).toMatchObject({ page: 2, status: 'IN_PROGRESS' }));

    await user.click(screen.getByRole('tab', { name: /Hoàn thành/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?tab=done'));
    await waitFor(() => expect(lastListQuery()).toEqual({ status: 'DONE', page: 1, pageSize: 20, sort: 'risk' }));
    expect(screen.getByLabelText('Trạng thái').closest('.ant-select')).toHaveClass('ant-select-disabled');
  });

  it('shows cards with the same information on a phone', async () => {
    setScreenWidth(360);
    answer([task()]);
    renderRoute('/tasks', { list: MyTasks });

    const link = await screen.findByRole('link', { name: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành' });
    expect(screen.queryByRole('columnheader', { name: 'Mã' })).not.toBeInTheDocument();
    const card = link.closest('.ant-card') as HTMLElement;
    for (const text of ['NV-2026-000123', 'UBND xã Minh Châu', 'Đang thực hiện', 'Sắp đến hạn', 'còn 3 ngày làm việc']) {
      expect(within(card).getByText(text)).toBeInTheDocument();
    }
    // No tabs (they would overflow into an inaccessible "…" menu): a labelled select with the counts.
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Xem nhiệm vụ' })).toBeInTheDocument();
    expect(await screen.findByTitle('Tất cả (12)')).toBeInTheDocument();
  });

  it('says when there is nothing, and offers to clear the filters that hide tasks', async () => {
    answer([]);
    const user = userEvent.setup();
    const { router } = renderRoute('/tasks?overdue=false', { list: MyTasks });

    expect(await screen.findByText('Không có nhiệm vụ nào khớp với lựa chọn này.')).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('.ant-spin-spinning')).toBeNull());
    await user.click(screen.getAllByRole('button', { name: 'Xóa bộ lọc' }).at(-1)!);
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(await screen.findByText('Chưa có nhiệm vụ nào trong phạm vi của bạn.')).toBeInTheDocument();
  });

  it('shows an error with its request id', async () => {
    get.mockImplementation((path) =>
      Promise.resolve(
        path === '/api/tasks/counts'
          ? ok(COUNTS)
          : { error: { statusCode: 500, code: 'INTERNAL', message: 'Lỗi máy chủ', requestId: 'req-42' }, response: new Response(null, { status: 500 }) },
      ),
    );
    renderRoute('/tasks', { list: MyTasks });
    expect(await screen.findByText(/mã yêu cầu req-42/)).toBeInTheDocument();
  });
});
