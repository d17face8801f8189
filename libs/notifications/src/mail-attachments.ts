import { Injectable } from '@nestjs/common';
import type { Language } from '@dondoc/common';
import type { MailAttachment } from './mail-driver';
import { TEMPLATES_WITH_ATTACHMENTS, type MailTemplateName } from './templates';

/** What an attachment is rendered from: the outbox row (its params name the thing attached) and its recipient. */
export interface MailAttachmentSource {
  template: string;
  params: Record<string, unknown>;
  language: Language;
  /** The recipient (null: an address without an account), whose view of the file it is. */
  userId: string | null;
}

/** Renders the files of one template's emails. */
export type MailAttachmentsProvider = (source: MailAttachmentSource) => Promise<MailAttachment[]>;

/**
 * The attachments of the outbox's emails, by template. The row stays small — its params name
 * what is attached (a briefing pack's id) — and the file is rendered when the email is sent, by
 * the provider the owning context registers here (the notifications never import the contexts
 * above them). A template that needs attachments and has no provider fails the send (retried),
 * so an email never leaves without its file.
 */
@Injectable()
export class MailAttachments {
  private readonly providers = new Map<string, MailAttachmentsProvider>();

  /** Registers the provider of a template's attachments (one per template). */
  register(template: MailTemplateName, provider: MailAttachmentsProvider): void {
    this.providers.set(template, provider);
  }

  /** The files of an email; none for a template without attachments. */
  async for(source: MailAttachmentSource): Promise<MailAttachment[]> {
    const provider = this.providers.get(source.template);
    if (provider) return provider(source);
    if ((TEMPLATES_WITH_ATTACHMENTS as readonly string[]).includes(source.template)) {
      throw new Error(`the attachments of "${source.template}" emails are rendered by a provider this process has not registered`);
    }
    return [];
  }
}
