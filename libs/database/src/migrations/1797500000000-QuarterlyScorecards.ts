import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The quarterly scorecards: the administrators' versioned formula (version 1: the defaults of Quy
 * định 366-QĐ/TW and Nghị định 335/2025 as the README's worked example shows them) and the
 * published, immutable scorecards of units, heads and leaders, with the evaluator's general points.
 * Generated from the entities; the trigger is added by hand (TypeORM cannot express it), as for
 * audit_events: a scorecard is never deleted, and an UPDATE may touch only the general points
 * (general_points, general_comment, evaluated_by, evaluated_at) — a correction is a new row.
 */
export class QuarterlyScorecards1797500000000 implements MigrationInterface {
    name = 'QuarterlyScorecards1797500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "scorecard_formulas" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version" integer NOT NULL,
                "formula" jsonb NOT NULL,
                "note" text,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_scorecard_formulas_version" UNIQUE ("version"),
                CONSTRAINT "PK_scorecard_formulas" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "scorecards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "quarter" character varying(7) NOT NULL,
                "kind" character varying(6) NOT NULL,
                "unit_id" uuid NOT NULL,
                "user_id" uuid,
                "subject_key" character varying(36) NOT NULL,
                "version" integer NOT NULL,
                "formula_version" integer NOT NULL,
                "cut_off" TIMESTAMP WITH TIME ZONE NOT NULL,
                "content" jsonb NOT NULL,
                "content_hash" character(64) NOT NULL,
                "results" numeric(6, 2) NOT NULL,
                "tasks_due" integer NOT NULL,
                "reason" text,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "general_points" numeric(5, 2),
                "general_comment" text,
                "evaluated_by" uuid,
                "evaluated_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_scorecards_subject_version" UNIQUE (
                    "quarter",
                    "kind",
                    "unit_id",
                    "subject_key",
                    "version"
                ),
                CONSTRAINT "CK_scorecards_kind" CHECK ("kind" IN ('UNIT', 'HEAD', 'LEADER')),
                CONSTRAINT "PK_scorecards" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_scorecards_user" ON "scorecards" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_scorecards_quarter" ON "scorecards" ("quarter", "kind")
        `);
        await queryRunner.query(`
            ALTER TABLE "scorecards"
            ADD CONSTRAINT "FK_scorecards_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(
            `INSERT INTO "scorecard_formulas" ("version", "formula", "note") VALUES (1, $1, $2)`,
            [
                JSON.stringify({ generalPoints: 30, results: { quantity: 20, quality: 25, progress: 25 }, attestedWeight: 0.5, qualityDeduction: 0.25, lateDeduction: 0.25, lateStepWorkingDays: 5, bands: { excellent: 90, good: 70, completed: 50 }, maxLateShare: 0.2 }),
                'Mặc định theo Quy định 366-QĐ/TW và Nghị định 335/2025/NĐ-CP',
            ],
        );
        await queryRunner.query(`
            ALTER TABLE "scorecards"
            ADD CONSTRAINT "FK_scorecards_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            CREATE FUNCTION "scorecards_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                evaluation CONSTANT text[] := ARRAY['general_points', 'general_comment', 'evaluated_by', 'evaluated_at'];
            BEGIN
                IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - evaluation) = (to_jsonb(OLD) - evaluation) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION 'a published scorecard never changes but for its general points: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "scorecards_published" BEFORE UPDATE OR DELETE ON "scorecards"
            FOR EACH ROW EXECUTE FUNCTION "scorecards_immutable"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "scorecards_no_truncate" BEFORE TRUNCATE ON "scorecards"
            FOR EACH STATEMENT EXECUTE FUNCTION "scorecards_immutable"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "scorecards_no_truncate" ON "scorecards"`);
        await queryRunner.query(`DROP TRIGGER "scorecards_published" ON "scorecards"`);
        await queryRunner.query(`DROP FUNCTION "scorecards_immutable"()`);
        await queryRunner.query(`
            ALTER TABLE "scorecards" DROP CONSTRAINT "FK_scorecards_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "scorecards" DROP CONSTRAINT "FK_scorecards_unit"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_scorecards_quarter"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_scorecards_user"
        `);
        await queryRunner.query(`
            DROP TABLE "scorecards"
        `);
        await queryRunner.query(`
            DROP TABLE "scorecard_formulas"
        `);
    }

}
