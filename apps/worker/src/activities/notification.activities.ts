import { Injectable } from '@nestjs/common';
import { NotificationDeliveryService } from '@dondoc/notifications';
import type { NotificationActivities } from '@dondoc/workflows/notification.types';
import { heartbeating } from './heartbeat';

/** The delivery workflow's activities: the outbox's delivery (claim, send once, record the outcome). */
@Injectable()
export class NotificationActivitiesService implements NotificationActivities {
  constructor(private readonly delivery: NotificationDeliveryService) {}

  deliverNotification: NotificationActivities['deliverNotification'] = ({ notificationId }) =>
    heartbeating(() => this.delivery.deliver(notificationId));

  markNotificationFailed: NotificationActivities['markNotificationFailed'] = ({ notificationId, reason }) =>
    this.delivery.markFailed(notificationId, reason);
}
