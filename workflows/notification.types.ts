/** Delivery of one outbox notification (an email); the workflow id is `notification-<id>`. */
export interface DeliverNotificationInput {
  notificationId: string;
}

export type DeliveryOutcome = 'SENT' | 'ALREADY_SENT' | 'FAILED';

/** The row's email is held until `sendAfter` (ISO 8601): nothing was sent, ask again then. */
export interface DeliveryHeld {
  heldUntil: string;
}

export interface NotificationActivities {
  /**
   * Claims the outbox row, sends the email with its deterministic Message-ID and marks it sent.
   * A row already sent is not sent again; a row held until later (`send_after`, checked against
   * the database's clock) is not sent yet. Permanent SMTP refusals (5xx) fail without retry.
   */
  deliverNotification(input: DeliverNotificationInput): Promise<DeliveryOutcome | DeliveryHeld>;
  /** Records that delivery was given up, with the reason, so it is visible and not lost. */
  markNotificationFailed(input: DeliverNotificationInput & { reason: string }): Promise<void>;
}

export const notificationWorkflowId = (notificationId: string): string => `notification-${notificationId}`;
