/**
 * `npm start`: the whole dondoc stack on a laptop, with no configuration.
 *
 * PostgreSQL (embedded), the Temporal dev server (data in .data/), a mail sink with a mailbox
 * page, the migrations, then the API and the worker. Every part is replaced by configuration
 * (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL). Ctrl-C stops everything this script started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEVELOPMENT_DEFAULTS } from '../libs/config/src/env.schema';
import {
  eachLine,
  exited,
  isAlive,
  isPortOpen,
  MailSink,
  PROJECT_ROOT,
  resolveTemporalCli,
  startPostgres,
  startTemporalServer,
  stopChild,
  waitUntil,
  type PostgresHandle,
  type TemporalServerHandle,
} from '../libs/dev-stack/src';

const env = process.env;
const dataDir = resolve(env.DONDOC_DATA_DIR ?? join(PROJECT_ROOT, '.data'));
const runDir = join(dataDir, 'run');
const port = (name: string, fallback: number): number => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) fail(`${name}=${env[name]} is not a valid port`);
  return value;
};
const ports = {
  api: port('PORT', 3000),
  postgres: port('DEV_POSTGRES_PORT', 54329),
  temporal: port('DEV_TEMPORAL_PORT', 7233),
  temporalUi: port('DEV_TEMPORAL_UI_PORT', 8233),
  smtp: port('DEV_SMTP_PORT', 1025),
  mailbox: port('DEV_MAILBOX_PORT', 8025),
};

/** A path as the user reads it: relative inside the project, absolute elsewhere. */
const shown = (path: string): string => (path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) || '.' : path);

const colour = process.stdout.isTTY && !env.NO_COLOR;
const paint = (code: number, text: string): string => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
const step = (text: string): void => console.log(`${paint(36, '›')} ${text}`);
const done = (text: string): void => console.log(`${paint(32, '✓')} ${text}`);
const note = (text: string): void => console.log(`  ${paint(90, text)}`);

function fail(message: string): never {
  console.error(`${paint(31, '✗')} ${message}`);
  process.exit(1);
}

// ----- processes this script owns -------------------------------------------------------------

interface Owned {
  name: string;
  stop(): Promise<void>;
}
const owned: Owned[] = [];
let shuttingDown = false;

/** Records a started process so a later `npm start` can clean up after a crash of this one. */
function remember(name: string, pid: number | undefined, marker: string): void {
  if (!pid) return;
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, `${name}.json`), JSON.stringify({ pid, marker }));
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Stops processes left behind by an earlier `npm start` that was killed instead of stopped. */
async function stopLeftovers(): Promise<void> {
  if (!existsSync(runDir)) return;
  for (const file of readdirSync(runDir)) {
    const { pid, marker } = JSON.parse(readFileSync(join(runDir, file), 'utf8')) as { pid: number; marker: string };
    if (isAlive(pid) && commandLine(pid).includes(marker)) {
      step(`Stopping ${file.replace('.json', '')} left running by an earlier start (pid ${pid})`);
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        process.kill(pid, 'SIGTERM');
      }
      await waitUntil(`pid ${pid} to stop`, () => Promise.resolve(!isAlive(pid)), 30_000).catch(() => process.kill(-pid, 'SIGKILL'));
    }
    rmSync(join(runDir, file), { force: true });
  }
}

async function shutdown(code: number): Promise<never> {
  if (shuttingDown) return new Promise<never>(() => undefined);
  shuttingDown = true;
  console.log('');
  step('Đang dừng / Stopping…');
  for (const part of [...owned].reverse()) {
    try {
      await part.stop();
      done(`${part.name} stopped`);
    } catch (error) {
      console.error(`  ${part.name}: ${(error as Error).message}`);
    }
  }
  rmSync(runDir, { recursive: true, force: true });
  process.exit(code);
}

// ----- log display --------------------------------------------------------------------------------

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/** Prints one pino JSON line of the API or worker as a short readable line. */
function show(app: string, line: string): void {
  const prefix = paint(app === 'api' ? 35 : 34, app.padEnd(6));
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    console.log(`${prefix} ${line}`);
    return;
  }
  const level = LEVELS[Number(entry.level)] ?? 'INFO ';
  const time = new Date(Number(entry.time)).toTimeString().slice(0, 8);
  const req = entry.req as { method?: string; path?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const str = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  let text = entry.msg === undefined ? '' : str(entry.msg);
  if (req && res) text = `${req.method} ${req.path} → ${res.statusCode} (${String(entry.responseTime)} ms)`;
  if (entry.context) text += paint(90, ` [${str(entry.context)}]`);
  const err = entry.err as { message?: string } | undefined;
  if (err?.message) text += ` — ${err.message}`;
  const painted = level.startsWith('ERROR') || level.startsWith('FATAL') ? paint(31, level) : level.startsWith('WARN') ? paint(33, level) : paint(90, level);
  console.log(`${prefix} ${paint(90, time)} ${painted} ${text}`);
}

// ----- the stack ----------------------------------------------------------------------------------

async function ensurePortFree(portNumber: number, variable: string, what: string): Promise<void> {
  if (await isPortOpen(portNumber)) {
    fail(`Port ${portNumber} (${what}) is already in use. Stop what uses it, or set ${variable} to another port.`);
  }
}

function build(): void {
  if (env.DONDOC_SKIP_BUILD === '1') return done('Build skipped (DONDOC_SKIP_BUILD=1)');
  step('Biên dịch / Building (TypeScript, workflow bundle, web app)…');
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail('The build failed; see the errors above.');
  done(`Built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

async function database(): Promise<string> {
  if (env.DATABASE_URL) {
    done('PostgreSQL: using DATABASE_URL');
    return env.DATABASE_URL;
  }
  await ensurePortFree(ports.postgres, 'DEV_POSTGRES_PORT', 'embedded PostgreSQL');
  step(`PostgreSQL (embedded) on 127.0.0.1:${ports.postgres}, data in ${shown(join(dataDir, 'postgres'))}`);
  const recent: string[] = [];
  let pg: PostgresHandle;
  try {
    pg = await startPostgres({
      dataDir: join(dataDir, 'postgres'),
      port: ports.postgres,
      onLog: (line) => {
        recent.push(line);
        if (line.startsWith('Initialising')) note(line);
      },
    });
  } catch (error) {
    fail(`PostgreSQL did not start: ${(error as Error).message}`);
  }
  remember('postgres', pg.pid, 'postgres-server.main');
  owned.push({ name: 'PostgreSQL', stop: () => pg.stop() });
  done('PostgreSQL ready');
  return pg.url;
}

async function temporal(): Promise<string> {
  if (env.TEMPORAL_ADDRESS) {
    done(`Temporal: using TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`);
    return env.TEMPORAL_ADDRESS;
  }
  await ensurePortFree(ports.temporal, 'DEV_TEMPORAL_PORT', 'Temporal gRPC');
  await ensurePortFree(ports.temporalUi, 'DEV_TEMPORAL_UI_PORT', 'Temporal Web UI');
  step('Temporal CLI: looking for the binary…');
  const cli = await resolveTemporalCli((line) => note(line)).catch((error: Error) => fail(error.message));
  note(cli.kind === 'binary' ? `${cli.path} (from ${cli.source})` : `downloading through the Temporal SDK into ${cli.downloadDir}`);
  step(`Temporal dev server on 127.0.0.1:${ports.temporal}, state in ${shown(join(dataDir, 'temporal'))}`);
  let server: TemporalServerHandle;
  try {
    server = await startTemporalServer({
      cli,
      port: ports.temporal,
      uiPort: ports.temporalUi,
      dbFilename: join(dataDir, 'temporal', 'temporal.db'),
    });
  } catch (error) {
    fail(
      `The Temporal server did not start: ${(error as Error).message}\n` +
        'Set TEMPORAL_CLI_PATH to a working `temporal` binary, or TEMPORAL_ADDRESS to a running server.',
    );
  }
  remember('temporal', server.pid, 'start-dev');
  owned.push({ name: 'Temporal', stop: () => server.stop() });
  done('Temporal ready');
  return server.address;
}

async function mail(): Promise<{ smtpUrl: string; mailboxUrl?: string }> {
  if (env.SMTP_URL) {
    done('Mail: using SMTP_URL');
    return { smtpUrl: env.SMTP_URL };
  }
  await ensurePortFree(ports.smtp, 'DEV_SMTP_PORT', 'development SMTP');
  await ensurePortFree(ports.mailbox, 'DEV_MAILBOX_PORT', 'development mailbox');
  const sink = await MailSink.start({ smtpPort: ports.smtp, httpPort: ports.mailbox, dir: join(dataDir, 'mailbox') });
  owned.push({ name: 'Mailbox', stop: () => sink.stop() });
  done(`Mail sink: SMTP on 127.0.0.1:${ports.smtp}, ${sink.all().length} message(s) kept`);
  return { smtpUrl: sink.smtpUrl, mailboxUrl: sink.httpUrl };
}

function migrate(databaseUrl: string): void {
  step('Migrations…');
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist/libs/database/src/migrate.js')], {
    cwd: PROJECT_ROOT,
    env: { ...env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('migrations failed');
  }
  done(result.stdout.trim());
}

/**
 * Back-off before restarting a crashed API or worker: 1 s (DONDOC_RESTART_BACKOFF_MS; the reminders
 * benchmark restarts its killed worker 15 s later), doubling to 30 s; back to the first after a minute up.
 */
const RESTART_FIRST_MS = Number(env.DONDOC_RESTART_BACKOFF_MS ?? 1_000);
const RESTART_MAX_MS = 30_000;
const RESTART_RESET_AFTER_MS = 60_000;

/**
 * Starts the API or the worker and keeps it running: a crash (any exit not asked for) is logged
 * and the process started again after a back-off, while every other part keeps running — on a
 * single box, one process dying must not take the others down. Ctrl-C stops the current one.
 */
function startApp(name: 'api' | 'worker', childEnv: NodeJS.ProcessEnv): void {
  const label = name === 'api' ? 'API' : 'Worker';
  let child: ChildProcess | undefined;
  let backOff = RESTART_FIRST_MS;
  let restartTimer: NodeJS.Timeout | undefined;
  const launch = (): void => {
    const current = spawn(process.execPath, ['--enable-source-maps', join(PROJECT_ROOT, `dist/apps/${name}/src/main.js`)], {
      cwd: PROJECT_ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child = current;
    const startedAt = Date.now();
    eachLine(current.stdout, (line) => show(name, line));
    eachLine(current.stderr, (line) => show(name, line));
    remember(name, current.pid, `dist/apps/${name}`);
    void exited(current).then(() => {
      if (shuttingDown) return;
      if (Date.now() - startedAt >= RESTART_RESET_AFTER_MS) backOff = RESTART_FIRST_MS;
      console.error(
        `${paint(31, '✗')} ${label} đã dừng bất thường / exited unexpectedly (code ${current.exitCode ?? current.signalCode}); khởi động lại sau / restarting in ${backOff / 1000} s — the other parts keep running.`,
      );
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        if (shuttingDown) return;
        step(`${label}: khởi động lại / restarting`);
        launch();
      }, backOff);
      backOff = Math.min(backOff * 2, RESTART_MAX_MS);
    });
  };
  owned.push({
    name: label,
    stop: async () => {
      clearTimeout(restartTimer);
      if (child) await stopChild(child, 'SIGTERM', 20_000);
    },
  });
  launch();
}

async function main(): Promise<void> {
  console.log(paint(1, '\ndondoc — Đôn đốc thực hiện nhiệm vụ · development stack\n'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
  done('Dependencies installed');
  build();
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  await stopLeftovers();
  await ensurePortFree(ports.api, 'PORT', 'dondoc API');

  const databaseUrl = await database();
  const temporalAddress = await temporal();
  const { smtpUrl, mailboxUrl } = await mail();
  migrate(databaseUrl);

  const usingDefaultAdmin = !env.ADMIN_EMAIL;
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    PORT: String(ports.api),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${ports.api}`,
    WORKFLOW_BUNDLE_PATH: env.WORKFLOW_BUNDLE_PATH ?? join(PROJECT_ROOT, 'dist/workflow-bundle.js'),
    // On a developer's machine, evidence may point at a product running on this machine; never in production.
    EVIDENCE_ALLOWED_HOSTS: env.EVIDENCE_ALLOWED_HOSTS ?? '127.0.0.1',
    ...(mailboxUrl ? { DEV_MAILBOX_URL: mailboxUrl } : {}),
  };
  step('API and worker…');
  startApp('worker', childEnv);
  startApp('api', childEnv);
  const health = `http://127.0.0.1:${ports.api}/api/health`;
  await waitUntil('GET /api/health to report every part up', async () => (await fetch(health)).ok, 120_000, 500).catch(
    async (error: Error) => {
      console.error(`${paint(31, '✗')} ${error.message}`);
      await shutdown(1);
    },
  );

  const web = childEnv.PUBLIC_URL!.replace(/\/+$/, '');
  const api = `http://localhost:${ports.api}/api`;
  console.log(`
${paint(32, paint(1, 'dondoc đã sẵn sàng / dondoc is up'))}
  ${paint(1, `Ứng dụng web / Web app   ${web}/`)}
  API              ${api}
  API docs         ${api}/docs   (OpenAPI JSON: ${api}/docs-json)
  Health           ${api}/health
  Temporal Web UI  ${env.TEMPORAL_ADDRESS ? '(external Temporal)' : `http://localhost:${ports.temporalUi}`}
  Mailbox          ${mailboxUrl ?? '(external SMTP server)'}
  Data             ${dataDir}   (delete it while stopped to start afresh)
  Evidence checks  ${childEnv.EVIDENCE_ALLOWED_HOSTS ? `public addresses and ${childEnv.EVIDENCE_ALLOWED_HOSTS}` : 'public addresses only'}   (EVIDENCE_ALLOWED_HOSTS)
${
  usingDefaultAdmin
    ? `  Administrator    ${DEVELOPMENT_DEFAULTS.ADMIN_EMAIL} / ${DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD}   (development default; set ADMIN_EMAIL/ADMIN_PASSWORD to change)\n`
    : ''
}
Nhấn Ctrl-C để dừng / Press Ctrl-C to stop.
`);
}

main().catch(async (error: unknown) => {
  console.error(`${paint(31, '✗')} ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
