import { ActivityFailure, log, proxyActivities } from '@temporalio/workflow';
import type { DeliverNotificationInput, DeliveryOutcome, NotificationActivities } from './notification.types';

const { deliverNotification } = proxyActivities<NotificationActivities>({
  // Longer than the SMTP timeouts, so a slow send is never retried while still in flight;
  // heartbeats notice a dead worker within seconds.
  startToCloseTimeout: '1m',
  heartbeatTimeout: '5s',
  // Transient SMTP failures back off from seconds to minutes, for about a day.
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '30m', maximumAttempts: 60 },
});
const { markNotificationFailed } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 20 },
});

/** Delivers one notification from the outbox, retrying with back-off; gives up visibly. */
export async function deliverNotificationWorkflow(input: DeliverNotificationInput): Promise<DeliveryOutcome> {
  try {
    return await deliverNotification(input);
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const reason = error.cause?.message ?? error.message;
    log.warn('notification delivery failed', { notificationId: input.notificationId, reason });
    await markNotificationFailed({ ...input, reason });
    return 'FAILED';
  }
}
