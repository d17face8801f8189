/**
 * How a task's blockers become the `task_blockers` rows the statistics read: one row per blocker
 * of the workflow's snapshot, upserted by the recording activity in its transaction. Idempotent (a
 * retried batch writes the same values) and never moved back by an older snapshot.
 */
import type { EntityManager } from 'typeorm';
import type { Blocker, TaskSnapshot, TaskState } from '@dondoc/workflows/task/task.types';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const TASK_BLOCKER_COLUMNS = [
  'task_id',
  'id',
  'lead_unit_id',
  'blocking_unit_id',
  'coordinating',
  'reason',
  'awaited',
  'since',
  'declared_at',
  'declared_by',
  'status',
  'resolved_at',
  'resolved_by',
  'resolution',
  'confirmed_at',
  'confirmed_by',
  'recorded_seq',
] as const;
type Column = (typeof TASK_BLOCKER_COLUMNS)[number];

/** What a blocker's row holds after the snapshot's last event (`seq`). */
export function taskBlockerRow(taskId: string, blocker: Blocker, seq: number): Record<Column, unknown> {
  return {
    task_id: taskId,
    id: blocker.id,
    lead_unit_id: blocker.leadUnitId,
    blocking_unit_id: blocker.blockingUnitId,
    coordinating: blocker.coordinating,
    reason: blocker.reason,
    awaited: blocker.awaited,
    since: iso(blocker.since),
    declared_at: iso(blocker.declaredAt),
    declared_by: blocker.declaredBy,
    status: blocker.status,
    resolved_at: iso(blocker.resolvedAt),
    resolved_by: blocker.resolvedBy,
    resolution: blocker.resolution,
    confirmed_at: blocker.confirmed ? iso(blocker.confirmedAt) : null,
    confirmed_by: blocker.confirmed ? blocker.confirmedBy : null,
    recorded_seq: seq,
  };
}

/** The columns a later snapshot may change (a blocker's declaration never changes). */
const UPDATED: readonly Column[] = ['status', 'resolved_at', 'resolved_by', 'resolution', 'confirmed_at', 'confirmed_by', 'recorded_seq'];

/** Builds the upsert of `rows` blockers: one statement, parameters row by row. */
export function taskBlockersUpsertSql(rows: number): string {
  const width = TASK_BLOCKER_COLUMNS.length;
  const values = Array.from({ length: rows }, (_, r) => `(${TASK_BLOCKER_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  return `INSERT INTO task_blockers (${TASK_BLOCKER_COLUMNS.join(', ')}) VALUES ${values}
  ON CONFLICT (task_id, id) DO UPDATE SET ${UPDATED.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  WHERE task_blockers.recorded_seq <= EXCLUDED.recorded_seq`;
}

/** Writes every blocker of the snapshot (none: nothing to write). */
export async function upsertTaskBlockers(manager: EntityManager, { task, state }: Pick<TaskSnapshot, 'task' | 'state'>): Promise<void> {
  // A snapshot of a state written before blockers existed (schemaVersion 1) has none.
  const blockers = (state as Partial<TaskState>).blockers ?? [];
  if (blockers.length === 0) return;
  const rows = blockers.map((blocker) => taskBlockerRow(task.taskId, blocker, state.seq));
  await manager.query(
    taskBlockersUpsertSql(rows.length),
    rows.flatMap((row) => TASK_BLOCKER_COLUMNS.map((column) => row[column])),
  );
}
