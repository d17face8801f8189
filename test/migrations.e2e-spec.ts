import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@dondoc/database';
import { awaitingDecisionSql } from '../libs/tasks/src/task-awaiting-decision.sql';
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

  it('give the decisions queue’s partial index the predicate the queue repeats (TypeORM does not compare predicates)', async () => {
    const predicate = async (index: string): Promise<string> => {
      const [row] = await dataSource.query<{ predicate: string }[]>(`SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`, [index]);
      return row.predicate;
    };
    // PostgreSQL's own rendering of the entity's predicate, from an index built with it for the comparison.
    await dataSource.query(`CREATE INDEX "IDX_tasks_awaiting_decision_expected" ON "tasks" ("lead_unit_id") WHERE ${awaitingDecisionSql((column) => `"${column}"`)}`);
    try {
      expect(await predicate('IDX_tasks_awaiting_decision')).toBe(await predicate('IDX_tasks_awaiting_decision_expected'));
      expect(await predicate('IDX_tasks_awaiting_decision')).toContain('blockers');
    } finally {
      await dataSource.query(`DROP INDEX "IDX_tasks_awaiting_decision_expected"`);
    }
  });

  it('undo completely, and apply again', async () => {
    const migrations = dataSource.migrations.length;
    for (let i = 0; i < migrations; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`);
    expect(tables).toEqual([]);
    expect((await dataSource.runMigrations()).length).toBe(migrations);
  });
});
