import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { MailAttachments } from './mail-attachments';
import { isPermanentMailFailure, MAIL_DRIVER, type MailDriver } from './mail-driver';
import { NotificationRenderer } from './notification-renderer';

/**
 * A connection of the mailer's own pool (a `pg` PoolClient): kept apart from the worker's main
 * pool, so that a burst of task recordings never makes the emails queue for a connection.
 */
export interface OutboxConnection {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** What one delivery attempt did: sent, will try again later (back-off), or gave up. */
export type DeliveryOutcome = 'SENT' | 'RETRY' | 'FAILED';

/** Transient failures are tried again this many times (about a day with the back-off below). */
export const MAX_DELIVERY_ATTEMPTS = 60;
const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 30 * 60_000;

/** The instant a row may be sent: created, its hold (`send_after`) over, its back-off passed (GREATEST skips nulls). */
const DUE_SQL = 'GREATEST(created_at, send_after, next_attempt_at)';

/** The wait before attempt `attempts + 1`: doubling from 2 s to 30 min, with ±20% jitter so failed rows do not retry in step. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The worker's side of the outbox: sending the next due row. The row is locked (`FOR UPDATE SKIP
 * LOCKED`) in a transaction that lasts as long as its SMTP exchange and records the outcome, so
 * several mailers (lanes, workers) never take the same row, a SENT row is never sent again, and a
 * mailer that dies mid-send releases its row at once (PostgreSQL ends the dead session's
 * transaction): the next mailer sends it again with the same Message-ID. Transient failures are
 * retried with back-off; a permanent SMTP refusal (5xx), a row that does not render, or the last
 * attempt marks the row FAILED with the reason, visible to administrators.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    @Inject(MAIL_DRIVER) private readonly mail: MailDriver,
    private readonly renderer: NotificationRenderer,
    @Optional() private readonly attachments: MailAttachments = new MailAttachments(),
  ) {}

  /** Sends the oldest due row; undefined when none is due (none waiting, or all taken by other mailers). */
  async deliverNext(db: OutboxConnection): Promise<DeliveryOutcome | undefined> {
    await db.query('BEGIN');
    try {
      // The commit that marks a row SENT need not wait for the disk: only a crash of PostgreSQL
      // itself within a fraction of a second could undo it, and then the row is sent again with
      // the same Message-ID — never lost. It shortens the moment between the SMTP server's
      // acceptance and the mark, the one moment in which a killed worker causes a second send.
      await db.query('SET LOCAL synchronous_commit = off');
      const {
        rows: [row],
      } = await db.query<OutboxRow>(
        `SELECT id, user_id, email, language, template, params, link, message_id, idempotency_key, attempts
           FROM notifications
          WHERE status IN ('PENDING', 'SENDING') AND ${DUE_SQL} <= now()
          ORDER BY ${DUE_SQL}
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
      );
      const outcome = row ? await this.send(db, row) : undefined;
      await db.query('COMMIT');
      return outcome;
    } catch (error) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async send(db: OutboxConnection, row: OutboxRow): Promise<DeliveryOutcome> {
    const attempts = row.attempts + 1;
    let permanent = true; // a row that does not render fails the same way every time
    try {
      const rendered = this.renderer.render({ template: row.template, params: row.params, language: row.language, link: row.link });
      permanent = false;
      // Files are rendered now from what the row names (a failure here is retried like SMTP's).
      const attachments = await this.attachments.for({ template: row.template, params: row.params, language: row.language, userId: row.user_id });
      await this.mail.send({
        to: row.email,
        messageId: row.message_id,
        ...rendered,
        headers: { 'X-Dondoc-Idempotency-Key': row.idempotency_key },
        ...(attachments.length > 0 ? { attachments } : {}),
      });
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
      const giveUp = permanent || isPermanentMailFailure(error) || attempts >= MAX_DELIVERY_ATTEMPTS;
      await db.query(
        `UPDATE notifications SET status = $2, attempts = $3, last_error = $4, claimed_at = now(),
                next_attempt_at = now() + make_interval(secs => $5::float8 / 1000)
          WHERE id = $1`,
        [row.id, giveUp ? 'FAILED' : 'PENDING', attempts, reason, retryDelayMs(attempts)],
      );
      if (giveUp) this.logger.warn({ notificationId: row.id, template: row.template, attempts, reason }, 'notification delivery failed');
      else this.logger.log({ notificationId: row.id, attempts, reason }, 'notification delivery will be tried again');
      return giveUp ? 'FAILED' : 'RETRY';
    }
    await db.query(
      `UPDATE notifications SET status = 'SENT', attempts = $2, sent_at = now(), claimed_at = now(), last_error = NULL, next_attempt_at = NULL WHERE id = $1`,
      [row.id, attempts],
    );
    this.logger.log({ notificationId: row.id, template: row.template }, 'notification sent');
    return 'SENT';
  }
}

/** The columns a send needs, as PostgreSQL returns them. */
interface OutboxRow {
  id: string;
  user_id: string | null;
  email: string;
  language: 'vi' | 'en';
  template: string;
  params: Record<string, unknown>;
  link: string | null;
  message_id: string;
  idempotency_key: string;
  attempts: number;
}
