import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics snapshot: the official statistic set at one cut-off, counted by the worker every
 * STATISTICS_SNAPSHOT_INTERVAL_MS per lead unit (`subtree` false) and rolled up per unit over its
 * subtree (`subtree` true), so the whole country's figures are a few dozen rows instead of a pass
 * over every task. Derived data, rebuilt from the tasks at every refresh: the tables are UNLOGGED
 * (no write-ahead log; emptied together after a crash, when the statistics are counted live until
 * the next refresh). `units.updated_at` is indexed: a unit changed after the last change a snapshot
 * saw (`units_changed_at`: moved, renamed) retires it.
 */
export class StatisticsSnapshots1797000000000 implements MigrationInterface {
    name = 'StatisticsSnapshots1797000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE UNLOGGED TABLE "statistics_snapshots" (
            "id" bigserial NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "calendar_revision" bigint NOT NULL, "units_changed_at" TIMESTAMP WITH TIME ZONE,
            "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "finished_at" TIMESTAMP WITH TIME ZONE,
            "tasks" integer, CONSTRAINT "PK_statistics_snapshots" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNLOGGED TABLE "statistics_snapshot_states" (
            "snapshot_id" bigint NOT NULL, "unit_id" uuid NOT NULL, "subtree" boolean NOT NULL, "code" integer NOT NULL, "n" integer NOT NULL,
            "sum_lo" integer NOT NULL, "n_lo" integer NOT NULL, "max_lo" integer, "sum_lc" integer NOT NULL, "n_lc" integer NOT NULL, "max_lc" integer,
            CONSTRAINT "FK_statistics_snapshot_states_snapshot" FOREIGN KEY ("snapshot_id") REFERENCES "statistics_snapshots"("id") ON DELETE CASCADE)`);
        await queryRunner.query(`CREATE INDEX "IDX_statistics_snapshot_states_unit" ON "statistics_snapshot_states" ("snapshot_id", "unit_id", "subtree")`);
        await queryRunner.query(`CREATE UNLOGGED TABLE "statistics_snapshot_figures" (
            "snapshot_id" bigint NOT NULL, "unit_id" uuid NOT NULL, "subtree" boolean NOT NULL, "key" boolean NOT NULL, "type" varchar(40) NOT NULL,
            "level" integer, "events" integer NOT NULL, "tasks" integer NOT NULL, "days" integer NOT NULL,
            CONSTRAINT "FK_statistics_snapshot_figures_snapshot" FOREIGN KEY ("snapshot_id") REFERENCES "statistics_snapshots"("id") ON DELETE CASCADE)`);
        await queryRunner.query(`CREATE INDEX "IDX_statistics_snapshot_figures_unit" ON "statistics_snapshot_figures" ("snapshot_id", "unit_id", "subtree")`);
        await queryRunner.query(`CREATE INDEX "IDX_units_updated_at" ON "units" ("updated_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_units_updated_at"`);
        await queryRunner.query(`DROP TABLE "statistics_snapshot_figures"`);
        await queryRunner.query(`DROP TABLE "statistics_snapshot_states"`);
        await queryRunner.query(`DROP TABLE "statistics_snapshots"`);
    }
}
