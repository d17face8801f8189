import type { MailTemplateSource } from '../mail-templates';

/** The diagnostic email: proves that the worker can reach the database and the SMTP server. */
export const diagnosticTemplate: MailTemplateSource<{ message: string; runId: string; requestedAt: string; link: string }> = {
  vi: {
    subject: '[dondoc] Kiểm tra hệ thống thành công ({{runId}})',
    text: `Xin chào,

Đây là thư kiểm tra của dondoc. Yêu cầu kiểm tra lúc {{requestedAt}} đã đi qua API, Temporal, worker, cơ sở dữ liệu và máy chủ thư.

Nội dung: {{message}}

Xem kết quả: {{link}}`,
    html: `<p>Xin chào,</p>
<p>Đây là thư kiểm tra của dondoc. Yêu cầu kiểm tra lúc <strong>{{requestedAt}}</strong> đã đi qua API, Temporal, worker, cơ sở dữ liệu và máy chủ thư.</p>
<p>Nội dung: {{message}}</p>`,
    actionLabel: 'Xem kết quả kiểm tra',
  },
  en: {
    subject: '[dondoc] System check succeeded ({{runId}})',
    text: `Hello,

This is a dondoc test message. The check requested at {{requestedAt}} went through the API, Temporal, the worker, the database and the mail server.

Message: {{message}}

See the result: {{link}}`,
    html: `<p>Hello,</p>
<p>This is a dondoc test message. The check requested at <strong>{{requestedAt}}</strong> went through the API, Temporal, the worker, the database and the mail server.</p>
<p>Message: {{message}}</p>`,
    actionLabel: 'See the check result',
  },
};
