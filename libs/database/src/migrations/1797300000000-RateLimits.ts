import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The sign-in and password-link limits, shared by every API process (PostgresThrottlerStorage):
 * one fixed window per key. UNLOGGED: counters need no write-ahead log; a crash of PostgreSQL
 * empties the table and the counting starts again.
 */
export class RateLimits1797300000000 implements MigrationInterface {
    name = 'RateLimits1797300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE UNLOGGED TABLE "rate_limits" (
                "key" character varying(200) NOT NULL,
                "hits" integer NOT NULL,
                "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_rate_limits" PRIMARY KEY ("key")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "rate_limits"
        `);
    }

}
