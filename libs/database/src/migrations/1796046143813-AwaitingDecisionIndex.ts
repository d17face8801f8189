import { MigrationInterface, QueryRunner } from "typeorm";

export class AwaitingDecisionIndex1796046143813 implements MigrationInterface {
    name = 'AwaitingDecisionIndex1796046143813'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_awaiting_decision" ON "tasks" ("lead_unit_id")
            WHERE "status" IN ('ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED')
                AND jsonb_path_exists(
                    "state",
                    '$ ? (exists(@.proposals[*] ? (@.status == "PENDING")) || exists(@.extensions[*] ? (@.status == "PENDING")) || exists(@.beyondAuthority[*] ? (@.status == "PENDING")) || exists(@.explanations[*] ? (@.status == "OPEN")) || @.evidence.status == "UNDER_REVIEW")',
                    '{}',
                    true
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_awaiting_decision"
        `);
    }

}
