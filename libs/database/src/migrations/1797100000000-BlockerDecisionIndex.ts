import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The decisions queue lists blockers no leader has decided on yet: IDX_tasks_awaiting_decision's
 * predicate (awaitingDecisionSql) now also holds the open tasks with such a blocker.
 */
export class BlockerDecisionIndex1797100000000 implements MigrationInterface {
    name = 'BlockerDecisionIndex1797100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_awaiting_decision"
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_tasks_awaiting_decision" ON "tasks" ("lead_unit_id")
            WHERE "status" IN ('ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED')
                AND jsonb_path_exists(
                    "state",
                    '$ ? (exists(@.proposals[*] ? (@.status == "PENDING")) || exists(@.extensions[*] ? (@.status == "PENDING")) || exists(@.beyondAuthority[*] ? (@.status == "PENDING")) || exists(@.explanations[*] ? (@.status == "OPEN")) || @.evidence.status == "UNDER_REVIEW" || exists(@.blockers[*] ? (@.decidedAt == null)))',
                    '{}',
                    true
                )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_tasks_awaiting_decision"
        `);
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

}
