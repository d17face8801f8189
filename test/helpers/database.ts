import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@dondoc/database';

export interface TestDatabase {
  name: string;
  /** As the application connects: the non-superuser role that owns the database. */
  url: string;
  /** As a superuser, for what the application must not be able to do (e.g. tamper with audit rows). */
  superuserUrl: string;
  drop(): Promise<void>;
}

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest (test/global-setup.ts)`);
  return value;
}

/** Runs SQL as the superuser on the shared test PostgreSQL. */
export async function asSuperuser<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(env('TEST_PG_SUPERUSER_URL'));
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database owned by the application role, optionally with every migration applied. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const appUrl = new URL(env('TEST_PG_APP_URL'));
  const owner = decodeURIComponent(appUrl.username);
  await asSuperuser('postgres', (client) => client.query(`CREATE DATABASE ${name} OWNER ${client.escapeIdentifier(owner)}`));
  appUrl.pathname = `/${name}`;
  const superuserUrl = new URL(env('TEST_PG_SUPERUSER_URL'));
  superuserUrl.pathname = `/${name}`;
  const database: TestDatabase = {
    name,
    url: appUrl.toString(),
    superuserUrl: superuserUrl.toString(),
    drop: () => asSuperuser('postgres', (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
  if (options.migrate !== false) await runMigrations({ url: database.url });
  return database;
}
