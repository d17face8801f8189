import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answer, mockApi, renderRoutes } from '@/test/api-mock';
import { Component as AcknowledgeLink } from './acknowledge-link';

const TOKEN = '7d444840-9dc0-11d1-b245-5ffdce74fad2.aG1hYy1vZi10aGUtbGluaw';
const TASK = '0f8fad5b-d9cb-469f-a165-70867728950e';
const VIEW = {
  taskId: TASK,
  code: 'NV-2026-000123',
  title: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành',
  leadUnit: { id: '6f1d3a52-8a54-4a0e-b0a4-0d3c2f0c8e11', code: 'HN-X001', name: 'Xã Minh Châu', nameEn: 'Minh Chau commune' },
  dueAt: '2026-12-31T10:00:00.000Z',
  status: 'ASSIGNED',
  acknowledged: false,
  recipient: { id: '6f1d3a52-8a54-4a0e-b0a4-0d3c2f0c8e12', name: 'Nguyễn Thị Lan' },
};

function open(hash = `#token=${encodeURIComponent(TOKEN)}`) {
  window.history.replaceState(null, '', `/ack${hash}`);
  return renderRoutes(
    [
      { path: '/ack', Component: AcknowledgeLink },
      { path: '/tasks/:id', Component: () => <p>task page</p> },
    ],
    '/ack',
  );
}

const problem = (statusCode: number, code: string, message: string, details?: Record<string, unknown>) => answer(statusCode, { statusCode, code, message, details, requestId: 'r1' });

describe('Acknowledgement link page', () => {
  it('shows the task and acknowledges nothing until the button; then confirms once', async () => {
    let release!: () => void;
    const sent = mockApi({
      'POST /api/tasks/acknowledge-links/preview': () => answer(200, VIEW),
      'POST /api/tasks/acknowledge-links/confirm': () =>
        new Promise<Response>((resolve) => (release = () => resolve(answer(200, { ...VIEW, status: 'IN_PROGRESS', acknowledged: true, acknowledgedNow: true })))),
    });
    const { router } = open();

    expect(await screen.findByText('NV-2026-000123')).toBeInTheDocument();
    expect(screen.getByText('Đưa dịch vụ công trực tuyến cấp xã vào vận hành')).toBeInTheDocument();
    expect(screen.getByText('Xã Minh Châu')).toBeInTheDocument();
    expect(screen.getByText('31/12/2026 17:00')).toBeInTheDocument(); // Vietnam time
    expect(screen.getByText(/với tư cách Nguyễn Thị Lan/)).toBeInTheDocument();
    // The token left the address bar and went only into the preview's body.
    await waitFor(() => expect(window.location.hash).toBe(''));
    expect(sent).toEqual([expect.objectContaining({ path: '/api/tasks/acknowledge-links/preview', body: { token: TOKEN } })]);
    expect(sent[0].url).not.toContain(TOKEN.split('.')[0]);

    const button = screen.getByRole('button', { name: 'Xác nhận tiếp nhận' });
    await userEvent.click(button);
    await userEvent.click(button);
    release();
    expect(await screen.findByRole('heading', { name: 'Đã xác nhận tiếp nhận' })).toBeInTheDocument();
    expect(sent.filter((r) => r.path === '/api/tasks/acknowledge-links/confirm')).toEqual([expect.objectContaining({ body: { token: TOKEN } })]);

    await userEvent.click(screen.getByRole('link', { name: 'Mở trang nhiệm vụ' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/tasks/${TASK}`));
  });

  it('a task acknowledged before says so, with no button', async () => {
    mockApi({ 'POST /api/tasks/acknowledge-links/preview': () => answer(200, { ...VIEW, acknowledged: true, status: 'IN_PROGRESS' }) });
    open();
    expect(await screen.findByRole('heading', { name: 'Nhiệm vụ đã được xác nhận tiếp nhận' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Xác nhận tiếp nhận' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mở trang nhiệm vụ' })).toHaveAttribute('href', `/tasks/${TASK}`);
  });

  it('a used link says so and opens its task', async () => {
    mockApi({ 'POST /api/tasks/acknowledge-links/preview': () => problem(410, 'ACK_LINK_USED', 'Đường dẫn đã được sử dụng.', { taskId: TASK }) });
    open();
    expect(await screen.findByRole('heading', { name: 'Đường dẫn đã được sử dụng' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mở trang nhiệm vụ' })).toHaveAttribute('href', `/tasks/${TASK}`);
  });

  it.each([
    ['an expired link', problem(410, 'ACK_LINK_EXPIRED', 'hết hạn'), 'Đường dẫn đã hết hạn'],
    ['an invalid link', problem(400, 'ACK_LINK_INVALID', 'không hợp lệ'), 'Đường dẫn không hợp lệ'],
    ['a recipient who can no longer act', problem(403, 'FORBIDDEN', 'cấm'), 'Không thể xác nhận bằng đường dẫn này'],
  ])('%s is explained, with the way forward (sign in, my tasks)', async (_case, response, title) => {
    mockApi({ 'POST /api/tasks/acknowledge-links/preview': () => response });
    open();
    expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Mở nhiệm vụ của tôi' })).toHaveAttribute('href', '/tasks');
    expect(screen.getByText('Hệ thống sẽ yêu cầu đăng nhập nếu cần.')).toBeInTheDocument();
  });

  it('a page opened without a token calls nothing', async () => {
    const sent = mockApi({});
    open('');
    expect(await screen.findByRole('heading', { name: 'Đường dẫn không đầy đủ' })).toBeInTheDocument();
    expect(sent).toEqual([]);
  });

  it('a conflict on confirming shows the API’s reason and keeps the button', async () => {
    mockApi({
      'POST /api/tasks/acknowledge-links/preview': () => answer(200, VIEW),
      'POST /api/tasks/acknowledge-links/confirm': () => problem(409, 'CONFLICT', 'Nhiệm vụ đang ở trạng thái không cho phép thao tác này.'),
    });
    open();
    await userEvent.click(await screen.findByRole('button', { name: 'Xác nhận tiếp nhận' }));
    expect(await screen.findByText('Nhiệm vụ đang ở trạng thái không cho phép thao tác này.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Xác nhận tiếp nhận' })).toBeEnabled();
  });
});
