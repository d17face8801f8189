import type { MailTemplateSource } from '../mail-templates';
import { briefingTemplate } from './briefing.template';
import { diagnosticTemplate } from './diagnostic.template';
import { passwordInviteTemplate, passwordResetTemplate } from './password.templates';
import { scorecardCorrectedTemplate } from './scorecard.templates';
import { TASK_TEMPLATES } from './task.templates';

/** Every email template, by the name stored in `notifications.template`. */
export const MAIL_TEMPLATES = {
  diagnostic: diagnosticTemplate,
  'password-invite': passwordInviteTemplate,
  'password-reset': passwordResetTemplate,
  'scorecard-corrected': scorecardCorrectedTemplate,
  'weekly-briefing': briefingTemplate,
  ...TASK_TEMPLATES,
} satisfies Record<string, MailTemplateSource<object>>;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export * from './briefing.template';
export * from './task.templates';

/** Templates whose emails carry files (see MailAttachments): never sent without them. */
export const TEMPLATES_WITH_ATTACHMENTS = ['weekly-briefing'] as const satisfies readonly MailTemplateName[];

export function isMailTemplateName(name: string): name is MailTemplateName {
  return name in MAIL_TEMPLATES;
}
