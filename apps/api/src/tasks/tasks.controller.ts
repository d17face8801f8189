import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestLanguage, Roles } from '@dondoc/auth';
import { IdempotencyKey, invalidField, Role, uuidParam, type Actor, type Language } from '@dondoc/common';
import {
  AssignTaskDto,
  BeyondAuthorityDecisionDto,
  BeyondAuthorityDto,
  BulkAssignDto,
  BulkAssignResultDto,
  CancelDto,
  CloseAfterCareDto,
  DecideBlockerDto,
  DecisionDto,
  DeclareBlockerDto,
  EvidenceView,
  EvidenceDto,
  ExplanationAnswerDto,
  ExplanationRequestDto,
  ExtensionDecisionDto,
  ExtensionRequestDto,
  ProgressDto,
  ResolveBlockerDto,
  ReviewDto,
  TaskCountsDto,
  TaskCountsQueryDto,
  TaskDetailView,
  TaskPageDto,
  TaskQueryDto,
  TaskActionsService,
  TaskAssignmentService,
  TaskQueriesService,
  TaskView,
} from '@dondoc/tasks';

/** Ids of requests inside a task: P12 (escalation), E7 (extension), X9 (explanation), B4 (beyond authority), BL5 (blocker). */
const requestIdPipe = (prefix: string, field = 'requestId'): PipeTransform<string, string> => ({
  transform: (value: string) => {
    if (!new RegExp(`^${prefix}\\d{1,9}$`).test(value)) {
      throw invalidField(field, 'matches', { vi: `${field} phải có dạng ${prefix}<số>`, en: `${field} must look like ${prefix}<number>` });
    }
    return value;
  },
});

const ACTION_ERRORS = [
  ApiForbiddenResponse({ description: 'You have no part in this action on the task.' }),
  ApiNotFoundResponse({ description: 'No such task within your scope.' }),
  ApiConflictResponse({ description: 'The task’s state does not allow the action; `message` says why.' }),
  ApiServiceUnavailableResponse({ description: 'The action was accepted but did not complete within TASK_ACTION_WAIT_MS (`ACTION_PENDING`, with Retry-After): send the same request again, with the same Idempotency-Key, for its result.' }),
];
const actionDocs = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key (by the same user) returns the first result instead of acting twice; without it the request id (X-Request-Id) serves.' }),
    ApiOkResponse({ type: TaskDetailView }),
    ...ACTION_ERRORS,
  );

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly assignment: TaskAssignmentService,
    private readonly queries: TaskQueriesService,
    private readonly actions: TaskActionsService,
  ) {}

  @Post()
  @Roles(Role.ADMIN, Role.LEADER)
  @ApiOperation({ summary: 'Assign a task (administrators; leaders for units under them). Starts its workflow.' })
  @ApiCreatedResponse({ type: TaskView })
  async assign(@CurrentActor() actor: Actor, @Body() dto: AssignTaskDto): Promise<TaskView> {
    const [task] = await this.assignment.assign(actor, [dto], false);
    return task;
  }

  @Post('bulk')
  @Roles(Role.ADMIN, Role.LEADER)
  @ApiOperation({ summary: 'Assign a plan’s list of tasks: all are checked first; if any is wrong none is assigned (errors name tasks[i].field).' })
  @ApiCreatedResponse({ type: BulkAssignResultDto })
  async bulk(@CurrentActor() actor: Actor, @Body() dto: BulkAssignDto): Promise<BulkAssignResultDto> {
    const tasks = await this.assignment.assign(actor, dto.tasks, true);
    return { tasks, count: tasks.length };
  }

  @Get()
  @ApiOperation({ summary: 'Tasks within your scope, soonest due first (or by risk); filter by unit, status, open, overdue, due this week, program, due range.' })
  @ApiOkResponse({ type: TaskPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: TaskQueryDto): Promise<TaskPageDto> {
    return this.queries.list(actor, query);
  }

  @Get('counts')
  @ApiOperation({
    summary:
      'How many tasks each tab of the task list holds, with the list’s filters except those that pick a tab (status, overdue, open, dueThisWeek), within your scope. “This week”: Monday 00:00 to Sunday 24:00, Asia/Ho_Chi_Minh.',
  })
  @ApiOkResponse({ type: TaskCountsDto })
  counts(@CurrentActor() actor: Actor, @Query() query: TaskCountsQueryDto): Promise<TaskCountsDto> {
    return this.queries.counts(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A task with its pending decisions, full timeline and the actions you may take on it now; 404 outside your scope.' })
  @ApiOkResponse({ type: TaskDetailView })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<TaskDetailView> {
    return this.queries.get(actor, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @actionDocs('Acknowledge the task (the lead unit).')
  acknowledge(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.acknowledge(actor, id, { idempotencyKey: key });
  }

  @Post(':id/progress')
  @HttpCode(200)
  @actionDocs('Report progress: a percentage and a note (the lead unit).')
  progress(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ProgressDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.reportProgress(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/extension-requests')
  @HttpCode(200)
  @actionDocs('Ask for a later due time, with a reason (the lead unit).')
  requestExtension(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ExtensionRequestDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.requestExtension(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/extension-requests/:requestId/decision')
  @HttpCode(200)
  @actionDocs('Approve or reject an extension (leaders over the unit, the assigner, reviewers, administrators); a comment is required to reject; `objectiveCause` marks an approved delay as excused for the quarterly scorecard.')
  decideExtension(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('requestId', requestIdPipe('E')) requestId: string, @Body() dto: ExtensionDecisionDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.decideExtension(actor, id, requestId, dto, { idempotencyKey: key });
  }

  @Post(':id/explanation-requests')
  @HttpCode(200)
  @actionDocs('Ask the lead unit to explain, by a deadline (leaders over the unit, the assigner, reviewers, administrators).')
  requestExplanation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ExplanationRequestDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.requestExplanation(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/explanation-requests/:requestId/answer')
  @HttpCode(200)
  @actionDocs('Answer a request for explanation (the lead unit).')
  answerExplanation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('requestId', requestIdPipe('X')) requestId: string, @Body() dto: ExplanationAnswerDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.answerExplanation(actor, id, requestId, dto, { idempotencyKey: key });
  }

  @Post(':id/beyond-authority')
  @HttpCode(200)
  @actionDocs('Report a matter beyond the unit’s authority and ask for a decision (the lead unit).')
  raiseBeyondAuthority(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: BeyondAuthorityDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.raiseBeyondAuthority(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/beyond-authority/:requestId/decision')
  @HttpCode(200)
  @actionDocs('Decide a matter beyond authority: give direction, extend, reassign to another unit, cancel, or return (leaders over the unit, the assigner, reviewers, administrators).')
  decideBeyondAuthority(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('requestId', requestIdPipe('B')) requestId: string, @Body() dto: BeyondAuthorityDecisionDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.decideBeyondAuthority(actor, id, requestId, dto, { idempotencyKey: key });
  }

  @Post(':id/escalations/:proposalId/decision')
  @HttpCode(200)
  @actionDocs('Approve or reject a proposed escalation level (its deciders); a comment is required to reject.')
  decideEscalation(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('proposalId', requestIdPipe('P')) proposalId: string, @Body() dto: DecisionDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.decideEscalation(actor, id, proposalId, dto, { idempotencyKey: key });
  }

  @Post(':id/evidence')
  @HttpCode(200)
  @actionDocs('Submit evidence of a working result, one object per criterion; documents are supporting material only (the lead unit).')
  submitEvidence(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: EvidenceDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.submitEvidence(actor, id, dto, { idempotencyKey: key });
  }

  @Get(':id/evidence')
  @ApiOperation({ summary: 'The reviewer’s view of the evidence: each criterion’s status, reasons and every probe and check made; after-care.' })
  @ApiOkResponse({ type: EvidenceView })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'], description: 'Language of the reasons (default: the user’s).' })
  evidence(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @RequestLanguage() language: Language): Promise<EvidenceView> {
    return this.queries.evidence(actor, id, language);
  }

  @Post(':id/after-care/close')
  @HttpCode(200)
  @actionDocs('End the watching of a done task’s product, with a reason (administrators).')
  closeAfterCare(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CloseAfterCareDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.closeAfterCare(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/evidence/review')
  @HttpCode(200)
  @actionDocs('Review the evidence: approve (the task is done) or reject with a reason per criterion (back in progress) (reviewers, leaders over the unit, the assigner, administrators).')
  review(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ReviewDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.reviewEvidence(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @actionDocs('Cancel the task, with a reason: every timer stops (administrators, leaders over the unit, the assigner).')
  cancel(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: CancelDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.cancel(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/blockers')
  @HttpCode(200)
  @actionDocs(
    'Declare a blocker: the lead unit waits on another unit (a coordinating unit, or another active unit with a reason), for what, since when. The due time does not move; the blocking unit’s head and officers are told and reminded, and the blocked days count against it in the statistics (the lead unit’s officers, focal officer and head).',
  )
  declareBlocker(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: DeclareBlockerDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.declareBlocker(actor, id, dto, { idempotencyKey: key });
  }

  @Post(':id/blockers/:blockerId/resolve')
  @HttpCode(200)
  @actionDocs('Mark an open blocker resolved, saying how (either side: the lead unit’s people, the blocking unit’s head or officers; or a leader over both units, administrators).')
  resolveBlocker(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('blockerId', requestIdPipe('BL', 'blockerId')) blockerId: string, @Body() dto: ResolveBlockerDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.resolveBlocker(actor, id, blockerId, dto, { idempotencyKey: key });
  }

  @Post(':id/blockers/:blockerId/decide')
  @HttpCode(200)
  @actionDocs(
    'Decide on a blocker, once, with a comment: confirm it as an objective cause (which the quarterly scorecard excuses) or not, and optionally end it (a leader over both units — a LEADER whose subtree holds both, or the head of their lowest common unit — or an administrator).',
  )
  decideBlocker(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Param('blockerId', requestIdPipe('BL', 'blockerId')) blockerId: string, @Body() dto: DecideBlockerDto, @IdempotencyKey() key: string | undefined): Promise<TaskDetailView> {
    return this.actions.decideBlocker(actor, id, blockerId, dto, { idempotencyKey: key });
  }
}
