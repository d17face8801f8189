import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The worker's mailer sends emails straight from the outbox (no workflow per email): a row is due
 * when its hold has ended and its retry back-off (`next_attempt_at`) has passed; IDX_notifications_due
 * holds only the rows still to send, in the order they are sent. Inserting rows wakes the mailers
 * (NOTIFY dondoc_outbox, delivered at commit), so an email leaves as soon as its event is recorded.
 */
export class OutboxMailer1797200000000 implements MigrationInterface {
    name = 'OutboxMailer1797200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "notifications" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_notifications_due" ON "notifications" ((GREATEST("created_at", "send_after", "next_attempt_at")))
            WHERE "status" IN ('PENDING', 'SENDING')
        `);
        await queryRunner.query(`
            CREATE FUNCTION "dondoc_outbox_wake"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('dondoc_outbox', '');
                RETURN NULL;
            END
            $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER "TR_notifications_wake" AFTER INSERT ON "notifications"
            FOR EACH STATEMENT EXECUTE FUNCTION "dondoc_outbox_wake"()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TRIGGER "TR_notifications_wake" ON "notifications"
        `);
        await queryRunner.query(`
            DROP FUNCTION "dondoc_outbox_wake"()
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_notifications_due"
        `);
        await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "next_attempt_at"
        `);
    }

}
