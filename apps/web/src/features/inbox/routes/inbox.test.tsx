import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answer, mockApi, renderRoutes } from '@/test/api-mock';
import type { InboxItem, InboxPage } from '../api/use-inbox';
import { Component as Inbox } from './inbox';

const TASK = '0f8fad5b-d9cb-469f-a165-70867728950e';

const item = (id: string, subject: string, readAt: string | null): InboxItem => ({
  id,
  subject,
  template: 'task-assigned',
  taskId: TASK,
  link: `http://dondoc.test/tasks/${TASK}`,
  createdAt: '2026-11-30T02:00:00.000Z',
  readAt,
  emailStatus: 'SENT',
  emailSendAfter: null,
});

const ITEMS = [
  item('6f1d3a52-8a54-4a0e-b0a4-0d3c2f0c8e01', 'Nhiệm vụ mới: NV-2026-000001', null),
  item('6f1d3a52-8a54-4a0e-b0a4-0d3c2f0c8e02', 'Nhắc hạn: NV-2026-000002', null),
  item('6f1d3a52-8a54-4a0e-b0a4-0d3c2f0c8e03', 'Đã gia hạn: NV-2026-000003', '2026-11-29T02:00:00.000Z'),
];
const PAGE: InboxPage = { items: ITEMS, total: 3, unread: 2, page: 1, pageSize: 20 };
const COUNT_KEY = ['inbox', 'unread-count'];

/** Answers the first list request; later ones (refetches after a change) never answer, so only the page's own updates show. */
function listOnce(page: InboxPage = PAGE) {
  let calls = 0;
  return () => (++calls === 1 ? answer(200, page) : new Promise<Response>(() => undefined));
}

function open(at = '/inbox') {
  const view = renderRoutes(
    [
      { path: '/inbox', Component: Inbox },
      { path: '/tasks/:id', Component: () => <p>task page</p> },
    ],
    at,
  );
  // The header's badge reads this query.
  view.queryClient.setQueryData(COUNT_KEY, { ...PAGE, items: ITEMS.slice(0, 1), pageSize: 1 });
  return view;
}

const rowOf = (subject: string) => screen.getByText(subject).closest('tr') as HTMLElement;
const unreadBadge = (client: ReturnType<typeof open>['queryClient']) => client.getQueryData<InboxPage>(COUNT_KEY)?.unread;

describe('Inbox page', () => {
  it('shows unread notifications in bold with a tag, newest first as the API pages them', async () => {
    const sent = mockApi({ 'GET /api/notifications': listOnce() });
    open('/inbox?page=2');
    expect(await screen.findByText('2 chưa đọc')).toBeInTheDocument();
    expect(within(rowOf(ITEMS[0].subject)).getByText('Chưa đọc')).toBeInTheDocument();
    expect(screen.getByText(ITEMS[0].subject).closest('strong')).not.toBeNull();
    expect(within(rowOf(ITEMS[2].subject)).queryByText('Chưa đọc', { selector: '.ant-tag' })).toBeNull();
    expect(screen.getByText(ITEMS[2].subject).closest('strong')).toBeNull();
    expect(sent[0].query.get('page')).toBe('2');
    expect(sent[0].query.get('unread')).toBeNull();
  });

  it('says when an email held until office hours will go, in Vietnam time; nothing once it is sent', async () => {
    // Assigned on Saturday night; the email waits for 08:00 on Monday 07/12 (01:00 UTC).
    const held: InboxItem = { ...ITEMS[0], emailStatus: 'PENDING', emailSendAfter: '2026-12-07T01:00:00.000Z' };
    const gone: InboxItem = { ...ITEMS[1], emailStatus: 'SENT', emailSendAfter: '2026-12-07T01:00:00.000Z' };
    mockApi({ 'GET /api/notifications': listOnce({ ...PAGE, items: [held, gone, ITEMS[2]] }) });
    open();
    const note = await screen.findByText('Email sẽ gửi lúc 08:00 thứ Hai 07/12');
    expect(note).toHaveAttribute('dateTime', '2026-12-07T01:00:00.000Z');
    expect(rowOf(held.subject)).toContainElement(note);
    expect(screen.getAllByText(/Email sẽ gửi lúc/)).toHaveLength(1);
  });

  it('marks one read at once, in the list and the header badge, and undoes it when the API refuses', async () => {
    let refuse!: (response: Response) => void;
    const sent = mockApi({
      'GET /api/notifications': listOnce(),
      [`POST /api/notifications/${ITEMS[0].id}/read`]: () => new Promise<Response>((resolve) => (refuse = resolve)),
    });
    const { queryClient } = open();
    await userEvent.click(await screen.findByRole('button', { name: `Đánh dấu đã đọc: ${ITEMS[0].subject}` }));

    // Before the API answers.
    expect(within(rowOf(ITEMS[0].subject)).queryByText('Chưa đọc', { selector: '.ant-tag' })).toBeNull();
    expect(screen.getByText('1 chưa đọc')).toBeInTheDocument();
    expect(unreadBadge(queryClient)).toBe(1);
    await waitFor(() => expect(sent.map((r) => `${r.method} ${r.path}`)).toContain(`POST /api/notifications/${ITEMS[0].id}/read`));

    refuse(answer(503, { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Dịch vụ tạm thời không sẵn sàng.' }));
    expect(await screen.findByText('Chưa đánh dấu được: Dịch vụ tạm thời không sẵn sàng.')).toBeInTheDocument();
    expect(within(rowOf(ITEMS[0].subject)).getByText('Chưa đọc', { selector: '.ant-tag' })).toBeInTheDocument();
    expect(screen.getByText('2 chưa đọc')).toBeInTheDocument();
    expect(unreadBadge(queryClient)).toBe(2);
  });

  it('marks all read at once, and keeps it when the API agrees', async () => {
    let read = false;
    const allRead = { ...PAGE, unread: 0, items: ITEMS.map((i) => ({ ...i, readAt: i.readAt ?? '2026-11-30T03:00:00.000Z' })) };
    const sent = mockApi({
      'GET /api/notifications': () => answer(200, read ? allRead : PAGE),
      'POST /api/notifications/read-all': () => ((read = true), answer(200, { marked: 2 })),
    });
    const { queryClient } = open();
    await userEvent.click(await screen.findByRole('button', { name: 'Đánh dấu tất cả đã đọc' }));
    expect(screen.getByText('0 chưa đọc')).toBeInTheDocument();
    expect(screen.queryAllByText('Chưa đọc', { selector: '.ant-tag' })).toEqual([]);
    expect(unreadBadge(queryClient)).toBe(0);
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' })).toBeDisabled());
  });

  it('opening a notification marks it read and goes to its page in the app', async () => {
    const sent = mockApi({ 'GET /api/notifications': listOnce(), [`POST /api/notifications/${ITEMS[1].id}/read`]: () => answer(204) });
    const { router } = open();
    const link = await screen.findByRole('link', { name: ITEMS[1].subject });
    expect(link).toHaveAttribute('href', `/tasks/${TASK}`);
    await userEvent.click(link);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/tasks/${TASK}`));
    expect(await screen.findByText('task page')).toBeInTheDocument();
    await waitFor(() => expect(sent.some((r) => r.method === 'POST' && r.path === `/api/notifications/${ITEMS[1].id}/read`)).toBe(true));
  });

  it('keeps the "unread only" filter in the URL and asks the API for unread ones', async () => {
    const sent = mockApi({ 'GET /api/notifications': () => answer(200, PAGE) });
    const { router } = open('/inbox?page=3');
    await screen.findByText('2 chưa đọc');
    await userEvent.click(screen.getByText('Chưa đọc', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(router.state.location.search).toBe('?unread=1'));
    await waitFor(() => expect(sent.at(-1)?.query.get('unread')).toBe('true'));
    expect(sent.at(-1)?.query.get('page')).toBe('1');
  });
});
