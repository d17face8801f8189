/** The page a one-time password link opens: a plain form (no script), Vietnamese first. */

const escape = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)}</title>
<style>body{font-family:Arial,sans-serif;background:#f4f5f7;margin:0}main{max-width:420px;margin:48px auto;background:#fff;padding:28px;border-radius:6px}
h1{font-size:20px;margin-top:0}label{display:block;margin:14px 0 4px}input{width:100%;padding:9px;box-sizing:border-box;font-size:15px}
button{margin-top:18px;background:#b91c1c;color:#fff;border:0;padding:10px 18px;border-radius:4px;font-size:15px}.en{color:#6b7280;font-size:13px}
.error{background:#fdecec;padding:10px;border-radius:4px}.ok{background:#ecfdf3;padding:10px;border-radius:4px}</style></head>
<body><main>${body}</main></body></html>`;
}

export function passwordFormPage(token: string, errors: string[] = []): string {
  return page(
    'Đặt mật khẩu — dondoc',
    `<h1>Đặt mật khẩu dondoc <span class="en">/ Set your dondoc password</span></h1>
${errors.length ? `<div class="error">${errors.map(escape).join('<br>')}</div>` : ''}
<form method="post" action="/api/auth/password-reset/form">
<input type="hidden" name="token" value="${escape(token)}">
<label for="p">Mật khẩu mới <span class="en">/ New password</span></label>
<input id="p" type="password" name="newPassword" autocomplete="new-password" minlength="12" required>
<p class="en">Ít nhất 12 ký tự, có chữ hoa, chữ thường và chữ số. / At least 12 characters with upper-case, lower-case letters and digits.</p>
<label for="c">Nhập lại mật khẩu <span class="en">/ Repeat it</span></label>
<input id="c" type="password" name="confirmPassword" autocomplete="new-password" minlength="12" required>
<button type="submit">Lưu mật khẩu / Save</button>
</form>`,
  );
}

export function passwordDonePage(): string {
  return page(
    'Đã đặt mật khẩu — dondoc',
    `<h1>Đã đặt mật khẩu <span class="en">/ Password set</span></h1>
<p class="ok">Mật khẩu đã được lưu; mọi phiên đăng nhập cũ đã kết thúc. Đồng chí có thể đăng nhập bằng mật khẩu mới.<br>
<span class="en">Your password is saved and every earlier session has ended. You can now sign in with it.</span></p>`,
  );
}
