import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type AuditActorType = 'USER' | 'SYSTEM' | 'ANONYMOUS';

/**
 * One entry of the append-only audit trail. `seq` is gapless and `hash` chains each event to
 * the previous one, so a changed, removed or reordered row is detected by /api/audit/verify.
 * The database refuses UPDATE, DELETE and TRUNCATE on this table (see the migration).
 */
@Entity({ name: 'audit_events' })
@Unique('UQ_audit_events_hash', ['hash'])
@Index('IDX_audit_events_subject', ['subjectType', 'subjectId'])
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_audit_events' })
  seq!: string;

  @Index('IDX_audit_events_occurred_at')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 10 })
  actorType!: AuditActorType;

  @Index('IDX_audit_events_actor_id')
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 254, nullable: true })
  actorEmail!: string | null;

  @Column({ type: 'varchar', length: 80 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 40 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 100, nullable: true })
  subjectId!: string | null;

  /** What changed: `{ before?, after?, ...details }`, never secrets. */
  @Column({ type: 'jsonb' })
  summary!: Record<string, unknown>;

  @Index('IDX_audit_events_request_id')
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
