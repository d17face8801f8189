import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  url: string;
  ssl?: boolean;
  poolSize?: number;
  applicationName?: string;
}

/** The one definition of dondoc's database: explicit entities and migrations, never synchronize. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    ssl: settings.ssl ? { rejectUnauthorized: true } : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: ['error', 'migration'],
    extra: {
      max: settings.poolSize ?? 10,
      application_name: settings.applicationName ?? 'dondoc',
      connectionTimeoutMillis: 5_000,
    },
  };
}
