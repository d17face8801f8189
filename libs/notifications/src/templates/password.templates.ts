import type { MailTemplateSource } from '../mail-templates';

export interface PasswordLinkData {
  name: string;
  email: string;
  link: string;
  expiresAt: string;
}

/** An invitation to a new account: set a password through a one-time link. */
export const passwordInviteTemplate: MailTemplateSource<PasswordLinkData> = {
  vi: {
    subject: '[dondoc] Mời tham gia hệ thống đôn đốc nhiệm vụ',
    text: `Kính gửi {{name}},

Tài khoản dondoc của đồng chí đã được tạo với địa chỉ {{email}}. Vui lòng đặt mật khẩu qua đường dẫn dưới đây (chỉ dùng được một lần, hết hạn lúc {{expiresAt}}):

{{link}}`,
    html: `<p>Kính gửi {{name}},</p>
<p>Tài khoản dondoc của đồng chí đã được tạo với địa chỉ <strong>{{email}}</strong>. Vui lòng đặt mật khẩu qua đường dẫn bên dưới. Đường dẫn chỉ dùng được một lần và hết hạn lúc {{expiresAt}}.</p>`,
    actionLabel: 'Đặt mật khẩu',
  },
  en: {
    subject: '[dondoc] You are invited to the task accountability system',
    text: `Dear {{name}},

A dondoc account has been created for {{email}}. Please set your password with the link below (single use, expires {{expiresAt}}):

{{link}}`,
    html: `<p>Dear {{name}},</p>
<p>A dondoc account has been created for <strong>{{email}}</strong>. Please set your password with the link below. It can be used once and expires {{expiresAt}}.</p>`,
    actionLabel: 'Set my password',
  },
};

/** An administrator reset the password: set a new one through a one-time link. */
export const passwordResetTemplate: MailTemplateSource<PasswordLinkData> = {
  vi: {
    subject: '[dondoc] Đặt lại mật khẩu',
    text: `Kính gửi {{name}},

Quản trị viên đã yêu cầu đặt lại mật khẩu cho tài khoản {{email}}. Vui lòng đặt mật khẩu mới qua đường dẫn dưới đây (chỉ dùng được một lần, hết hạn lúc {{expiresAt}}):

{{link}}

Nếu đồng chí không mong đợi thư này, vui lòng báo cho quản trị viên.`,
    html: `<p>Kính gửi {{name}},</p>
<p>Quản trị viên đã yêu cầu đặt lại mật khẩu cho tài khoản <strong>{{email}}</strong>. Đường dẫn chỉ dùng được một lần và hết hạn lúc {{expiresAt}}.</p>
<p>Nếu đồng chí không mong đợi thư này, vui lòng báo cho quản trị viên.</p>`,
    actionLabel: 'Đặt mật khẩu mới',
  },
  en: {
    subject: '[dondoc] Reset your password',
    text: `Dear {{name}},

An administrator asked to reset the password of {{email}}. Please choose a new password with the link below (single use, expires {{expiresAt}}):

{{link}}

If you did not expect this message, please tell your administrator.`,
    html: `<p>Dear {{name}},</p>
<p>An administrator asked to reset the password of <strong>{{email}}</strong>. The link can be used once and expires {{expiresAt}}.</p>
<p>If you did not expect this message, please tell your administrator.</p>`,
    actionLabel: 'Choose a new password',
  },
};
