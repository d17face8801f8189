import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answer, mockApi, renderRoutes } from '@/test/api-mock';
import type { User } from '@/lib/auth';
import { Component as Account } from './account';

const USER: User = {
  id: '6f1d3a52-8a54-4a0e-b0a4-0d3c2f0c8e11',
  name: 'Nguyễn Thị Lan',
  email: 'lan@minhchau.gov.vn',
  phone: null,
  language: 'vi',
  roles: ['OFFICER', 'HEAD'],
  unit: { id: '0f8fad5b-d9cb-469f-a165-70867728950e', code: 'HN-X001', nameVi: 'Xã Minh Châu', nameEn: 'Minh Chau commune', level: 'commune' },
  active: true,
  passwordSet: true,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-01-05T02:00:00.000Z',
};

interface AuthMock {
  user: User | null;
  status: 'signedIn';
  setLanguage: ReturnType<typeof vi.fn>;
  signOut: ReturnType<typeof vi.fn>;
}
const auth = vi.hoisted((): AuthMock => ({ user: null, status: 'signedIn', setLanguage: vi.fn(), signOut: vi.fn() }));
vi.mock('@/lib/auth', () => ({ useAuth: () => auth }));

function open() {
  return renderRoutes(
    [
      { path: '/account', Component: Account },
      { path: '/sign-in', Component: () => <p>sign-in page</p> },
    ],
    '/account',
  );
}

describe('Account page', () => {
  beforeEach(() => {
    auth.user = USER;
    auth.setLanguage.mockReset().mockResolvedValue(undefined);
    auth.signOut.mockReset().mockResolvedValue(undefined);
  });

  it('shows who the user is: name, email, unit, roles', async () => {
    mockApi({});
    open();
    expect(await screen.findByText('Nguyễn Thị Lan')).toBeInTheDocument();
    expect(screen.getByText('lan@minhchau.gov.vn')).toBeInTheDocument();
    expect(screen.getByText('Xã Minh Châu (HN-X001)')).toBeInTheDocument();
    expect(screen.getByText('Cán bộ đầu mối')).toBeInTheDocument();
    expect(screen.getByText('Người đứng đầu đơn vị')).toBeInTheDocument();
  });

  it('the language switch saves the language to the user', async () => {
    mockApi({});
    open();
    const group = await screen.findByRole('radiogroup', { name: 'Ngôn ngữ' });
    await userEvent.click(within(group).getByText('English'));
    await waitFor(() => expect(auth.setLanguage).toHaveBeenCalledWith('en'));
    expect(auth.setLanguage).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Đã lưu ngôn ngữ')).toBeInTheDocument();
  });

  it('changes the password, says other sessions end, and shows the API’s errors next to the fields', async () => {
    let refuse = true;
    const sent = mockApi({
      'POST /api/auth/password': () =>
        refuse
          ? answer(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ.', errors: [{ field: 'currentPassword', rule: 'matches', message: 'mật khẩu hiện tại không đúng' }] })
          : answer(204),
    });
    open();
    expect(await screen.findByText(/các phiên đăng nhập khác của bạn .* sẽ kết thúc; phiên này vẫn tiếp tục/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Mật khẩu hiện tại'), { target: { value: 'Sai-mat-khau-1' } });
    fireEvent.change(screen.getByLabelText('Mật khẩu mới'), { target: { value: 'Mat-khau-moi-2026' } });
    fireEvent.change(screen.getByLabelText('Nhập lại mật khẩu mới'), { target: { value: 'Mat-khau-moi-2026' } });
    await userEvent.click(screen.getByRole('button', { name: 'Đổi mật khẩu' }));
    await waitFor(() => expect(screen.getByLabelText('Mật khẩu hiện tại').closest('.ant-form-item')).toHaveTextContent('mật khẩu hiện tại không đúng'));

    refuse = false;
    fireEvent.change(screen.getByLabelText('Mật khẩu hiện tại'), { target: { value: 'Mat-khau-cu-2026' } });
    await userEvent.click(screen.getByRole('button', { name: 'Đổi mật khẩu' }));
    expect(await screen.findByText('Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.')).toBeInTheDocument();
    expect(sent.map((r) => r.body)).toEqual([
      { currentPassword: 'Sai-mat-khau-1', newPassword: 'Mat-khau-moi-2026' },
      { currentPassword: 'Mat-khau-cu-2026', newPassword: 'Mat-khau-moi-2026' },
    ]);
  });

  it('signs out everywhere only after confirming', async () => {
    mockApi({});
    const { router } = open();
    await userEvent.click(await screen.findByRole('button', { name: 'Đăng xuất khỏi mọi thiết bị' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Mọi phiên đăng nhập của bạn, kể cả phiên này, sẽ kết thúc ngay.');
    expect(auth.signOut).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Đăng xuất tất cả' }));
    await waitFor(() => expect(auth.signOut).toHaveBeenCalledWith(true));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
  });
});
