import Handlebars from 'handlebars';
import type { Language } from '@dondoc/common';
import { HTML_LAYOUT, LAYOUT_TEXT } from './templates/layout';

/** One email template in every language: subject, plain-text and HTML body (Handlebars). */
export type MailTemplateSource<TData> = Record<
  Language,
  { subject: string; text: string; html: string; actionLabel?: string }
> & { readonly __data?: TData };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const layout = Handlebars.compile(HTML_LAYOUT, { strict: false });
const compiled = new WeakMap<object, Record<Language, { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; actionLabel?: string }>>();

function compile<T>(source: MailTemplateSource<T>) {
  let entry = compiled.get(source);
  if (!entry) {
    const one = (lang: Language) => ({
      // Subjects and plain text are not HTML: no escaping there.
      subject: Handlebars.compile(source[lang].subject, { noEscape: true, strict: true }),
      text: Handlebars.compile(source[lang].text, { noEscape: true, strict: true }),
      html: Handlebars.compile(source[lang].html, { strict: true }),
      actionLabel: source[lang].actionLabel,
    });
    entry = { vi: one('vi'), en: one('en') };
    compiled.set(source, entry);
  }
  return entry;
}

/** Renders a template in one language; `actionUrl` becomes the button of the HTML part. */
export function renderMail<T extends object>(
  source: MailTemplateSource<T>,
  language: Language,
  data: T,
  actionUrl?: string,
): RenderedMail {
  const template = compile(source)[language];
  const subject = template.subject(data);
  return {
    subject,
    text: `${template.text(data)}\n\n--\n${LAYOUT_TEXT[language].footer}\n`,
    html: layout({
      language,
      subject,
      body: template.html(data),
      actionUrl,
      actionLabel: template.actionLabel,
      ...LAYOUT_TEXT[language],
    }),
  };
}
