/**
 * How a task's workflow becomes what lists and reports read: the `tasks` row (the first one, at
 * assignment, and every later one, from the workflow's snapshot) and its timeline entries.
 */
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { taskWorkflowId, type TaskDefinition, type TaskEvent, type TaskSnapshot, type TaskState } from '@dondoc/workflows/task/task.types';
import { DUE_CHANGE_EVENTS } from './statistics/task-state-at.sql';
import { TaskEventRecord, type Task } from './task.entity';

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/**
 * The people with a part in a task, who see it in their lists: the assigner, the reviewers, the
 * focal officer, every decider of a proposal, whoever asked for an explanation or decided an
 * extension or a matter beyond authority. Before the workflow has run (`state` null): the
 * assigner and the focal officer of the assignment.
 */
export function participantIds(task: TaskDefinition, state: TaskState | null): string[] {
  const participants = new Set<string>([task.assignedBy, ...(state?.reviewers ?? [])]);
  const focalOfficerId = state ? state.focalOfficerId : task.focalOfficerId;
  if (focalOfficerId) participants.add(focalOfficerId);
  for (const p of state?.proposals ?? []) p.deciders.forEach((id) => participants.add(id));
  for (const x of state?.explanations ?? []) if (x.requestedBy) participants.add(x.requestedBy);
  for (const e of state?.extensions ?? []) if (e.decidedBy) participants.add(e.decidedBy);
  for (const b of state?.beyondAuthority ?? []) if (b.decidedBy) participants.add(b.decidedBy);
  return [...participants];
}

/** Risk AMBER when a template does not say: due within 3 working days. */
export const DEFAULT_AMBER_WORKING_DAYS = 3;

/** The task's AMBER threshold in working days: its template's, or the default for plans made before the option existed. */
export function amberWorkingDaysOf(task: TaskDefinition): number {
  return task.plan.amberWorkingDays ?? DEFAULT_AMBER_WORKING_DAYS;
}

/**
 * The row written at assignment, before the workflow has recorded anything (`state` null,
 * `last_event_seq` 0): the workflow's first event overwrites it, or creates it if it is missing.
 */
export function initialTaskRow(task: TaskDefinition): Partial<Task> {
  return {
    id: task.taskId,
    code: task.code,
    title: task.title,
    description: task.description,
    program: task.program,
    templateId: task.plan.templateId,
    key: task.key ?? false,
    amberWorkingDays: amberWorkingDaysOf(task),
    leadUnitId: task.leadUnitId,
    coordinatingUnitIds: task.coordinatingUnitIds,
    focalOfficerId: task.focalOfficerId,
    assignedBy: task.assignedBy,
    assignedAt: new Date(task.assignedAt),
    originalDueAt: new Date(task.dueAt),
    dueAt: new Date(task.dueAt),
    status: 'ASSIGNED',
    participantIds: participantIds(task, null),
    milestones: task.milestones,
    definition: task,
    state: null,
    workflowId: taskWorkflowId(task.taskId),
    lastEventSeq: 0,
  };
}

/** The `tasks` columns written from a snapshot, in the order of the upsert's parameters. */
export const TASK_ROW_COLUMNS = [
  'id',
  'code',
  'title',
  'description',
  'program',
  'template_id',
  'lead_unit_id',
  'coordinating_unit_ids',
  'focal_officer_id',
  'assigned_by',
  'assigned_at',
  'original_due_at',
  'due_at',
  'status',
  'acknowledged_at',
  'overdue',
  'overdue_since',
  'escalation_level',
  'progress_percent',
  'completed_at',
  'completed_on_time_original',
  'completed_on_time_extended',
  'cancelled_at',
  'cancel_reason',
  'participant_ids',
  'milestones',
  'definition',
  'state',
  'workflow_id',
  'run_id',
  'last_event_seq',
  'regressed',
  'after_care_until',
  'key',
  'amber_working_days',
  'delivered_at',
  'real_users',
] as const;
export type TaskRowColumn = (typeof TASK_ROW_COLUMNS)[number];

/**
 * The columns an event may change; the others (the assignment: code, title, assigner, template…)
 * stay as they were first written.
 */
export const TASK_ROW_UPDATED_COLUMNS: readonly TaskRowColumn[] = [
  'lead_unit_id',
  'focal_officer_id',
  // Moves with the due time when the working-day calendar changes a day of the term (DUE_RECALCULATED).
  'original_due_at',
  'due_at',
  'status',
  'acknowledged_at',
  'overdue',
  'overdue_since',
  'escalation_level',
  'progress_percent',
  'completed_at',
  'completed_on_time_original',
  'completed_on_time_extended',
  'cancelled_at',
  'cancel_reason',
  'participant_ids',
  'state',
  'run_id',
  'last_event_seq',
  'regressed',
  'after_care_until',
  'delivered_at',
  'real_users',
];

/** The row after the snapshot's last event, as the values PostgreSQL receives (times as ISO text, JSON as text). */
export function taskRow(workflowId: string, { task, state, runId }: TaskSnapshot): Record<TaskRowColumn, unknown> {
  const afterCare = state.afterCare;
  return {
    id: task.taskId,
    code: task.code,
    title: task.title,
    description: task.description,
    program: task.program,
    template_id: task.plan.templateId,
    lead_unit_id: state.leadUnitId,
    coordinating_unit_ids: task.coordinatingUnitIds,
    focal_officer_id: state.focalOfficerId,
    assigned_by: task.assignedBy,
    assigned_at: task.assignedAt,
    original_due_at: iso(state.originalDueAt),
    due_at: iso(state.dueAt),
    status: state.status,
    acknowledged_at: isoOrNull(state.acknowledgedAt),
    overdue: state.overdue,
    overdue_since: isoOrNull(state.overdueSince),
    escalation_level: state.escalationLevel,
    progress_percent: state.progress?.percent ?? null,
    completed_at: isoOrNull(state.completedAt),
    completed_on_time_original: state.completedOnTimeOriginal,
    completed_on_time_extended: state.completedOnTimeExtended,
    cancelled_at: isoOrNull(state.cancelledAt),
    cancel_reason: state.cancelReason,
    participant_ids: participantIds(task, state),
    milestones: JSON.stringify(task.milestones),
    definition: JSON.stringify(task),
    state: JSON.stringify(state),
    workflow_id: workflowId,
    run_id: runId,
    last_event_seq: state.seq,
    regressed: afterCare?.regressed ?? false,
    // Watched until then while after-care runs; null once it is closed or ended (or never was).
    after_care_until: afterCare && afterCare.closedAt === null && afterCare.endedAt === null ? iso(afterCare.endsAt) : null,
    key: task.key ?? false,
    amber_working_days: amberWorkingDaysOf(task),
    // Done: when the accepted evidence was submitted (what on time is judged by).
    delivered_at: state.status === 'DONE' && state.evidence ? iso(state.evidence.submittedAt) : null,
    real_users: state.evidence?.criteria.REAL_USERS?.status ?? null,
  };
}

const UPSERT_SQL = `INSERT INTO tasks (${TASK_ROW_COLUMNS.join(', ')})
  VALUES (${TASK_ROW_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${TASK_ROW_UPDATED_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = now()
  WHERE tasks.last_event_seq < EXCLUDED.last_event_seq`;

/** Writes the row from the snapshot: creates it if missing, never overwrites a newer one. */
export async function upsertTaskRow(manager: EntityManager, workflowId: string, snapshot: TaskSnapshot): Promise<void> {
  const row = taskRow(workflowId, snapshot);
  await manager.query(UPSERT_SQL, TASK_ROW_COLUMNS.map((column) => row[column]));
}

/** The timeline entries of a task's events. */
export function taskEventRows(taskId: string, events: TaskEvent[]): QueryDeepPartialEntity<TaskEventRecord>[] {
  return events.map((e) => ({
    taskId,
    seq: e.seq,
    type: e.type,
    at: new Date(e.at),
    actorId: e.actorId,
    requestId: e.requestId,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    data: e.data,
  })) as QueryDeepPartialEntity<TaskEventRecord>[];
}

/**
 * Appends the events to the task's timeline, skipping those already there (a retried activity),
 * and returns the ones written now, in order.
 */
export async function insertTaskEvents(manager: EntityManager, taskId: string, events: TaskEvent[]): Promise<TaskEvent[]> {
  const inserted = await manager.createQueryBuilder().insert().into(TaskEventRecord).values(taskEventRows(taskId, events)).orIgnore().returning(['seq']).execute();
  const fresh = new Set((inserted.raw as { seq: number }[]).map((r) => r.seq));
  return events.filter((e) => fresh.has(e.seq));
}

/**
 * Notes on the row when its due time last changed (`due_changed_at`), from the batch's events that
 * move it (`DUE_CHANGE_EVENTS`): the statistics read an older due time from the timeline only
 * for tasks changed after their cut-off. Idempotent (the latest wins), so a retried batch is harmless.
 */
export async function markDueChanges(manager: EntityManager, taskId: string, events: TaskEvent[]): Promise<void> {
  const changes = events.filter((e) => (DUE_CHANGE_EVENTS as readonly string[]).includes(e.type) && typeof e.data.newDueAt === 'string');
  if (changes.length === 0) return;
  const latest = Math.max(...changes.map((e) => e.at));
  await manager.query(`UPDATE tasks SET due_changed_at = GREATEST(COALESCE(due_changed_at, $2), $2) WHERE id = $1`, [taskId, iso(latest)]);
}
