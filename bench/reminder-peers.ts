/**
 * The queues people would use instead of dondoc for reminders, for bench/reminders.ts: BullMQ
 * delayed jobs (Redis) and pg-boss `startAfter` jobs (PostgreSQL). Each "delivers" a reminder by
 * inserting it into the ledger under its unique key; a second delivery of the same key counts in
 * `deliveries`. The worker runs as its own process (`tsx bench/reminder-peers.ts worker <peer>`),
 * so that the benchmark can SIGKILL it and start another.
 *
 * Settings, as their documentation asks for production:
 * - BullMQ (docs.bullmq.io, "Going to production"): the worker's connection `maxRetriesPerRequest:
 *   null`; the producer's `enableOfflineQueue: false`; jobs with `attempts: 5` and exponential
 *   back-off, `removeOnComplete`; stalled-job detection as shipped (`lockDuration` 30 s,
 *   `stalledInterval` 30 s); worker concurrency 8. Redis as found at REDIS_URL (its persistence is
 *   printed by the benchmark).
 * - pg-boss 10 (README, "Usage" and constructor options): its own schema `pgboss` on the benchmark's
 *   PostgreSQL; a queue per run; jobs with `startAfter`, `retryLimit: 5`, `retryBackoff: true`;
 *   four `work()` loops (how pg-boss 10 scales a worker's concurrency) with `pollingIntervalSeconds:
 *   0.5` (its minimum) and `batchSize: 50`.
 */
import { Queue, Worker } from 'bullmq';
import PgBoss from 'pg-boss';
import { Pool } from 'pg';

export type Peer = 'bullmq' | 'pgboss';

/** One reminder to deliver: its unique key and the instant it is due (ms since the epoch). */
export interface PeerJob {
  key: string;
  at: number;
}

export const LEDGER_SQL = `
  CREATE TABLE IF NOT EXISTS bench_ledger (
    system text NOT NULL,
    run text NOT NULL,
    key text NOT NULL,
    received_ms double precision NOT NULL,
    deliveries int NOT NULL DEFAULT 1,
    PRIMARY KEY (system, run, key)
  )`;

const queueName = (run: string) => `reminders-${run}`;

function redisOptions(url: string): { host: string; port: number; password?: string; db?: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 6379), password: parsed.password || undefined, db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined };
}

/** Whether a Redis answers at `url` (the BullMQ rows are skipped otherwise). */
export async function redisAnswers(url: string): Promise<string | null> {
  const { Redis } = await import('ioredis');
  const redis = new Redis({ ...redisOptions(url), lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const info = await redis.info('persistence');
    const aof = /aof_enabled:(\d)/.exec(info)?.[1] === '1';
    const fsync = aof ? ((await redis.config('GET', 'appendfsync')) as string[])[1] : null;
    return aof ? `AOF on, appendfsync ${fsync}` : 'AOF off (RDB snapshots only)';
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

/** Queues the jobs, each due at its instant. */
export async function enqueue(peer: Peer, run: string, jobs: PeerJob[], urls: { redis: string; database: string }): Promise<void> {
  if (peer === 'bullmq') {
    const queue = new Queue(queueName(run), { connection: { ...redisOptions(urls.redis), enableOfflineQueue: false } });
    await queue.waitUntilReady();
    for (let i = 0; i < jobs.length; i += 1_000) {
      await queue.addBulk(
        jobs.slice(i, i + 1_000).map((job) => ({
          name: 'remind',
          data: job,
          opts: { jobId: job.key, delay: Math.max(0, job.at - Date.now()), attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: 1_000 },
        })),
      );
    }
    await queue.close();
    return;
  }
  const boss = new PgBoss({ connectionString: urls.database, schema: 'pgboss' });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(queueName(run));
  for (let i = 0; i < jobs.length; i += 1_000) {
    await boss.insert(
      jobs.slice(i, i + 1_000).map((job) => ({ name: queueName(run), data: job, startAfter: new Date(job.at), singletonKey: job.key, retryLimit: 5, retryBackoff: true })),
    );
  }
  await boss.stop({ graceful: false, wait: true });
}

/** The worker process: delivers the run's jobs into the ledger until killed. */
async function worker(peer: Peer, run: string): Promise<void> {
  const database = process.env.DATABASE_URL!;
  const ledger = new Pool({ connectionString: database, max: 8 });
  const deliver = async (job: PeerJob) => {
    await ledger.query(
      `INSERT INTO bench_ledger (system, run, key, received_ms) VALUES ($1, $2, $3, $4)
       ON CONFLICT (system, run, key) DO UPDATE SET deliveries = bench_ledger.deliveries + 1`,
      [peer, run, job.key, Date.now()],
    );
  };
  if (peer === 'bullmq') {
    const w = new Worker(queueName(run), async (job) => deliver(job.data as PeerJob), { connection: { ...redisOptions(process.env.REDIS_URL!), maxRetriesPerRequest: null }, concurrency: 8 });
    await w.waitUntilReady();
  } else {
    const boss = new PgBoss({ connectionString: database, schema: 'pgboss' });
    boss.on('error', () => undefined);
    await boss.start();
    for (let loop = 0; loop < 4; loop++) {
      await boss.work<PeerJob>(queueName(run), { pollingIntervalSeconds: 0.5, batchSize: 50 }, async (batch) => {
        await Promise.all(batch.map((job) => deliver(job.data)));
      });
    }
  }
  process.stdout.write('ready\n');
}

if (process.argv[2] === 'worker') {
  worker(process.argv[3] as Peer, process.argv[4]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
