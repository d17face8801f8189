import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Plan assignments (`POST /api/assignments`): the assignment, written with its tasks' rows, whose
 * workflow starts the task workflows in the background; each task names the assignment it came from.
 */
export class PlanAssignments1797400000000 implements MigrationInterface {
    name = 'PlanAssignments1797400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "assignments" (
                "id" uuid NOT NULL,
                "actor_id" uuid NOT NULL,
                "request_id" character varying(64),
                "total" integer NOT NULL,
                "started" integer NOT NULL DEFAULT '0',
                "status" character varying(10) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CK_assignments_status" CHECK ("status" IN ('STARTING', 'STARTED')),
                CONSTRAINT "PK_assignments" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_assignments_starting" ON "assignments" ("created_at")
            WHERE "status" = 'STARTING'
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD "assignment_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_assignment_id" ON "tasks" ("assignment_id", "id")
            WHERE "assignment_id" IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "FK_tasks_assignment" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assignments"
            ADD CONSTRAINT "FK_assignments_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "assignments" DROP CONSTRAINT "FK_assignments_actor"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "FK_tasks_assignment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_assignment_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP COLUMN "assignment_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_assignments_starting"
        `);
        await queryRunner.query(`
            DROP TABLE "assignments"
        `);
    }

}
