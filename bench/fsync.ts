import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The machine's synced-write rate in `dir` (the benchmark's data directory, on the disk its
 * PostgreSQL and Temporal server use): 8 kB written at the same offset and `fdatasync`ed, one after
 * the other, for `seconds` — what pg_test_fsync reports as "fdatasync, one 8kB write" (the embedded
 * PostgreSQL ships without it). Every durable commit of PostgreSQL or of the dev server's SQLite
 * waits for one such sync (group commit may cover several transactions), so it bounds how many
 * acknowledged-durable steps per second one writer can make.
 */
export function fsyncRate(dir: string, seconds = 3): number {
  const file = join(dir, 'bench-fsync.tmp');
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(8_192, 1);
  let syncs = 0;
  const started = performance.now();
  try {
    while (performance.now() - started < seconds * 1000) {
      writeSync(fd, page, 0, page.length, 0);
      fdatasyncSync(fd);
      syncs++;
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  return syncs / ((performance.now() - started) / 1000);
}
