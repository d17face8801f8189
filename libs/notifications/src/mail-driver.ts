/** A file sent with an email (rendered at send time: the outbox row holds only what names it). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** An email ready to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic Message-ID, so the same notification is recognisable (and de-duplicable) downstream. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Something that delivers email; SMTP in every environment (a local sink in development). */
export interface MailDriver {
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Resolves when the server accepts a connection (and credentials); used by health checks. */
  verify(): Promise<void>;
  close(): void;
}

export const MAIL_DRIVER = Symbol('MAIL_DRIVER');

/**
 * An SMTP reply 5xx is permanent (a refused address or content): sending again cannot succeed,
 * so the activity fails at once instead of retrying. Anything else may pass later.
 */
export function isPermanentMailFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
