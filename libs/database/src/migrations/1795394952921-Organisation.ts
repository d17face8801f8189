import { MigrationInterface, QueryRunner } from "typeorm";

export class Organisation1795394952921 implements MigrationInterface {
    name = 'Organisation1795394952921'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "seq" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_type" character varying(10) NOT NULL,
                "actor_id" uuid,
                "actor_email" character varying(254),
                "action" character varying(80) NOT NULL,
                "subject_type" character varying(40) NOT NULL,
                "subject_id" character varying(100),
                "summary" jsonb NOT NULL,
                "request_id" character varying(64),
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "UQ_audit_events_hash" UNIQUE ("hash"),
                CONSTRAINT "PK_audit_events" PRIMARY KEY ("seq")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_audit_events_occurred_at" ON "audit_events" ("occurred_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_audit_events_actor_id" ON "audit_events" ("actor_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_audit_events_request_id" ON "audit_events" ("request_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_audit_events_subject" ON "audit_events" ("subject_type", "subject_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "idempotency_key" character varying(300) NOT NULL,
                "user_id" uuid,
                "email" character varying(254) NOT NULL,
                "language" character varying(2) NOT NULL,
                "template" character varying(60) NOT NULL,
                "params" jsonb NOT NULL,
                "link" text,
                "status" character varying(10) NOT NULL DEFAULT 'PENDING',
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "message_id" character varying(300) NOT NULL,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "read_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_notifications_idempotency_key" UNIQUE ("idempotency_key"),
                CONSTRAINT "CK_notifications_status" CHECK (
                    "status" IN ('PENDING', 'SENDING', 'SENT', 'FAILED')
                ),
                CONSTRAINT "PK_notifications" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_notifications_status" ON "notifications" ("status")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_notifications_user_created" ON "notifications" ("user_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoke_reason" character varying(40),
                "ip" character varying(64),
                "user_agent" character varying(300),
                CONSTRAINT "PK_sessions" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "session_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_refresh_tokens_hash" UNIQUE ("token_hash"),
                CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_refresh_tokens_session_id" ON "refresh_tokens" ("session_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "password_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "purpose" character varying(10) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_password_tokens" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_password_tokens_user_id" ON "password_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "units" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(50) NOT NULL,
                "name_vi" character varying(300) NOT NULL,
                "name_en" character varying(300),
                "level" character varying(16) NOT NULL,
                "parent_id" uuid,
                "path" text NOT NULL,
                "depth" integer NOT NULL,
                "head_user_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_units_code" UNIQUE ("code"),
                CONSTRAINT "CK_units_not_own_parent" CHECK (
                    "parent_id" IS NULL
                    OR "parent_id" <> "id"
                ),
                CONSTRAINT "CK_units_level" CHECK (
                    "level" IN (
                        'central',
                        'ministry',
                        'province',
                        'commune',
                        'department',
                        'other'
                    )
                ),
                CONSTRAINT "PK_units" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_units_parent_id" ON "units" ("parent_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_units_head_user_id" ON "units" ("head_user_id")
            WHERE "head_user_id" IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "phone" character varying(30)
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "unit_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "failed_login_count" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "locked_until" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "password_changed_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD "last_login_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "password_hash" DROP NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_users_unit_id" ON "users" ("unit_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "CK_users_roles" CHECK (
                    "roles" <@ ARRAY ['OFFICER', 'LEADER', 'ADMIN', 'AUDITOR']::text []
                )
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "CK_users_language" CHECK ("language" IN ('vi', 'en'))
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_users_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens"
            ADD CONSTRAINT "FK_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "password_tokens"
            ADD CONSTRAINT "FK_password_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "units"
            ADD CONSTRAINT "FK_units_parent" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "units"
            ADD CONSTRAINT "FK_units_head_user" FOREIGN KEY ("head_user_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        // Not expressible in entities (added by hand to the generated migration):
        // a prefix index for subtree queries (path LIKE '/root/.../%') …
        await queryRunner.query(`CREATE INDEX "IDX_units_path" ON "units" ("path" text_pattern_ops)`);
        // … and an append-only audit trail enforced by the database for every role: no UPDATE,
        // DELETE or TRUNCATE reaches audit_events, whoever sends it.
        await queryRunner.query(`
            CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "audit_events_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_events"
            FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()
        `);
        await queryRunner.query(`
            CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()
        `);
        await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC, CURRENT_USER`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "audit_events_no_truncate" ON "audit_events"`);
        await queryRunner.query(`DROP TRIGGER "audit_events_no_update_delete" ON "audit_events"`);
        await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
        await queryRunner.query(`DROP INDEX "IDX_units_path"`);
        await queryRunner.query(`
            ALTER TABLE "units" DROP CONSTRAINT "FK_units_head_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "units" DROP CONSTRAINT "FK_units_parent"
        `);
        await queryRunner.query(`
            ALTER TABLE "password_tokens" DROP CONSTRAINT "FK_password_tokens_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_refresh_tokens_session"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_sessions_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_users_unit"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_notifications_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "CK_users_language"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "CK_users_roles"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_users_unit_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ALTER COLUMN "password_hash"
            SET NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "last_login_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "password_changed_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "locked_until"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "failed_login_count"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "unit_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "phone"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_units_head_user_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_units_parent_id"
        `);
        await queryRunner.query(`
            DROP TABLE "units"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_password_tokens_user_id"
        `);
        await queryRunner.query(`
            DROP TABLE "password_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_refresh_tokens_session_id"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_sessions_user_id"
        `);
        await queryRunner.query(`
            DROP TABLE "sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_notifications_user_created"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_notifications_status"
        `);
        await queryRunner.query(`
            DROP TABLE "notifications"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_events_subject"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_events_request_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_events_actor_id"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_audit_events_occurred_at"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    }

}
