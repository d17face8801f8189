import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@dondoc/common';
import { DirectoryService, unitRef, type PersonRefDto, type UnitRefDto } from '@dondoc/organisation';
import type { Blocker, Criterion, TaskStatus } from '@dondoc/workflows/task/task.types';
import { DECISION_KINDS, type DecisionCountsDto, type DecisionDetails, type DecisionItemDto, type DecisionKind, type DecisionPageDto, type DecisionQueryDto } from './dto/decision.dto';
import { TaskAccessService } from './task-access.service';
import { awaitingDecisionSql } from './task-awaiting-decision.sql';
import { TaskQueriesService } from './task-queries.service';

/**
 * One SELECT per kind over the open tasks `t` the actor may see, each giving the pending requests
 * the actor may decide now — the rules of the decision routes (`TaskAccessService.parts`) and of
 * the workflow's validators (a pending request of an open task; an escalation level only by its
 * deciders; evidence once every check has passed, the moment the reviewers are told it awaits
 * them; a blocker not yet decided, open or resolved, by an administrator or a leader over both
 * units — `decider`, the actor's `TaskAccessService.blockerDeciderSql`). Explanations are the ones
 * the actor asked for that are still unanswered (one dondoc itself asked for, if any, waits for the
 * task's supervisors). Times in the state are ms.
 * Columns: kind, request_id, requested_at, requested_by, task_id, item (named by the CTE `q`).
 */
const KIND_SQL: Record<DecisionKind, (decider: BlockerDecider) => string> = {
  escalation: () => `SELECT 'escalation', r->>'id', CAST(r->>'proposedAt' AS bigint), CAST(NULL AS text), t.id, r
    FROM t CROSS JOIN LATERAL jsonb_array_elements(t.state->'proposals') r
    WHERE r->>'status' = 'PENDING' AND r->'deciders' @> jsonb_build_array(CAST(:me AS text))`,
  extension: () => `SELECT 'extension', r->>'id', CAST(r->>'requestedAt' AS bigint), r->>'requestedBy', t.id, r
    FROM t CROSS JOIN LATERAL jsonb_array_elements(t.state->'extensions') r
    WHERE r->>'status' = 'PENDING' AND t.supervisor`,
  beyondAuthority: () => `SELECT 'beyondAuthority', r->>'id', CAST(r->>'raisedAt' AS bigint), r->>'raisedBy', t.id, r
    FROM t CROSS JOIN LATERAL jsonb_array_elements(t.state->'beyondAuthority') r
    WHERE r->>'status' = 'PENDING' AND t.supervisor`,
  evidenceReview: () => `SELECT 'evidenceReview', 'evidence', CAST(t.state #>> '{evidence,submittedAt}' AS bigint), t.state #>> '{evidence,submittedBy}', t.id, (t.state->'evidence') - 'items'
    FROM t
    WHERE t.status = 'EVIDENCE_SUBMITTED' AND t.state #>> '{evidence,status}' = 'UNDER_REVIEW' AND t.state #>> '{evidence,verifiedAt}' IS NOT NULL AND t.reviewer`,
  explanation: () => `SELECT 'explanation', r->>'id', CAST(r->>'requestedAt' AS bigint), r->>'requestedBy', t.id, r
    FROM t CROSS JOIN LATERAL jsonb_array_elements(t.state->'explanations') r
    WHERE r->>'status' = 'OPEN' AND (r->>'requestedBy' = CAST(:me AS text) OR (r->>'requestedBy' IS NULL AND t.supervisor))`,
  blocker: (decider) => `SELECT 'blocker', r->>'id', CAST(r->>'declaredAt' AS bigint), r->>'declaredBy', t.id, r
    FROM t CROSS JOIN LATERAL jsonb_array_elements(t.state->'blockers') r
    WHERE r->>'decidedAt' IS NULL AND ${decider('t.lead_unit_id', `CAST(r->>'blockingUnitId' AS uuid)`)}`,
};

/** The actor's condition on a blocker of the unit `blockingUnitId` of a task led by `leadUnitId` (SQL expressions). */
type BlockerDecider = (leadUnitId: string, blockingUnitId: string) => string;

interface QueueRow {
  kind: DecisionKind;
  request_id: string;
  requested_at: string;
  requested_by: string | null;
  task_id: string;
  item: Record<string, unknown>;
  code: string;
  title: string;
  status: TaskStatus;
  lead_unit_id: string;
  due_at: Date;
  original_due_at: Date;
  assigned_at: Date;
  overdue: boolean;
  required: Criterion[] | null;
}

const iso = (ms: unknown): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null);

/** What waits for the signed-in user to decide, across every task they may see: the Decisions page. */
@Injectable()
export class DecisionsQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccessService,
    private readonly directory: DirectoryService,
    private readonly tasks: TaskQueriesService,
  ) {}

  /** The actor's queue, oldest first, one page of it (optionally one kind). */
  async list(actor: Actor, query: DecisionQueryDto): Promise<DecisionPageDto> {
    const kinds = query.kind ? [query.kind] : [...DECISION_KINDS];
    const counts = await this.countKinds(actor, kinds);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const page = { total, page: query.page, pageSize: query.pageSize };
    if (total <= (query.page - 1) * query.pageSize || !this.access.actsOnTasks(actor)) return { items: [], ...page };
    const rows = await this.run<QueueRow>(
      actor,
      kinds,
      `SELECT q.*, t.code, t.title, t.status, t.lead_unit_id, t.due_at, t.original_due_at, t.assigned_at, t.overdue, t.required
       FROM q JOIN t ON t.id = q.task_id
       ORDER BY q.requested_at, t.code, q.request_id
       LIMIT :limit OFFSET :offset`,
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: await this.items(rows), ...page };
  }

  /** How many items wait for the actor, in all and by kind (for a badge). */
  async count(actor: Actor): Promise<DecisionCountsDto> {
    const byKind = await this.countKinds(actor, [...DECISION_KINDS]);
    return { total: Object.values(byKind).reduce((sum, n) => sum + n, 0), byKind };
  }

  private async countKinds(actor: Actor, kinds: DecisionKind[]): Promise<Record<DecisionKind, number>> {
    const counts = Object.fromEntries(DECISION_KINDS.map((kind) => [kind, 0])) as Record<DecisionKind, number>;
    if (!this.access.actsOnTasks(actor)) return counts;
    const rows = await this.run<{ kind: DecisionKind; n: number }>(actor, kinds, 'SELECT q.kind, CAST(COUNT(*) AS int) AS n FROM q GROUP BY q.kind');
    for (const row of rows) counts[row.kind] = row.n;
    return counts;
  }

  /**
   * Runs `select` over `q` (the queue of the given kinds) and `t` (the tasks awaiting a decision
   * that the actor may see and has a part in, found through IDX_tasks_awaiting_decision and read
   * once), in one statement.
   */
  private async run<T>(actor: Actor & { id: string }, kinds: DecisionKind[], select: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const { supervisor, reviewer } = this.access.partsSql(actor);
    // One prefix, so the same parameters: the condition is the same in both places it is used.
    const blockerDecider = (leadUnitId: string, blockingUnitId: string) => this.access.blockerDeciderSql(actor, leadUnitId, blockingUnitId, 'blockerDecider');
    const decidesBlocker = blockerDecider('task.lead_unit_id', `CAST(b->>'blockingUnitId' AS uuid)`);
    const tasks = this.access
      .scoped(actor)
      .select('task.id', 'id')
      .addSelect('task.code', 'code')
      .addSelect('task.title', 'title')
      .addSelect('task.status', 'status')
      .addSelect('task.leadUnitId', 'lead_unit_id')
      .addSelect('task.dueAt', 'due_at')
      .addSelect('task.originalDueAt', 'original_due_at')
      .addSelect('task.assignedAt', 'assigned_at')
      .addSelect('task.overdue', 'overdue')
      .addSelect(`task.definition #> '{plan,requiredCriteria}'`, 'required')
      .addSelect('task.state', 'state')
      .addSelect(supervisor.sql, 'supervisor')
      .addSelect(reviewer.sql, 'reviewer')
      // Word for word the predicate of IDX_tasks_awaiting_decision: only tasks something waits on are read.
      .andWhere(awaitingDecisionSql((column) => `task.${column}`))
      // Everyone a request can wait for has a part in the task (a participant) or supervises it;
      // a blocker waits for the leaders over both units (a head of their lowest common unit may be neither).
      .andWhere(
        `(${supervisor.sql} OR CAST(:meId AS uuid) = ANY(task.participant_ids) OR EXISTS (SELECT 1 FROM jsonb_array_elements(task.state->'blockers') b WHERE b->>'decidedAt' IS NULL AND ${decidesBlocker.sql}))`,
        { meId: actor.id },
      )
      .setParameters({ ...supervisor.params, ...reviewer.params, ...decidesBlocker.params });
    const decider = (leadUnitId: string, blockingUnitId: string) => blockerDecider(leadUnitId, blockingUnitId).sql;
    const sql = `WITH t AS MATERIALIZED (${tasks.getQuery()}), q (kind, request_id, requested_at, requested_by, task_id, item) AS (${kinds.map((kind) => KIND_SQL[kind](decider)).join('\nUNION ALL\n')}) ${select}`;
    const [statement, values] = this.dataSource.driver.escapeQueryWithParameters(sql, { ...tasks.getParameters(), ...params, me: actor.id }, {});
    return this.dataSource.query<T[]>(statement, values);
  }

  private async items(rows: QueueRow[]): Promise<DecisionItemDto[]> {
    const blockingUnitIds = rows.filter((r) => r.kind === 'blocker').map((r) => r.item.blockingUnitId as string);
    const units = new Map((await this.directory.units([...rows.map((r) => r.lead_unit_id), ...blockingUnitIds])).map((u) => [u.id, u]));
    const people = new Map((await this.directory.users(rows.map((r) => r.requested_by).filter((id): id is string => Boolean(id)))).map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
    const person = (id: string | null): PersonRefDto | null => (id ? (people.get(id) ?? null) : null);
    const unit = (id: string): UnitRefDto | null => {
      const found = units.get(id);
      return found ? unitRef(found) : null;
    };
    const now = Date.now();
    const risks = await this.tasks.risks([...new Set(rows.map((r) => r.task_id))], new Date(now));
    return rows.map((row) => ({
      kind: row.kind,
      requestId: row.request_id,
      requestedAt: new Date(Number(row.requested_at)).toISOString(),
      requestedBy: person(row.requested_by),
      task: {
        id: row.task_id,
        code: row.code,
        title: row.title,
        status: row.status,
        risk: risks.get(row.task_id) ?? null,
        leadUnit: unitRef(units.get(row.lead_unit_id)!),
        dueAt: row.due_at.toISOString(),
        originalDueAt: row.original_due_at.toISOString(),
      },
      details: details(row, now, { unit, person }),
    }));
  }
}

/** The kind's own part of an item, from the request as the task's state holds it (`names` finds the units and people it names). */
function details(row: QueueRow, now: number, names: { unit: (id: string) => UnitRefDto | null; person: (id: string | null) => PersonRefDto | null }): DecisionDetails {
  const item = row.item;
  switch (row.kind) {
    case 'escalation':
      return { level: item.level as number, openExplanation: Boolean(item.openExplanation), remindedAt: iso(item.remindedAt) };
    case 'extension':
      return { reason: item.reason as string, newDueAt: iso(item.newDueAt)!, currentDueAt: row.due_at.toISOString(), newDueAtPassed: (item.newDueAt as number) <= now, remindedAt: iso(item.remindedAt) };
    case 'beyondAuthority':
      return { reason: item.reason as string, remindedAt: iso(item.remindedAt) };
    case 'evidenceReview': {
      const criteria = (item.criteria ?? {}) as Partial<Record<Criterion, { status: string }>>;
      return {
        evidenceId: item.id as string,
        verifiedAt: iso(item.verifiedAt)!,
        required: row.required ?? [],
        criteria: Object.fromEntries(Object.entries(criteria).map(([criterion, check]) => [criterion, check.status])),
        remindedAt: iso(item.remindedAt),
      };
    }
    case 'explanation':
      return { question: item.question as string, deadline: iso(item.deadline)!, overdue: (item.deadline as number) <= now };
    case 'blocker': {
      const blocker = item as unknown as Blocker;
      return {
        blockingUnit: names.unit(blocker.blockingUnitId),
        coordinating: blocker.coordinating,
        awaited: blocker.awaited,
        since: iso(blocker.since)!,
        reason: blocker.reason,
        status: blocker.status,
        declaredBy: names.person(blocker.declaredBy),
        resolvedAt: iso(blocker.resolvedAt),
        resolution: blocker.resolution,
      };
    }
  }
}
