import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { NotificationDeliveryService, NotificationDispatcher } from '@dondoc/notifications';
import { startPeriodicSweep, type PeriodicSweep } from './periodic-sweep';

/**
 * Starts delivery for outbox rows nobody started (the API crashed between commit and start, or
 * a bulk import queued thousands of invitations). Several workers may sweep at once: the
 * delivery workflow id is derived from the row, so each row is delivered once. A row held until
 * later (`send_after`) is not stuck: its workflow sleeps, and the sweep looks at it only after.
 */
@Injectable()
export class NotificationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationSweeper.name);
  private periodic?: PeriodicSweep;

  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly dispatcher: NotificationDispatcher,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic = startPeriodicSweep(() => this.sweep(), this.config.mail.sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic?.stop();
  }

  /** Dispatches pending rows due for a few seconds (created, or their hold ended), oldest first, in batches. */
  async sweep(): Promise<number> {
    try {
      const pending = await this.delivery.findUnstarted(new Date(Date.now() - this.config.mail.sweepAgeMs));
      const started = await this.dispatcher.dispatch(pending);
      if (started > 0) this.logger.log({ started }, 'started delivery of pending notifications');
      return started;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'notification sweep failed');
      return 0;
    }
  }
}
