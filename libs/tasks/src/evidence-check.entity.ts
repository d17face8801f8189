import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { CheckReason } from '@dondoc/evidence';
import type { Task } from './task.entity';

export type EvidenceCheckKind = 'PROBE' | 'DATASET' | 'METRIC';

/**
 * One check of a task's evidence: a probe of its product, a dataset download, a metric read,
 * or a probe of after-care. (task, evidence, criterion, index) makes a retried check a no-op.
 */
@Entity({ name: 'evidence_checks' })
@Unique('UQ_evidence_checks_check', ['taskId', 'evidenceId', 'criterion', 'index'])
export class EvidenceCheck {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_evidence_checks' })
  id!: string;

  @Index('IDX_evidence_checks_task_id')
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_evidence_checks_task' })
  task?: Relation<Task>;

  /** The submission (V12…), or AFTER-CARE. */
  @Column({ name: 'evidence_id', type: 'varchar', length: 20 })
  evidenceId!: string;

  @Column({ type: 'varchar', length: 20 })
  criterion!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: EvidenceCheckKind;

  @Column({ name: 'idx', type: 'int' })
  index!: number;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;

  @Column({ type: 'boolean' })
  ok!: boolean;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs!: number | null;

  /** TLS validity, checksum, record count, the value read… */
  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  reasons!: CheckReason[];
}
