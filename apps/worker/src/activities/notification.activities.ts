import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/activity';
import { DataSource, In } from 'typeorm';
import { isPermanentMailFailure, MAIL_DRIVER, Notification, NotificationRenderer, type MailDriver } from '@dondoc/notifications';
import { heartbeating } from './heartbeat';
import type { DeliverNotificationInput, DeliveryOutcome, NotificationActivities } from '@dondoc/workflows/notification.types';

/** Delivers outbox rows: claim, send once with a deterministic Message-ID, record the outcome. */
@Injectable()
export class NotificationActivitiesService implements NotificationActivities {
  private readonly logger = new Logger(NotificationActivitiesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MAIL_DRIVER) private readonly mail: MailDriver,
    private readonly renderer: NotificationRenderer,
  ) {}

  deliverNotification(input: DeliverNotificationInput): Promise<DeliveryOutcome> {
    return heartbeating(() => this.deliver(input));
  }

  private async deliver({ notificationId }: DeliverNotificationInput): Promise<DeliveryOutcome> {
    const repository = this.dataSource.getRepository(Notification);
    // Claim the row before sending: a concurrent or retried attempt sees it and a sent row is never sent again.
    const claimed = await repository
      .createQueryBuilder()
      .update()
      .set({ status: 'SENDING', attempts: () => 'attempts + 1', claimedAt: () => 'now()' })
      .where('id = :id AND status <> :sent', { id: notificationId, sent: 'SENT' })
      .returning('*')
      .execute();
    const row = (claimed.raw as Record<string, unknown>[])[0];
    if (!row) {
      const existing = await repository.findOneBy({ id: notificationId });
      if (existing?.status === 'SENT') return 'ALREADY_SENT';
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
      await repository.update({ id: notificationId }, { status: permanent ? 'FAILED' : 'PENDING', lastError: reason.slice(0, 2_000) });
      if (permanent) throw ApplicationFailure.nonRetryable(reason, 'SmtpPermanentFailure');
      throw error;
    }
    await repository.update({ id: notificationId }, { status: 'SENT', sentAt: new Date(), lastError: null });
    this.logger.log({ notificationId, template: row.template }, 'notification sent');
    return 'SENT';
  }

  async markNotificationFailed({ notificationId, reason }: DeliverNotificationInput & { reason: string }): Promise<void> {
    await this.dataSource
      .getRepository(Notification)
      .update({ id: notificationId, status: In(['PENDING', 'SENDING']) }, { status: 'FAILED', lastError: reason.slice(0, 2_000) });
  }
}
