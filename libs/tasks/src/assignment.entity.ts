import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { User } from '@dondoc/organisation';

export const ASSIGNMENT_STATUSES = ['STARTING', 'STARTED'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * A plan's tasks assigned in one go (`POST /api/assignments`), written in the same transaction as
 * their rows: the API answers 202 at once and the workflow `assignment-<id>` starts the tasks'
 * workflows page by page. One still STARTING after a while (the API stopped before starting that
 * workflow, Temporal was unreachable) is started again by the worker's sweeper, so no task is lost.
 */
@Entity({ name: 'assignments' })
@Check('CK_assignments_status', `"status" IN ('STARTING', 'STARTED')`)
@Index('IDX_assignments_starting', ['createdAt'], { where: `"status" = 'STARTING'` })
export class Assignment {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_assignments' })
  id!: string;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_assignments_actor' })
  actor?: Relation<User>;

  /** The request that assigned the plan: the task workflows carry it into their events. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'int' })
  total!: number;

  /** Task workflows started so far (their pages in task id order). */
  @Column({ type: 'int', default: 0 })
  started!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: AssignmentStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the last task workflow was started (null: not yet). */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;
}
