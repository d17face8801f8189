import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PersonRefDto, UnitRefDto } from '@dondoc/organisation';
import { TASK_STATUSES, type TaskStatus } from '@dondoc/workflows/task/task.types';
import { RISKS, type Risk } from '../statistics/task-state-at.sql';
import { TASK_ACTIONS, type TaskAction } from '../task-allowed-actions';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../assignment.entity';
import { BlockerView } from './blocker.dto';

export class PendingDto {
  @ApiProperty({ type: [Object], description: 'Escalation levels proposed and awaiting their deciders' }) escalations!: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) extensions!: Record<string, unknown>[];
  @ApiProperty({ type: [Object], description: 'Requests for explanation not yet answered' }) explanations!: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) beyondAuthority!: Record<string, unknown>[];
  @ApiProperty({ type: Object, nullable: true, description: 'Evidence awaiting review' }) evidenceReview!: Record<string, unknown> | null;
}

export class TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NV-2026-000123' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String }) program!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({
    enum: RISKS,
    nullable: true,
    description:
      'The risk colour now, against the current due time: RED overdue; AMBER due within the template’s AMBER working days (default 3); GREY not yet acknowledged (and neither red nor amber); ' +
      'BLUE in progress within its deadline; ORANGE done late; GREEN done on time; null when cancelled',
  })
  risk!: Risk | null;
  @ApiProperty({ description: 'A key task (nhiệm vụ trọng tâm)' }) key!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Working days (national calendar) from today to the date of the current due time, Asia/Ho_Chi_Minh: 0 due today, 2 due the second working day from today, ' +
      '−3 the due date was three working days ago; null once done or cancelled',
  })
  workingDaysLeft!: number | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) overdueSince!: string | null;
  @ApiProperty({ description: '0 none; 1 the head of the lead unit was notified; 2+ an approved ladder level' }) escalationLevel!: number;
  @ApiProperty({ nullable: true, type: Number }) progressPercent!: number | null;
  @ApiProperty({ type: UnitRefDto }) leadUnit!: UnitRefDto;
  @ApiProperty({ type: [UnitRefDto] }) coordinatingUnits!: UnitRefDto[];
  @ApiProperty({ type: PersonRefDto, nullable: true }) focalOfficer!: PersonRefDto | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) assignedBy!: PersonRefDto | null;
  @ApiProperty({ type: [PersonRefDto] }) reviewers!: PersonRefDto[];
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) originalDueAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Done by the original due time' }) completedOnTimeOriginal!: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Done by the (possibly extended) due time' }) completedOnTimeExtended!: boolean | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
  @ApiProperty({ description: '{ id, key, version } of the template version the task runs with' }) template!: { id: string; key: string; version: number };
  @ApiProperty({ type: [Object] }) milestones!: { title: string; dueAt: string }[];
  @ApiProperty({ type: PendingDto }) pending!: PendingDto;
  @ApiProperty({ type: Object, nullable: true, description: 'The latest evidence submission and its review' }) evidence!: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) progress!: { percent: number; note: string; at: string } | null;
  @ApiProperty({ description: 'Done, but after-care found the product failing repeatedly' }) regressed!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Until when the product is watched after completion' }) afterCareUntil!: string | null;
  @ApiProperty({ type: [BlockerView], description: 'Units the lead unit waits (or waited) on, open ones first; the due time does not move for them' }) blockers!: BlockerView[];
}

export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: [String], description: 'The criteria the template requires' }) required!: string[];
  @ApiProperty({
    type: Object,
    nullable: true,
    description:
      'The latest submission: what was claimed, and per criterion its status (pending, verifying, verified, failed, attested), the reasons of a failure, and every check made (each probe with its time, result, latency and reason).',
  })
  evidence!: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true, description: 'After completion: the product’s probes, and whether it regressed.' }) afterCare!: Record<string, unknown> | null;
}

export class TimelineEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'null: dondoc itself (a timer)' }) actor!: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: String }) fromStatus!: string | null;
  @ApiProperty() toStatus!: string;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
}

export class TaskDetailView extends TaskView {
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({
    enum: TASK_ACTIONS,
    enumName: 'TaskAction',
    isArray: true,
    description:
      'The actions you may take on the task right now, by the same rules that accept or refuse them (your part in the task and its state): ' +
      '`acknowledge`, `progress`, `requestExtension`, `answerExplanation`, `raiseBeyondAuthority`, `submitEvidence` (the lead unit); ' +
      '`requestExplanation`, `decideExtension`, `decideBeyondAuthority` (leaders over the unit, the assigner, reviewers, administrators); ' +
      '`reviewEvidence` (reviewers too); `decideEscalation` (the deciders of a pending level); `cancel` (administrators, leaders over the unit, the assigner); ' +
      '`closeAfterCare` (administrators, during after-care); `declareBlocker` (the lead unit), `resolveBlocker` (either side of an open blocker, or a leader over both), ' +
      '`decideBlocker` (a leader over the lead and the blocking unit, administrators). A `decide…`/`answer…`/`resolve…` name means at least one pending request of that kind ' +
      '(`decideEscalation`: one whose `deciders` include you). Input is not judged here: an approval still needs what the rules ask (e.g. verified evidence).',
  })
  actions!: TaskAction[];
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskView] }) items!: TaskView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** The tabs of a task list, each with the list query that shows its tasks. */
export class TaskCountsDto {
  @ApiProperty({ description: 'Every task (the list without tab filters)' }) all!: number;
  @ApiProperty({ description: 'ASSIGNED, IN_PROGRESS or EVIDENCE_SUBMITTED (`open=true`)' }) open!: number;
  @ApiProperty({ description: 'Open and flagged overdue (`open=true&overdue=true`)' }) overdue!: number;
  @ApiProperty({ description: 'Open and due from Monday 00:00 to Sunday 24:00 of the current week, Asia/Ho_Chi_Minh (`open=true&dueThisWeek=true`)' }) dueThisWeek!: number;
  @ApiProperty({ description: 'ASSIGNED: not yet acknowledged by the unit (`status=ASSIGNED`)' }) awaitingAcknowledgement!: number;
  @ApiProperty({ description: 'EVIDENCE_SUBMITTED: evidence being checked or awaiting the reviewer (`status=EVIDENCE_SUBMITTED`)' }) inReview!: number;
  @ApiProperty({ description: 'DONE (`status=DONE`)' }) done!: number;
  @ApiProperty({ description: 'CANCELLED (`status=CANCELLED`)' }) cancelled!: number;
}

/** A plan assignment's progress (`POST /api/assignments` answers it with 202; `GET /api/assignments/:id` reads it again). */
export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES, description: 'STARTING: the task workflows are being started; STARTED: every one has been started.' }) status!: AssignmentStatus;
  @ApiProperty({ description: 'Tasks in the plan' }) total!: number;
  @ApiProperty({ description: 'Task workflows started so far' }) started!: number;
  @ApiProperty({ description: 'Tasks whose workflow has recorded their assignment (the ASSIGNED event: notified, timers set)' }) recorded!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the last task workflow was started' }) startedAt!: string | null;
  @ApiProperty({ example: '/api/tasks?assignmentId=…', description: 'The list of the assignment’s tasks' }) tasks!: string;
}

export class BulkAssignResultDto {
  @ApiProperty({ type: [TaskView] }) tasks!: TaskView[];
  @ApiPropertyOptional() count?: number;
}
