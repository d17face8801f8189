import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Language } from '@dondoc/common';
import { Notification } from './notification.entity';
import type { MailTemplateName } from './templates';

export interface NotificationInput {
  /** Same key, same notification: a retried caller never creates a second one. */
  idempotencyKey: string;
  userId: string | null;
  email: string;
  language: Language;
  template: MailTemplateName;
  params: Record<string, unknown>;
  link?: string | null;
  taskId?: string | null;
  /** Hold the email until then (see `Notification.sendAfter`); absent or null sends at once. */
  sendAfter?: Date | null;
}

/** The Message-ID of a notification's email, derived from its idempotency key. */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@dondoc>`;
}

@Injectable()
export class NotificationsService {
  /**
   * Writes notifications to the outbox inside the caller's transaction (so they exist only if
   * the change that caused them commits). Returns the rows, existing ones included.
   */
  async enqueue(manager: EntityManager, inputs: NotificationInput[]): Promise<Notification[]> {
    if (inputs.length === 0) return [];
    const rows = inputs.map((input) => ({
      ...input,
      link: input.link ?? null,
      taskId: input.taskId ?? null,
      sendAfter: input.sendAfter ?? null,
      status: 'PENDING' as const,
      messageId: messageIdFor(input.idempotencyKey),
    }));
    for (let i = 0; i < rows.length; i += 1_000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Notification)
        .values(rows.slice(i, i + 1_000) as QueryDeepPartialEntity<Notification>[])
        .orIgnore()
        .execute();
    }
    return manager
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.idempotencyKey IN (:...keys)', { keys: inputs.map((input) => input.idempotencyKey) })
      .getMany();
  }
}
