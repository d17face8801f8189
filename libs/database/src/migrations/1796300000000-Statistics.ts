import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The official statistic set and risk colours: the `key` flag (nhiệm vụ trọng tâm), the
 * template's amber threshold copied on each task, when the accepted evidence was delivered, when
 * the due time last changed (the due time in force at a past cut-off is read from the timeline
 * only for tasks changed after it), and the indexes the statistics read.
 */
export class Statistics1796300000000 implements MigrationInterface {
  name = 'Statistics1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD "key" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "amber_working_days" integer NOT NULL DEFAULT 3`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "delivered_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "due_changed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "real_users" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "CK_tasks_amber_working_days" CHECK ("amber_working_days" BETWEEN 0 AND 60)`);
    // Rows written before: the accepted submission's time, and the latest due-time change of the timeline.
    await queryRunner.query(`
      UPDATE "tasks" SET "delivered_at" = to_timestamp(("state" #>> '{evidence,submittedAt}')::bigint / 1000.0)
      WHERE "status" = 'DONE' AND "state" #>> '{evidence,submittedAt}' IS NOT NULL`);
    await queryRunner.query(`UPDATE "tasks" SET "real_users" = "state" #>> '{evidence,criteria,REAL_USERS,status}' WHERE "state" #>> '{evidence,criteria,REAL_USERS,status}' IS NOT NULL`);
    await queryRunner.query(`
      UPDATE "tasks" t SET "due_changed_at" = e.at
      FROM (SELECT task_id, max(at) AS at FROM task_events
            WHERE type IN ('EXTENSION_APPROVED', 'BEYOND_AUTHORITY_DECIDED', 'DUE_RECALCULATED') AND data ? 'newDueAt'
            GROUP BY task_id) e
      WHERE e.task_id = t.id`);
    await queryRunner.query(`
      CREATE INDEX "IDX_tasks_statistics" ON "tasks" ("lead_unit_id")
      INCLUDE ("assigned_at", "original_due_at", "due_at", "due_changed_at", "delivered_at", "completed_at", "cancelled_at",
               "acknowledged_at", "key", "amber_working_days", "real_users", "template_id", "assigned_by")`);
    await queryRunner.query(`CREATE INDEX "IDX_tasks_assigned_at" ON "tasks" ("assigned_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_tasks_original_due_at" ON "tasks" ("original_due_at")`);
    await queryRunner.query(`
      CREATE INDEX "IDX_task_events_statistics" ON "task_events" ("task_id", "at")
      WHERE "type" IN ('OVERDUE', 'ESCALATION_APPROVED', 'EXTENSION_APPROVED', 'BEYOND_AUTHORITY_DECIDED', 'EXPLANATION_REQUESTED',
                       'EXPLANATION_ANSWERED', 'EXPLANATION_OVERDUE', 'EVIDENCE_REJECTED', 'REGRESSED', 'DUE_RECALCULATED')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_task_events_statistics"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_tasks_original_due_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_tasks_assigned_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_tasks_statistics"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "CK_tasks_amber_working_days"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "real_users"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "due_changed_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "delivered_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "amber_working_days"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "key"`);
  }
}
