import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar's changes as an outbox: one row per override change, written in the same transaction
 * (its revision is calendar_state's), marked `recalculated_at` once the open tasks it moves have
 * been told; the worker's sweeper starts the recalculation of a row nobody finished.
 */
export class CalendarChanges1796600000000 implements MigrationInterface {
    name = 'CalendarChanges1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "calendar_changes" (
                "revision" bigint NOT NULL,
                "dates" date array NOT NULL,
                "actor_id" uuid,
                "request_id" character varying(64),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "recalculated_at" TIMESTAMP WITH TIME ZONE,
                "tasks" integer,
                CONSTRAINT "PK_calendar_changes" PRIMARY KEY ("revision")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "calendar_changes"`);
    }
}
