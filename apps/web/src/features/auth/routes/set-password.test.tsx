import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answer, mockApi, renderRoutes } from '@/test/api-mock';
import { Component as SetPassword } from './set-password';
import { Component as SignIn } from './sign-in';

interface AuthMock {
  status: 'signedOut' | 'signedIn';
  signOut: ReturnType<typeof vi.fn>;
  signIn: ReturnType<typeof vi.fn>;
}
const auth = vi.hoisted((): AuthMock => ({ status: 'signedOut', signOut: vi.fn(), signIn: vi.fn() }));
vi.mock('@/lib/auth', () => ({ useAuth: () => auth }));

const TOKEN = '6f1d3a52-8a54-4a0e-b0a4-0d3c2f0c8e11.c2lnbmF0dXJl';
const GOOD = 'Mat-khau-moi-2026';

function open(hash = `#token=${encodeURIComponent(TOKEN)}`) {
  window.history.replaceState(null, '', `/set-password${hash}`);
  return renderRoutes(
    [
      { path: '/set-password', Component: SetPassword },
      { path: '/sign-in', Component: SignIn },
    ],
    '/set-password',
  );
}

async function choose(password: string, confirmation = password) {
  fireEvent.change(await screen.findByLabelText('Mật khẩu mới'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('Nhập lại mật khẩu mới'), { target: { value: confirmation } });
  await userEvent.click(screen.getByRole('button', { name: 'Đặt mật khẩu' }));
}

/** The form item (field, label and its messages) of a labelled field. */
const itemOf = (label: string) => screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;

describe('Set password page', () => {
  beforeEach(() => {
    auth.status = 'signedOut';
  });

  it('reads the token from the fragment, removes it from the address bar, and sends it only in the API body', async () => {
    const sent = mockApi({ 'POST /api/auth/password-reset': () => answer(204) });
    const { router } = open();
    expect(await screen.findByRole('heading', { name: 'Đặt mật khẩu' })).toBeInTheDocument();
    await waitFor(() => expect(window.location.hash).toBe(''));
    expect(window.location.pathname).toBe('/set-password');
    expect(screen.getByText('Ít nhất 12 ký tự, có chữ thường, chữ hoa (a–z, A–Z) và chữ số.')).toBeInTheDocument();

    await choose(GOOD);
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/api/auth/password-reset', body: { token: TOKEN, newPassword: GOOD } });
    expect(sent[0].url).not.toContain(TOKEN.split('.')[0]);
    // The sign-in page says so, from the router's state (nothing in the URL).
    expect(await screen.findByText('Đã đặt mật khẩu. Hãy đăng nhập bằng mật khẩu mới.')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });

  it('states the rule and refuses a weak or mismatched password before sending anything', async () => {
    const sent = mockApi({});
    open();
    await choose('ngan', 'khac');
    expect(await screen.findByText('Mật khẩu cần ít nhất 12 ký tự, có chữ thường, chữ hoa và chữ số')).toBeInTheDocument();
    expect(itemOf('Nhập lại mật khẩu mới')).toHaveTextContent('Hai mật khẩu không khớp');
    expect(sent).toEqual([]);
  });

  it('shows the API’s field errors next to the field they name', async () => {
    mockApi({
      'POST /api/auth/password-reset': () =>
        answer(400, {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Dữ liệu không hợp lệ.',
          errors: [{ field: 'newPassword', rule: 'isStrongPassword', message: 'newPassword phải có ít nhất 12 ký tự, gồm chữ hoa, chữ thường và chữ số' }],
        }),
    });
    open();
    await choose(GOOD);
    await waitFor(() => expect(itemOf('Mật khẩu mới')).toHaveTextContent('newPassword phải có ít nhất 12 ký tự, gồm chữ hoa, chữ thường và chữ số'));
    expect(screen.queryByText('Dữ liệu không hợp lệ.')).not.toBeInTheDocument();
  });

  it('explains a used or expired link and offers a new one', async () => {
    mockApi({
      'POST /api/auth/password-reset': () =>
        answer(400, {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Dữ liệu không hợp lệ.',
          errors: [{ field: 'token', rule: 'valid', message: 'đường dẫn không hợp lệ, đã được dùng hoặc đã hết hạn' }],
        }),
    });
    open();
    await choose(GOOD);
    expect(await screen.findByRole('heading', { name: 'Đường dẫn không còn dùng được' })).toBeInTheDocument();
    expect(screen.getByText(/chỉ dùng được một lần và có thời hạn/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Yêu cầu đường dẫn mới' })).toHaveAttribute('href', '/forgot-password');
  });

  it('a link without its token says so, with the way forward', async () => {
    mockApi({});
    open('');
    expect(await screen.findByRole('heading', { name: 'Đường dẫn không đầy đủ' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Yêu cầu đường dẫn mới' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.queryByLabelText('Mật khẩu mới')).not.toBeInTheDocument();
  });
});
