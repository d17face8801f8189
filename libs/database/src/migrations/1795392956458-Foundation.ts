import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795392956458 implements MigrationInterface {
    name = 'Foundation1795392956458'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "diagnostic_runs" (
                "id" uuid NOT NULL,
                "workflow_id" character varying(200) NOT NULL,
                "recipient" character varying(254) NOT NULL,
                "language" character varying(2) NOT NULL,
                "message" character varying(500) NOT NULL,
                "requested_by" uuid,
                "status" character varying(16) NOT NULL,
                "email_message_id" character varying(300),
                "failure_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_diagnostic_runs_workflow_id" UNIQUE ("workflow_id"),
                CONSTRAINT "CK_diagnostic_runs_status" CHECK ("status" IN ('RECORDED', 'COMPLETED', 'FAILED')),
                CONSTRAINT "PK_diagnostic_runs" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "name" character varying(200) NOT NULL,
                "password_hash" text NOT NULL,
                "language" character varying(2) NOT NULL DEFAULT 'vi',
                "roles" text array NOT NULL DEFAULT '{}',
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_users_email" UNIQUE ("email"),
                CONSTRAINT "PK_users" PRIMARY KEY ("id")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP TABLE "diagnostic_runs"
        `);
    }

}
