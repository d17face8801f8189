import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { AppException, hasRole, MAX_DURATION_SECONDS, notFound, parseTerm, Role, validationFailed, type Actor, type FieldProblem } from '@dondoc/common';
import { CalendarService, type WorkingCalendar } from '@dondoc/calendar';
import { AppConfig } from '@dondoc/config';
import { DirectoryService } from '@dondoc/organisation';
import { taskWorkflowId, type TaskDefinition } from '@dondoc/workflows/task/task.types';
import { Assignment } from './assignment.entity';
import { AssignmentStartsService } from './assignment-starts.service';
import type { AssignTaskDto } from './dto/task.dto';
import type { AssignmentView, TaskView } from './dto/task-view.dto';
import { forbidden, TaskAccessService } from './task-access.service';
import { TaskQueriesService } from './task-queries.service';
import { initialTaskRow } from './task-projection';
import { Task } from './task.entity';
import { startTaskWorkflow } from './task-workflow-start';
import { TaskTemplate } from './task-template.entity';
import { planOf, TemplatesService } from './templates.service';
import { defaultTerm, reminderTimesFor } from './working-day-terms';

/** Task rows per INSERT statement. */
const ROWS_PER_INSERT = 500;

/** Assigning tasks: checked first, then a workflow per task and its row (or, for a plan assignment, the rows and then the workflows). */
@Injectable()
export class TaskAssignmentService {
  private readonly logger = new Logger(TaskAssignmentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AppConfig,
    private readonly templates: TemplatesService,
    private readonly audit: AuditService,
    private readonly access: TaskAccessService,
    private readonly queries: TaskQueriesService,
    private readonly directory: DirectoryService,
    private readonly calendar: CalendarService,
    private readonly starts: AssignmentStartsService,
  ) {}

  /**
   * Assigns tasks (one, or a plan's list): every task is checked first and nothing is assigned
   * if any is wrong. Each workflow is started before its row is written (TASK_START_CONCURRENCY
   * at once); a workflow that starts without its row recreates it, and if a start fails every one
   * the request started is terminated.
   */
  async assign(actor: Actor, dtos: AssignTaskDto[], bulk: boolean): Promise<TaskView[]> {
    const definitions = await this.prepare(actor, dtos, bulk);
    const started: string[] = [];
    const limit = pLimit(this.config.tasks.startConcurrency);
    // After a failed start, the starts still queued are skipped (the ones started are rolled back below).
    let failing = false;
    const starts = await Promise.allSettled(
      definitions.map((task) =>
        limit(async () => {
          if (failing) return;
          await startTaskWorkflow(this.temporal, this.config, task, actor.requestId).catch((error: unknown) => {
            failing = true;
            throw error;
          });
          started.push(task.taskId);
        }),
      ),
    );
    const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      this.logger.error({ err: (failed.reason as Error).message, started: started.length, of: definitions.length }, 'starting task workflows failed; rolling back');
      await Promise.allSettled(started.map((id) => this.temporal.workflow.getHandle(taskWorkflowId(id)).terminate('assignment rolled back: another task of the same request failed to start')));
      await this.dataSource.getRepository(Task).delete({ id: In(started) }).catch(() => undefined);
      throw new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', { service: 'Temporal' });
    }
    try {
      // The row and the assignment's one audit entry, in the request itself (the workflow's ASSIGNED event is not audited again).
      await this.dataSource.transaction((tx) => this.writeRows(tx, actor, definitions, null));
    } catch (error) {
      // No workflow may run without its row: the ones just started are terminated.
      this.logger.error({ err: (error as Error).message, started: started.length }, 'writing task rows failed; terminating their workflows');
      await Promise.allSettled(started.map((id) => this.temporal.workflow.getHandle(taskWorkflowId(id)).terminate('assignment rolled back: its row could not be written')));
      throw error;
    }
    const rows = await this.dataSource.getRepository(Task).findBy({ id: In(definitions.map((d) => d.taskId)) });
    const views = await this.queries.views(rows);
    return definitions.map((d) => views.find((v) => v.id === d.taskId)!);
  }

  /**
   * Assigns a plan's tasks in one go (up to MAX_PLAN_TASKS): every task is checked first and nothing
   * is assigned if any is wrong; then the assignment and every task's row are written in one
   * transaction and the assignment's workflow starts the task workflows in the background. The
   * answer (202) is the assignment's progress; an assignment this API could not start (Temporal
   * unreachable, the process stopped) is started by the worker's sweeper, so no task is lost.
   */
  async assignPlan(actor: Actor, dtos: AssignTaskDto[]): Promise<AssignmentView> {
    const definitions = await this.prepare(actor, dtos, true);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(Assignment, { id, actorId: actor.id!, requestId: actor.requestId ?? null, total: definitions.length, started: 0, status: 'STARTING' });
      await this.writeRows(tx, actor, definitions, id);
    });
    await this.starts.start(id);
    return this.assignmentView(actor, id);
  }

  /** An assignment's progress: its creator and administrators see it; anyone else gets 404, as for an unknown one. */
  async assignmentView(actor: Actor, id: string): Promise<AssignmentView> {
    const assignment = await this.dataSource.getRepository(Assignment).findOneBy({ id });
    if (!assignment || (assignment.actorId !== actor.id && !hasRole(actor, Role.ADMIN))) throw notFound('assignment', id);
    const [{ recorded }] = await this.dataSource.query<{ recorded: number }[]>(
      'SELECT count(*)::int AS recorded FROM tasks WHERE assignment_id = $1 AND last_event_seq > 0',
      [id],
    );
    return {
      id,
      status: assignment.status,
      total: assignment.total,
      started: assignment.started,
      recorded,
      createdAt: assignment.createdAt.toISOString(),
      startedAt: assignment.startedAt?.toISOString() ?? null,
      tasks: `/api/tasks?assignmentId=${id}`,
    };
  }

  /** The tasks' rows and the assignment's audit entry per task (the workflow's ASSIGNED event is not audited again), in the caller's transaction. */
  private async writeRows(tx: EntityManager, actor: Actor, definitions: TaskDefinition[], assignmentId: string | null): Promise<void> {
    // A few hundred rows per statement: PostgreSQL takes at most 65,535 parameters in one.
    for (let i = 0; i < definitions.length; i += ROWS_PER_INSERT) {
      const rows = definitions.slice(i, i + ROWS_PER_INSERT).map((task) => ({ ...initialTaskRow(task), assignmentId }));
      await tx.createQueryBuilder().insert().into(Task).values(rows).orIgnore().execute();
    }
    await this.audit.recordMany(
      tx,
      actor,
      definitions.map((task) => ({
        action: 'TASK_CREATED',
        subjectType: 'task',
        subjectId: task.taskId,
        summary: { code: task.code, title: task.title, leadUnitId: task.leadUnitId, dueAt: task.dueAt, template: `${task.plan.templateKey} v${task.plan.templateVersion}`, ...(assignmentId ? { assignmentId } : {}) },
      })),
    );
  }

  /** Checks every task of the request; throws one 400 listing all problems (or 403 outside the assigner's scope). */
  private async prepare(actor: Actor, dtos: AssignTaskDto[], bulk: boolean): Promise<TaskDefinition[]> {
    const problems: FieldProblem[] = [];
    const at = (i: number, field: string) => (bulk ? `tasks[${i}].${field}` : field);
    const unitIds = [...new Set(dtos.flatMap((d) => [d.leadUnitId, ...(d.coordinatingUnitIds ?? [])]))];
    const units = new Map((await this.directory.units(unitIds)).map((u) => [u.id, u]));
    const officerIds = dtos.map((d) => d.focalOfficerId).filter((x): x is string => Boolean(x));
    const officers = new Map((await this.directory.users(officerIds)).map((u) => [u.id, u]));
    const templates = new Map<string, TaskTemplate | FieldProblem>();
    const now = Date.now();
    // Leaders assign only to units under them, and name only those as coordinating units; administrators anywhere.
    for (const dto of dtos) {
      for (const unitId of [dto.leadUnitId, ...(dto.coordinatingUnitIds ?? [])]) {
        const unit = units.get(unitId);
        if (unit && !hasRole(actor, Role.ADMIN) && !this.access.leads(actor, unit)) throw forbidden();
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
      if (dto.dueAt && dto.duration) problems.push({ field: at(i, 'duration'), rule: 'exclusive', message: { vi: 'chỉ nêu một trong hai: dueAt hoặc duration', en: 'give dueAt or duration, not both' } });
      if (dto.dueAt && Date.parse(dto.dueAt) <= now) problems.push({ field: at(i, 'dueAt'), rule: 'future', message: { vi: 'thời hạn phải ở tương lai', en: 'the due time must be in the future' } });
      const latest = now + MAX_DURATION_SECONDS * 1000;
      if (dto.dueAt && Date.parse(dto.dueAt) > latest) problems.push({ field: at(i, 'dueAt'), rule: 'withinFiftyYears', message: { vi: 'thời hạn không được quá 50 năm kể từ nay', en: 'the due time must be within 50 years from now' } });
      (dto.milestones ?? []).forEach((m, j) => {
        if (Date.parse(m.dueAt) > latest) problems.push({ field: at(i, `milestones[${j}].dueAt`), rule: 'withinFiftyYears', message: { vi: 'mốc không được quá 50 năm kể từ nay', en: 'a milestone must be within 50 years from now' } });
      });
    }
    if (problems.length > 0) throw validationFailed(problems);

    const codes = (await this.dataSource.query<{ code: string }[]>(
      `SELECT 'NV-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('task_code_seq')::text, 6, '0') AS code FROM generate_series(1, $1)`,
      [dtos.length],
    )).map((r) => r.code);
    const assignedAt = new Date(now).toISOString();
    // The working-day calendar is read only when a task counts in working days.
    let calendar: WorkingCalendar | undefined;
    const workingCalendar = async (): Promise<WorkingCalendar> => (calendar ??= await this.calendar.current());
    const definitions: TaskDefinition[] = [];
    for (const [i, dto] of dtos.entries()) {
      const template = templates.get(dto.templateKey) as TaskTemplate;
      // A due time given stays as given; a term (the task's, else the template's) counts from now.
      const term = dto.dueAt ? undefined : dto.duration ? parseTerm(dto.duration)! : defaultTerm(template.definition);
      const dueAt = !term ? Date.parse(dto.dueAt!) : 'workingDays' in term ? (await workingCalendar()).addWorkingDays(now, term.workingDays).getTime() : now + term.seconds * 1000;
      // Reminders in working days: their instants are counted here, the workflow keeps instants.
      const reminderWorkingDays = template.definition.reminderWorkingDays ?? [];
      const reminderTimes = reminderWorkingDays.length > 0 ? reminderTimesFor(await workingCalendar(), dueAt, reminderWorkingDays) : undefined;
      definitions.push({
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
        dueAt: new Date(dueAt).toISOString(),
        milestones: (dto.milestones ?? []).map((m) => ({ title: m.title, dueAt: new Date(Date.parse(m.dueAt)).toISOString() })),
        plan: planOf(template),
        key: dto.key ?? false,
        // A term in working days is recorded so that it can be counted again when the calendar changes; one in calendar days never moves.
        ...(term && 'workingDays' in term ? { term: { workingDays: term.workingDays, from: assignedAt } } : {}),
        ...(reminderTimes ? { reminderTimes } : {}),
      });
    }
    return definitions;
  }

}
