import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadTexts } from '@/lib/i18n';
import type { DecisionCounts, DecisionItem, DecisionPage } from '../api/types';
import { Component as DecisionsPage } from './decisions';

// ---- fixtures -------------------------------------------------------------------------------

const UNIT = { id: '11111111-1111-4111-8111-111111111111', code: 'XA-MC', nameVi: 'UBND xã Minh Châu', nameEn: 'Minh Chau Commune', level: 'commune' as const };
const taskRef = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  code: `NV-2026-00000${n}`,
  title: `Nhiệm vụ số ${n}`,
  status: 'IN_PROGRESS' as const,
  risk: 'RED' as const,
  leadUnit: UNIT,
  dueAt: '2026-11-30T10:00:00.000Z',
  originalDueAt: '2026-11-30T10:00:00.000Z',
});
const HEAD = { id: '22222222-2222-4222-8222-222222222222', name: 'Trần Văn Bình', email: 'binh@xa.vn' };

const ESCALATION: DecisionItem = {
  kind: 'escalation',
  requestId: 'P4',
  requestedAt: '2026-12-01T01:00:00.000Z',
  requestedBy: null,
  task: taskRef(1),
  details: { level: 2, openExplanation: true, remindedAt: null },
};
const EXTENSION: DecisionItem = {
  kind: 'extension',
  requestId: 'E3',
  requestedAt: '2026-12-02T01:00:00.000Z',
  requestedBy: HEAD,
  task: taskRef(2),
  details: { reason: 'Chờ nhà thầu bàn giao máy chủ', newDueAt: '2027-01-31T10:00:00.000Z', currentDueAt: '2026-11-30T10:00:00.000Z', newDueAtPassed: false, remindedAt: null },
};
const BEYOND: DecisionItem = {
  kind: 'beyondAuthority',
  requestId: 'B5',
  requestedAt: '2026-12-03T01:00:00.000Z',
  requestedBy: HEAD,
  task: taskRef(3),
  details: { reason: 'Cần cơ chế đặc thù về đấu thầu', remindedAt: null },
};
const EVIDENCE: DecisionItem = {
  kind: 'evidenceReview',
  requestId: 'evidence',
  requestedAt: '2026-12-04T01:00:00.000Z',
  requestedBy: HEAD,
  task: taskRef(4),
  details: { evidenceId: 'V9', verifiedAt: '2026-12-04T03:00:00.000Z', required: ['OPERATING_PRODUCT'], criteria: { OPERATING_PRODUCT: 'verified' }, remindedAt: null },
};
const EXPLANATION: DecisionItem = {
  kind: 'explanation',
  requestId: 'X7',
  requestedAt: '2026-12-05T01:00:00.000Z',
  requestedBy: HEAD,
  task: taskRef(5),
  details: { question: 'Đề nghị giải trình lý do chậm triển khai', deadline: '2026-12-06T10:00:00.000Z', overdue: true },
};
const FINANCE = { id: '44444444-4444-4444-8444-444444444444', code: 'HN-STC', nameVi: 'Sở Tài chính Hà Nội', nameEn: 'Hanoi Department of Finance', level: 'department' as const };
const BLOCKER: DecisionItem & { kind: 'blocker' } = {
  kind: 'blocker',
  requestId: 'BL8',
  requestedAt: '2026-12-06T01:00:00.000Z',
  requestedBy: HEAD,
  task: taskRef(6),
  details: {
    blockingUnit: FINANCE,
    coordinating: false,
    awaited: 'Kinh phí triển khai 2026',
    since: '2026-12-01T17:00:00.000Z',
    reason: 'Sở chưa bố trí kinh phí',
    status: 'OPEN',
    declaredBy: HEAD,
    resolvedAt: null,
    resolution: null,
  },
};
const RESOLVED_BLOCKER: DecisionItem = {
  ...BLOCKER,
  details: { ...BLOCKER.details, status: 'RESOLVED', resolvedAt: '2026-12-07T03:00:00.000Z', resolution: 'Sở đã cấp kinh phí' },
};
const ALL_ITEMS = [ESCALATION, EXTENSION, BEYOND, EVIDENCE, EXPLANATION, BLOCKER];

const EVIDENCE_VIEW = {
  taskId: EVIDENCE.task.id,
  status: 'EVIDENCE_SUBMITTED',
  required: ['OPERATING_PRODUCT'],
  evidence: {
    id: 'V9',
    submittedBy: HEAD.id,
    submittedAt: '2026-12-04T01:00:00.000Z',
    status: 'UNDER_REVIEW',
    verifiedAt: '2026-12-04T03:00:00.000Z',
    items: { operatingProduct: { url: 'https://dichvucong.minhchau.gov.vn', expectText: 'Dịch vụ công' } },
    criteria: {
      OPERATING_PRODUCT: {
        status: 'verified',
        attested: false,
        value: null,
        probes: { done: 3, healthy: 3, of: 3 },
        reasons: [],
        checks: [
          { criterion: 'OPERATING_PRODUCT', kind: 'probe', index: 0, url: 'https://dichvucong.minhchau.gov.vn', checkedAt: '2026-12-04T02:00:00.000Z', ok: true, statusCode: 200, latencyMs: 412, details: null, reasons: [] },
        ],
      },
    },
    rejections: {},
  },
  afterCare: null,
};

// ---- a fake API behind `fetch` ----------------------------------------------------------------

interface Sent {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Handler = (request: Sent) => Response | Promise<Response>;

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let queue: DecisionItem[];
let decide: Handler;
let sent: Sent[];

function counts(): DecisionCounts {
  const byKind = { escalation: 0, extension: 0, beyondAuthority: 0, evidenceReview: 0, explanation: 0, blocker: 0 };
  queue.forEach((item) => byKind[item.kind]++);
  return { total: queue.length, byKind };
}

function page(query: URLSearchParams): DecisionPage {
  const kind = query.get('kind');
  const size = Number(query.get('pageSize') ?? 50);
  const number = Number(query.get('page') ?? 1);
  const matching = queue.filter((item) => !kind || item.kind === kind);
  return { items: matching.slice((number - 1) * size, number * size), total: matching.length, page: number, pageSize: size };
}

async function fakeApi(input: Request): Promise<Response> {
  const url = new URL(input.url);
  const text = input.method === 'GET' ? '' : await input.text();
  const request: Sent = { method: input.method, path: url.pathname, query: url.searchParams, headers: input.headers, body: text ? JSON.parse(text) : undefined };
  sent.push(request);
  if (request.path === '/api/decisions/count') return json(200, counts());
  if (request.path === '/api/decisions') return json(200, page(request.query));
  if (request.path.endsWith('/evidence') && request.method === 'GET') return json(200, EVIDENCE_VIEW);
  if (request.path === '/api/units') return json(200, { items: [{ ...UNIT, id: '33333333-3333-4333-8333-333333333333', code: 'XA-HB', nameVi: 'UBND xã Hòa Bình', nameEn: null, parentId: null, depth: 2, head: null, active: true, createdAt: '', updatedAt: '' }], total: 1, page: 1, pageSize: 20 });
  if (request.path === '/api/users') return json(200, { items: [], total: 0, page: 1, pageSize: 20 });
  if (request.method === 'POST') return decide(request);
  return json(404, { statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy' });
}

const posts = () => sent.filter((request) => request.method === 'POST');

// ---- rendering --------------------------------------------------------------------------------

function setWidth(width: number) {
  window.matchMedia = ((query: string) => {
    const min = /min-width:\s*(\d+)/.exec(query);
    const max = /max-width:\s*(\d+)/.exec(query);
    const matches = (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return { matches, media: query, onchange: null, addListener: () => undefined, removeListener: () => undefined, addEventListener: () => undefined, removeEventListener: () => undefined, dispatchEvent: () => false };
  });
}

function Where() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

function renderPage(url = '/decisions') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: '/decisions', element: (<><DecisionsPage /><Where /></>) },
      { path: '/tasks/:id', element: <Where /> },
    ],
    { initialEntries: [url] },
  );
  render(
    <ConfigProvider locale={viVN}>
      <App>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </App>
    </ConfigProvider>,
  );
  return { queryClient, router };
}

const location = () => screen.getByTestId('location').textContent;

// Role queries skip the visibility check: jsdom computes styles slowly over antd's CSS-in-JS.
configure({ defaultHidden: true, asyncUtilTimeout: 10_000 });
// antd renders slowly in jsdom (its first render in a file compiles its styles).
vi.setConfig({ testTimeout: 60_000 });

// antd's tables and text measure themselves; jsdom has no ResizeObserver.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// The texts the route loads before the page renders (the blocker's decision fields are the tasks catalogue's).
beforeAll(() => loadTexts(['decisions', 'tasks']));

beforeEach(() => {
  queue = [...ALL_ITEMS];
  sent = [];
  decide = () => json(200, {});
  setWidth(1280);
  vi.stubGlobal('fetch', vi.fn(fakeApi));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

// ---- tests -----------------------------------------------------------------------------------

describe('the decisions page', () => {
  it('shows one row per item with its kind, task, unit, requester and key detail, and counts by kind', async () => {
    renderPage();
    const table = await screen.findByRole('table');
    await within(table).findByText('NV-2026-000001');
    const rows = [...table.querySelectorAll<HTMLElement>('tbody tr[data-row-key]')];
    expect(rows).toHaveLength(6);

    expect(within(rows[0]).getByText('Báo cáo cấp trên')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Đề xuất báo cáo lên mức 2')).toBeInTheDocument();
    expect(within(rows[0]).getByText('dondoc (tự động đề xuất)')).toBeInTheDocument();
    expect(within(rows[0]).getByRole('link', { name: 'NV-2026-000001' })).toHaveAttribute('href', `/tasks/${ESCALATION.task.id}`);
    expect(within(rows[0]).getByText('UBND xã Minh Châu')).toBeInTheDocument();
    // The task's risk, in words.
    expect(within(rows[0]).getByText('Quá hạn', { selector: '.ant-tag' })).toBeInTheDocument();

    expect(within(rows[1]).getByText('Gia hạn')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Đề nghị gia hạn đến 31/01/2027 17:00')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Trần Văn Bình')).toBeInTheDocument();

    expect(within(rows[2]).getByText('Vượt thẩm quyền')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Lý do: Cần cơ chế đặc thù về đấu thầu')).toBeInTheDocument();

    expect(within(rows[3]).getByText('Duyệt minh chứng')).toBeInTheDocument();
    expect(within(rows[3]).getByText('Sản phẩm vận hành: Đạt')).toBeInTheDocument();
    expect(within(rows[3]).getByRole('button', { name: 'Duyệt minh chứng: NV-2026-000004' })).toBeInTheDocument();

    expect(within(rows[4]).getByText('Giải trình chưa trả lời')).toBeInTheDocument();
    expect(within(rows[4]).getByText('Đơn vị phải giải trình: UBND xã Minh Châu')).toBeInTheDocument();
    expect(within(rows[4]).getByText('Quá hạn giải trình')).toBeInTheDocument();
    // An explanation is not decided here: its action opens the task.
    expect(within(rows[4]).getByRole('link', { name: 'Mở nhiệm vụ NV-2026-000005' })).toHaveAttribute('href', `/tasks/${EXPLANATION.task.id}`);
    expect(within(rows[4]).queryByRole('button', { name: /Quyết định/ })).toBeNull();

    // A blocker: the unit waited on, what for, why, open since when; the leader decides it here.
    expect(within(rows[5]).getByText('Vướng mắc', { selector: '.ant-tag' })).toBeInTheDocument();
    expect(within(rows[5]).getByText('Chờ Sở Tài chính Hà Nội')).toBeInTheDocument();
    expect(within(rows[5]).getByText('Đang chờ: Kinh phí triển khai 2026')).toBeInTheDocument();
    expect(within(rows[5]).getByText('Lý do: Sở chưa bố trí kinh phí')).toBeInTheDocument();
    expect(within(rows[5]).getByText('Đang vướng')).toBeInTheDocument();
    expect(within(rows[5]).getByText('Vướng từ 02/12/2026')).toBeInTheDocument();
    expect(within(rows[5]).getByText('Trần Văn Bình')).toBeInTheDocument();
    expect(within(rows[5]).getByRole('button', { name: 'Quyết định: NV-2026-000006' })).toBeInTheDocument();

    const extensionTab = screen.getByRole('tab', { name: /Gia hạn/ });
    expect(within(extensionTab).getByText('1')).toBeInTheDocument();
    expect(within(screen.getByRole('tab', { name: /Vướng mắc/ })).getByText('1')).toBeInTheDocument();
    expect(within(screen.getByRole('tab', { name: /Tất cả/ })).getByText('6')).toBeInTheDocument();
  });

  it('keeps the kind and the page in the URL and asks the server for them', async () => {
    renderPage('/decisions?kind=extension');
    const table = await screen.findByRole('table');
    await within(table).findByText('NV-2026-000002');
    expect(table.querySelectorAll('tbody tr[data-row-key]')).toHaveLength(1);
    expect(sent.some((r) => r.path === '/api/decisions' && r.query.get('kind') === 'extension')).toBe(true);
    expect(screen.getByRole('tab', { name: /Gia hạn/ })).toHaveAttribute('aria-selected', 'true');

    await userEvent.click(screen.getByRole('tab', { name: /Vượt thẩm quyền/ }));
    await waitFor(() => expect(location()).toBe('/decisions?kind=beyondAuthority'));
    await within(screen.getByRole('table')).findByText('NV-2026-000003');

    await userEvent.click(screen.getByRole('tab', { name: /Vướng mắc/ }));
    await waitFor(() => expect(location()).toBe('/decisions?kind=blocker'));
    await within(screen.getByRole('table')).findByText('NV-2026-000006');
    expect(sent.some((r) => r.path === '/api/decisions' && r.query.get('kind') === 'blocker')).toBe(true);
  });

  it('shows the queue as cards on a phone', async () => {
    setWidth(360);
    renderPage();
    const list = await screen.findByRole('list', { name: 'Chờ quyết định' });
    await within(list).findByText('NV-2026-000001');
    expect(within(list).getAllByRole('listitem')).toHaveLength(6);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
    const kind = screen.getByRole('combobox', { name: 'Lọc theo loại việc' });
    await userEvent.click(kind);
    await userEvent.click(await screen.findByTitle(/^Gia hạn/));
    await waitFor(() => expect(location()).toBe('/decisions?kind=extension'));
  });

  it('opens the dialog of the item an email links to, even when it is not on the page shown', async () => {
    renderPage(`/decisions?kind=escalation&task=${EXTENSION.task.id}&request=E3`);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Đề nghị gia hạn · NV-2026-000002')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Đồng ý gia hạn' })).toBeInTheDocument();
    // Looked up among the extensions, since E… names one.
    expect(sent.some((r) => r.path === '/api/decisions' && r.query.get('kind') === 'extension')).toBe(true);

    await userEvent.click(within(dialog).getByRole('button', { name: /^(Đóng|Close)$/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(location()).toBe('/decisions?kind=escalation');
  });

  it('opens the evidence review from its link, the declaration beside the checks', async () => {
    renderPage(`/decisions?task=${EVIDENCE.task.id}&request=evidence`);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Duyệt minh chứng · NV-2026-000004')).toBeInTheDocument();
    expect(await within(dialog).findByText('Đơn vị kê khai')).toBeInTheDocument();
    expect(within(dialog).getAllByText('https://dichvucong.minhchau.gov.vn').length).toBeGreaterThan(0);
    expect(within(dialog).getByText('Kiểm tra định kỳ: 3/3 lần đạt (trên 3 lần)')).toBeInTheDocument();
    expect(within(dialog).getByText('412 ms')).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Từ chối…' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Gửi từ chối' }));
    expect(await within(dialog).findByText('Nêu lý do cho ít nhất một tiêu chí không đạt.')).toBeInTheDocument();
    expect(posts()).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Lý do không đạt: Sản phẩm vận hành'), { target: { value: 'Trang chủ không có dịch vụ nào' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Gửi từ chối' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].path).toBe(`/api/tasks/${EVIDENCE.task.id}/evidence/review`);
    expect(posts()[0].body).toEqual({ approve: false, rejections: { OPERATING_PRODUCT: 'Trang chủ không có dịch vụ nào' } });
  });

  it('decides a blocker from its link: an objective cause, ended, with a comment, on the decide route', async () => {
    renderPage(`/decisions?kind=extension&task=${BLOCKER.task.id}&request=BL8`);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Vướng mắc chờ quyết định · NV-2026-000006')).toBeInTheDocument();
    // Looked up among the blockers, since BL… names one.
    expect(sent.some((r) => r.path === '/api/decisions' && r.query.get('kind') === 'blocker')).toBe(true);
    expect(within(dialog).getByText('Chờ Sở Tài chính Hà Nội')).toBeInTheDocument();
    expect(within(dialog).getByText('Người báo')).toBeInTheDocument();

    // Both the answer and a comment are required.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ghi quyết định' }));
    expect(await within(dialog).findByText('Vui lòng nhập Ý kiến')).toBeInTheDocument();
    expect(within(dialog).getByText('Vui lòng nhập Là nguyên nhân khách quan?')).toBeInTheDocument();
    expect(posts()).toHaveLength(0);

    await userEvent.click(within(dialog).getByRole('radio', { name: 'Có — xác nhận là nguyên nhân khách quan' }));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Có — kết thúc ngay' }));
    fireEvent.change(within(dialog).getByLabelText('Ý kiến'), { target: { value: '  Chờ Bộ Tài chính hướng dẫn.  ' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ghi quyết định' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    const [post] = posts();
    expect(post.path).toBe(`/api/tasks/${BLOCKER.task.id}/blockers/BL8/decide`);
    expect(post.body).toEqual({ confirm: true, end: true, comment: 'Chờ Bộ Tài chính hướng dẫn.' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Đã ghi quyết định về vướng mắc.')).toBeInTheDocument();
    expect(location()).toBe('/decisions?kind=extension');
  });

  it('a resolved blocker may still be confirmed, but not ended again: no end choice, end:false', async () => {
    queue = [RESOLVED_BLOCKER];
    renderPage();
    const table = await screen.findByRole('table');
    const [row] = await waitFor(() => {
      const rows = [...table.querySelectorAll<HTMLElement>('tbody tr[data-row-key]')];
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(within(row).getByText('Đã tháo gỡ')).toBeInTheDocument();
    expect(within(row).getByText('Cách tháo gỡ: Sở đã cấp kinh phí')).toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: 'Quyết định: NV-2026-000006' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Vướng mắc đã được tháo gỡ; vẫn có thể xác nhận là nguyên nhân khách quan.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('radio', { name: 'Có — kết thúc ngay' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Không' }));
    fireEvent.change(within(dialog).getByLabelText('Ý kiến'), { target: { value: 'Đơn vị chủ trì chậm đề nghị' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Ghi quyết định' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].body).toEqual({ confirm: false, end: false, comment: 'Đơn vị chủ trì chậm đề nghị' });
  });

  it('explains, with a link to the task, when the linked item no longer waits for the user', async () => {
    renderPage(`/decisions?task=${EXTENSION.task.id}&request=E99`);
    const alert = await screen.findByText('Việc này không còn chờ đồng chí quyết định');
    expect(screen.queryByRole('dialog')).toBeNull();
    const container = alert.closest('[role="alert"]') as HTMLElement;
    expect(within(container).getByRole('link', { name: 'Xem nhiệm vụ' })).toHaveAttribute('href', `/tasks/${EXTENSION.task.id}`);
  });

  it('rejects an escalation with the comment, approve:false and an Idempotency-Key', async () => {
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Quyết định: NV-2026-000001' }));
    const dialog = await screen.findByRole('dialog');
    expect(location()).toBe(`/decisions?task=${ESCALATION.task.id}&request=P4`);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Từ chối' }));
    expect(await within(dialog).findByText('Nêu lý do khi từ chối.')).toBeInTheDocument();
    expect(posts()).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Ý kiến'), { target: { value: 'Đơn vị đã báo cáo lý do khách quan' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Từ chối' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    const [post] = posts();
    expect(post.path).toBe(`/api/tasks/${ESCALATION.task.id}/escalations/P4/decision`);
    expect(post.body).toEqual({ approve: false, comment: 'Đơn vị đã báo cáo lý do khách quan' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Đã từ chối đề xuất báo cáo cấp trên.')).toBeInTheDocument();
    expect(location()).toBe('/decisions');
  });

  it('shows a 409 in the dialog, keeps it open, and retries with the same key', async () => {
    decide = () => json(409, { statusCode: 409, code: 'CONFLICT', message: 'Đề nghị gia hạn này đã được quyết định.', requestId: 'r-1' });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Quyết định: NV-2026-000002' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Đồng ý gia hạn' }));
    expect(await within(dialog).findByText('Đề nghị gia hạn này đã được quyết định.')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(posts()[0].body).toEqual({ approve: true });

    await userEvent.click(within(dialog).getByRole('button', { name: 'Đồng ý gia hạn' }));
    await waitFor(() => expect(posts()).toHaveLength(2));
    expect(posts()[1].headers.get('Idempotency-Key')).toBe(posts()[0].headers.get('Idempotency-Key'));
  });

  it('approves an extension for an objective cause when the leader ticks it', async () => {
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Quyết định: NV-2026-000002' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Chậm do nguyên nhân khách quan' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Đồng ý gia hạn' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].body).toEqual({ approve: true, objectiveCause: true });
  });

  it('puts the API’s field errors next to their fields', async () => {
    decide = () =>
      json(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', errors: [{ field: 'comment', rule: 'maxLength', message: 'Ý kiến quá dài' }] });
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Quyết định: NV-2026-000003' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Cho ý kiến chỉ đạo' }));
    fireEvent.change(within(dialog).getByLabelText('Ý kiến chỉ đạo'), { target: { value: 'Phối hợp với Sở Tài chính' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Gửi quyết định' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].body).toEqual({ decision: 'DIRECTION', comment: 'Phối hợp với Sở Tài chính' });
    expect(await within(dialog).findByText('Ý kiến quá dài')).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('reassigns a matter beyond authority to a unit found by a server-side search', async () => {
    renderPage(`/decisions?task=${BEYOND.task.id}&request=B5`);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Chuyển đơn vị chủ trì' }));
    const unit = await within(dialog).findByRole('combobox', { name: 'Đơn vị chủ trì mới' });
    await userEvent.click(unit);
    fireEvent.change(unit, { target: { value: 'Hòa' } });
    await waitFor(() => expect(sent.some((r) => r.path === '/api/units' && r.query.get('q') === 'Hòa')).toBe(true));
    await userEvent.click(await screen.findByText('XA-HB — UBND xã Hòa Bình'));
    fireEvent.change(within(dialog).getByLabelText('Lý do'), { target: { value: 'Xã Hòa Bình có hạ tầng sẵn sàng' } });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Gửi quyết định' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0].path).toBe(`/api/tasks/${BEYOND.task.id}/beyond-authority/B5/decision`);
    expect(posts()[0].body).toEqual({ decision: 'REASSIGN', comment: 'Xã Hòa Bình có hạ tầng sẵn sàng', newLeadUnitId: '33333333-3333-4333-8333-333333333333' });
  });

  it('removes a decided item at once and brings it back when the decision fails', async () => {
    let answer!: (response: Response) => void;
    decide = () => new Promise<Response>((resolve) => (answer = resolve));
    renderPage();
    const table = await screen.findByRole('table');
    await within(table).findByText('NV-2026-000002');
    await userEvent.click(screen.getByRole('button', { name: 'Quyết định: NV-2026-000002' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Đồng ý gia hạn' }));

    await waitFor(() => expect(within(table).queryByText('NV-2026-000002')).toBeNull());
    expect(within(screen.getByRole('tab', { name: /Tất cả/ })).getByText('5')).toBeInTheDocument();

    answer(json(500, { statusCode: 500, code: 'INTERNAL', message: 'Lỗi máy chủ', requestId: 'req-9' }));
    expect(await within(table).findByText('NV-2026-000002')).toBeInTheDocument();
    expect(within(screen.getByRole('tab', { name: /Tất cả/ })).getByText('6')).toBeInTheDocument();
    expect(await within(dialog).findByText('Lỗi máy chủ')).toBeInTheDocument();
    expect(within(dialog).getByText('Mã yêu cầu: req-9')).toBeInTheDocument();
  });
});
