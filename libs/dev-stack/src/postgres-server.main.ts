/**
 * Runs an embedded PostgreSQL as its own process: `npm start` and the test harness spawn this
 * file (through tsx) so PostgreSQL lives in its own process group and stops when told to.
 * Configured by DONDOC_PG_* variables; prints one `DONDOC_POSTGRES_READY` line when serving.
 */
import { runEmbeddedPostgres } from './embedded-postgres';

async function main(): Promise<void> {
  const env = process.env;
  const server = await runEmbeddedPostgres({
    dataDir: env.DONDOC_PG_DATA_DIR ?? '.data/postgres',
    port: Number(env.DONDOC_PG_PORT ?? 54329),
    superuserPassword: env.DONDOC_PG_SUPERUSER_PASSWORD ?? 'postgres',
    appUser: env.DONDOC_PG_APP_USER ?? 'dondoc',
    appPassword: env.DONDOC_PG_APP_PASSWORD ?? 'dondoc',
    appDatabase: env.DONDOC_PG_APP_DATABASE ?? 'dondoc',
    onLog: (line) => process.stdout.write(`${line}\n`),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
  process.stdout.write('DONDOC_POSTGRES_READY\n');
}

main().catch((error: unknown) => {
  process.stdout.write(`DONDOC_POSTGRES_FAILED ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
