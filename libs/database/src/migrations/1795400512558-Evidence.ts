import { MigrationInterface, QueryRunner } from "typeorm";

export class Evidence1795400512558 implements MigrationInterface {
    name = 'Evidence1795400512558'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "evidence_checks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "task_id" uuid NOT NULL,
                "evidence_id" character varying(20) NOT NULL,
                "criterion" character varying(20) NOT NULL,
                "kind" character varying(10) NOT NULL,
                "idx" integer NOT NULL,
                "url" text NOT NULL,
                "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ok" boolean NOT NULL,
                "status_code" integer,
                "latency_ms" integer,
                "details" jsonb NOT NULL,
                "reasons" jsonb NOT NULL,
                CONSTRAINT "UQ_evidence_checks_check" UNIQUE ("task_id", "evidence_id", "criterion", "idx"),
                CONSTRAINT "PK_evidence_checks" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_evidence_checks_task_id" ON "evidence_checks" ("task_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "regressed" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "after_care_until" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_regressed" ON "tasks" ("regressed")
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_checks"
            ADD CONSTRAINT "FK_evidence_checks_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "evidence_checks" DROP CONSTRAINT "FK_evidence_checks_task"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_regressed"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "after_care_until"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "regressed"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_evidence_checks_task_id"
        `);
        await queryRunner.query(`
            DROP TABLE "evidence_checks"
        `);
    }

}
