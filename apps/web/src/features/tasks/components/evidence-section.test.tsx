import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { api } from '@/lib/api-client';
import { EvidenceSection } from './evidence-section';
import { POLL_MS, type CheckView, type CriterionView, type EvidenceViewModel, type SubmissionView } from './evidence-model';

// antd's forms take a while to render in jsdom, more so on a busy machine.
configure({ asyncUtilTimeout: 20_000 });

vi.mock('@/lib/api-client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/api-client')>();
  return { ...actual, api: { GET: vi.fn(), POST: vi.fn() } };
});

type Call = (path: string, init?: { params?: { path?: { id: string }; header?: Record<string, string> }; body?: unknown }) => Promise<unknown>;
const get = api.GET as unknown as Mock<Call>;
const post = api.POST as unknown as Mock<Call>;

const TASK = '6f1c2a8e-1d2b-4c3d-9e8f-0a1b2c3d4e5f';
const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });
const problem = (status: number, error: unknown) => ({ error, response: new Response(null, { status }) });

function view(overrides: Partial<EvidenceViewModel> = {}): EvidenceViewModel {
  return { taskId: TASK, status: 'IN_PROGRESS', required: ['OPERATING_PRODUCT'], evidence: null, afterCare: null, ...overrides };
}

function probe(overrides: Partial<CheckView> = {}): CheckView {
  return {
    criterion: 'OPERATING_PRODUCT',
    kind: 'PROBE',
    index: 0,
    url: 'https://dichvucong.example.gov.vn',
    checkedAt: '2026-11-20T03:00:05.000Z',
    ok: true,
    statusCode: 200,
    latencyMs: 120,
    details: { tls: { authorized: true, error: null, validFrom: null, validTo: null, daysLeft: 45 } },
    reasons: [],
    ...overrides,
  };
}

function criterion(overrides: Partial<CriterionView> = {}): CriterionView {
  return { status: 'pending', attested: false, value: null, probes: { done: 0, healthy: 0, of: 3 }, reasons: [], checks: [], ...overrides };
}

function submission(overrides: Partial<SubmissionView> = {}): SubmissionView {
  return {
    id: 'V7',
    submittedBy: 'u1',
    submittedAt: '2026-11-20T03:00:00.000Z',
    status: 'UNDER_REVIEW',
    verifiedAt: null,
    items: { operatingProduct: { url: 'https://dichvucong.example.gov.vn', expectText: 'Dịch vụ công' } },
    criteria: { OPERATING_PRODUCT: criterion() },
    rejections: {},
    ...overrides,
  };
}

function renderSection(actions: string[] = ['submitEvidence'], client = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  return render(
    <QueryClientProvider client={client}>
      <App>
        <EvidenceSection taskId={TASK} actions={actions} />
      </App>
    </QueryClientProvider>,
  );
}

/** The antd form item (label, control, errors) around a labelled field. */
const fieldItem = (label: string) => screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;

// jsdom has no ResizeObserver; antd's auto-sized text areas observe their size.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', NoResizeObserver);
  get.mockReset();
  post.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe(EvidenceSection.name, { timeout: 90_000 }, () => {
  it('shows one section per criterion the template requires, with what counts, and says documents never count', async () => {
    get.mockResolvedValue(ok(view({ required: ['OPERATING_PRODUCT', 'REAL_USERS', 'MEASURABLE_EFFECT'] })));
    renderSection();

    expect(await screen.findByRole('heading', { name: 'Sản phẩm vận hành' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Người dùng thực' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Hiệu quả đo được' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Dữ liệu kiểm chứng' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Địa chỉ sản phẩm (URL)')).toBeInTheDocument();
    expect(screen.getByLabelText('Chỉ số (KPI)')).toBeInTheDocument();
    expect(screen.getByText(/Trang đang bảo trì không được tính/)).toBeInTheDocument();
    expect(screen.getAllByText(/không bao giờ được tính là minh chứng/).length).toBeGreaterThan(0);
    expect(get).toHaveBeenCalledWith('/api/tasks/{id}/evidence', { params: { path: { id: TASK } } });
  });

  it('checks the obvious rules before sending anything', async () => {
    get.mockResolvedValue(ok(view()));
    const user = userEvent.setup();
    renderSection();

    await user.type(await screen.findByLabelText('Địa chỉ sản phẩm (URL)'), 'dichvucong.example.gov.vn');
    await user.click(screen.getByRole('button', { name: 'Nộp minh chứng' }));

    expect(await within(fieldItem('Địa chỉ sản phẩm (URL)')).findByText('Địa chỉ phải bắt đầu bằng http:// hoặc https://.')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it('sends the evidence with an Idempotency-Key and shows the API’s nested field error next to that field', async () => {
    get.mockResolvedValue(ok(view()));
    post.mockResolvedValue(
      problem(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Dữ liệu không hợp lệ.',
        errors: [{ field: 'operatingProduct.url', rule: 'isUrl', message: 'operatingProduct.url phải là một địa chỉ URL hợp lệ.' }],
      }),
    );
    const user = userEvent.setup();
    renderSection();

    await user.type(await screen.findByLabelText('Địa chỉ sản phẩm (URL)'), 'https://dichvucong.example.gov.vn');
    await user.type(screen.getByLabelText('Nội dung phải có trên trang'), 'Dịch vụ công');
    await user.click(screen.getByRole('button', { name: 'Nộp minh chứng' }));

    expect(await within(fieldItem('Địa chỉ sản phẩm (URL)')).findByText('operatingProduct.url phải là một địa chỉ URL hợp lệ.')).toBeInTheDocument();
    expect(within(fieldItem('Nội dung phải có trên trang')).queryByText(/URL hợp lệ/)).not.toBeInTheDocument();
    const [path, init] = post.mock.calls[0];
    expect(path).toBe('/api/tasks/{id}/evidence');
    expect(init?.params?.path).toEqual({ id: TASK });
    expect(init?.params?.header?.['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(init?.body).toEqual({ operatingProduct: { url: 'https://dichvucong.example.gov.vn', expectText: 'Dịch vụ công' } });

    // The same values sent again are the same intent: the same key.
    await user.click(screen.getByRole('button', { name: 'Nộp minh chứng' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(2));
    expect(post.mock.calls[1][1]?.params?.header?.['Idempotency-Key']).toBe(init?.params?.header?.['Idempotency-Key']);
  });

  it('shows the message of a 409 from the workflow', async () => {
    get.mockResolvedValue(ok(view()));
    post.mockResolvedValue(problem(409, { statusCode: 409, code: 'TASK_STATE_CONFLICT', message: 'Minh chứng đang được xem xét; chưa thể nộp lại.' }));
    const user = userEvent.setup();
    renderSection();

    await user.type(await screen.findByLabelText('Địa chỉ sản phẩm (URL)'), 'https://dichvucong.example.gov.vn');
    await user.click(screen.getByRole('button', { name: 'Nộp minh chứng' }));

    expect(await screen.findByText('Minh chứng đang được xem xét; chưa thể nộp lại.')).toBeInTheDocument();
  });

  it('refreshes the status while checks run, lists every probe, and stops once the checks have settled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    get
      .mockResolvedValueOnce(ok(view({ status: 'EVIDENCE_SUBMITTED', evidence: submission() })))
      .mockResolvedValueOnce(
        ok(view({ status: 'EVIDENCE_SUBMITTED', evidence: submission({ criteria: { OPERATING_PRODUCT: criterion({ status: 'verifying', probes: { done: 1, healthy: 1, of: 3 }, checks: [probe()] }) } }) })),
      )
      .mockResolvedValue(
        ok(
          view({
            status: 'EVIDENCE_SUBMITTED',
            evidence: submission({
              verifiedAt: '2026-11-20T03:10:00.000Z',
              criteria: {
                OPERATING_PRODUCT: criterion({ status: 'verified', probes: { done: 3, healthy: 3, of: 3 }, checks: [probe(), probe({ index: 1, latencyMs: 340 }), probe({ index: 2 })] }),
              },
            }),
          }),
        ),
      );
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.setQueryData(['tasks', 'detail', TASK], { id: TASK, status: 'EVIDENCE_SUBMITTED' });
    renderSection([], client);

    const card = async () => screen.findByLabelText(/^Sản phẩm vận hành: /);
    expect(await card()).toHaveAccessibleName('Sản phẩm vận hành: Chờ kiểm tra');
    expect(screen.getByText('Đang kiểm tra — trang tự cập nhật')).toBeInTheDocument();
    expect(screen.getByText('Chưa có lượt kiểm tra nào.')).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    await waitFor(async () => expect(await card()).toHaveAccessibleName('Sản phẩm vận hành: Đang kiểm tra'));
    expect(client.getQueryState(['tasks', 'detail', TASK])?.isInvalidated).toBe(false);
    expect(screen.getByText('Đã truy cập 1/3 lần, 1 lần phản hồi tốt')).toBeInTheDocument();
    expect(screen.getByText('200')).toBeInTheDocument();
    expect(screen.getByText('120 ms')).toBeInTheDocument();
    expect(screen.getByText('còn 45 ngày')).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS));
    await waitFor(async () => expect(await card()).toHaveAccessibleName('Sản phẩm vận hành: Đạt'));
    expect(screen.getByText('340 ms')).toBeInTheDocument();
    expect(screen.getByText('Chờ người duyệt xem xét')).toBeInTheDocument();
    expect(screen.queryByText('Đang kiểm tra — trang tự cập nhật')).not.toBeInTheDocument();
    // Settled: the task's page reads the task again (its status and actions have moved on).
    expect(client.getQueryState(['tasks', 'detail', TASK])?.isInvalidated).toBe(true);
    const calls = get.mock.calls.length;

    await act(() => vi.advanceTimersByTimeAsync(POLL_MS * 5));
    expect(get.mock.calls.length).toBe(calls);
  });

  it('shows a failed probe’s reasons, and re-submitting opens the form with the previous values', async () => {
    get.mockResolvedValue(
      ok(
        view({
          required: ['OPERATING_PRODUCT', 'REAL_USERS'],
          evidence: submission({
            status: 'FAILED_VERIFICATION',
            verifiedAt: '2026-11-20T03:10:00.000Z',
            items: {
              operatingProduct: { url: 'https://dichvucong.example.gov.vn', expectText: 'Dịch vụ công' },
              realUsers: { attestedActiveUsers: 1500, periodFrom: '2026-11-01T00:00:00+07:00', periodTo: '2026-11-30T23:59:59+07:00' },
              supportingDocuments: [{ title: 'Kế hoạch triển khai', kind: 'PLAN' }],
            },
            criteria: {
              OPERATING_PRODUCT: criterion({
                status: 'failed',
                probes: { done: 1, healthy: 0, of: 3 },
                reasons: [{ code: 'HTTP_STATUS', message: 'Máy chủ trả về mã 503.' }],
                checks: [probe({ ok: false, statusCode: 503, reasons: [{ code: 'HTTP_STATUS', message: 'Máy chủ trả về mã 503.' }] })],
              }),
              REAL_USERS: criterion({ status: 'attested', attested: true, value: 1500, probes: null }),
            },
          }),
        }),
      ),
    );
    const user = userEvent.setup();
    renderSection();

    expect(await screen.findByText('Kiểm tra không đạt — nhiệm vụ trở lại đơn vị để khắc phục')).toBeInTheDocument();
    expect(screen.getByLabelText('Sản phẩm vận hành: Không đạt')).toBeInTheDocument();
    expect(screen.getByLabelText('Người dùng thực: Tự khai (người đứng đầu xác nhận)')).toBeInTheDocument();
    expect(screen.getAllByText('Máy chủ trả về mã 503.').length).toBeGreaterThan(0);
    expect(screen.queryByLabelText('Địa chỉ sản phẩm (URL)')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Nộp lại minh chứng' }));

    expect(screen.getByLabelText('Địa chỉ sản phẩm (URL)')).toHaveValue('https://dichvucong.example.gov.vn');
    expect(screen.getByLabelText('Địa chỉ sản phẩm (URL)')).toHaveFocus();
    expect(screen.getByLabelText('Nội dung phải có trên trang')).toHaveValue('Dịch vụ công');
    expect(screen.getByLabelText('Con số do người đứng đầu xác nhận (tự khai)')).toBeChecked();
    expect(screen.getByLabelText('Số người dùng hoạt động (tự khai)')).toHaveValue('1500');
    expect(screen.getByLabelText('Từ ngày')).toHaveValue('01/11/2026');
    expect(screen.getByLabelText('Đến ngày')).toHaveValue('30/11/2026');
    expect(screen.getByLabelText('Tên tài liệu')).toHaveValue('Kế hoạch triển khai');
    expect(screen.getByText('Lần nộp trước')).toBeInTheDocument();

    post.mockResolvedValue(ok({}));
    await user.clear(screen.getByLabelText('Nội dung phải có trên trang'));
    await user.type(screen.getByLabelText('Nội dung phải có trên trang'), 'Cổng dịch vụ công');
    await user.click(screen.getAllByRole('button', { name: 'Nộp lại minh chứng' })[0]);

    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0][1]?.body).toEqual({
      operatingProduct: { url: 'https://dichvucong.example.gov.vn', expectText: 'Cổng dịch vụ công' },
      realUsers: { attestedActiveUsers: 1500, periodFrom: '2026-11-01T00:00:00+07:00', periodTo: '2026-11-30T23:59:59+07:00' },
      supportingDocuments: [{ title: 'Kế hoạch triển khai', kind: 'PLAN' }],
    });
  });

  it('shows a rejection with the reviewer’s reason for each criterion', async () => {
    get.mockResolvedValue(
      ok(
        view({
          evidence: submission({
            status: 'REJECTED',
            verifiedAt: '2026-11-20T03:10:00.000Z',
            criteria: { OPERATING_PRODUCT: criterion({ status: 'verified', probes: { done: 3, healthy: 3, of: 3 } }) },
            rejections: { OPERATING_PRODUCT: 'Trang chưa có chức năng nộp hồ sơ.' },
          }),
        }),
      ),
    );
    renderSection([]);

    expect(await screen.findByText('Bị trả lại — nhiệm vụ trở lại đơn vị')).toBeInTheDocument();
    const card = screen.getByLabelText('Sản phẩm vận hành: Đạt');
    expect(within(card).getByText('Lý do trả lại')).toBeInTheDocument();
    expect(within(card).getByText('Trang chưa có chức năng nộp hồ sơ.')).toBeInTheDocument();
    // Without submitEvidence among the actions, no form and no re-submit.
    expect(screen.queryByRole('button', { name: 'Nộp lại minh chứng' })).not.toBeInTheDocument();
  });

  it('says there is no evidence yet to someone who may not submit it', async () => {
    get.mockResolvedValue(ok(view()));
    renderSection(['reviewEvidence']);
    expect(await screen.findByText('Chưa có minh chứng nào được nộp.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Nộp minh chứng' })).not.toBeInTheDocument();
  });
});
