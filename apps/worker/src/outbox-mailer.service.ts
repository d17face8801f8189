import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { AppConfig } from '@dondoc/config';
import { NotificationDeliveryService } from '@dondoc/notifications';

/** The channel the outbox's insert trigger notifies (migration OutboxMailer). */
const WAKE_CHANNEL = 'dondoc_outbox';
const RELISTEN_MS = 1_000;

/**
 * Sends the outbox's emails: MAIL_SEND_CONCURRENCY lanes, each sending the oldest due row until
 * none is due, then waiting for a wake-up — PostgreSQL's NOTIFY from the outbox's insert trigger
 * (at the commit of the event that queued the email), or MAIL_POLL_INTERVAL_MS for rows whose
 * hold or back-off ends. No Temporal round-trip per email: the row itself is the durable record,
 * and its lock while sending (see NotificationDeliveryService) keeps several lanes and workers
 * from sending it twice. Without the listener (a lost connection) the poll alone delivers. The
 * lanes have their own pool of connections (one each), apart from the activities' pool.
 */
@Injectable()
export class OutboxMailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxMailer.name);
  private readonly waiting = new Set<() => void>();
  private lanes: Promise<void>[] = [];
  private listener?: Client;
  private pool?: Pool;
  private relisten?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { sendConcurrency } = this.config.mail;
    this.pool = new Pool({ ...this.connectionOptions('dondoc-outbox-mailer'), max: sendConcurrency, idleTimeoutMillis: 60_000, connectionTimeoutMillis: 5_000 });
    this.pool.on('error', () => undefined); // an idle connection lost: the pool replaces it
    void this.listen();
    this.lanes = Array.from({ length: this.config.mail.sendConcurrency }, () => this.lane());
  }

  /** Lets every lane finish the email it is sending (the SMTP timeouts bound it), then stops. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.relisten);
    this.wakeAll();
    await Promise.all(this.lanes);
    await this.listener?.end().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      let sent: unknown;
      try {
        const client = await this.pool!.connect();
        try {
          sent = await this.delivery.deliverNext(client);
          client.release();
        } catch (error) {
          client.release(error as Error); // a connection in an unknown state is not reused
          throw error;
        }
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'outbox delivery failed; trying again shortly');
      }
      if (sent === undefined && !this.stopping) await this.idle();
    }
  }

  /** Resolves at the next wake-up or after the poll interval, whichever comes first. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.config.mail.pollIntervalMs);
      this.waiting.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.waiting]) wake();
  }

  private connectionOptions(name: string) {
    return { connectionString: this.config.database.url, ssl: this.config.database.ssl ? { rejectUnauthorized: true } : false, application_name: name };
  }

  /** LISTENs on its own connection (outside the pool), and again after losing it. */
  private async listen(): Promise<void> {
    const client = new Client(this.connectionOptions('dondoc-outbox-listener'));
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.stopping) return;
      this.logger.warn({ err: error?.message }, 'outbox listener lost; polling until it is back');
      this.relisten = setTimeout(() => void this.listen(), RELISTEN_MS);
    };
    this.listener = client;
    client.on('notification', () => this.wakeAll());
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${WAKE_CHANNEL}`);
      this.wakeAll(); // rows queued while nobody listened
    } catch (error) {
      lost(error as Error);
    }
  }
}
