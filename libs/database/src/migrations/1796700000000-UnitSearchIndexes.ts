import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trigram indexes for the unit search (`code`/`name_vi`/`name_en` ILIKE '%text%'), which every
 * signed-in user runs over all units through the directory. pg_trgm is a trusted extension: the
 * database's owner creates it without a superuser. `down` leaves the extension, which other
 * objects may have come to use.
 */
export class UnitSearchIndexes1796700000000 implements MigrationInterface {
    name = 'UnitSearchIndexes1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE INDEX "IDX_units_code_trgm" ON "units" USING gin ("code" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "IDX_units_name_vi_trgm" ON "units" USING gin ("name_vi" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "IDX_units_name_en_trgm" ON "units" USING gin ("name_en" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_units_name_en_trgm"`);
        await queryRunner.query(`DROP INDEX "IDX_units_name_vi_trgm"`);
        await queryRunner.query(`DROP INDEX "IDX_units_code_trgm"`);
    }
}
