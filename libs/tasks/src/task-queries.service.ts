import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import { likeContains, type Actor, type Language, type Page } from '@dondoc/common';
import { describeReason } from '@dondoc/evidence';
import { DirectoryService, unitWithinSql } from '@dondoc/organisation';
import type { TaskQueryDto } from './dto/task.dto';
import type { EvidenceView, TaskDetailView, TaskView } from './dto/task-view.dto';
import type { EvidenceCheck } from './evidence-check.entity';
import { EvidenceChecksService } from './evidence-checks.service';
import { TaskAccessService } from './task-access.service';
import { TaskEventRecord, Task } from './task.entity';
import { toTaskView } from './task-view';

/** What people read of tasks: lists, one task with its timeline, the reviewer's view of the evidence. */
@Injectable()
export class TaskQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccessService,
    private readonly evidenceChecks: EvidenceChecksService,
    private readonly directory: DirectoryService,
  ) {}

  /** Tasks within the actor's scope, soonest due first unless sorted otherwise. */
  async list(actor: Actor, query: TaskQueryDto): Promise<Page<TaskView>> {
    const qb = this.access.scoped(actor);
    if (query.unitId) qb.andWhere('task.leadUnitId = :unitId', { unitId: query.unitId });
    if (query.withinUnitId) {
      const within = unitWithinSql('task.lead_unit_id', query.withinUnitId, 'within');
      qb.andWhere(within.sql, within.params);
    }
    if (query.status) qb.andWhere('task.status = :status', { status: query.status });
    if (query.overdue !== undefined) qb.andWhere('task.overdue = :overdue', { overdue: query.overdue });
    if (query.program) qb.andWhere('task.program = :program', { program: query.program });
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
    const [column, direction] = query.sort.startsWith('-') ? [query.sort.slice(1), 'DESC' as const] : [query.sort, 'ASC' as const];
    const [rows, total] = await qb
      .orderBy(`task.${column}`, direction)
      .addOrderBy('task.code', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: await this.views(rows), total, page: query.page, pageSize: query.pageSize };
  }

  /** One task with its full timeline; 404 outside the actor's scope. */
  async get(actor: Actor, id: string): Promise<TaskDetailView> {
    const task = await this.access.visibleTask(actor, id);
    const events = await this.dataSource.getRepository(TaskEventRecord).find({ where: { taskId: id }, order: { seq: 'ASC' } });
    const [view] = await this.views([task]);
    const people = await this.people(events.map((e) => e.actorId).filter((x): x is string => Boolean(x)));
    return {
      ...view,
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

  async views(rows: Task[]): Promise<TaskView[]> {
    const unitIds = [...new Set(rows.flatMap((t) => [t.leadUnitId, ...t.coordinatingUnitIds]))];
    const units = new Map((await this.directory.units(unitIds)).map((u) => [u.id, u]));
    const people = await this.people(rows.flatMap((t) => [t.assignedBy, t.focalOfficerId, ...(t.state?.reviewers ?? [])].filter((x): x is string => Boolean(x))));
    return rows.map((task) => toTaskView(task, units, people));
  }

  private async people(ids: string[]): Promise<Map<string, { id: string; name: string; email: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.directory.users(unique);
    return new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  }
}
