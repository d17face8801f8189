/**
 * What the benchmarks that drive the whole product share: the build, `npm start` (scripts/start.ts)
 * on free ports and a throwaway data directory, Ctrl-C that stops what was started, and the API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Client as PgClient } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { eachLine, exited, freePort, PROJECT_ROOT, stopChild, waitUntil } from '../libs/dev-stack/src';

export const ADMIN = { email: 'admin@dondoc.local', password: 'dondoc-admin-2026' };

export interface Stack {
  api: string;
  temporalAddress: string;
  databaseUrl: string;
  /** The worker process npm start runs now (it restarts a crashed one). */
  workerPid(): number;
  stop(): Promise<void>;
}

export type StackPorts = Record<'api' | 'postgres' | 'temporal' | 'ui' | 'smtp' | 'mailbox', number>;

/** Builds once (npm run build) unless DONDOC_SKIP_BUILD=1 (bench/all.ts builds for the others). */
export function buildOnce(log: (line: string) => void): void {
  if (process.env.DONDOC_SKIP_BUILD === '1') return;
  log('building (npm run build)…');
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed; see above');
}

export async function freePorts(): Promise<StackPorts> {
  return { api: await freePort(), postgres: await freePort(), temporal: await freePort(), ui: await freePort(), smtp: await freePort(), mailbox: await freePort() };
}

/** A throwaway data directory PostgreSQL can use (it may run as another OS user when run as root). */
export function benchDirectory(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dondoc-bench-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * On Ctrl-C: `stop()` (stop what was started), remove the directory unless kept, exit 130. Every
 * SIGINT is caught (tsx passes the terminal's on as a second one): dying on it would leave the
 * stack running.
 */
export function onInterrupt(stop: () => Promise<void>, dir: string, keep: boolean): void {
  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => {
      if (!keep) rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

/** `npm start` (scripts/start.ts) on the data directory and ports given, up when its banner says so. */
export async function startStack(dataDir: string, ports: StackPorts, extraEnv: Record<string, string>): Promise<Stack> {
  const { DATABASE_URL: _d, TEMPORAL_ADDRESS: _t, SMTP_URL: _s, ADMIN_EMAIL: _a, ADMIN_PASSWORD: _p, NODE_ENV: _n, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts/start.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...inherited,
      DONDOC_DATA_DIR: dataDir,
      DONDOC_SKIP_BUILD: '1',
      NO_COLOR: '1',
      LOG_LEVEL: 'warn',
      PORT: String(ports.api),
      DEV_POSTGRES_PORT: String(ports.postgres),
      DEV_TEMPORAL_PORT: String(ports.temporal),
      DEV_TEMPORAL_UI_PORT: String(ports.ui),
      DEV_SMTP_PORT: String(ports.smtp),
      DEV_MAILBOX_PORT: String(ports.mailbox),
      // Emails at any hour: the benchmark runs whenever it runs.
      NOTIFY_WORKING_HOURS_ONLY: 'false',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  eachLine(child.stdout, (line) => output.push(line));
  eachLine(child.stderr, (line) => output.push(line));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.some((line) => line.includes('Ctrl-C'))) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    void exited(child).then(() => {
      clearInterval(timer);
      reject(new Error(`npm start exited early:\n${output.slice(-40).join('\n')}`));
    });
  });
  return {
    api: `http://127.0.0.1:${ports.api}/api`,
    temporalAddress: `127.0.0.1:${ports.temporal}`,
    databaseUrl: `postgres://dondoc:dondoc@127.0.0.1:${ports.postgres}/dondoc`,
    workerPid: () => (JSON.parse(readFileSync(join(dataDir, 'run', 'worker.json'), 'utf8')) as { pid: number }).pid,
    stop: () => stopChild(child, 'SIGINT', 60_000),
  };
}

/** An API or a worker started beside npm start's own (npm start neither watches nor restarts it). */
export interface App {
  pid: number;
  /** An API's base URL (`http://127.0.0.1:<port>/api`); undefined for a worker. */
  api?: string;
  /** Stops it as npm start stops its own (SIGTERM, then SIGKILL after 20 s); nothing when it has already exited. */
  stop(): Promise<void>;
}

/**
 * The environment npm start gave its worker — DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL, PUBLIC_URL,
 * WORKFLOW_BUNDLE_PATH, NODE_ENV and the rest — read from /proc: another API or worker started
 * with it is configured exactly as npm start's own, whatever scripts/start.ts gives them.
 */
export function appEnvironment(stack: Stack): NodeJS.ProcessEnv {
  const entries = readFileSync(`/proc/${stack.workerPid()}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

/**
 * Starts another API (on `env.PORT`) or worker from `dist/` as npm start does (`node
 * dist/apps/<name>/src/main.js`, its own process group). Up when the API answers GET /api/health,
 * or when Temporal lists the worker (`<pid>@<host>`) among the pollers of its task queue.
 */
export async function startApp(name: 'api' | 'worker', env: NodeJS.ProcessEnv): Promise<App> {
  const child = spawn(process.execPath, ['--enable-source-maps', join(PROJECT_ROOT, `dist/apps/${name}/src/main.js`)], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  /** The last 40 lines, for the error when it exits during start-up. */
  const note = (line: string) => {
    if (output.push(line) > 40) output.shift();
  };
  eachLine(child.stdout, note);
  eachLine(child.stderr, note);
  const pid = child.pid!;
  const api = name === 'api' ? `http://127.0.0.1:${env.PORT}/api` : undefined;
  const connection = api ? undefined : await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const up = async () => {
    if (api) return (await fetch(`${api}/health`)).ok;
    const queue = await connection!.workflowService.describeTaskQueue({ namespace: env.TEMPORAL_NAMESPACE ?? 'default', taskQueue: { name: env.TEMPORAL_TASK_QUEUE ?? 'dondoc' } });
    return queue.pollers.some((poller) => poller.identity?.startsWith(`${pid}@`));
  };
  try {
    await waitUntil(`the ${name} (pid ${pid}) to start`, up, 120_000, 250, () =>
      child.exitCode !== null || child.signalCode !== null ? new Error(`the ${name} exited during start-up:\n${output.join('\n')}`) : undefined,
    );
  } catch (error) {
    await stopChild(child, 'SIGTERM', 20_000);
    throw error;
  } finally {
    await connection?.close();
  }
  return { pid, api, stop: () => stopChild(child, 'SIGTERM', 20_000) };
}

export async function call(api: string, token: string | null, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

export async function signIn(api: string): Promise<string> {
  return ((await call(api, null, 'POST', '/auth/login', ADMIN)) as { accessToken: string }).accessToken;
}

/** The end of every run, finished or not: the database connection closed, the stack stopped, the directory removed unless kept. */
export async function tearDown(parts: { pg?: PgClient; stack?: Stack; dir: string; keep: boolean; log: (line: string) => void }): Promise<void> {
  await parts.pg?.end().catch(() => undefined);
  await parts.stack?.stop().catch(() => undefined);
  if (parts.keep) parts.log(`data kept in ${parts.dir}`);
  else rmSync(parts.dir, { recursive: true, force: true });
}
