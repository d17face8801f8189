import { MigrationInterface, QueryRunner } from "typeorm";

export class ActivityAlerts1796033078041 implements MigrationInterface {
    name = 'ActivityAlerts1796033078041'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "activity_alerts" (
                "workflow_id" character varying(200) NOT NULL,
                "activity_id" character varying(200) NOT NULL,
                "activity_type" character varying(200) NOT NULL,
                "attempts" integer NOT NULL,
                "last_error" character varying(1000) NOT NULL,
                "first_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_activity_alerts" PRIMARY KEY ("workflow_id", "activity_id")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "activity_alerts"
        `);
    }

}
