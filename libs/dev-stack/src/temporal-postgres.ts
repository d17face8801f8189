/**
 * The Temporal server as production runs it — the server binary itself on PostgreSQL, with several
 * history shards — for the benchmarks that must not stop at the dev server's SQLite file (issue 13).
 * Modelled on the server's own `config/development-postgres12.yaml` and `config/docker.yaml` at the
 * version below.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';
import { Client as PgClient } from 'pg';
import { userCacheDir } from './paths';
import { eachLine, freePort, startServer, stopChild } from './processes';
import { goInstall } from './go-install';
import { findGo, isExecutable } from './temporal-cli';
import type { TemporalServerHandle } from './temporal-server';

/** The server release built from the Go module proxy (it asks for Go 1.25.8 or newer). */
export const TEMPORAL_SERVER_VERSION = '1.30.4';
const MODULE = 'go.temporal.io/server';
/** The binaries, named by `go install` after their package's directory. */
const PACKAGES = { server: 'cmd/server', sql: 'cmd/tools/sql' } as const;
const DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;
/** The schemas compiled into the SQL tool (`--schema-name`), so no source tree has to stay on disk. */
const SCHEMAS = { default: 'postgresql/v12/temporal', visibility: 'postgresql/v12/visibility' } as const;
/** Where the shard count is recorded: `COMMENT ON DATABASE temporal`. */
const SHARDS_RECORD = /^dondoc: numHistoryShards=(\d+)$/;

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
}

export interface TemporalOnPostgresOptions {
  /** A PostgreSQL role that may create databases (e.g. the superuser of `startPostgres`). */
  postgres: { host: string; port: number; user: string; password: string };
  /** The frontend's gRPC port (the address clients use); the other services take free ports. */
  port: number;
  /** Fixed for the life of the databases: Temporal cannot change it later. Default 4. */
  historyShards?: number;
  /** Where the server's config file is written. */
  dataDir: string;
  namespace?: string;
  /** Retention of closed workflows in the namespace registered at the first start. Default 1 day. */
  retention?: Duration;
  onLog?: (line: string) => void;
  readyTimeoutMs?: number;
}

/** Where the builds are kept, shared by every clone of dondoc for this user. */
export function cachedServerDir(): string {
  return join(userCacheDir(), 'temporal-server', TEMPORAL_SERVER_VERSION);
}

/** Builds the server and the SQL tool into the cache in one `go install` (once; minutes). */
async function buildServer(go: string, log: (line: string) => void): Promise<void> {
  const target = cachedServerDir();
  log(`Building the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool with Go into ${target}.`);
  log('This happens once per machine and takes several minutes; later starts reuse them.');
  await goInstall({ go, packages: Object.values(PACKAGES).map((pkg) => `${MODULE}/${pkg}@v${TEMPORAL_SERVER_VERSION}`), binaries: Object.keys(PACKAGES), target });
  log('Temporal server built.');
}

function fromEnv(variable: 'TEMPORAL_SERVER_PATH' | 'TEMPORAL_SQL_TOOL_PATH'): string | undefined {
  const path = process.env[variable];
  if (path && !isExecutable(path)) throw new Error(`${variable}=${path} is not an executable file`);
  return path || undefined;
}

/** The server and its SQL tool: TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH, else the per-user cache, built with Go when missing. */
export async function resolveTemporalServer(log: (line: string) => void = () => undefined): Promise<TemporalServerBinaries> {
  const cached = { server: join(cachedServerDir(), 'server'), sqlTool: join(cachedServerDir(), 'sql') };
  const server = fromEnv('TEMPORAL_SERVER_PATH');
  const sqlTool = fromEnv('TEMPORAL_SQL_TOOL_PATH');
  if ((!server && !isExecutable(cached.server)) || (!sqlTool && !isExecutable(cached.sqlTool))) {
    const go = findGo();
    if (!go) throw new Error('The Temporal server is built with Go, which was not found: install Go, or set TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH.');
    await buildServer(go, log);
  }
  return { server: server ?? cached.server, sqlTool: sqlTool ?? cached.sqlTool };
}

/** Runs the SQL tool on one database; fails with its output. */
async function sqlTool(tool: string, options: TemporalOnPostgresOptions, database: string, args: string[]): Promise<void> {
  const { host, port, user, password } = options.postgres;
  const child = spawn(tool, ['--plugin', 'postgres12', '--endpoint', host, '--port', String(port), '--user', user, '--database', database, ...args], {
    // The password through the environment, not the command line other users can read.
    env: { ...process.env, SQL_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  eachLine(child.stdout, (line) => output.push(line));
  eachLine(child.stderr, (line) => output.push(line));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`temporal sql tool ${args[0]} on ${database} failed (exit ${code}):\n${output.slice(-20).join('\n')}`);
}

/**
 * Creates the two databases when missing, records the shard count with them (or fails when they
 * were made with another), and brings both schemas to this release's version. Safe to repeat.
 */
async function prepareDatabases(tool: string, options: TemporalOnPostgresOptions, shards: number): Promise<void> {
  const { host, port, user, password } = options.postgres;
  const client = new PgClient({ host, port, user, password, database: 'postgres' });
  await client.connect();
  try {
    for (const database of Object.values(DATABASES)) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)} ENCODING 'UTF8'`);
    }
    const { rows } = await client.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [DATABASES.default],
    );
    const recorded = SHARDS_RECORD.exec(rows[0]?.comment ?? '')?.[1];
    if (recorded === undefined) {
      await client.query(`COMMENT ON DATABASE ${client.escapeIdentifier(DATABASES.default)} IS ${client.escapeLiteral(`dondoc: numHistoryShards=${shards}`)}`);
    } else if (Number(recorded) !== shards) {
      // The server itself would only log a warning and run with the persisted count.
      throw new Error(
        `The Temporal databases on ${host}:${port} were created with ${recorded} history shards, and that number can never change; ` +
          `${shards} were asked for. Ask for ${recorded}, or drop the databases ${DATABASES.default} and ${DATABASES.visibility} to start afresh.`,
      );
    }
  } finally {
    await client.end();
  }
  for (const store of ['default', 'visibility'] as const) {
    // Version tables at 0.0 (kept when newer), then every versioned step up to this release.
    await sqlTool(tool, options, DATABASES[store], ['setup-schema', '--version', '0.0']);
    await sqlTool(tool, options, DATABASES[store], ['update-schema', '--schema-name', SCHEMAS[store]]);
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Free loopback ports for the services' membership (ringpop), below 32768: the SQL schema keeps
 * them in a SMALLINT (`cluster_membership.rpc_port`, temporalio/temporal#4822), and `freePort`
 * hands out Linux's ephemeral ports, 32768 and up.
 */
async function freeMembershipPorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < count; attempt++) {
    if (attempt === 1000) throw new Error('No free port between 10000 and 32767 for the Temporal services');
    const port = 10_000 + Math.floor(Math.random() * 22_768);
    if (!ports.has(port) && (await canListen(port))) ports.add(port);
  }
  return [...ports];
}

/** The server's config: both stores on PostgreSQL, the four services on loopback, warnings and errors only. */
async function writeConfig(options: TemporalOnPostgresOptions, shards: number): Promise<string> {
  const { host, port, user, password } = options.postgres;
  // JSON strings are YAML strings: quoting without a YAML library.
  const q = (value: string) => JSON.stringify(value);
  // Pool sizes of docker.yaml; one pool per service, so at most 4 × 30 connections.
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: ${q(database)}
        connectAddr: ${q(`${host}:${port}`)}
        connectProtocol: "tcp"
        user: ${q(user)}
        password: ${q(password)}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const membership = await freeMembershipPorts(4);
  const service = (grpcPort: number, membershipPort: number, extra = '') => `
    rpc:
      grpcPort: ${grpcPort}
      membershipPort: ${membershipPort}
      bindOnLocalHost: true${extra}`;
  const yaml = `log:
  stdout: true
  level: "warn"

persistence:
  defaultStore: "postgres-default"
  visibilityStore: "postgres-visibility"
  numHistoryShards: ${shards}
  datastores:
    postgres-default:${store(DATABASES.default, 20)}
    postgres-visibility:${store(DATABASES.visibility, 10)}

global:
  membership:
    maxJoinDuration: "30s"
    broadcastAddress: "127.0.0.1"

services:
  frontend:${service(options.port, membership[0], `\n      httpPort: ${await freePort()}`)}
  history:${service(await freePort(), membership[1])}
  matching:${service(await freePort(), membership[2])}
  worker:${service(await freePort(), membership[3])}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${options.port}"

dcRedirectionPolicy:
  policy: "noop"
`;
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, 'temporal-postgres.yaml');
  writeFileSync(path, yaml, { mode: 0o600 });
  return path;
}

/**
 * True once the frontend lists `namespace`; registers it when missing (the next round sees it). A
 * frontend that does not answer yet, or refuses while its services join, is just not ready.
 */
async function ensureNamespace(address: string, namespace: string, retention: Duration): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    const { namespaces } = await connection.workflowService.listNamespaces({ pageSize: 1000 });
    if (namespaces.some((known) => known.namespaceInfo?.name === namespace)) return true;
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(retention) });
    return false;
  } finally {
    await connection.close();
  }
}

/**
 * Starts the Temporal server on PostgreSQL — databases and schemas prepared first, the namespace
 * registered on the first start — and waits until it serves.
 */
export async function startTemporalOnPostgres(options: TemporalOnPostgresOptions): Promise<TemporalServerHandle> {
  const log = options.onLog ?? (() => undefined);
  const shards = options.historyShards ?? 4;
  const namespace = options.namespace ?? 'default';
  const address = `127.0.0.1:${options.port}`;
  const binaries = await resolveTemporalServer(log);
  await prepareDatabases(binaries.sqlTool, options, shards);
  const config = await writeConfig(options, shards);

  const child = await startServer({
    command: binaries.server,
    args: ['--config-file', config, '--allow-no-auth', 'start'],
    what: `the Temporal server on ${address} (PostgreSQL ${options.postgres.host}:${options.postgres.port}, ${shards} shards)`,
    ready: () => ensureNamespace(address, namespace, options.retention ?? '1d'),
    timeoutMs: options.readyTimeoutMs ?? 120_000,
    intervalMs: 500,
    onLog: log,
  });
  return { address, pid: child.pid, stop: () => stopChild(child, 'SIGTERM', 15_000) };
}
