import { DataSource } from 'typeorm';
import { databaseSslFrom } from '@dondoc/config';
import { dataSourceOptions, type DatabaseSettings } from './data-source-options';

/** Applies every pending migration; returns the names of those applied. */
export async function runMigrations(settings: DatabaseSettings): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions({ ...settings, poolSize: 1, applicationName: 'dondoc-migrate' }), logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** `node dist/libs/database/src/migrate.js`: used by `npm start`, the Docker image and deployments. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is required to run migrations\n');
    process.exit(2);
  }
  const applied = await runMigrations({ url, ssl: databaseSslFrom(process.env) });
  process.stdout.write(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'Database schema is up to date\n',
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
