import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { runMigrations } from '@dondoc/database';
import { createApiApp } from '../apps/api/src/setup-app';
import {
  freePort,
  MailSink,
  resolveTemporalCli,
  startPostgres,
  startTemporalServer,
  type PostgresHandle,
  type TemporalServerHandle,
} from '../libs/dev-stack/src';

/**
 * GET /api/health against parts this suite owns, so it can stop them: each stopped part is
 * reported down by name, with a 503, while the others stay up.
 */
describe('GET /api/health', () => {
  let dir: string;
  let postgres: PostgresHandle;
  let temporal: TemporalServerHandle;
  let mail: MailSink;
  let api: NestExpressApplication;

  beforeAll(async () => {
    dir = mkdtempSync(join(process.env.TEST_TMP_DIR ?? '/tmp', 'health-'));
    chmodSync(dir, 0o755);
    [postgres, temporal, mail] = await Promise.all([
      freePort().then((port) => startPostgres({ dataDir: join(dir, 'pg'), port })),
      Promise.all([resolveTemporalCli(), freePort()]).then(([cli, port]) => startTemporalServer({ cli, port })),
      MailSink.start(),
    ]);
    await runMigrations({ url: postgres.url });
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: mail.smtpUrl,
      ADMIN_EMAIL: 'admin@health.test',
      ADMIN_PASSWORD: 'Health-check-2026',
    });
    api = await createApiApp();
    await api.init();
  });

  afterAll(async () => {
    await api?.close();
    await Promise.allSettled([mail?.stop(), temporal?.stop(), postgres?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const health = () => request(api.getHttpServer()).get('/api/health');

  it('reports every part up with 200, without authentication', async () => {
    const res = await health().expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.details).sort()).toEqual(['activities', 'database', 'mail', 'temporal']);
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.temporal.status).toBe('up');
    expect(res.body.details.mail.status).toBe('up');
  });

  it('names the mail server as down (503) when it stops; the API stays ready (emails wait in the outbox) and live', async () => {
    await mail.stop();
    const res = await health().expect(503);
    expect(res.body.status).toBe('error');
    expect(Object.keys(res.body.error)).toEqual(['mail']);
    expect(res.body.info).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' } });
    const ready = await request(api.getHttpServer()).get('/api/health/ready').expect(200);
    expect(Object.keys(ready.body.details).sort()).toEqual(['database', 'temporal']);
    await request(api.getHttpServer()).get('/api/health/live').expect(200);
  });

  it('names Temporal as down when its server stops: not ready, still live', async () => {
    await temporal.stop();
    const res = await health().expect(503);
    expect(Object.keys(res.body.error).sort()).toEqual(['mail', 'temporal']);
    expect(res.body.info).toMatchObject({ database: { status: 'up' } });
    const ready = await request(api.getHttpServer()).get('/api/health/ready').expect(503);
    expect(Object.keys(ready.body.error)).toEqual(['temporal']);
    await request(api.getHttpServer()).get('/api/health/live').expect(200);
  });

  it('names the database as down when PostgreSQL stops: not ready, still live', async () => {
    await postgres.stop();
    const res = await health().expect(503);
    expect(Object.keys(res.body.error).sort()).toEqual(['database', 'mail', 'temporal']);
    expect(res.body.error.database.status).toBe('down');
    const ready = await request(api.getHttpServer()).get('/api/health/ready').expect(503);
    expect(Object.keys(ready.body.error).sort()).toEqual(['database', 'temporal']);
    await request(api.getHttpServer()).get('/api/health/live').expect(200);
  });
});
