import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import type { Unit } from '@dondoc/organisation';
import { upcastTaskState } from '@dondoc/workflows/task/task-rules';
import type { Milestone, TaskDefinition, TaskEventType, TaskState, TaskStatus } from '@dondoc/workflows/task/task.types';
import { awaitingDecisionSql } from './task-awaiting-decision.sql';
import type { Assignment } from './assignment.entity';
import type { TaskTemplate } from './task-template.entity';

/**
 * A task as lists and reports read it. The workflow is the only writer after assignment: every
 * event upserts this row from the workflow's snapshot, so a missing row is recreated.
 */
@Entity({ name: 'tasks' })
@Unique('UQ_tasks_code', ['code'])
@Unique('UQ_tasks_workflow_id', ['workflowId'])
@Check('CK_tasks_status', `"status" IN ('ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED', 'DONE', 'CANCELLED')`)
@Check('CK_tasks_progress', `"progress_percent" IS NULL OR ("progress_percent" BETWEEN 0 AND 100)`)
@Check('CK_tasks_amber_working_days', `"amber_working_days" BETWEEN 0 AND 60`)
// The few tasks waiting on someone's decision, for the decisions queue (see awaitingDecisionSql).
@Index('IDX_tasks_awaiting_decision', ['leadUnitId'], { where: awaitingDecisionSql((column) => `"${column}"`) })
// A plan assignment's tasks in id order, for starting their workflows page by page; most tasks have none.
@Index('IDX_tasks_assignment_id', ['assignmentId', 'id'], { where: `"assignment_id" IS NOT NULL` })
export class Task {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_tasks' })
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  code!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Index('IDX_tasks_program')
  @Column({ type: 'varchar', length: 200, nullable: true })
  program!: string | null;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  /**
   * A key task (nhiệm vụ trọng tâm), counted apart in the statistics. The covering index of the
   * statistics (lead unit, then every column they read, `id` and `program` included) is declared in
   * the Statistics and StatisticsSpeed migrations.
   */
  @Index('IDX_tasks_statistics', { synchronize: false })
  @Column({ type: 'boolean', default: false })
  key!: boolean;

  /** AMBER: due within this many working days (the template's option, copied at assignment). */
  @Column({ name: 'amber_working_days', type: 'int', default: 3 })
  amberWorkingDays!: number;

  @ManyToOne('TaskTemplate', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'FK_tasks_template' })
  template?: Relation<TaskTemplate>;

  @Index('IDX_tasks_lead_unit_id')
  @Column({ name: 'lead_unit_id', type: 'uuid' })
  leadUnitId!: string;

  @ManyToOne('Unit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_unit_id', foreignKeyConstraintName: 'FK_tasks_lead_unit' })
  leadUnit?: Relation<Unit>;

  @Column({ name: 'coordinating_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  coordinatingUnitIds!: string[];

  @Column({ name: 'focal_officer_id', type: 'uuid', nullable: true })
  focalOfficerId!: string | null;

  @Column({ name: 'assigned_by', type: 'uuid' })
  assignedBy!: string;

  @Index('IDX_tasks_assigned_at')
  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;

  @Index('IDX_tasks_original_due_at')
  @Column({ name: 'original_due_at', type: 'timestamptz' })
  originalDueAt!: Date;

  @Index('IDX_tasks_due_at')
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Index('IDX_tasks_status')
  @Column({ type: 'varchar', length: 20 })
  status!: TaskStatus;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ name: 'overdue_since', type: 'timestamptz', nullable: true })
  overdueSince!: Date | null;

  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel!: number;

  @Column({ name: 'progress_percent', type: 'int', nullable: true })
  progressPercent!: number | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** When the accepted evidence was submitted: a done task is on time if it was delivered by the due time. */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** When the due time last changed (extension, matter beyond authority, recalculation): before it, the timeline says which due time was in force. */
  @Column({ name: 'due_changed_at', type: 'timestamptz', nullable: true })
  dueChangedAt!: Date | null;

  /** The latest evidence's REAL_USERS criterion: `verified` (read from a metrics URL), `attested` (a head's figure), or another status; null without one. */
  @Column({ name: 'real_users', type: 'varchar', length: 10, nullable: true })
  realUsers!: string | null;

  @Column({ name: 'completed_on_time_original', type: 'boolean', nullable: true })
  completedOnTimeOriginal!: boolean | null;

  @Column({ name: 'completed_on_time_extended', type: 'boolean', nullable: true })
  completedOnTimeExtended!: boolean | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  /** After completion: the product stopped working (after-care found it failing repeatedly). */
  @Index('IDX_tasks_regressed')
  @Column({ type: 'boolean', default: false })
  regressed!: boolean;

  /** Until when the product is watched after completion (null: not, or no longer). */
  @Column({ name: 'after_care_until', type: 'timestamptz', nullable: true })
  afterCareUntil!: Date | null;

  /** People with a part in the task (assigner, focal officer, reviewers, deciders): they see it. */
  @Index('IDX_tasks_participant_ids', { synchronize: false })
  @Column({ name: 'participant_ids', type: 'uuid', array: true, default: () => "'{}'" })
  participantIds!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: Milestone[];

  /** The assignment as the workflow received it (template plan included). */
  @Column({ type: 'jsonb' })
  definition!: TaskDefinition;

  /** The workflow's state after the last event: pending requests, evidence, progress (read in the current shape, whatever wrote it). */
  @Column({ type: 'jsonb', nullable: true, transformer: { from: (raw: unknown) => (raw == null ? null : upcastTaskState(raw)), to: (state: TaskState | null) => state } })
  state!: TaskState | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 100 })
  workflowId!: string;

  /** The plan assignment that created the task (`POST /api/assignments`); null for one assigned on its own or by `POST /api/tasks/bulk`. */
  @Column({ name: 'assignment_id', type: 'uuid', nullable: true })
  assignmentId!: string | null;

  @ManyToOne('Assignment', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'FK_tasks_assignment' })
  assignment?: Relation<Assignment>;

  @Column({ name: 'run_id', type: 'varchar', length: 100, nullable: true })
  runId!: string | null;

  @Column({ name: 'last_event_seq', type: 'int', default: 0 })
  lastEventSeq!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One entry of a task's timeline, numbered by the workflow; (task, seq) makes writes idempotent. */
@Entity({ name: 'task_events' })
export class TaskEventRecord {
  @PrimaryColumn({ name: 'task_id', type: 'uuid', primaryKeyConstraintName: 'PK_task_events' })
  taskId!: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'PK_task_events' })
  seq!: number;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_task_events_task' })
  task?: Relation<Task>;

  @Column({ type: 'varchar', length: 40 })
  type!: TaskEventType;

  /** The events the statistics count, by task and time (a partial index declared in the Statistics migration). */
  @Index('IDX_task_events_statistics', { synchronize: false })
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus!: TaskStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus!: TaskStatus;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;
}

