import { MigrationInterface, QueryRunner } from "typeorm";

export class Blockers1796400000000 implements MigrationInterface {
    name = 'Blockers1796400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "task_blockers" (
                "task_id" uuid NOT NULL,
                "id" character varying(20) NOT NULL,
                "lead_unit_id" uuid NOT NULL,
                "blocking_unit_id" uuid NOT NULL,
                "coordinating" boolean NOT NULL,
                "reason" text,
                "awaited" text NOT NULL,
                "since" TIMESTAMP WITH TIME ZONE NOT NULL,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "declared_by" uuid NOT NULL,
                "status" character varying(10) NOT NULL,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "resolved_by" uuid,
                "resolution" text,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_by" uuid,
                "recorded_seq" integer NOT NULL,
                CONSTRAINT "PK_task_blockers" PRIMARY KEY ("task_id", "id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_task_blockers_lead_unit_id" ON "task_blockers" ("lead_unit_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_task_blockers_blocking_unit_id" ON "task_blockers" ("blocking_unit_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "task_blockers"
            ADD CONSTRAINT "FK_task_blockers_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "task_blockers" DROP CONSTRAINT "FK_task_blockers_task"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_task_blockers_blocking_unit_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_task_blockers_lead_unit_id"
        `);
        await queryRunner.query(`
            DROP TABLE "task_blockers"
        `);
    }

}
