import { ActivityFailure, log, proxyActivities, sleep } from '@temporalio/workflow';
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

/** A held row is asked again no sooner than this, so clocks a little apart never spin the loop. */
const MIN_HOLD_MS = 1_000;

/**
 * Delivers one notification from the outbox, retrying with back-off; gives up visibly. A row held
 * until later (`send_after`) is slept on with a durable timer and asked again then: the row, not
 * this workflow, decides when it may go, so a restarted worker or a second start never sends early.
 */
export async function deliverNotificationWorkflow(input: DeliverNotificationInput): Promise<DeliveryOutcome> {
  try {
    for (;;) {
      const outcome = await deliverNotification(input);
      if (typeof outcome === 'string') return outcome;
      log.info('notification held', { notificationId: input.notificationId, heldUntil: outcome.heldUntil });
      await sleep(Math.max(MIN_HOLD_MS, Date.parse(outcome.heldUntil) - Date.now()));
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const reason = error.cause?.message ?? error.message;
    log.warn('notification delivery failed', { notificationId: input.notificationId, reason });
    await markNotificationFailed({ ...input, reason });
    return 'FAILED';
  }
}
