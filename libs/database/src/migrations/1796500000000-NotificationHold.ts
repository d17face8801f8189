import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification's email may be held until a given instant (a task event outside working hours
 * waits for 08:00 of the next working day); NULL sends at once. Rows written before stay NULL.
 */
export class NotificationHold1796500000000 implements MigrationInterface {
  name = 'NotificationHold1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "send_after" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "send_after"`);
  }
}
