import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/setup-app';
import { createWorkerApp } from '../../apps/worker/src/setup-worker';
import { MailSink } from '../../libs/dev-stack/src/mail-sink';
import { createTestDatabase, type TestDatabase } from './database';

export const ADMIN = { email: 'admin@test.dondoc.vn', password: 'Admin-password-2026' };

export interface TestStackOptions {
  /** Start the worker in this process too (default true). */
  worker?: boolean;
  /** Extra environment for the API and worker. */
  env?: Record<string, string>;
}

export interface TestStack {
  api: NestExpressApplication;
  worker?: INestApplicationContext;
  /** supertest bound to the running API. */
  http: () => ReturnType<typeof request>;
  baseUrl: string;
  mail: MailSink;
  database: TestDatabase;
  /** The application's own connection pool (to arrange data and inspect rows). */
  dataSource: DataSource;
  taskQueue: string;
  /** Signs in and returns an access token. */
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application for one suite: its own migrated database, its own SMTP server and task
 * queue, the API listening on a free port and the worker polling — on the shared PostgreSQL and
 * Temporal server started by the global setup.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const [database, mail] = await Promise.all([createTestDatabase(), MailSink.start()]);
  const taskQueue = `test-${randomUUID()}`;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_BUNDLE_PATH: process.env.TEST_WORKFLOW_BUNDLE_PATH,
    SMTP_URL: mail.smtpUrl,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    PUBLIC_URL: 'http://dondoc.test',
    // Suites sign in often from one address; the auth suite lowers these to test the limits.
    AUTH_RATE_LIMIT_IP_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE: '100000',
    // Calendar changes nobody recalculated (the API stopped after commit) are looked for every second; the age stays 30 s.
    CALENDAR_CHANGE_SWEEP_INTERVAL_MS: '1000',
    // Likewise plan assignments nobody started.
    ASSIGNMENT_SWEEP_INTERVAL_MS: '1000',
    // Suites count their statistics live (they change tasks and read the figures at once); the statistics
    // suite counts a snapshot itself and reads it back.
    STATISTICS_SNAPSHOT_INTERVAL_MS: '0',
    // Suites run their lifecycles in seconds at any hour: emails are not held for office hours unless a
    // template asks (test/notification-hold.e2e-spec.ts does).
    NOTIFY_WORKING_HOURS_ONLY: 'false',
    // The report schedules exist but never fire by themselves during a run (which may span Monday 08:00).
    REPORT_SCHEDULES_PAUSED: 'true',
    // The evidence servers the suites start listen on loopback: allowlisted here, refused by default.
    EVIDENCE_ALLOWED_HOSTS: '127.0.0.1',
    EVIDENCE_TIMEOUT_MS: '3000',
    // A loaded CI machine may take a while to complete an action; the suite that tests the bound sets its own.
    TASK_ACTION_WAIT_MS: '60000',
    ...options.env,
  });
  const worker = options.worker === false ? undefined : await createWorkerApp();
  const api = await createApiApp();
  await api.listen(0, '127.0.0.1');
  const baseUrl = await api.getUrl();
  const server = api.getHttpServer();
  const dataSource = api.get(DataSource);
  const http = () => request(server);

  return {
    api,
    worker,
    http,
    baseUrl,
    mail,
    database,
    dataSource,
    taskQueue,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const res = await http().post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { accessToken: string }).accessToken;
    },
    async close() {
      await api.close();
      await worker?.close();
      await mail.stop();
      await database.drop();
    },
  };
}
