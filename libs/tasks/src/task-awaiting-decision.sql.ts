/**
 * A task something waits on a person for, as one condition on its row: open, and its state holds
 * a pending escalation level, extension request or matter beyond authority, an unanswered
 * explanation, evidence under review, or a blocker no leader has decided on yet (open or resolved:
 * the workflow accepts a decision on either while the task is open). The partial index
 * `IDX_tasks_awaiting_decision` has it as its predicate (migrations AwaitingDecisionIndex, then
 * BlockerDecisionIndex) and the decisions queue repeats it word for word, so PostgreSQL reads only
 * these rows (and their state) instead of every open task.
 */
const PENDING_PATH =
  '$ ? (exists(@.proposals[*] ? (@.status == "PENDING")) || exists(@.extensions[*] ? (@.status == "PENDING")) || exists(@.beyondAuthority[*] ? (@.status == "PENDING")) || exists(@.explanations[*] ? (@.status == "OPEN")) || @.evidence.status == "UNDER_REVIEW" || exists(@.blockers[*] ? (@.decidedAt == null)))';

/** The condition, naming the columns through `column` (quoted names in the index, `task.…` in a query). */
export function awaitingDecisionSql(column: (name: 'status' | 'state') => string): string {
  // jsonb_path_exists (immutable, silent: a state without evidence is no error), not `@?`, which the migration generator's formatter splits.
  return `${column('status')} IN ('ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED') AND jsonb_path_exists(${column('state')}, '${PENDING_PATH}', '{}', true)`;
}
