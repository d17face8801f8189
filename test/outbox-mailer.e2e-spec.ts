import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { NotificationsService, type NotificationInput } from '@dondoc/notifications';
import { createWorkerApp } from '../apps/worker/src/setup-worker';
import { asSuperuser } from './helpers/database';
import { eventually } from './helpers/eventually';
import { startTestStack, type TestStack } from './helpers/test-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The worker's mailer sends straight from the outbox, with no workflow per email: several lanes
 * in each of several workers take rows with FOR UPDATE SKIP LOCKED and hold the row's lock while
 * they send. Checked on the real PostgreSQL and SMTP sink: every row is sent exactly once by two
 * workers of four lanes each, a row locked by a mailer is left to it, and the row of a mailer
 * whose session dies (a killed process) is sent by another at once.
 */
describe('Outbox mailer', () => {
  let stack: TestStack;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, env: { MAIL_SEND_CONCURRENCY: '4', MAIL_POLL_INTERVAL_MS: '500' } });
    workers.push(await createWorkerApp(), await createWorkerApp());
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await stack.close();
  });

  /** Queues `count` emails in one transaction, as an event's recording does. */
  async function queue(prefix: string, count: number, sendAfter: Date | null = null): Promise<{ id: string; message_id: string }[]> {
    const inputs: NotificationInput[] = Array.from({ length: count }, (_, i) => ({
      idempotencyKey: `${prefix}:${i}`,
      userId: null,
      email: `nguoi-nhan-${i}@xa.gov.vn`,
      language: 'vi',
      template: 'diagnostic',
      params: { runId: `${prefix}-${i}`, requestedAt: new Date().toISOString(), message: `${prefix} ${i}` },
      sendAfter,
    }));
    const service = workers[0].get(NotificationsService, { strict: false });
    const rows = await stack.dataSource.transaction((tx) => service.enqueue(tx, inputs));
    return rows.map((row) => ({ id: row.id, message_id: row.messageId }));
  }

  it('two workers of four lanes each send 400 queued emails exactly once, as soon as they are committed', async () => {
    const rows = await queue('burst', 400);
    const ids = new Set(rows.map((row) => row.message_id));
    await stack.mail.waitFor((m) => ids.has(m.messageId), 400, 60_000);
    await sleep(1_500); // a few more polls: anything sent twice would arrive now
    const received = stack.mail.all().filter((m) => ids.has(m.messageId));
    expect(received).toHaveLength(400);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(400);
    const statuses = await stack.dataSource.query<{ status: string; attempts: number; n: number }[]>(
      `SELECT status, attempts, count(*)::int AS n FROM notifications WHERE idempotency_key LIKE 'burst:%' GROUP BY status, attempts`,
    );
    expect(statuses).toEqual([{ status: 'SENT', attempts: 1, n: 400 }]);
  });

  it('leaves a row another mailer holds, and sends it at once when that mailer’s session dies', async () => {
    // The test plays a mailer that dies mid-send: its session locks the row as NotificationDeliveryService does,
    // before the row falls due (held for 3 s) so that no lane takes it first.
    const dueAt = Date.now() + 3_000;
    const [row] = await queue('held', 1, new Date(dueAt));
    const mailer = new Client({ connectionString: stack.database.url });
    await mailer.connect();
    mailer.on('error', () => undefined); // its session is about to be terminated
    await mailer.query('BEGIN');
    const locked = await mailer.query(`SELECT id FROM notifications WHERE id = $1 FOR UPDATE`, [row.id]);
    expect(locked.rowCount).toBe(1);
    const others = await queue('beside', 5);
    const beside = new Set(others.map((o) => o.message_id));
    await stack.mail.waitFor((m) => beside.has(m.messageId), 5, 20_000);
    await sleep(dueAt + 1_500 - Date.now()); // due now, and the lanes pass it by
    expect(stack.mail.all().filter((m) => m.messageId === row.message_id)).toEqual([]);

    // The "process" dies: PostgreSQL ends its session and its transaction, and the row is free.
    const [{ pid }] = (await mailer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    await asSuperuser(stack.database.name, (client) => client.query('SELECT pg_terminate_backend($1)', [pid]));
    await stack.mail.waitFor((m) => m.messageId === row.message_id, 1, 10_000);
    await eventually(async () => {
      const [found] = await stack.dataSource.query<{ status: string }[]>('SELECT status FROM notifications WHERE id = $1', [row.id]);
      expect(found.status).toBe('SENT');
    });
    await mailer.end().catch(() => undefined);
  });
});
