import { HttpStatus, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import {
  Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowExecutionStatusName,
} from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CalendarService } from '@dondoc/calendar';
import { AppException, conflict, hasRole, notFound, parseTerm, Role, validationFailed, type Actor, type FieldProblem } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { DirectoryService } from '@dondoc/organisation';
import {
  acknowledgeUpdate,
  answerExplanationUpdate,
  cancelUpdate,
  closeAfterCareUpdate,
  decideBeyondAuthorityUpdate,
  decideBlockerUpdate,
  declareBlockerUpdate,
  resolveBlockerUpdate,
  decideEscalationUpdate,
  decideExtensionUpdate,
  raiseBeyondAuthorityUpdate,
  reportProgressUpdate,
  requestExplanationUpdate,
  requestExtensionUpdate,
  reviewEvidenceUpdate,
  submitEvidenceUpdate,
  TASK_REFUSAL,
  type ActorRef,
  type InputProblem,
  type TaskSnapshot,
} from '@dondoc/workflows/task/task.types';
import { evidenceProblems, verificationPlan } from '@dondoc/workflows/task/evidence-rules';
import type {
  BeyondAuthorityDecisionDto,
  BeyondAuthorityDto,
  CancelDto,
  CloseAfterCareDto,
  DecisionDto,
  ExtensionDecisionDto,
  EvidenceDto,
  ExplanationAnswerDto,
  ExplanationRequestDto,
  ExtensionRequestDto,
  ProgressDto,
  ReviewDto,
} from './dto/task.dto';
import type { DecideBlockerDto, DeclareBlockerDto, ResolveBlockerDto } from './dto/blocker.dto';
import type { TaskDetailView } from './dto/task-view.dto';
import { describeProblem, describeRefusal, inEveryLanguage, type ReceivedRefusal } from './refusal-messages';
import { forbidden, TaskAccessService, type Relation } from './task-access.service';
import { TaskQueriesService } from './task-queries.service';
import { Task } from './task.entity';

/** A refusal (the workflow's, or the service's own in the workflow's words): 409 with its text and rule. */
const refused = (refusal: ReceivedRefusal): AppException => conflict(inEveryLanguage((language) => describeRefusal(refusal, language)), { rule: refusal.rule });

/** Problems with an action's input: 400 naming each field, with its rule and text. */
const invalid = (problems: (Omit<InputProblem, 'rule'> & { rule: string })[]): AppException =>
  validationFailed(problems.map((problem): FieldProblem => ({ field: problem.field, rule: problem.rule, message: inEveryLanguage((language) => describeProblem(problem, language)) })));

/** An action on a task that is no longer open: 409 saying why. */
const taskClosed = (status: string): AppException => refused({ rule: 'taskClosed', params: { kind: status === 'DONE' || status === 'CANCELLED' ? status : 'ENDED' } });
const noAfterCare = (): AppException => refused({ rule: 'noAfterCare' });
const taskStarting = (): AppException => refused({ rule: 'taskStarting' });

/** How a workflow that will take no more updates describes itself. */
const CLOSED_WORKFLOW: WorkflowExecutionStatusName[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT'];

/** Fields of an action that name a unit: a decider may name only units within their scope. */
const NAMED_UNITS = ['newLeadUnitId'] as const;

/** How a caller repeats a request safely: its Idempotency-Key, else its request id. */
export interface ActionOptions {
  idempotencyKey?: string;
}

/**
 * The actions on a task, each a Temporal Update sent by its name. A retried request (same
 * Idempotency-Key, or same X-Request-Id) reuses the Update's id, so Temporal returns the first
 * result instead of acting twice; the API waits a bounded time for the result.
 */
@Injectable()
export class TaskActionsService implements OnApplicationShutdown {
  private readonly logger = new Logger(TaskActionsService.name);
  /** Requests waiting for an Update: a stopping API stops waiting (no call outlives the connection). */
  private readonly waiting = new Set<AbortController>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly config: AppConfig,
    private readonly access: TaskAccessService,
    private readonly queries: TaskQueriesService,
    private readonly directory: DirectoryService,
    private readonly calendar: CalendarService,
  ) {}

  onApplicationShutdown(): void {
    for (const controller of this.waiting) controller.abort();
  }

  /** The lead unit confirms receipt. */
  acknowledge(actor: Actor, id: string, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'member', acknowledgeUpdate, {}, options);
  }

  /** The lead unit reports a percentage and a note. */
  reportProgress(actor: Actor, id: string, dto: ProgressDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'member', reportProgressUpdate, { percent: dto.percent, note: dto.note }, options);
  }

  /**
   * The lead unit asks for a later due time: an instant, or a term after the current due time
   * (`extendBy`; working days are counted here, in the calendar: the workflow gets an instant).
   */
  requestExtension(actor: Actor, id: string, dto: ExtensionRequestDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    if (dto.newDueAt !== undefined && dto.extendBy !== undefined) {
      throw validationFailed([{ field: 'extendBy', rule: 'exclusive', message: { vi: 'chỉ nêu một trong hai: newDueAt hoặc extendBy', en: 'give newDueAt or extendBy, not both' } }]);
    }
    if (dto.newDueAt === undefined && dto.extendBy === undefined) {
      throw validationFailed([{ field: 'newDueAt', rule: 'isDefined', message: { vi: 'cần newDueAt (thời hạn mới) hoặc extendBy (như 5wd, 10d)', en: 'newDueAt (the new due time) or extendBy (such as 5wd, 10d) is required' } }]);
    }
    return this.act(actor, id, 'member', requestExtensionUpdate, async (task) => ({ newDueAt: await this.extendedDue(task, dto), reason: dto.reason }), options);
  }

  /** The due time an extension request asks for: as given, or its term after the task's current due time. */
  private async extendedDue(task: Task, dto: ExtensionRequestDto): Promise<string> {
    if (dto.newDueAt !== undefined) return dto.newDueAt;
    const term = parseTerm(dto.extendBy!)!;
    const current = task.dueAt.getTime();
    const due = 'workingDays' in term ? (await this.calendar.current()).addWorkingDays(current, term.workingDays) : new Date(current + term.seconds * 1000);
    return due.toISOString();
  }

  /** A supervisor approves or rejects an extension request. */
  decideExtension(actor: Actor, id: string, requestId: string, dto: ExtensionDecisionDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'supervisor', decideExtensionUpdate, { requestId, approve: dto.approve, comment: dto.comment ?? null, objectiveCause: dto.objectiveCause ?? false }, options);
  }

  /** A supervisor asks the lead unit to explain, by a deadline. */
  requestExplanation(actor: Actor, id: string, dto: ExplanationRequestDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'supervisor', requestExplanationUpdate, { question: dto.question, deadline: dto.deadline }, options);
  }

  /** The lead unit answers a request for explanation. */
  answerExplanation(actor: Actor, id: string, requestId: string, dto: ExplanationAnswerDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'member', answerExplanationUpdate, { requestId, answer: dto.answer }, options);
  }

  /** The lead unit reports a matter beyond its authority. */
  raiseBeyondAuthority(actor: Actor, id: string, dto: BeyondAuthorityDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'member', raiseBeyondAuthorityUpdate, { reason: dto.reason }, options);
  }

  /** A supervisor decides a matter beyond authority (a reassignment names an active unit in the decider's scope). */
  async decideBeyondAuthority(actor: Actor, id: string, requestId: string, dto: BeyondAuthorityDecisionDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    const payload = { requestId, decision: dto.decision, comment: dto.comment, newDueAt: dto.newDueAt, newLeadUnitId: dto.newLeadUnitId, newFocalOfficerId: dto.newFocalOfficerId ?? null };
    return this.act(actor, id, 'supervisor', decideBeyondAuthorityUpdate, payload, options, () => (dto.decision === 'REASSIGN' ? this.checkReassignment(dto.newLeadUnitId, dto.newFocalOfficerId) : undefined));
  }

  /** A decider of a proposed escalation level approves or rejects it. */
  decideEscalation(actor: Actor, id: string, proposalId: string, dto: DecisionDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'decider', decideEscalationUpdate, { requestId: proposalId, approve: dto.approve, comment: dto.comment ?? null }, options);
  }

  /** The lead unit submits evidence of a working result. */
  submitEvidence(actor: Actor, id: string, dto: EvidenceDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'member', submitEvidenceUpdate, { items: { ...dto } }, options, (task) => this.checkEvidence(task, dto, actor));
  }

  /** A reviewer approves (done) or rejects the evidence. */
  reviewEvidence(actor: Actor, id: string, dto: ReviewDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'reviewer', reviewEvidenceUpdate, { approve: dto.approve, comment: dto.comment ?? null, rejections: { ...(dto.rejections ?? {}) } }, options);
  }

  /** An administrator, a leader over the unit or the assigner cancels the task. */
  cancel(actor: Actor, id: string, dto: CancelDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'canceller', cancelUpdate, { reason: dto.reason }, options);
  }

  /** An administrator ends a done task's after-care. */
  closeAfterCare(actor: Actor, id: string, dto: CloseAfterCareDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'administrator', closeAfterCareUpdate, { reason: dto.reason }, { ...options, afterCare: true });
  }

  /**
   * The lead unit declares that it waits on another unit: an active unit (a coordinating one, or
   * another with a reason, which the workflow checks), since a time not in the future. The due
   * time does not move; the blocking unit is told and reminded.
   */
  declareBlocker(actor: Actor, id: string, dto: DeclareBlockerDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    const payload = { blockingUnitId: dto.blockingUnitId, awaited: dto.awaited, since: dto.since ?? null, reason: dto.reason ?? null };
    return this.act(actor, id, 'member', declareBlockerUpdate, payload, options, () => this.checkBlocker(dto));
  }

  /** Either side of a blocker (the lead unit, the blocking unit's head or officers) or a leader over both marks it resolved. */
  resolveBlocker(actor: Actor, id: string, blockerId: string, dto: ResolveBlockerDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'blockerResolver', resolveBlockerUpdate, { blockerId, resolution: dto.resolution }, options);
  }

  /** A leader over both units (or an administrator) confirms a blocker as an objective cause or not, and may end it. */
  decideBlocker(actor: Actor, id: string, blockerId: string, dto: DecideBlockerDto, options: ActionOptions = {}): Promise<TaskDetailView> {
    return this.act(actor, id, 'blockerDecider', decideBlockerUpdate, { blockerId, confirm: dto.confirm, end: dto.end ?? false, comment: dto.comment }, options);
  }

  /**
   * What the API checks of a blocker before the workflow does the rest (the lead unit itself, a
   * reason for a unit outside the task, a time before the assignment): the unit exists and is
   * active (any unit, in scope or not: a unit often waits on one it does not oversee), and `since`
   * is not in the future by this server's clock.
   */
  async checkBlocker(dto: DeclareBlockerDto): Promise<void> {
    const problems: FieldProblem[] = [];
    const unit = await this.directory.findUnit(dto.blockingUnitId);
    if (!unit?.active) problems.push({ field: 'blockingUnitId', rule: 'activeUnit', message: { vi: 'blockingUnitId không phải đơn vị đang hoạt động', en: 'blockingUnitId is not an active unit' } });
    if (dto.since !== undefined && Date.parse(dto.since) > Date.now()) {
      problems.push({ field: 'since', rule: 'notInFuture', message: inEveryLanguage((language) => describeProblem({ field: 'since', rule: 'notInFuture' }, language)) });
    }
    if (problems.length > 0) throw validationFailed(problems);
  }

  /**
   * Runs an action as a Temporal Update: 404 outside scope, 403 when the actor has no part in it,
   * 409 with the workflow's reason when the task's state does not allow it (a task no longer open
   * is the workflow's to refuse too). The Update's id comes from the request, so a retry returns the
   * first result; the API waits at most `TASK_ACTION_WAIT_MS` for it, then answers 503 with
   * Retry-After while the action completes.
   */
  private async act<Args extends { actor: ActorRef }>(
    actor: Actor,
    id: string,
    relation: Relation,
    update: UpdateDefinition<TaskSnapshot, [Args]>,
    input: Omit<Args, 'actor'> | ((task: Task) => Promise<Omit<Args, 'actor'>>),
    options: ActionOptions & { afterCare?: boolean },
    check?: (task: Task) => Promise<void> | void,
  ): Promise<TaskDetailView> {
    const task = await this.access.visibleTask(actor, id);
    // An input that depends on the task (an extension by a term) is worked out once the caller may act.
    const known = typeof input === 'function' ? {} : input;
    if (!(await this.access.relates(actor, task, relation, known))) throw forbidden();
    const payload = typeof input === 'function' ? await input(task) : input;
    await this.assertNamedUnitsInScope(actor, payload);
    // After-care belongs to a done task, whose workflow runs only while the product is watched.
    if (options.afterCare && task.afterCareUntil === null) throw noAfterCare();
    if (check) await check(task);
    const user = await this.directory.findUser(actor.id!);
    if (!user) throw forbidden();
    const args = { ...payload, actor: { id: user.id, name: user.name, requestId: actor.requestId } } as Args;
    const key = options.idempotencyKey ?? actor.requestId;
    const updateId = key ? `${user.id}:${update.name}:${key}` : undefined;
    // The wait is bounded: past it the request answers 503 and stops waiting (the Update, admitted
    // by Temporal under its id, still completes; the same request sent again gets its result).
    const waitMs = this.config.tasks.actionWaitMs;
    const controller = new AbortController();
    this.waiting.add(controller);
    const timer = setTimeout(() => controller.abort(), waitMs);
    try {
      await this.temporal.withAbortSignal(controller.signal, () => this.temporal.workflow.getHandle(task.workflowId).executeUpdate(update, { args: [args], updateId }));
    } catch (error) {
      if (controller.signal.aborted) {
        this.logger.warn({ workflowId: task.workflowId, update: update.name, waitMs }, 'the action did not complete in time; answered 503');
        throw actionPending(Math.max(1, Math.ceil(waitMs / 1000)));
      }
      throw await this.translate(error, task, options);
    } finally {
      clearTimeout(timer);
      this.waiting.delete(controller);
    }
    return this.queries.get(actor, id);
  }

  /**
   * A figure of active users, where the template accepts one, may be attested only by the head of
   * the lead unit: the one rule of evidence that depends on the caller (the workflow checks the
   * rest for every caller). When it fails, the answer names the evidence's other problems too.
   */
  checkEvidence(task: Task, evidence: EvidenceDto, actor: Actor): void {
    if (evidence.realUsers?.attestedActiveUsers === undefined || !verificationPlan(task.definition.plan).allowAttestedUsers) return;
    if (hasRole(actor, Role.HEAD) && actor.unitId === task.leadUnitId) return;
    throw invalid([...evidenceProblems(task.definition, evidence), { field: 'realUsers.attestedActiveUsers', rule: 'headOnly' }]);
  }

  /** The reassignment target must be an active unit, and the focal officer one of its users. */
  async checkReassignment(newLeadUnitId: string | undefined, newFocalOfficerId: string | undefined): Promise<void> {
    if (!newLeadUnitId) return;
    const unit = await this.directory.findUnit(newLeadUnitId);
    if (!unit?.active) throw validationFailed([{ field: 'newLeadUnitId', rule: 'activeUnit', message: { vi: 'newLeadUnitId không phải đơn vị đang hoạt động', en: 'newLeadUnitId is not an active unit' } }]);
    if (newFocalOfficerId) {
      const officer = await this.directory.findUser(newFocalOfficerId);
      if (!officer?.active || officer.unitId !== newLeadUnitId) {
        throw validationFailed([{ field: 'newFocalOfficerId', rule: 'memberOfUnit', message: { vi: 'cán bộ đầu mối phải là người dùng đang hoạt động của đơn vị mới', en: 'the focal officer must be an active user of the new unit' } }]);
      }
    }
  }

  /**
   * Refusals from the workflow become 409 with their reason in the reader's language (400 naming
   * each field when the input is at fault). A workflow that closed between
   * reading the row and the update (a second click on an approval that just completed the task,
   * after-care that just ended) is a 409 too, with the task's state as the reason; only a Temporal
   * that cannot be reached, or a workflow still running that did not take the update, is a 503.
   */
  private async translate(error: unknown, task: Task, options: { afterCare?: boolean }): Promise<Error> {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === TASK_REFUSAL) {
      const refusal = error.cause.details?.[0] as ReceivedRefusal | undefined;
      // The input's fault (text no database stores, evidence that breaks its rules): 400 naming each field.
      if (refusal?.problems?.length) return invalid(refusal.problems);
      return refused(refusal ?? { rule: 'refused', vi: error.cause.message, en: error.cause.message });
    }
    if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      // The update was sent but its result did not come back in time: it may still complete.
      this.logger.warn({ workflowId: task.workflowId }, 'the update did not answer in time');
      return actionPending(5);
    }
    if (!(isGrpcServiceError(error) || error instanceof ServiceError || error instanceof WorkflowNotFoundError)) return error as Error;
    // A task of a plan assignment whose workflow is not started yet: not closed, only not there yet.
    if (error instanceof WorkflowNotFoundError && task.assignmentId !== null && task.lastEventSeq === 0) return taskStarting();
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
      return error instanceof WorkflowNotFoundError;
    }
  }

  /** Units an action names (REASSIGN's new lead unit) must be within the decider's scope: 404 otherwise, as an unknown unit. */
  private async assertNamedUnitsInScope(actor: Actor, payload: object): Promise<void> {
    for (const field of NAMED_UNITS) {
      const unitId = (payload as Partial<Record<(typeof NAMED_UNITS)[number], unknown>>)[field];
      if (typeof unitId === 'string' && !(await this.access.unitInScope(actor, unitId))) throw notFound('unit', unitId);
    }
  }
}

/** 503 while an accepted action is still completing: the same request, sent again, gets its result. */
function actionPending(retryAfter: number): AppException {
  return new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'ACTION_PENDING', { retryAfter });
}
