import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { DataSource } from 'typeorm';

/** Windows over for this long are deleted (every few minutes, by whichever API process comes first). */
const KEEP_AFTER_WINDOW = '10 minutes';
const CLEAN_EVERY_MS = 5 * 60_000;

/**
 * The sign-in and password-link limits, counted in PostgreSQL (table `rate_limits`) rather than in
 * one process's memory: with several API processes behind a load balancer, an address or an
 * account gets its N attempts a minute in all of them together, not N in each. A fixed window per
 * key (the throttler's hash of route, tracker and limit name): the first hit opens a window of
 * `ttl`, later hits count in it; past the limit the key is blocked for `blockDuration`. One
 * statement per hit (an upsert), atomic under concurrent requests. The table is UNLOGGED:
 * counters are not worth a write-ahead log, and after a crash of PostgreSQL they start again at
 * zero.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  private readonly cleaner: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {
    this.cleaner = setInterval(() => void this.clean(), CLEAN_EVERY_MS);
    this.cleaner.unref(); // never keeps a stopping process alive
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const [row] = await this.dataSource.query<{ hits: number; window_left_ms: number; block_left_ms: number | null }[]>(
      `INSERT INTO rate_limits AS r (key, hits, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000), CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4::float8 / 1000) END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
         window_ends_at = CASE WHEN r.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE r.window_ends_at END,
         blocked_until = CASE
           WHEN r.blocked_until > now() THEN r.blocked_until
           WHEN (CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END) > $3 THEN now() + make_interval(secs => $4::float8 / 1000)
         END
       RETURNING hits,
                 (extract(epoch FROM window_ends_at - now()) * 1000)::float8 AS window_left_ms,
                 (extract(epoch FROM blocked_until - now()) * 1000)::float8 AS block_left_ms`,
      [key, ttl, limit, blockDuration],
    );
    const blocked = row.block_left_ms !== null && row.block_left_ms > 0;
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, Math.ceil(row.window_left_ms / 1000)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil(row.block_left_ms! / 1000) : 0,
    };
  }

  private async clean(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM rate_limits WHERE window_ends_at < now() - interval '${KEEP_AFTER_WINDOW}' AND (blocked_until IS NULL OR blocked_until < now())`)
      .catch(() => undefined); // the next round tries again
  }
}
