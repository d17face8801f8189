import { renderMail, type MailTemplateSource } from './mail-templates';

const template: MailTemplateSource<{ name: string }> = {
  vi: { subject: 'Chào {{name}}', text: 'Xin chào {{name}}', html: '<p>Xin chào {{name}}</p>', actionLabel: 'Mở' },
  en: { subject: 'Hello {{name}}', text: 'Hello {{name}}', html: '<p>Hello {{name}}</p>', actionLabel: 'Open' },
};

describe(renderMail.name, () => {
  it('renders the subject, a plain-text part and an HTML part in the requested language', () => {
    const mail = renderMail(template, 'en', { name: 'Lan' }, 'https://dondoc.test/tasks/1');
    expect(mail.subject).toBe('Hello Lan');
    expect(mail.text).toContain('Hello Lan');
    expect(mail.text).toContain('This message was sent automatically by dondoc');
    expect(mail.html).toContain('<p>Hello Lan</p>');
    expect(mail.html).toContain('href="https://dondoc.test/tasks/1"');
    expect(mail.html).toContain('>Open</a>');
  });

  it('escapes data in HTML but not in the subject or plain text', () => {
    const mail = renderMail(template, 'vi', { name: '<Bộ & Sở>' });
    expect(mail.subject).toBe('Chào <Bộ & Sở>');
    expect(mail.text).toContain('Xin chào <Bộ & Sở>');
    expect(mail.html).toContain('Xin chào &lt;Bộ &amp; Sở&gt;');
    expect(mail.html).not.toContain('href=');
  });

  it('fails loudly when the data lacks a field the template uses', () => {
    expect(() => renderMail(template, 'vi', {} as { name: string })).toThrow(/name/);
  });
});
