/**
 * Starts the parts every integration suite shares: a throwaway embedded PostgreSQL and a
 * Temporal dev server on free ports, and the workflow bundle. Suites create their own database,
 * task queue and SMTP server, so they never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureWorkflowBundle,
  freePort,
  resolveTemporalCli,
  startPostgres,
  startTemporalServer,
  type PostgresHandle,
  type TemporalServerHandle,
} from '../libs/dev-stack/src';

export interface SharedStack {
  dir: string;
  postgres: PostgresHandle;
  temporal: TemporalServerHandle;
}

declare global {
  var dondocSharedStack: SharedStack | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-test-'));
  chmodSync(dir, 0o755); // PostgreSQL may run as another OS user (when the tests run as root)
  const log = (line: string) => process.stderr.write(`[test setup] ${line}\n`);

  const started = await Promise.allSettled([
    freePort().then((port) =>
      startPostgres({ dataDir: join(dir, 'postgres'), port, superuserPassword: randomBytes(12).toString('hex') }),
    ),
    resolveTemporalCli(log),
    ensureWorkflowBundle(join(dir, 'workflow-bundle.js')),
  ]);
  const failed = started.find((result) => result.status === 'rejected');
  const postgres = started[0].status === 'fulfilled' ? started[0].value : undefined;
  let temporal: TemporalServerHandle | undefined;
  try {
    if (failed) throw failed.reason;
    const cli = (started[1] as PromiseFulfilledResult<Awaited<ReturnType<typeof resolveTemporalCli>>>).value;
    // A free port can be taken between finding it and binding it: one more try on another.
    temporal = await startTemporalServer({ cli, port: await freePort() }).catch(async (error: Error) => {
      log(`Temporal did not start (${error.message.split('\n')[0]}); trying another port`);
      return startTemporalServer({ cli, port: await freePort() });
    });
    if (cli.kind === 'binary') process.env.TEMPORAL_CLI_PATH = cli.path;
  } catch (error) {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const bundle = (started[2] as PromiseFulfilledResult<{ path: string }>).value;
  if (!postgres) throw new Error('PostgreSQL did not start');
  globalThis.dondocSharedStack = { dir, postgres, temporal };

  process.env.TEST_TMP_DIR = dir;
  process.env.TEST_PG_SUPERUSER_URL = postgres.superuserUrl;
  process.env.TEST_PG_APP_URL = postgres.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_WORKFLOW_BUNDLE_PATH = bundle.path;
}
