import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import type { TemporalCli } from './temporal-cli';
import { startServer, stopChild } from './processes';

export interface TemporalServerOptions {
  cli: TemporalCli;
  port: number;
  ip?: string;
  /** Web UI port; no UI when omitted. */
  uiPort?: number;
  /** SQLite file that keeps workflows and timers across restarts; in memory when omitted. */
  dbFilename?: string;
  /** SQLite pragmas of that file (`PRAGMA=VALUE`); default DURABLE_SQLITE_PRAGMAS. */
  sqlitePragmas?: string[];
  namespace?: string;
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface TemporalServerHandle {
  address: string;
  uiUrl?: string;
  pid?: number;
  stop(): Promise<void>;
}

/**
 * The dev server's SQLite file in write-ahead-log mode, each commit still synced to disk
 * (`synchronous=full`): as durable as the default rollback journal, and measured on this project's
 * 2-core machine at ~270 raw workflow starts/s instead of ~128 (README, Performance).
 * `synchronous=normal` (~345/s) may lose the last commits on a power cut, so it is not the default.
 */
export const DURABLE_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=full'];

/** True once the frontend answers and the namespace exists. */
async function isReady(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

/** Starts `temporal server start-dev` (or the SDK's downloaded copy) and waits until it serves. */
export async function startTemporalServer(options: TemporalServerOptions): Promise<TemporalServerHandle> {
  const ip = options.ip ?? '127.0.0.1';
  const namespace = options.namespace ?? 'default';
  const address = `${ip}:${options.port}`;
  const uiUrl = options.uiPort ? `http://localhost:${options.uiPort}` : undefined;
  if (options.dbFilename) mkdirSync(dirname(options.dbFilename), { recursive: true });
  const pragmas = options.dbFilename ? (options.sqlitePragmas ?? DURABLE_SQLITE_PRAGMAS).flatMap((pragma) => ['--sqlite-pragma', pragma]) : [];

  if (options.cli.kind === 'sdk-download') {
    // Loaded only here: the testing package is needed just for this fallback.
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', downloadDir: options.cli.downloadDir },
        ip,
        port: options.port,
        ui: Boolean(options.uiPort),
        uiPort: options.uiPort,
        dbFilename: options.dbFilename,
        namespace,
        extraArgs: pragmas,
      },
    });
    return { address, uiUrl, stop: () => env.teardown() };
  }

  const args = ['server', 'start-dev', '--ip', ip, '--port', String(options.port), '--namespace', namespace, '--log-level', 'warn'];
  args.push(...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']));
  if (options.dbFilename) args.push('--db-filename', options.dbFilename, ...pragmas);
  const child = await startServer({
    command: options.cli.path,
    args,
    what: `the Temporal server on ${address}`,
    ready: () => isReady(address, namespace),
    timeoutMs: options.readyTimeoutMs ?? 60_000,
    intervalMs: 300,
    onLog: options.onLog,
  });
  return { address, uiUrl, pid: child.pid, stop: () => stopChild(child, 'SIGTERM', 15_000) };
}
