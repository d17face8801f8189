import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@dondoc/database';
import { createTestDatabase, type TestDatabase } from './helpers/database';

/** The migrations build the whole schema on an empty database, match the entities exactly, and undo cleanly. */
describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    dataSource = new DataSource({ ...dataSourceOptions({ url: database.url }), logging: false });
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('apply to an empty database, as the non-superuser application role', async () => {
    const applied = await runMigrations({ url: database.url });
    expect(applied.length).toBe(dataSourceOptions({ url: database.url }).migrations?.length);
    expect(await runMigrations({ url: database.url })).toEqual([]);
  });

  it('leave nothing for TypeORM to change: the schema is exactly the entities', async () => {
    await dataSource.initialize();
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('undo completely, and apply again', async () => {
    const migrations = dataSource.migrations.length;
    for (let i = 0; i < migrations; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`);
    expect(tables).toEqual([]);
    expect((await dataSource.runMigrations()).length).toBe(migrations);
  });
});
