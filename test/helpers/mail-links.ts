import type { CapturedMail, MailSink } from '../../libs/dev-stack/src/mail-sink';

const PASSWORD_LINK = /\/set-password#token=([^\s"<&]+)/;
const ACKNOWLEDGE_LINK = /\/ack#token=([^\s"<&]+)/;

/** The one-time password token in an invitation or reset email (the web app's `/set-password#token=…`). */
export function passwordTokenIn(mail: CapturedMail): string {
  const match = PASSWORD_LINK.exec(mail.text);
  if (!match) throw new Error(`no password link in: ${mail.subject}`);
  return decodeURIComponent(match[1]);
}

/** Waits for the newest password email to `email` after `since` messages and returns its token. */
export async function latestPasswordToken(mail: MailSink, email: string, countBefore = 0): Promise<string> {
  const mails = await mail.waitFor((m) => m.envelopeTo.includes(email.toLowerCase()) && PASSWORD_LINK.test(m.text), countBefore + 1);
  return passwordTokenIn(mails[mails.length - 1]);
}

/** The single-use acknowledgement token of a task email (the web app's `/ack#token=…`), if it has one. */
export function acknowledgeTokenIn(mail: CapturedMail): string | undefined {
  const match = ACKNOWLEDGE_LINK.exec(mail.text);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/** Every link of the email's HTML part (the buttons), in order. */
export function htmlLinksIn(mail: CapturedMail): string[] {
  return [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));
}
