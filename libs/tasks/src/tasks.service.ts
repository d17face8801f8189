import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { Client, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type WorkflowExecutionStatusName } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client/lib/errors';
import { Brackets, DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import {
  AppException,
  conflict,
  hasRole,
  notFound,
  Role,
  scopeCondition,
  scopeOf,
  validationFailed,
  type Actor,
  type FieldProblem,
  type Language,
  type Page,
  likeContains,
} from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { Unit } from '@dondoc/organisation';
import { User } from '@dondoc/users';
import {
  CRITERIA,
  OPEN_STATUSES,
  TASK_REFUSAL,
  taskWorkflowId,
  type ActorRef,
  type Refusal,
  type TaskDefinition,
  type TaskSnapshot,
  type TaskWorkflowInput,
} from '@dondoc/workflows/task/task.types';
import { claimedCriteria, verificationPlan } from '@dondoc/workflows/task/evidence-rules';
import { missingCriteria } from '@dondoc/workflows/task/task-rules';
import type { UpdateDefinition } from '@temporalio/common';
import { describeReason, EvidenceCheck } from '@dondoc/evidence';
import type { AssignTaskDto, EvidenceDto, TaskQueryDto } from './dto/task.dto';
import type { EvidenceView, TaskDetailView, TaskView } from './dto/task-view.dto';
import { TaskEventRecord, Task } from './task.entity';
import { TaskTemplate } from './task-template.entity';
import { planOf, TemplatesService } from './templates.service';
import { toTaskView } from './task-view';

/** What an actor must be to take an action on a task. */
export type Relation = 'member' | 'supervisor' | 'reviewer' | 'canceller' | 'decider' | 'administrator';

const forbidden = (): AppException => new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');

/** An action on a task that is no longer open: 409 saying why. */
const taskClosed = (status: string): AppException =>
  conflict(
    status === 'DONE'
      ? { vi: 'nhiệm vụ đã hoàn thành; không thể thực hiện thao tác này.', en: 'the task is done; no action is possible.' }
      : status === 'CANCELLED'
        ? { vi: 'nhiệm vụ đã huỷ; không thể thực hiện thao tác này.', en: 'the task is cancelled; no action is possible.' }
        : { vi: 'nhiệm vụ đã kết thúc; không thể thực hiện thao tác này.', en: 'the task has ended; no action is possible.' },
    { rule: 'taskClosed' },
  );
const noAfterCare = (): AppException => conflict({ vi: 'nhiệm vụ không trong giai đoạn theo dõi sau hoàn thành.', en: 'the task is not in after-care.' }, { rule: 'noAfterCare' });

/** How a workflow that will take no more updates describes itself. */
const CLOSED_WORKFLOW: WorkflowExecutionStatusName[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT'];

/** Fields of an action that name a unit: a decider may name only units within their scope. */
const NAMED_UNITS = ['newLeadUnitId'] as const;

@Injectable()
export class TasksService {
  private readonly logger = new Logger(TasksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AppConfig,
    private readonly templates: TemplatesService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Assigns tasks (one, or a plan's list): every task is checked first and nothing is assigned
   * if any is wrong. Each workflow is started before its row is written; a workflow that starts
   * without its row recreates it, and if a start fails the ones already started are terminated.
   */
  async assign(actor: Actor, dtos: AssignTaskDto[], bulk: boolean): Promise<TaskView[]> {
    const definitions = await this.prepare(actor, dtos, bulk);
    const started: string[] = [];
    try {
      for (const task of definitions) {
        const input: TaskWorkflowInput = { task, requestId: actor.requestId, continueAsNewAfterEvents: this.config.tasks.continueAsNewAfterEvents };
        await this.temporal.workflow.start('taskLifecycleWorkflow', {
          workflowId: taskWorkflowId(task.taskId),
          taskQueue: this.config.temporal.taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        started.push(task.taskId);
      }
    } catch (error) {
      this.logger.error({ err: (error as Error).message, started: started.length, of: definitions.length }, 'starting task workflows failed; rolling back');
      await Promise.allSettled(started.map((id) => this.temporal.workflow.getHandle(taskWorkflowId(id)).terminate('assignment rolled back: another task of the same request failed to start')));
      await this.dataSource.getRepository(Task).delete({ id: In(started) }).catch(() => undefined);
      throw new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', { service: 'Temporal' });
    }
    try {
      await this.dataSource.transaction(async (tx) => {
        const rows = definitions.map((task) => this.initialRow(task));
        await tx.createQueryBuilder().insert().into(Task).values(rows).orIgnore().execute();
        await this.audit.recordMany(
          tx,
          actor,
          definitions.map((task) => ({ action: 'TASK_CREATED', subjectType: 'task', subjectId: task.taskId, summary: { code: task.code, title: task.title, leadUnitId: task.leadUnitId, dueAt: task.dueAt, template: `${task.plan.templateKey} v${task.plan.templateVersion}` } })),
        );
      });
    } catch (error) {
      // No workflow may run without its row: the ones just started are terminated.
      this.logger.error({ err: (error as Error).message, started: started.length }, 'writing task rows failed; terminating their workflows');
      await Promise.allSettled(started.map((id) => this.temporal.workflow.getHandle(taskWorkflowId(id)).terminate('assignment rolled back: its row could not be written')));
      throw error;
    }
    const rows = await this.dataSource.getRepository(Task).findBy({ id: In(definitions.map((d) => d.taskId)) });
    const views = await this.views(rows);
    return definitions.map((d) => views.find((v) => v.id === d.taskId)!);
  }

  /** Tasks within the actor's scope, soonest due first unless sorted otherwise. */
  async list(actor: Actor, query: TaskQueryDto): Promise<Page<TaskView>> {
    const qb = this.scoped(actor);
    if (query.unitId) qb.andWhere('task.leadUnitId = :unitId', { unitId: query.unitId });
    if (query.withinUnitId) qb.andWhere(`lead.path LIKE (SELECT w.path FROM units w WHERE w.id = :withinUnitId) || '%'`, { withinUnitId: query.withinUnitId });
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
    const task = await this.visibleTask(actor, id);
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
   * Runs an action as a Temporal Update: 404 outside scope, 403 when the actor has no part in it,
   * 409 with the workflow's reason when the task's state does not allow it.
   */
  async act<Args extends { actor: ActorRef }>(
    actor: Actor,
    id: string,
    relation: Relation,
    update: UpdateDefinition<TaskSnapshot, [Args]>,
    payload: Omit<Args, 'actor'>,
    check?: (task: Task) => Promise<void> | void,
    options: { afterCare?: boolean } = {},
  ): Promise<TaskDetailView> {
    const task = await this.visibleTask(actor, id);
    if (!(await this.relates(actor, task, relation, payload))) throw forbidden();
    await this.assertNamedUnitsInScope(actor, payload);
    if (options.afterCare) {
      // After-care belongs to a done task, whose workflow runs only while the product is watched.
      if (task.afterCareUntil === null) throw noAfterCare();
    } else if (!OPEN_STATUSES.includes(task.status)) {
      throw taskClosed(task.status);
    }
    if (check) await check(task);
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.id! });
    const args = { ...payload, actor: { id: user.id, name: user.name, requestId: actor.requestId } } as Args;
    try {
      await this.temporal.workflow.getHandle(task.workflowId).executeUpdate(update, { args: [args] });
    } catch (error) {
      throw await this.translate(error, task, options);
    }
    return this.get(actor, id);
  }

  /**
   * Evidence must name at least one criterion (documents never count) and every required one;
   * a figure of active users may be attested only by the head of the unit, where the template
   * accepts attestation.
   */
  checkEvidence(task: Task, evidence: EvidenceDto, actor: Actor): void {
    const problems: FieldProblem[] = [];
    if (claimedCriteria(evidence).length === 0) {
      throw validationFailed([
        {
          field: 'evidence',
          rule: 'documentsOnly',
          message: {
            vi: 'minh chứng phải chứng minh kết quả thực (sản phẩm vận hành, dữ liệu kiểm chứng, người dùng thực, hiệu quả đo được); văn bản, kế hoạch, biên bản chỉ là tài liệu kèm theo',
            en: 'evidence must show a working result (operating product, verified data, real users, measurable effect); documents, plans and minutes are supporting material only',
          },
        },
      ]);
    }
    const keys = { OPERATING_PRODUCT: 'operatingProduct', VERIFIED_DATA: 'verifiedData', REAL_USERS: 'realUsers', MEASURABLE_EFFECT: 'measurableEffect' } as const;
    for (const criterion of missingCriteria(task.definition, { items: evidence })) {
      problems.push({ field: keys[criterion as (typeof CRITERIA)[number]], rule: 'required', message: { vi: `mẫu nhiệm vụ yêu cầu tiêu chí ${criterion}`, en: `the template requires the criterion ${criterion}` } });
    }
    if (evidence.verifiedData && !evidence.verifiedData.sha256 && evidence.verifiedData.recordCount === undefined) {
      problems.push({ field: 'verifiedData', rule: 'checksumOrCount', message: { vi: 'cần mã SHA-256 hoặc số bản ghi để kiểm chứng dữ liệu', en: 'a SHA-256 or a record count is needed to verify the data' } });
    }
    const users = evidence.realUsers;
    if (users && !(users.metricsUrl && users.jsonPointer !== undefined) && users.attestedActiveUsers === undefined) {
      problems.push({ field: 'realUsers', rule: 'sourceRequired', message: { vi: 'cần địa chỉ số liệu (metricsUrl và jsonPointer) hoặc số liệu do người đứng đầu xác nhận', en: 'a metrics URL with a JSON pointer, or a figure attested by the head, is required' } });
    }
    if (users?.attestedActiveUsers !== undefined) {
      if (!verificationPlan(task.definition.plan).allowAttestedUsers) {
        problems.push({ field: 'realUsers.attestedActiveUsers', rule: 'attestationNotAllowed', message: { vi: 'mẫu nhiệm vụ không chấp nhận số liệu tự khai; hãy cung cấp metricsUrl', en: 'the template does not accept an attested figure; give a metricsUrl' } });
      } else if (!(hasRole(actor, Role.HEAD) && actor.unitId === task.leadUnitId)) {
        problems.push({ field: 'realUsers.attestedActiveUsers', rule: 'headOnly', message: { vi: 'chỉ người đứng đầu đơn vị chủ trì được xác nhận số liệu tự khai', en: 'only the head of the lead unit may attest a figure' } });
      }
    }
    if (evidence.measurableEffect?.sourceUrl && evidence.measurableEffect.sourceJsonPointer === undefined) {
      problems.push({ field: 'measurableEffect.sourceJsonPointer', rule: 'requiredWithSource', message: { vi: 'cần jsonPointer của giá trị đạt được tại sourceUrl', en: 'the JSON pointer of the achieved value at sourceUrl is required' } });
    }
    if (users && Date.parse(users.periodFrom) >= Date.parse(users.periodTo)) {
      problems.push({ field: 'realUsers.periodTo', rule: 'afterFrom', message: { vi: 'periodTo phải sau periodFrom', en: 'periodTo must be after periodFrom' } });
    }
    const kpiDirection = task.definition.plan.kpiDirection;
    if (evidence.measurableEffect && kpiDirection && evidence.measurableEffect.direction !== kpiDirection) {
      problems.push({ field: 'measurableEffect.direction', rule: 'templateDirection', message: { vi: `mẫu nhiệm vụ yêu cầu chỉ số theo hướng ${kpiDirection}`, en: `the template requires the KPI to ${kpiDirection}` } });
    }
    if (problems.length > 0) throw validationFailed(problems);
  }

  /**
   * What the reviewer sees of the evidence: each criterion's status with its reasons (in the
   * reader's language), what was claimed, every probe and check made, and after-care.
   */
  async evidence(actor: Actor, id: string, language: Language): Promise<EvidenceView> {
    const task = await this.visibleTask(actor, id);
    const evidence = task.state?.evidence ?? null;
    const render = (reasons: { code: string; params?: Record<string, string | number> }[]) =>
      reasons.map((r) => ({ code: r.code, message: describeReason(r, language) }));
    const checks = await this.dataSource.getRepository(EvidenceCheck).find({ where: { taskId: id }, order: { checkedAt: 'ASC', index: 'ASC' } });
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

  /** The reassignment target must be an active unit, and the focal officer one of its users. */
  async checkReassignment(newLeadUnitId: string | undefined, newFocalOfficerId: string | undefined): Promise<void> {
    if (!newLeadUnitId) return;
    const unit = await this.dataSource.getRepository(Unit).findOneBy({ id: newLeadUnitId });
    if (!unit?.active) throw validationFailed([{ field: 'newLeadUnitId', rule: 'activeUnit', message: { vi: 'newLeadUnitId không phải đơn vị đang hoạt động', en: 'newLeadUnitId is not an active unit' } }]);
    if (newFocalOfficerId) {
      const officer = await this.dataSource.getRepository(User).findOneBy({ id: newFocalOfficerId });
      if (!officer?.active || officer.unitId !== newLeadUnitId) {
        throw validationFailed([{ field: 'newFocalOfficerId', rule: 'memberOfUnit', message: { vi: 'cán bộ đầu mối phải là người dùng đang hoạt động của đơn vị mới', en: 'the focal officer must be an active user of the new unit' } }]);
      }
    }
  }

  /** The task if the actor may see it: its lead or a coordinating unit within scope, or a part in it. */
  async visibleTask(actor: Actor, id: string): Promise<Task> {
    const task = await this.scoped(actor).andWhere('task.id = :id', { id }).getOne();
    if (!task) throw notFound('task', id);
    return task;
  }

  /** Tasks the actor may see (alias `task`, lead unit joined as `lead`). */
  scoped(actor: Actor): SelectQueryBuilder<Task> {
    const scope = scopeOf(actor);
    const qb = this.dataSource.getRepository(Task).createQueryBuilder('task').innerJoin(Unit, 'lead', 'lead.id = task.leadUnitId');
    if (scope.all) return qb.where('TRUE');
    const lead = scopeCondition(scope, 'lead', 'lead');
    const coordinating = scopeCondition(scope, 'coord', 'coord');
    return qb.where(
      new Brackets((w) =>
        w
          .where(lead.sql, lead.params)
          .orWhere(`EXISTS (SELECT 1 FROM units coord WHERE coord.id = ANY(task.coordinating_unit_ids) AND ${coordinating.sql})`, coordinating.params)
          .orWhere(':actorId = ANY(task.participant_ids)', { actorId: actor.id }),
      ),
    );
  }

  private async relates(actor: Actor, task: Task, relation: Relation, payload: object): Promise<boolean> {
    const me = actor.id;
    // Auditors read everything and change nothing.
    if (!me || (hasRole(actor, Role.AUDITOR) && !hasRole(actor, Role.ADMIN, Role.LEADER, Role.HEAD, Role.OFFICER))) return false;
    const member = actor.unitId === task.leadUnitId && hasRole(actor, Role.OFFICER, Role.HEAD);
    const lead = await this.dataSource.getRepository(Unit).findOneByOrFail({ id: task.leadUnitId });
    const leaderOver = this.leads(actor, lead);
    const supervisor = hasRole(actor, Role.ADMIN) || leaderOver || task.assignedBy === me || (task.state?.reviewers ?? []).includes(me);
    switch (relation) {
      case 'member':
        return member || task.focalOfficerId === me;
      case 'supervisor':
        return supervisor;
      case 'reviewer':
        return supervisor || (task.state?.evidence?.reviewers ?? []).includes(me);
      case 'canceller':
        return hasRole(actor, Role.ADMIN) || leaderOver || task.assignedBy === me;
      case 'administrator':
        return hasRole(actor, Role.ADMIN);
      case 'decider': {
        const proposalId = (payload as { requestId?: string }).requestId;
        const proposal = task.state?.proposals.find((p) => p.id === proposalId);
        // An unknown proposal is the workflow's to refuse (409); the API only stops strangers.
        return proposal ? proposal.deciders.includes(me) : supervisor || (task.state?.proposals ?? []).some((p) => p.deciders.includes(me));
      }
    }
  }

  /** A leader leads the units of their subtree. */
  private leads(actor: Actor, unit: Unit): boolean {
    return hasRole(actor, Role.LEADER) && Boolean(actor.unitPath) && unit.path.startsWith(actor.unitPath!);
  }

  /**
   * Refusals from the workflow become 409 with their reason. A workflow that closed between
   * reading the row and the update (a second click on an approval that just completed the task,
   * after-care that just ended) is a 409 too, with the task's state as the reason; only a Temporal
   * that cannot be reached, or a workflow still running that did not take the update, is a 503.
   */
  private async translate(error: unknown, task: Task, options: { afterCare?: boolean }): Promise<Error> {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === TASK_REFUSAL) {
      const refusal = error.cause.details?.[0] as Refusal | undefined;
      // The workflow's own input rule (a caller that skipped HTTP validation): the input's fault, named.
      if (refusal?.rule === 'invalidText') return validationFailed([{ field: refusal.field ?? 'body', rule: 'noControlCharacters', message: { vi: refusal.vi, en: refusal.en } }]);
      return conflict(refusal ? { vi: refusal.vi, en: refusal.en } : { vi: error.cause.message, en: error.cause.message }, { rule: refusal?.rule ?? 'refused' });
    }
    const name = (error as Error).name;
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      // The update was sent but its result did not come back in time: it may still complete.
      this.logger.warn({ workflowId: task.workflowId }, 'the update did not answer in time');
      return new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', { service: 'Temporal' });
    }
    if (!(isGrpcServiceError(error) || name === 'ServiceError' || name === 'WorkflowNotFoundError')) return error as Error;
    // "Already completed", "aborted by closing workflow", an update lost with its run: ask whether the workflow still runs.
    if (await this.workflowClosed(task.workflowId)) {
      if (options.afterCare) return noAfterCare();
      const row = await this.dataSource.getRepository(Task).findOneBy({ id: task.id });
      return taskClosed(row?.status ?? 'ENDED');
    }
    this.logger.warn({ err: (error as Error).message, workflowId: task.workflowId }, 'Temporal did not take the update');
    return new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', { service: 'Temporal' });
  }

  /** Whether the task's workflow has closed (or is gone); false when Temporal cannot say. */
  private async workflowClosed(workflowId: string): Promise<boolean> {
    try {
      const { status } = await this.temporal.workflow.getHandle(workflowId).describe();
      return CLOSED_WORKFLOW.includes(status.name);
    } catch (error) {
      return (error as Error).name === 'WorkflowNotFoundError';
    }
  }

  /** Units an action names (REASSIGN's new lead unit) must be within the decider's scope: 404 otherwise, as an unknown unit. */
  private async assertNamedUnitsInScope(actor: Actor, payload: object): Promise<void> {
    for (const field of NAMED_UNITS) {
      const unitId = (payload as Partial<Record<(typeof NAMED_UNITS)[number], unknown>>)[field];
      if (typeof unitId === 'string' && !(await this.unitInScope(actor, unitId))) throw notFound('unit', unitId);
    }
  }

  /** Whether the unit exists within the actor's scope (administrators: anywhere). */
  private unitInScope(actor: Actor, unitId: string): Promise<boolean> {
    const { sql, params } = scopeCondition(scopeOf(actor), 'unit');
    return this.dataSource.getRepository(Unit).createQueryBuilder('unit').where('unit.id = :unitId', { unitId }).andWhere(sql, params).getExists();
  }

  /** Checks every task of the request; throws one 400 listing all problems (or 403 outside the assigner's scope). */
  private async prepare(actor: Actor, dtos: AssignTaskDto[], bulk: boolean): Promise<TaskDefinition[]> {
    const problems: FieldProblem[] = [];
    const at = (i: number, field: string) => (bulk ? `tasks[${i}].${field}` : field);
    const unitIds = [...new Set(dtos.flatMap((d) => [d.leadUnitId, ...(d.coordinatingUnitIds ?? [])]))];
    const units = new Map((await this.dataSource.getRepository(Unit).findBy({ id: In(unitIds) })).map((u) => [u.id, u]));
    const officerIds = dtos.map((d) => d.focalOfficerId).filter((x): x is string => Boolean(x));
    const officers = new Map((officerIds.length ? await this.dataSource.getRepository(User).findBy({ id: In(officerIds) }) : []).map((u) => [u.id, u]));
    const templates = new Map<string, TaskTemplate | FieldProblem>();
    const now = Date.now();
    // Leaders assign only to units under them, and name only those as coordinating units; administrators anywhere.
    for (const dto of dtos) {
      for (const unitId of [dto.leadUnitId, ...(dto.coordinatingUnitIds ?? [])]) {
        const unit = units.get(unitId);
        if (unit && !hasRole(actor, Role.ADMIN) && !this.leads(actor, unit)) throw forbidden();
      }
    }
    for (const [i, dto] of dtos.entries()) {
      if (!templates.has(dto.templateKey)) templates.set(dto.templateKey, await this.templates.forAssignment(this.dataSource.manager, dto.templateKey, 'templateKey'));
      const template = templates.get(dto.templateKey)!;
      if (!(template instanceof TaskTemplate)) problems.push({ ...template, field: at(i, 'templateKey') });
      const lead = units.get(dto.leadUnitId);
      if (!lead) problems.push({ field: at(i, 'leadUnitId'), rule: 'exists', message: { vi: 'leadUnitId không phải là đơn vị đã có', en: 'leadUnitId is not an existing unit' } });
      else if (!lead.active) problems.push({ field: at(i, 'leadUnitId'), rule: 'active', message: { vi: 'đơn vị chủ trì đã ngừng hoạt động', en: 'the lead unit is inactive' } });
      (dto.coordinatingUnitIds ?? []).forEach((id, j) => {
        const unit = units.get(id);
        if (!unit?.active) problems.push({ field: at(i, `coordinatingUnitIds[${j}]`), rule: 'activeUnit', message: { vi: 'không phải đơn vị đang hoạt động', en: 'not an active unit' } });
        else if (id === dto.leadUnitId) problems.push({ field: at(i, `coordinatingUnitIds[${j}]`), rule: 'notLead', message: { vi: 'đơn vị phối hợp không thể là đơn vị chủ trì', en: 'a coordinating unit cannot be the lead unit' } });
      });
      if (dto.focalOfficerId) {
        const officer = officers.get(dto.focalOfficerId);
        if (!officer?.active || officer.unitId !== dto.leadUnitId) {
          problems.push({ field: at(i, 'focalOfficerId'), rule: 'memberOfUnit', message: { vi: 'cán bộ đầu mối phải là người dùng đang hoạt động của đơn vị chủ trì', en: 'the focal officer must be an active user of the lead unit' } });
        }
      }
      if (dto.dueAt && Date.parse(dto.dueAt) <= now) problems.push({ field: at(i, 'dueAt'), rule: 'future', message: { vi: 'thời hạn phải ở tương lai', en: 'the due time must be in the future' } });
    }
    if (problems.length > 0) throw validationFailed(problems);

    const codes = (await this.dataSource.query<{ code: string }[]>(
      `SELECT 'NV-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('task_code_seq')::text, 6, '0') AS code FROM generate_series(1, $1)`,
      [dtos.length],
    )).map((r) => r.code);
    const assignedAt = new Date(now).toISOString();
    return dtos.map((dto, i) => {
      const template = templates.get(dto.templateKey) as TaskTemplate;
      return {
        taskId: randomUUID(),
        code: codes[i],
        title: dto.title,
        description: dto.description ?? '',
        program: dto.program || null,
        leadUnitId: dto.leadUnitId,
        coordinatingUnitIds: dto.coordinatingUnitIds ?? [],
        focalOfficerId: dto.focalOfficerId ?? null,
        assignedBy: actor.id!,
        assignedAt,
        dueAt: new Date(dto.dueAt ? Date.parse(dto.dueAt) : now + template.definition.defaultDuration * 1000).toISOString(),
        milestones: (dto.milestones ?? []).map((m) => ({ title: m.title, dueAt: new Date(Date.parse(m.dueAt)).toISOString() })),
        plan: planOf(template),
      };
    });
  }

  private initialRow(task: TaskDefinition): Partial<Task> {
    return {
      id: task.taskId,
      code: task.code,
      title: task.title,
      description: task.description,
      program: task.program,
      templateId: task.plan.templateId,
      leadUnitId: task.leadUnitId,
      coordinatingUnitIds: task.coordinatingUnitIds,
      focalOfficerId: task.focalOfficerId,
      assignedBy: task.assignedBy,
      assignedAt: new Date(task.assignedAt),
      originalDueAt: new Date(task.dueAt),
      dueAt: new Date(task.dueAt),
      status: 'ASSIGNED',
      participantIds: [task.assignedBy, ...(task.focalOfficerId ? [task.focalOfficerId] : [])],
      milestones: task.milestones,
      definition: task,
      state: null,
      workflowId: taskWorkflowId(task.taskId),
      lastEventSeq: 0,
    };
  }

  private async people(ids: string[]): Promise<Map<string, { id: string; name: string; email: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In(unique) });
    return new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  }

  private async views(rows: Task[]): Promise<TaskView[]> {
    const unitIds = [...new Set(rows.flatMap((t) => [t.leadUnitId, ...t.coordinatingUnitIds]))];
    const units = new Map((unitIds.length ? await this.dataSource.getRepository(Unit).findBy({ id: In(unitIds) }) : []).map((u) => [u.id, u]));
    const people = await this.people(rows.flatMap((t) => [t.assignedBy, t.focalOfficerId, ...(t.state?.reviewers ?? [])].filter((x): x is string => Boolean(x))));
    return rows.map((task) => toTaskView(task, units, people));
  }
}
