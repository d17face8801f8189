import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemporalModule } from '@dondoc/temporal';
import { MailModule } from './mail.module';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationRenderer } from './notification-renderer';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

/** The outbox, its rendering and the start of its delivery workflows. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), TemporalModule, MailModule],
  providers: [NotificationsService, NotificationDispatcher, NotificationRenderer],
  exports: [NotificationsService, NotificationDispatcher, NotificationRenderer, MailModule],
})
export class NotificationsModule {}
