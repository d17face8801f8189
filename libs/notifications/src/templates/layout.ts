/** The HTML frame of every email: plain, readable in any client, with a link to act on. */
export const HTML_LAYOUT = `<!doctype html>
<html lang="{{language}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7;padding:24px 0">
    <tr><td align="center">
      <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:6px;padding:24px">
        <tr><td style="font-size:13px;color:#7b8794;padding-bottom:12px">dondoc · {{brand}}</td></tr>
        <tr><td style="font-size:15px;line-height:1.55">{{{body}}}</td></tr>
        {{#if actionUrl}}
        <tr><td style="padding-top:20px">
          <a href="{{actionUrl}}" style="display:inline-block;background:#b91c1c;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px">{{actionLabel}}</a>
        </td></tr>
        {{/if}}
        <tr><td style="font-size:12px;color:#9aa5b1;padding-top:24px">{{footer}}</td></tr>
      </table>
    </td></tr>
  </table>
</body>
</html>`;

export const LAYOUT_TEXT = {
  vi: {
    brand: 'Đôn đốc thực hiện nhiệm vụ',
    footer: 'Thư này được gửi tự động bởi hệ thống dondoc. Vui lòng không trả lời thư này.',
  },
  en: {
    brand: 'Task accountability',
    footer: 'This message was sent automatically by dondoc. Please do not reply.',
  },
} as const;
