import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The weekly briefing packs (giao ban hằng tuần): one row per week and version, the pack frozen in
 * `content` with its hash. Generated from the entity; the triggers are added by hand (TypeORM
 * cannot express them), as for audit_events: no UPDATE, DELETE or TRUNCATE reaches a pack,
 * whoever sends it — a week issued again is a new row.
 */
export class WeeklyBriefings1797600000000 implements MigrationInterface {
    name = 'WeeklyBriefings1797600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "weekly_briefings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "week" character varying(8) NOT NULL,
                "version" integer NOT NULL,
                "week_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "cut_off" TIMESTAMP WITH TIME ZONE NOT NULL,
                "previous_cut_off" TIMESTAMP WITH TIME ZONE NOT NULL,
                "content" jsonb NOT NULL,
                "content_hash" character(64) NOT NULL,
                "reason" text,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "issued_by" uuid,
                "workflow_id" character varying(300) NOT NULL,
                CONSTRAINT "UQ_weekly_briefings_week_version" UNIQUE ("week", "version"),
                CONSTRAINT "CK_weekly_briefings_reason" CHECK (
                    "version" = 1
                    OR "reason" IS NOT NULL
                ),
                CONSTRAINT "CK_weekly_briefings_version" CHECK ("version" >= 1),
                CONSTRAINT "PK_weekly_briefings" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "weekly_briefings"
            ADD CONSTRAINT "FK_weekly_briefings_issued_by" FOREIGN KEY ("issued_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE FUNCTION "weekly_briefings_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'weekly_briefings never change once issued: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "weekly_briefings_no_update_delete" BEFORE UPDATE OR DELETE ON "weekly_briefings"
            FOR EACH ROW EXECUTE FUNCTION "weekly_briefings_immutable"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "weekly_briefings_no_truncate" BEFORE TRUNCATE ON "weekly_briefings"
            FOR EACH STATEMENT EXECUTE FUNCTION "weekly_briefings_immutable"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "weekly_briefings_no_truncate" ON "weekly_briefings"`);
        await queryRunner.query(`DROP TRIGGER "weekly_briefings_no_update_delete" ON "weekly_briefings"`);
        await queryRunner.query(`DROP FUNCTION "weekly_briefings_immutable"()`);
        await queryRunner.query(`
            ALTER TABLE "weekly_briefings" DROP CONSTRAINT "FK_weekly_briefings_issued_by"
        `);
        await queryRunner.query(`
            DROP TABLE "weekly_briefings"
        `);
    }

}
