import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { answer, mockApi, renderRoutes } from '@/test/api-mock';
import { Component as ForgotPassword } from './forgot-password';

async function ask(email: string) {
  renderRoutes([{ path: '/forgot-password', Component: ForgotPassword }], '/forgot-password');
  fireEvent.change(await screen.findByLabelText('Email'), { target: { value: email } });
  await userEvent.click(screen.getByRole('button', { name: 'Gửi đường dẫn' }));
}

describe('Forgot password page', () => {
  // The API answers 204 for every email; the page cannot tell, and says the same thing.
  it.each(['can.bo@minhchau.gov.vn', 'khong.ai.dung@minhchau.gov.vn'])('shows the neutral confirmation for %s', async (email) => {
    const sent = mockApi({ 'POST /api/auth/forgot-password': () => answer(204) });
    await ask(` ${email} `);
    expect(await screen.findByRole('heading', { name: 'Hãy kiểm tra hộp thư' })).toBeInTheDocument();
    expect(screen.getByText(`Nếu có tài khoản dondoc dùng email ${email}, một email có đường dẫn đặt lại mật khẩu đang được gửi tới. Đường dẫn dùng được một lần, trong 24 giờ.`)).toBeInTheDocument();
    expect(sent).toEqual([expect.objectContaining({ method: 'POST', path: '/api/auth/forgot-password', body: { email } })]);
    expect(screen.getByRole('link', { name: 'Về trang đăng nhập' })).toHaveAttribute('href', '/sign-in');
  });

  it('checks the address before sending, and shows the API’s field error next to the field', async () => {
    const sent = mockApi({
      'POST /api/auth/forgot-password': () =>
        answer(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ.', errors: [{ field: 'email', rule: 'isEmail', message: 'email phải là địa chỉ email hợp lệ' }] }),
    });
    await ask('khong-phai-email');
    expect(await screen.findByText('Nhập đúng địa chỉ email')).toBeInTheDocument();
    expect(sent).toEqual([]);

    // The API has the last word.
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'can.bo@minhchau.gov.vn' } });
    await userEvent.click(screen.getByRole('button', { name: 'Gửi đường dẫn' }));
    await waitFor(() => expect(screen.getByLabelText('Email').closest('.ant-form-item')).toHaveTextContent('email phải là địa chỉ email hợp lệ'));
    expect(screen.queryByRole('heading', { name: 'Hãy kiểm tra hộp thư' })).not.toBeInTheDocument();
  });
});
