import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { AppConfig } from '@dondoc/config';
import { notificationWorkflowId } from '@dondoc/workflows/notification.types';
import type { Notification } from './notification.entity';

/**
 * Starts the delivery workflow of outbox rows. Safe to repeat: the workflow id is derived from
 * the row, so a second start is refused by Temporal. If starting fails, the row stays PENDING
 * and the worker's sweeper starts it later.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger(NotificationDispatcher.name);

  constructor(
    private readonly temporal: Client,
    private readonly config: AppConfig,
  ) {}

  async dispatch(notifications: Pick<Notification, 'id' | 'status'>[]): Promise<number> {
    let started = 0;
    for (const notification of notifications.filter((n) => n.status === 'PENDING')) {
      try {
        await this.temporal.workflow.start('deliverNotificationWorkflow', {
          workflowId: notificationWorkflowId(notification.id),
          taskQueue: this.config.temporal.taskQueue,
          args: [{ notificationId: notification.id }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        started++;
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) continue;
        this.logger.warn({ notificationId: notification.id, err: (error as Error).message }, 'could not start delivery; the sweeper will retry');
      }
    }
    return started;
  }
}
