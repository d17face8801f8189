import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { eachLine, exited, freePort, isAlive } from '../libs/dev-stack/src';
import { eventually } from './helpers/eventually';

const ROOT = join(__dirname, '..');
const ADMIN = { email: 'admin@dondoc.local', password: 'dondoc-admin-2026' };

/**
 * `npm start` itself (scripts/start.ts) on a fresh data directory: the stack comes up on
 * embedded defaults, works end to end, restarts a worker or an API that dies, stops completely
 * on Ctrl-C, and a second start reuses the data. The build is skipped: `npm test` has just built, exactly as `npm start` would.
 */
describe('npm start', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let api: string;
  let mailbox: string;
  let temporalUi: string;
  let stack: ChildProcess | undefined;
  let output: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(process.env.TEST_TMP_DIR ?? '/tmp', 'start-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as the OS user "postgres" when the tests run as root
    const [port, pg, temporal, ui, smtp, mail] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
    api = `http://127.0.0.1:${port}/api`;
    mailbox = `http://127.0.0.1:${mail}`;
    temporalUi = `http://127.0.0.1:${ui}`;
    const { DATABASE_URL: _d, TEMPORAL_ADDRESS: _t, SMTP_URL: _s, ADMIN_EMAIL: _a, ADMIN_PASSWORD: _p, NODE_ENV: _n, ...inherited } = process.env;
    env = {
      ...inherited,
      DONDOC_DATA_DIR: dataDir,
      DONDOC_SKIP_BUILD: '1',
      NO_COLOR: '1',
      PORT: String(port),
      DEV_POSTGRES_PORT: String(pg),
      DEV_TEMPORAL_PORT: String(temporal),
      DEV_TEMPORAL_UI_PORT: String(ui),
      DEV_SMTP_PORT: String(smtp),
      DEV_MAILBOX_PORT: String(mail),
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    if (stack) {
      try {
        process.kill(-stack.pid!, 'SIGKILL');
      } catch {
        /* stopped */
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the script in its own process group (as a terminal would) and waits for its banner. */
  async function start(): Promise<number> {
    output = [];
    const began = Date.now();
    stack = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/start.ts')], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const up = new Promise<void>((resolve, reject) => {
      const onLine = (line: string) => {
        output.push(line);
        if (line.includes('dondoc is up')) resolve();
      };
      eachLine(stack!.stdout, onLine);
      eachLine(stack!.stderr, onLine);
      void exited(stack!).then(() => reject(new Error(`npm start exited early:\n${output.join('\n')}`)));
    });
    await up;
    return Date.now() - began;
  }

  /** Ctrl-C: SIGINT to the foreground process group; everything the script started must be gone. */
  async function interrupt(): Promise<void> {
    const runDir = join(dataDir, 'run');
    const pids = readdirSync(runDir).map((file) => (JSON.parse(readFileSync(join(runDir, file), 'utf8')) as { pid: number }).pid);
    expect(pids.length).toBe(4); // postgres, temporal, api, worker
    process.kill(-stack!.pid!, 'SIGINT');
    await exited(stack!);
    expect(stack!.exitCode).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    stack = undefined;
  }

  async function token(): Promise<string> {
    const res = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  let runId: string;

  it('brings the whole stack up on embedded defaults, with URLs and the default administrator printed', async () => {
    const elapsed = await start();
    process.stdout.write(`first npm start: up in ${(elapsed / 1000).toFixed(1)}s\n`);
    const banner = output.join('\n');
    for (const label of ['API', 'API docs', 'Temporal Web UI', 'Mailbox', 'Administrator']) expect(banner).toContain(label);
    expect(banner).toContain(`${ADMIN.email} / ${ADMIN.password}`);

    const health = await fetch(`${api}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, temporal: { status: 'up' }, mail: { status: 'up' } } });
    const docs = (await (await fetch(`${api}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/auth/login', '/api/diagnostics']));
    expect((await fetch(temporalUi)).status).toBe(200);
  });

  it('runs the diagnostic chain, and the email shows in the development mailbox', async () => {
    const auth = { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' };
    const started = await fetch(`${api}/diagnostics`, { method: 'POST', headers: auth, body: JSON.stringify({ message: 'npm start smoke test' }) });
    expect(started.status).toBe(202);
    runId = ((await started.json()) as { id: string }).id;
    await eventually(async () => {
      const run = (await (await fetch(`${api}/diagnostics/${runId}`, { headers: auth })).json()) as { status: string };
      expect(run.status).toBe('COMPLETED');
    });
    const messages = (await (await fetch(`${mailbox}/messages`)).json()) as { subject: string }[];
    expect(messages.map((m) => m.subject)).toContain(`[dondoc] Kiểm tra hệ thống thành công (${runId})`);
    const page = await fetch(mailbox);
    expect(await page.text()).toContain('Hộp thư phát triển');
  });

  it('restarts a worker or an API that dies, after a back-off, while the other parts keep running', async () => {
    const auth = { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' };
    const pidOf = (name: string) => (JSON.parse(readFileSync(join(dataDir, 'run', `${name}.json`), 'utf8')) as { pid: number }).pid;
    for (const name of ['worker', 'api']) {
      const before = pidOf(name);
      process.kill(before, 'SIGKILL');
      // With the worker gone the API still answers (its health says what is down).
      if (name === 'worker') expect([200, 503]).toContain((await fetch(`${api}/health`)).status);
      await eventually(async () => {
        expect(pidOf(name)).not.toBe(before);
        expect((await fetch(`${api}/health`)).status).toBe(200);
      }, 60_000);
    }
    expect(output.join('\n')).toMatch(/Worker .*exited unexpectedly.*restarting in 1 s/);
    expect(output.join('\n')).toMatch(/API .*exited unexpectedly.*restarting in 1 s/);
    // The new worker runs workflows.
    const started = await fetch(`${api}/diagnostics`, { method: 'POST', headers: auth, body: JSON.stringify({ message: 'after a restart' }) });
    expect(started.status).toBe(202);
    const id = ((await started.json()) as { id: string }).id;
    await eventually(async () => expect(((await (await fetch(`${api}/diagnostics/${id}`, { headers: auth })).json()) as { status: string }).status).toBe('COMPLETED'), 60_000);
  });

  it('stops every process it started on Ctrl-C', async () => {
    await interrupt();
  });

  it('starts again on the same data: users, workflow history and mail survive', async () => {
    const elapsed = await start();
    process.stdout.write(`second npm start: up in ${(elapsed / 1000).toFixed(1)}s\n`);
    expect(output.join('\n')).toContain('Database schema is up to date');
    const auth = { authorization: `Bearer ${await token()}` };
    const run = (await (await fetch(`${api}/diagnostics/${runId}`, { headers: auth })).json()) as Record<string, string>;
    expect(run).toMatchObject({ status: 'COMPLETED', workflowStatus: 'COMPLETED' });
    const messages = (await (await fetch(`${mailbox}/messages`)).json()) as unknown[];
    expect(messages.length).toBeGreaterThanOrEqual(1);
    await interrupt();
  });
});
