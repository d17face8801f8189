import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Task } from './task.entity';

/**
 * One blocker of a task, as the statistics read it: the lead unit (which suffers the blocked
 * days) waited on the blocking unit (which is charged with them) from `since` until `resolved_at`
 * (open: until the cut-off). Written only by the task recording activity from the workflow's
 * snapshot (an idempotent upsert, never with an older snapshot); the state in `tasks.state` is
 * the source, this table its projection.
 */
@Entity({ name: 'task_blockers' })
export class TaskBlockerRecord {
  @PrimaryColumn({ name: 'task_id', type: 'uuid', primaryKeyConstraintName: 'PK_task_blockers' })
  taskId!: string;

  /** `BL<seq>`, unique within the task. */
  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'PK_task_blockers' })
  id!: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_task_blockers_task' })
  task?: Relation<Task>;

  /** The lead unit when the blocker was declared. */
  @Index('IDX_task_blockers_lead_unit_id')
  @Column({ name: 'lead_unit_id', type: 'uuid' })
  leadUnitId!: string;

  @Index('IDX_task_blockers_blocking_unit_id')
  @Column({ name: 'blocking_unit_id', type: 'uuid' })
  blockingUnitId!: string;

  /** The blocking unit coordinates the task (otherwise `reason` says why it is named). */
  @Column({ type: 'boolean' })
  coordinating!: boolean;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  awaited!: string;

  @Column({ type: 'timestamptz' })
  since!: Date;

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;

  @Column({ name: 'declared_by', type: 'uuid' })
  declaredBy!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: 'OPEN' | 'RESOLVED';

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Null when it ended by itself (`resolution` TASK_CLOSED or REASSIGNED). */
  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;

  /** Confirmed by a leader over both units as an objective cause (null: not confirmed). */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  /** The task's event sequence of the snapshot that wrote the row: an older one never overwrites it. */
  @Column({ name: 'recorded_seq', type: 'int' })
  recordedSeq!: number;
}
