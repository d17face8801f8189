import { Injectable } from '@nestjs/common';
import { ACKNOWLEDGE_LINK_PURPOSE, acknowledgeLinkPath, formatDateTime, PASSWORD_TOKEN_PURPOSE, passwordLinkPath, signToken } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { renderMail, type MailTemplateSource, type RenderedMail } from './mail-templates';
import type { Notification } from './notification.entity';
import { isMailTemplateName, MAIL_TEMPLATES } from './templates';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Turns an outbox row into the email its recipient reads, in their language. */
@Injectable()
export class NotificationRenderer {
  constructor(private readonly config: AppConfig) {}

  render(notification: Pick<Notification, 'template' | 'params' | 'language' | 'link'>): RenderedMail {
    if (!isMailTemplateName(notification.template)) throw new Error(`unknown email template "${notification.template}"`);
    const data: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(notification.params)) {
      // Times are stored as ISO strings and shown in Vietnam's time, in the reader's language.
      data[key] = typeof value === 'string' && ISO_DATE.test(value) ? formatDateTime(value, notification.language) : value;
    }
    let link = notification.link ? this.config.link(notification.link) : undefined;
    if (typeof notification.params.passwordTokenId === 'string') {
      // The one-time token is derived here, never stored (see signToken).
      const token = signToken(this.config.auth.jwtSecret, PASSWORD_TOKEN_PURPOSE, notification.params.passwordTokenId);
      link = this.config.link(passwordLinkPath(token));
    }
    if (typeof notification.params.ackLinkId === 'string') {
      // The button acknowledges in one step on the web app's page; the token is derived here, never stored.
      const token = signToken(this.config.auth.jwtSecret, ACKNOWLEDGE_LINK_PURPOSE, notification.params.ackLinkId);
      link = this.config.link(acknowledgeLinkPath(token));
    }
    data.link = link ?? this.config.http.publicUrl;
    const template = MAIL_TEMPLATES[notification.template] as MailTemplateSource<Record<string, unknown>>;
    return renderMail(template, notification.language, data, link);
  }
}
