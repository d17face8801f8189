import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, LessThanOrEqual, type SelectQueryBuilder } from 'typeorm';
import { CalendarService } from '@dondoc/calendar';
import { likeContains, type Actor, type Language, type Page } from '@dondoc/common';
import { describeReason } from '@dondoc/evidence';
import { DirectoryService, unitWithinSql } from '@dondoc/organisation';
import { OPEN_STATUSES } from '@dondoc/workflows/task/task.types';
import type { TaskCountsQueryDto, TaskQueryDto } from './dto/task.dto';
import type { EvidenceView, TaskCountsDto, TaskDetailView, TaskView } from './dto/task-view.dto';
import type { EvidenceCheck } from './evidence-check.entity';
import { EvidenceChecksService } from './evidence-checks.service';
import { TaskAccessService } from './task-access.service';
import { allowedActions } from './task-allowed-actions';
import { TaskEventRecord, Task } from './task.entity';
import { blockerReferences, toTaskView } from './task-view';
import { applyPopulation, applyTaskFilters } from './statistics/statistics-population';
import { StatisticsService } from './statistics/statistics.service';
import { TaskStateAtSql, type Risk } from './statistics/task-state-at.sql';
import { weekInVietnam } from './task-week';

/** Open: not yet done or cancelled (parameter `openStatuses`). */
const OPEN_SQL = 'task.status IN (:...openStatuses)';
/** The current due time falls in the week (parameters `weekFrom`, `weekTo`: see `weekInVietnam`). */
const DUE_THIS_WEEK_SQL = 'task.due_at >= :weekFrom AND task.due_at < :weekTo';
/**
 * The risk colour now (`risk` of a view, `risk=` and `sort=risk`): the statistics' state at the
 * cut-off `riskNow`. It moves with the clock, so no index orders it; the scope and filters bound
 * the rows it ranks.
 */
const RISK_NOW = new TaskStateAtSql('riskNow');
/** The drill-down's state at the statistic's cut-off `asOf`. */
const DRILL_AT = new TaskStateAtSql('asOf');

/** What people read of tasks: lists, one task with its timeline, the reviewer's view of the evidence. */
@Injectable()
export class TaskQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccessService,
    private readonly evidenceChecks: EvidenceChecksService,
    private readonly directory: DirectoryService,
    private readonly statistics: StatisticsService,
    private readonly calendar: CalendarService,
  ) {}

  /** Tasks within the actor's scope, soonest due first unless sorted otherwise (`risk`: RED first, as `riskRank` orders the colours). */
  async list(actor: Actor, query: TaskQueryDto): Promise<Page<TaskView>> {
    const now = new Date();
    const qb = await this.filtered(actor, query, now);
    if (query.status) qb.andWhere('task.status = :status', { status: query.status });
    if (query.overdue !== undefined) qb.andWhere('task.overdue = :overdue', { overdue: query.overdue });
    if (query.open !== undefined) qb.andWhere(`(${OPEN_SQL}) = :open`, { open: query.open, openStatuses: OPEN_STATUSES });
    if (query.dueThisWeek !== undefined) {
      const week = weekInVietnam(now);
      qb.andWhere(`(${DUE_THIS_WEEK_SQL}) = :dueThisWeek`, { dueThisWeek: query.dueThisWeek, weekFrom: week.from, weekTo: week.to });
    }
    if (query.sort === 'risk') {
      qb.orderBy(RISK_NOW.riskRank, 'ASC').addOrderBy('task.dueAt', 'ASC').setParameters(RISK_NOW.parameters(now, await this.statistics.calendarAt(now)));
    } else {
      const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'DESC' as const] : [query.sort, 'ASC' as const];
      qb.orderBy(`task.${column}`, direction);
    }
    const [rows, total] = await qb
      .addOrderBy('task.code', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: await this.views(rows, now), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * How many tasks of the list each tab holds, in one query: the list's filters but those that
   * pick a tab, scoped like the list (see `TaskCountsDto` for each tab and its list query).
   */
  async counts(actor: Actor, query: TaskCountsQueryDto): Promise<TaskCountsDto> {
    const now = new Date();
    const week = weekInVietnam(now);
    const count = (condition: string) => `COUNT(*) FILTER (WHERE ${condition})::int`;
    const row = await (await this.filtered(actor, query, now))
      .select('COUNT(*)::int', 'all')
      .addSelect(count(OPEN_SQL), 'open')
      .addSelect(count(`${OPEN_SQL} AND task.overdue`), 'overdue')
      .addSelect(count(`${OPEN_SQL} AND ${DUE_THIS_WEEK_SQL}`), 'dueThisWeek')
      .addSelect(count(`task.status = 'ASSIGNED'`), 'awaitingAcknowledgement')
      .addSelect(count(`task.status = 'EVIDENCE_SUBMITTED'`), 'inReview')
      .addSelect(count(`task.status = 'DONE'`), 'done')
      .addSelect(count(`task.status = 'CANCELLED'`), 'cancelled')
      .setParameters({ openStatuses: OPEN_STATUSES, weekFrom: week.from, weekTo: week.to })
      .getRawOne<TaskCountsDto>();
    return row!;
  }

  /**
   * The actor's tasks, filtered by everything but the tabs (status, overdue, open, due this week).
   * With a statistic's filters (`asOf`, `basis`, `from`, `to`, `state`), exactly the tasks the
   * statistics count: the same population and the same state at the cut-off.
   */
  private async filtered(actor: Actor, query: TaskCountsQueryDto, now: Date): Promise<SelectQueryBuilder<Task>> {
    const qb = this.access.scoped(actor);
    applyTaskFilters(qb, { key: query.key, level: query.level, templateKey: query.templateKey, assignedBy: query.assignedBy, headId: query.headId });
    if (query.asOf || query.basis || query.from || query.to || query.state) {
      await this.statistics.check(actor, { asOf: query.asOf, from: query.from, to: query.to });
      const asOf = query.asOf ? new Date(query.asOf) : now;
      applyPopulation(qb, actor, DRILL_AT, { basis: query.basis ?? 'assigned', from: query.from, to: query.to }).setParameters(DRILL_AT.parameters(asOf, await this.statistics.calendarAt(asOf)));
      if (query.state) qb.andWhere(`${DRILL_AT.state(query.against ?? 'current')} = :drillState`, { drillState: query.state });
    }
    if (query.risk?.length) {
      qb.andWhere(`${RISK_NOW.risk} IN (:...risks)`, { risks: query.risk }).setParameters(RISK_NOW.parameters(now, await this.statistics.calendarAt(now)));
    }
    if (query.unitId) qb.andWhere('task.leadUnitId = :unitId', { unitId: query.unitId });
    if (query.withinUnitId) {
      const within = unitWithinSql('task.lead_unit_id', query.withinUnitId, 'within');
      qb.andWhere(within.sql, within.params);
    }
    if (query.program) qb.andWhere('task.program = :program', { program: query.program });
    if (query.assignmentId) qb.andWhere('task.assignmentId = :assignmentId', { assignmentId: query.assignmentId });
    if (query.regressed !== undefined) qb.andWhere('task.regressed = :regressed', { regressed: query.regressed });
    if (query.attested !== undefined) {
      qb.andWhere(`(task.state #>> '{evidence,criteria,REAL_USERS,status}' = 'attested') IS ${query.attested ? 'TRUE' : 'NOT TRUE'}`);
    }
    if (query.dueFrom) qb.andWhere('task.dueAt >= :dueFrom', { dueFrom: query.dueFrom });
    if (query.dueTo) qb.andWhere('task.dueAt < :dueTo', { dueTo: query.dueTo });
    if (query.q) {
      const q = likeContains(query.q);
      qb.andWhere(new Brackets((w) => w.where('task.code ILIKE :q', { q }).orWhere('task.title ILIKE :q')));
    }
    return qb;
  }

  /** One task with its full timeline and the actions the actor may take on it now; 404 outside the actor's scope. */
  async get(actor: Actor, id: string): Promise<TaskDetailView> {
    const task = await this.access.visibleTask(actor, id);
    // The events the row was written with (one transaction writes both): a recording committed
    // between the two reads adds events the row read does not show yet, and would show a timeline
    // ahead of the task (AFTER_CARE_ENDED while still under after-care).
    const events = await this.dataSource.getRepository(TaskEventRecord).find({ where: { taskId: id, seq: LessThanOrEqual(task.lastEventSeq) }, order: { seq: 'ASC' } });
    const [view] = await this.views([task]);
    const people = await this.people(events.map((e) => e.actorId).filter((x): x is string => Boolean(x)));
    const parts = await this.access.parts(actor, task);
    return {
      ...view,
      actions: actor.id ? allowedActions(task, parts, actor.id) : [],
      timeline: events.map((e) => ({
        seq: e.seq,
        type: e.type,
        at: e.at.toISOString(),
        actor: e.actorId ? (people.get(e.actorId) ?? { id: e.actorId, name: '', email: '' }) : null,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        data: e.data,
      })),
    };
  }

  /**
   * What the reviewer sees of the evidence: each criterion's status with its reasons (in the
   * reader's language), what was claimed, every probe and check made, and after-care.
   */
  async evidence(actor: Actor, id: string, language: Language): Promise<EvidenceView> {
    const task = await this.access.visibleTask(actor, id);
    const evidence = task.state?.evidence ?? null;
    const render = (reasons: { code: string; params?: Record<string, string | number> }[]) =>
      reasons.map((r) => ({ code: r.code, message: describeReason(r, language) }));
    const checks = await this.evidenceChecks.forTask(id);
    const view = (c: EvidenceCheck) => ({
      criterion: c.criterion,
      kind: c.kind,
      index: c.index,
      url: c.url,
      checkedAt: c.checkedAt.toISOString(),
      ok: c.ok,
      statusCode: c.statusCode,
      latencyMs: c.latencyMs,
      details: c.details,
      reasons: render(c.reasons),
    });
    const care = task.state?.afterCare ?? null;
    return {
      taskId: id,
      status: task.status,
      required: task.definition.plan.requiredCriteria,
      evidence: evidence && {
        id: evidence.id,
        submittedBy: evidence.submittedBy,
        submittedAt: new Date(evidence.submittedAt).toISOString(),
        status: evidence.status,
        verifiedAt: evidence.verifiedAt === null ? null : new Date(evidence.verifiedAt).toISOString(),
        items: evidence.items,
        criteria: Object.fromEntries(
          Object.entries(evidence.criteria).map(([criterion, check]) => [
            criterion,
            { status: check.status, attested: check.status === 'attested', value: check.value ?? null, probes: check.probes ?? null, reasons: render(check.reasons), checks: checks.filter((c) => c.evidenceId === evidence.id && c.criterion === criterion).map(view) },
          ]),
        ),
        rejections: evidence.rejections,
      },
      afterCare: care && {
        url: care.url,
        startedAt: new Date(care.startedAt).toISOString(),
        endsAt: new Date(care.endsAt).toISOString(),
        active: care.closedAt === null && care.endedAt === null,
        regressed: care.regressed,
        probes: care.probes,
        consecutiveFailures: care.consecutiveFailures,
        closeReason: care.closeReason,
        checks: checks.filter((c) => c.evidenceId === 'AFTER-CARE').map(view),
      },
    };
  }

  /** The views of tasks, with their risk colour at `now`. */
  async views(rows: Task[], now = new Date()): Promise<TaskView[]> {
    const [risks, calendar] = await Promise.all([this.risks(rows.map((t) => t.id), now), this.calendar.current()]);
    const unitIds = [...new Set(rows.flatMap((t) => [t.leadUnitId, ...t.coordinatingUnitIds, ...blockerReferences(t.state).unitIds]))];
    const units = new Map((await this.directory.units(unitIds)).map((u) => [u.id, u]));
    const people = await this.people(
      rows.flatMap((t) => [t.assignedBy, t.focalOfficerId, ...(t.state?.reviewers ?? []), ...blockerReferences(t.state).personIds].filter((x): x is string => Boolean(x))),
    );
    return rows.map((task) => toTaskView(task, units, people, risks.get(task.id) ?? null, calendar, now.getTime()));
  }

  /** Each task's risk colour at `now`, by the statistics' definition. */
  async risks(ids: string[], now: Date): Promise<Map<string, Risk | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Task)
      .createQueryBuilder('task')
      .select('task.id', 'id')
      .addSelect(RISK_NOW.risk, 'risk')
      .where('task.id IN (:...riskIds)', { riskIds: ids })
      .setParameters(RISK_NOW.parameters(now, await this.statistics.calendarAt(now)))
      .getRawMany<{ id: string; risk: Risk | null }>();
    return new Map(rows.map((r) => [r.id, r.risk]));
  }

  private async people(ids: string[]): Promise<Map<string, { id: string; name: string; email: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.directory.users(unique);
    return new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  }
}
