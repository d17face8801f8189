/**
 * `npm run migration:generate -- <Name>`: starts a throwaway embedded PostgreSQL, applies the
 * existing migrations, and lets TypeORM's CLI write the migration that brings the schema to the
 * entities. Never hand-written, never against a shared database.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../libs/database/src/migrate';
import { freePort, startPostgres } from '../libs/dev-stack/src';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Usage: npm run migration:generate -- <PascalCaseName>');
  }
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-migration-'));
  chmodSync(dir, 0o755);
  const pg = await startPostgres({ dataDir: join(dir, 'pg'), port: await freePort() });
  try {
    await runMigrations({ url: pg.url });
    const root = join(__dirname, '..');
    const result = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'typeorm', 'cli.js'),
        'migration:generate',
        '-d',
        join(root, 'dist', 'libs', 'database', 'src', 'data-source.js'),
        '--pretty',
        join(root, 'libs', 'database', 'src', 'migrations', name),
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: pg.url } },
    );
    if (result.status !== 0) process.exitCode = result.status ?? 1;
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
