import { MigrationInterface, QueryRunner } from "typeorm";

export class AcknowledgeLinks1796041727705 implements MigrationInterface {
    name = 'AcknowledgeLinks1796041727705'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "task_acknowledge_links" (
                "id" uuid NOT NULL,
                "task_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_task_acknowledge_links" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_task_acknowledge_links_task_id" ON "task_acknowledge_links" ("task_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_task_acknowledge_links_user_id" ON "task_acknowledge_links" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "task_acknowledge_links"
            ADD CONSTRAINT "FK_task_acknowledge_links_task" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "task_acknowledge_links"
            ADD CONSTRAINT "FK_task_acknowledge_links_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "task_acknowledge_links" DROP CONSTRAINT "FK_task_acknowledge_links_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "task_acknowledge_links" DROP CONSTRAINT "FK_task_acknowledge_links_task"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_task_acknowledge_links_user_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_task_acknowledge_links_task_id"
        `);
        await queryRunner.query(`
            DROP TABLE "task_acknowledge_links"
        `);
    }

}
