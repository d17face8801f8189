import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each calendar change gets an id of its own, which names its recalculation workflow and the
 * Updates it sends: a revision alone repeats when another database shares the Temporal namespace
 * (or after a restore), and Temporal would take the second change for the first one, done already.
 */
export class CalendarChangeIds1796900000000 implements MigrationInterface {
    name = 'CalendarChangeIds1796900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "calendar_changes" ADD "change_id" uuid NOT NULL DEFAULT gen_random_uuid()`);
        await queryRunner.query(`ALTER TABLE "calendar_changes" ADD CONSTRAINT "UQ_calendar_changes_change_id" UNIQUE ("change_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "calendar_changes" DROP CONSTRAINT "UQ_calendar_changes_change_id"`);
        await queryRunner.query(`ALTER TABLE "calendar_changes" DROP COLUMN "change_id"`);
    }
}
