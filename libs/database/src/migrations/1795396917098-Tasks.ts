import { MigrationInterface, QueryRunner } from "typeorm";

export class Tasks1795396917098 implements MigrationInterface {
    name = 'Tasks1795396917098'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "task_templates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" character varying(60) NOT NULL,
                "version" integer NOT NULL,
                "name_vi" character varying(200) NOT NULL,
                "name_en" character varying(200),
                "description" text,
                "definition" jsonb NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_task_templates_key_version" UNIQUE ("key", "version"),
                CONSTRAINT "PK_task_templates" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_task_templates_key" ON "task_templates" ("key")
        `);
        await queryRunner.query(`
            CREATE TABLE "tasks" (
                "id" uuid NOT NULL,
                "code" character varying(30) NOT NULL,
                "title" character varying(300) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "program" character varying(200),
                "template_id" uuid NOT NULL,
                "lead_unit_id" uuid NOT NULL,
                "coordinating_unit_ids" uuid array NOT NULL DEFAULT '{}',
                "focal_officer_id" uuid,
                "assigned_by" uuid NOT NULL,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "original_due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" character varying(20) NOT NULL,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "overdue" boolean NOT NULL DEFAULT false,
                "overdue_since" TIMESTAMP WITH TIME ZONE,
                "escalation_level" integer NOT NULL DEFAULT '0',
                "progress_percent" integer,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "completed_on_time_original" boolean,
                "completed_on_time_extended" boolean,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "cancel_reason" text,
                "participant_ids" uuid array NOT NULL DEFAULT '{}',
                "milestones" jsonb NOT NULL DEFAULT '[]',
                "definition" jsonb NOT NULL,
                "state" jsonb,
                "workflow_id" character varying(100) NOT NULL,
                "run_id" character varying(100),
                "last_event_seq" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_tasks_workflow_id" UNIQUE ("workflow_id"),
                CONSTRAINT "UQ_tasks_code" UNIQUE ("code"),
                CONSTRAINT "CK_tasks_progress" CHECK (
                    "progress_percent" IS NULL
                    OR (
                        "progress_percent" BETWEEN 0 AND 100
                    )
                ),
                CONSTRAINT "CK_tasks_status" CHECK (
                    "status" IN (
                        'ASSIGNED',
                        'IN_PROGRESS',
                        'EVIDENCE_SUBMITTED',
                        'DONE',
                        'CANCELLED'
                    )
                ),
                CONSTRAINT "PK_tasks" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_program" ON "tasks" ("program")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_lead_unit_id" ON "tasks" ("lead_unit_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_due_at" ON "tasks" ("due_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_status" ON "tasks" ("status")
        `);
        await queryRunner.query(`
            CREATE TABLE "task_events" (
                "task_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "type" character varying(40) NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "request_id" character varying(64),
                "from_status" character varying(20),
                "to_status" character varying(20) NOT NULL,
                "data" jsonb NOT NULL,
                CONSTRAINT "PK_task_events" PRIMARY KEY ("task_id", "seq")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "task_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_notifications_task_id" ON "notifications" ("task_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "FK_tasks_template" FOREIGN KEY ("template_id") REFERENCES "task_templates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks"
            ADD CONSTRAINT "FK_tasks_lead_unit" FOREIGN KEY ("lead_unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "task_events"
            ADD CONSTRAINT "FK_task_events_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Not expressible in entities (added by hand to the generated migration): task codes
        // NV-<year>-<number> come from a sequence, and "who has a part in a task" is a GIN-indexed array.
        await queryRunner.query(`CREATE SEQUENCE "task_code_seq" START 1`);
        await queryRunner.query(`CREATE INDEX "IDX_tasks_participant_ids" ON "tasks" USING GIN ("participant_ids")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_tasks_participant_ids"`);
        await queryRunner.query(`DROP SEQUENCE "task_code_seq"`);
        await queryRunner.query(`
            ALTER TABLE "task_events" DROP CONSTRAINT "FK_task_events_task"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "FK_tasks_lead_unit"
        `);
        await queryRunner.query(`
            ALTER TABLE "tasks" DROP CONSTRAINT "FK_tasks_template"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_notifications_task_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "task_id"
        `);
        await queryRunner.query(`
            DROP TABLE "task_events"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_due_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_lead_unit_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_program"
        `);
        await queryRunner.query(`
            DROP TABLE "tasks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_task_templates_key"
        `);
        await queryRunner.query(`
            DROP TABLE "task_templates"
        `);
    }

}
