import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { TemporalModule } from '@dondoc/temporal';
import { InboxService } from './inbox.service';
import { MailModule } from './mail.module';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationRenderer } from './notification-renderer';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

/** The outbox, its rendering, the start of its delivery workflows and the delivery itself. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), TemporalModule, MailModule, AuditModule],
  providers: [NotificationsService, NotificationDispatcher, NotificationDeliveryService, NotificationRenderer, InboxService],
  exports: [NotificationsService, NotificationDispatcher, NotificationDeliveryService, NotificationRenderer, InboxService, MailModule],
})
export class NotificationsModule {}
