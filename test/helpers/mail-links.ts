import type { CapturedMail, MailSink } from '../../libs/dev-stack/src/mail-sink';

/** The one-time password token in an invitation or reset email. */
export function passwordTokenIn(mail: CapturedMail): string {
  const match = /password-reset\?token=([^\s"<&]+)/.exec(mail.text);
  if (!match) throw new Error(`no password link in: ${mail.subject}`);
  return decodeURIComponent(match[1]);
}

/** Waits for the newest password email to `email` after `since` messages and returns its token. */
export async function latestPasswordToken(mail: MailSink, email: string, countBefore = 0): Promise<string> {
  const mails = await mail.waitFor((m) => m.envelopeTo.includes(email.toLowerCase()) && /password-reset\?token=/.test(m.text), countBefore + 1);
  return passwordTokenIn(mails[mails.length - 1]);
}
