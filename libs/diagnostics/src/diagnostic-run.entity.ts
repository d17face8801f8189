import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

export type DiagnosticStatus = 'RECORDED' | 'COMPLETED' | 'FAILED';

/** One run of the end-to-end diagnostic: written by the worker, read by the API. */
@Entity({ name: 'diagnostic_runs' })
@Unique('UQ_diagnostic_runs_workflow_id', ['workflowId'])
@Check('CK_diagnostic_runs_status', `"status" IN ('RECORDED', 'COMPLETED', 'FAILED')`)
export class DiagnosticRun {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_diagnostic_runs' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: 'vi' | 'en';

  @Column({ type: 'varchar', length: 500 })
  message!: string;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: DiagnosticStatus;

  @Column({ name: 'email_message_id', type: 'varchar', length: 300, nullable: true })
  emailMessageId!: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
