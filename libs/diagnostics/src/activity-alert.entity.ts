import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An activity that has failed again and again (the worker writes it, the API's health reads it):
 * a workflow stuck retrying is visible to an operator instead of silent. Cleared when it succeeds.
 */
@Entity({ name: 'activity_alerts' })
export class ActivityAlert {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'PK_activity_alerts' })
  workflowId!: string;

  @PrimaryColumn({ name: 'activity_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'PK_activity_alerts' })
  activityId!: string;

  @Column({ name: 'activity_type', type: 'varchar', length: 200 })
  activityType!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000 })
  lastError!: string;

  @Column({ name: 'first_failed_at', type: 'timestamptz' })
  firstFailedAt!: Date;

  @Column({ name: 'last_failed_at', type: 'timestamptz' })
  lastFailedAt!: Date;
}
