import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { In, Repository } from 'typeorm';
import type { DeliveryHeld, DeliveryOutcome } from '@dondoc/workflows/notification.types';
import { isPermanentMailFailure, MAIL_DRIVER, type MailDriver } from './mail-driver';
import { NotificationRenderer } from './notification-renderer';
import { Notification } from './notification.entity';

/** How many unstarted rows one sweep hands to the dispatcher. */
const SWEEP_BATCH = 500;

/**
 * The worker's side of the outbox: delivering a row (claim, send once with its deterministic
 * Message-ID, record the outcome), giving a row up, and finding rows whose delivery nobody started.
 * Called from Temporal activities: a failure that retrying cannot fix is a non-retryable
 * `ApplicationFailure`.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    @Inject(MAIL_DRIVER) private readonly mail: MailDriver,
    private readonly renderer: NotificationRenderer,
  ) {}

  /**
   * Sends the row's email unless it was already sent or is held until later (then says until when);
   * a permanent SMTP refusal (5xx) marks it FAILED and is not retried.
   */
  async deliver(notificationId: string): Promise<DeliveryOutcome | DeliveryHeld> {
    const row = await this.claim(notificationId);
    if (!row) {
      const existing = await this.notifications.findOneBy({ id: notificationId });
      if (existing?.status === 'SENT') return 'ALREADY_SENT';
      if (existing?.sendAfter) return { heldUntil: existing.sendAfter.toISOString() };
      throw ApplicationFailure.nonRetryable(`notification ${notificationId} does not exist`, 'UnknownNotification');
    }
    const rendered = this.renderer.render({
      template: row.template as string,
      params: row.params as Record<string, unknown>,
      language: row.language as 'vi' | 'en',
      link: row.link as string | null,
    });
    try {
      await this.mail.send({
        to: row.email as string,
        messageId: row.message_id as string,
        ...rendered,
        headers: { 'X-Dondoc-Idempotency-Key': row.idempotency_key as string },
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = isPermanentMailFailure(error);
      await this.notifications.update({ id: notificationId }, { status: permanent ? 'FAILED' : 'PENDING', lastError: reason.slice(0, 2_000) });
      if (permanent) throw ApplicationFailure.nonRetryable(reason, 'SmtpPermanentFailure');
      throw error;
    }
    await this.markSent(notificationId);
    this.logger.log({ notificationId, template: row.template }, 'notification sent');
    return 'SENT';
  }

  /** Records that delivery was given up, with the reason; a row already SENT or FAILED is left as it is. */
  async markFailed(notificationId: string, reason: string): Promise<void> {
    await this.notifications.update({ id: notificationId, status: In(['PENDING', 'SENDING']) }, { status: 'FAILED', lastError: reason.slice(0, 2_000) });
  }

  /**
   * PENDING rows due before `dueBefore` (delivery never started, or its start was lost), oldest
   * first, one batch. A row is due when created, or when its hold ends: a held row is not stuck.
   */
  findUnstarted(dueBefore: Date): Promise<Pick<Notification, 'id' | 'status'>[]> {
    return this.notifications
      .createQueryBuilder('n')
      .select(['n.id', 'n.status'])
      .where('n.status = :pending', { pending: 'PENDING' })
      .andWhere('COALESCE(n.send_after, n.created_at) < :before', { before: dueBefore })
      .orderBy('COALESCE(n.send_after, n.created_at)', 'ASC')
      .take(SWEEP_BATCH)
      .getMany();
  }

  /**
   * Claims the row before sending (SENDING, one more attempt): a concurrent or retried attempt
   * sees it, and a SENT row is never claimed, so never sent again; nor is a row whose hold has not
   * ended by the database's clock. Returns the raw row, or undefined if there is nothing to send now.
   */
  private async claim(notificationId: string): Promise<Record<string, unknown> | undefined> {
    const claimed = await this.notifications
      .createQueryBuilder()
      .update()
      .set({ status: 'SENDING', attempts: () => 'attempts + 1', claimedAt: () => 'now()' })
      .where('id = :id AND status <> :sent AND (send_after IS NULL OR send_after <= now())', { id: notificationId, sent: 'SENT' })
      .returning('*')
      .execute();
    return (claimed.raw as Record<string, unknown>[])[0];
  }

  private async markSent(notificationId: string): Promise<void> {
    await this.notifications.update({ id: notificationId }, { status: 'SENT', sentAt: new Date(), lastError: null });
  }
}
