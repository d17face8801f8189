import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eachLine, exited, freePort, MailSink, stopChild, waitUntil } from '../libs/dev-stack/src';
import { createTestDatabase, type TestDatabase } from './helpers/database';

const ROOT = join(__dirname, '..');
const PASSWORD = 'Secret-login-password-2026';

/** The API's logs, read from the real process: JSON lines with request ids, and no secrets. */
describe('structured logs', () => {
  let database: TestDatabase;
  let mail: MailSink;
  let api: ChildProcess;
  let base: string;
  const lines: string[] = [];

  beforeAll(async () => {
    [database, mail] = await Promise.all([createTestDatabase(), MailSink.start()]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}/api`;
    api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
        SMTP_URL: mail.smtpUrl,
        ADMIN_EMAIL: 'admin@logs.test',
        ADMIN_PASSWORD: PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    eachLine(api.stdout, (line) => lines.push(line));
    eachLine(api.stderr, (line) => lines.push(line));
    await waitUntil('the API to listen', async () => (await fetch(`${base}/health`)).status > 0, 30_000);
  });

  afterAll(async () => {
    if (api) await stopChild(api, 'SIGTERM', 10_000, { groupFirst: false });
    await mail?.stop();
    await database?.drop();
  });

  it('writes one JSON object per line, with the request id of each request', async () => {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'login-trace-0001' },
      body: JSON.stringify({ email: 'admin@logs.test', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    await fetch(`${base}/diagnostics/not-a-uuid?token=${accessToken}`, { headers: { authorization: `Bearer ${accessToken}`, 'x-request-id': 'bad-request-0002' } });

    await waitUntil('the request logs', () => Promise.resolve(lines.some((l) => l.includes('bad-request-0002'))), 10_000);
    const entries = lines.map((line) => JSON.parse(line) as { req?: { id: string; path: string }; res?: { statusCode: number }; app: string });
    expect(entries.every((entry) => entry.app === 'dondoc-api')).toBe(true);
    expect(entries.find((e) => e.req?.id === 'login-trace-0001')).toMatchObject({ req: { path: '/api/auth/login' }, res: { statusCode: 200 } });
    expect(entries.find((e) => e.req?.id === 'bad-request-0002')).toMatchObject({ req: { path: '/api/diagnostics/not-a-uuid' }, res: { statusCode: 400 } });

    const all = lines.join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(accessToken);
    expect(all).not.toContain('token=');
  });

  it('never logs the web app’s refresh cookie, sent or set', async () => {
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dondoc-client': 'web', 'x-request-id': 'cookie-login-0003' },
      body: JSON.stringify({ email: 'admin@logs.test', password: PASSWORD, transport: 'cookie' }),
    });
    expect(login.status).toBe(200);
    const cookie = /dondoc_refresh=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1];
    const refreshed = await fetch(`${base}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dondoc-client': 'web', cookie: `dondoc_refresh=${cookie}`, 'x-request-id': 'cookie-refresh-0004' },
      body: '{}',
    });
    expect(refreshed.status).toBe(200);
    const next = /dondoc_refresh=([^;]+)/.exec(refreshed.headers.get('set-cookie') ?? '')![1];
    await waitUntil('the refresh log', () => Promise.resolve(lines.some((l) => l.includes('cookie-refresh-0004'))), 10_000);
    const all = lines.join('\n');
    expect(all).not.toContain(cookie);
    expect(all).not.toContain(next);
  });

  it('stops cleanly on SIGTERM: Nest closes everything, then re-raises the signal', async () => {
    const before = lines.length;
    api.kill('SIGTERM');
    await exited(api);
    expect(api.exitCode === 0 || api.signalCode === 'SIGTERM').toBe(true);
    const errors = lines.slice(before).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toEqual([]);
  });
});
