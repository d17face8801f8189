import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths';
import { eachLine, exited, spawnDetached, stopChild } from './processes';

export interface PostgresProcessOptions {
  dataDir: string;
  port: number;
  superuserPassword?: string;
  appUser?: string;
  appPassword?: string;
  appDatabase?: string;
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface PostgresHandle {
  /** The application's connection string (non-superuser role, owner of its database). */
  url: string;
  /** Superuser connection string to the `postgres` database (tests create databases with it). */
  superuserUrl: string;
  port: number;
  pid?: number;
  stop(): Promise<void>;
}

/** Starts embedded PostgreSQL in a child process and waits until it accepts connections. */
export async function startPostgres(options: PostgresProcessOptions): Promise<PostgresHandle> {
  const superuserPassword = options.superuserPassword ?? 'postgres';
  const appUser = options.appUser ?? 'dondoc';
  const appPassword = options.appPassword ?? 'dondoc';
  const appDatabase = options.appDatabase ?? 'dondoc';
  mkdirSync(options.dataDir, { recursive: true, mode: 0o755 });
  const child = spawnDetached(process.execPath, ['--import', 'tsx', join(__dirname, 'postgres-server.main.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DONDOC_PG_DATA_DIR: options.dataDir,
      DONDOC_PG_PORT: String(options.port),
      DONDOC_PG_SUPERUSER_PASSWORD: superuserPassword,
      DONDOC_PG_APP_USER: appUser,
      DONDOC_PG_APP_PASSWORD: appPassword,
      DONDOC_PG_APP_DATABASE: appDatabase,
    },
  });
  const recent: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const onLine = (line: string) => {
      if (line === 'DONDOC_POSTGRES_READY') return resolve();
      if (line.startsWith('DONDOC_POSTGRES_FAILED')) return reject(new Error(line.slice('DONDOC_POSTGRES_FAILED '.length)));
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onLog?.(line);
    };
    eachLine(child.stdout, onLine);
    eachLine(child.stderr, onLine);
    void exited(child).then(() => reject(new Error(`PostgreSQL exited during start-up:\n${recent.join('\n')}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within ${(options.readyTimeoutMs ?? 120_000) / 1000}s:\n${recent.join('\n')}`)), options.readyTimeoutMs ?? 120_000);
  });
  try {
    await Promise.race([ready, timeout]);
  } catch (error) {
    await stopChild(child, 'SIGTERM', 10_000);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const host = `127.0.0.1:${options.port}`;
  return {
    url: `postgres://${encodeURIComponent(appUser)}:${encodeURIComponent(appPassword)}@${host}/${encodeURIComponent(appDatabase)}`,
    superuserUrl: `postgres://postgres:${encodeURIComponent(superuserPassword)}@${host}/postgres`,
    port: options.port,
    pid: child.pid,
    // Signal the wrapper alone: it shuts PostgreSQL down cleanly and then exits.
    stop: () => stopChild(child, 'SIGTERM', 30_000, { groupFirst: false }),
  };
}
