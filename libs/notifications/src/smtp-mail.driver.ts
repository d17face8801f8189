import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { MailDriver, OutgoingMail, SentMail } from './mail-driver';

/**
 * Sends through an SMTP server given as `smtp://user:pass@host:port` or `smtps://…`, over a pool
 * of up to `maxConnections` kept-open connections (one per mailer lane), so an email costs one
 * SMTP transaction, not a connection, greeting and TLS handshake each.
 */
export class SmtpMailDriver implements MailDriver {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    maxConnections = 1,
  ) {
    const url = new URL(smtpUrl);
    this.transporter = createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 25),
      secure: url.protocol === 'smtps:',
      pool: true,
      maxConnections,
      maxMessages: 1_000,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      // A send holds its outbox row locked: it either finishes or fails within these bounds.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      logger: false,
      debug: false,
    });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments?.map(({ filename, contentType, content }) => ({ filename, contentType, content })),
    });
    return {
      messageId: info.messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
    };
  }

  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  close(): void {
    this.transporter.close();
  }
}
