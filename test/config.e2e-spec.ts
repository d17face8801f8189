import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const API = join(ROOT, 'dist/apps/api/src/main.js');
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');

/** Runs a built entry point with exactly this environment and returns how it ended. */
function run(entry: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const VALID = {
  DATABASE_URL: 'postgres://dondoc:dondoc@127.0.0.1:1/dondoc',
  TEMPORAL_ADDRESS: '127.0.0.1:1',
  SMTP_URL: 'smtp://127.0.0.1:1',
};

/** A bad value stops the process at start-up, with a message naming the variable (and no stack trace). */
describe('configuration errors', () => {
  beforeAll(() => {
    if (!existsSync(API) || !existsSync(WORKER)) throw new Error('dist/ is missing: `npm test` builds it first (pretest)');
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost/dondoc' }, /DATABASE_URL: "DATABASE_URL" must be a valid uri with a scheme matching the postgres\|postgresql pattern/],
    ['PORT', { PORT: '0' }, /PORT: "PORT" must be greater than or equal to 1/],
    ['TEMPORAL_ADDRESS', { TEMPORAL_ADDRESS: 'localhost' }, /TEMPORAL_ADDRESS: "TEMPORAL_ADDRESS" must look like host:port/],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example' }, /SMTP_URL: "SMTP_URL" must be a valid uri with a scheme matching the smtp\|smtps pattern/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: "LOG_LEVEL" must be one of \[fatal, error, warn, info, debug, trace, silent\]/],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'a@b.vn', ADMIN_PASSWORD: 'short' }, /ADMIN_PASSWORD: "ADMIN_PASSWORD" length must be at least 12 characters long/],
  ])('the API refuses a bad %s', (_name, bad, message) => {
    const result = run(API, { ...VALID, ...bad });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cấu hình không hợp lệ / Invalid configuration:');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reports every bad variable at once', () => {
    const result = run(API, { DATABASE_URL: 'nope', PORT: 'abc' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/- DATABASE_URL:/);
    expect(result.stderr).toMatch(/- PORT:/);
  });

  it('the worker validates the same way', () => {
    const result = run(WORKER, { ...VALID, TEMPORAL_NAMESPACE: 'has spaces' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/TEMPORAL_NAMESPACE: "TEMPORAL_NAMESPACE" with value "has spaces" fails to match the required pattern/);
  });

  it('production mode refuses to start without real secrets and addresses', () => {
    const result = run(API, { NODE_ENV: 'production', DATABASE_URL: VALID.DATABASE_URL });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JWT_SECRET: is required in production/);
    expect(result.stderr).toMatch(/PUBLIC_URL: is required in production/);
    expect(result.stderr).toMatch(/SMTP_URL: is required in production/);
    expect(result.stderr).toMatch(/TEMPORAL_ADDRESS: is required in production/);
  });

  it('production mode refuses the development JWT secret and admin password', () => {
    const result = run(API, {
      ...VALID,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://dondoc.example.gov.vn',
      JWT_SECRET: 'dondoc-development-only-secret-change-me',
      ADMIN_EMAIL: 'admin@example.gov.vn',
      ADMIN_PASSWORD: 'dondoc-admin-2026',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JWT_SECRET: the development default must not be used in production/);
    expect(result.stderr).toMatch(/ADMIN_PASSWORD: the development default must not be used in production/);
  });
});
