import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { InboxService } from './inbox.service';
import { MailAttachments } from './mail-attachments';
import { MailModule } from './mail.module';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationRenderer } from './notification-renderer';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

/** The outbox, its rendering and its delivery (the worker's OutboxMailer sends; see NotificationDeliveryService). */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), MailModule, AuditModule],
  providers: [NotificationsService, NotificationDeliveryService, NotificationRenderer, InboxService, MailAttachments],
  exports: [NotificationsService, NotificationDeliveryService, NotificationRenderer, InboxService, MailAttachments, MailModule],
})
export class NotificationsModule {}
