import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { Language } from '@dondoc/common';
import type { User } from '@dondoc/organisation';

export type NotificationStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * The outbox: one row per (event, recipient). The row is written before any email is sent and
 * locked while it is sent (the worker's mailer), and its idempotency key makes a retried caller a
 * no-op. It is also
 * the recipient's in-app inbox entry (at once, even while its email is held by `sendAfter`).
 */
@Entity({ name: 'notifications' })
@Unique('UQ_notifications_idempotency_key', ['idempotencyKey'])
@Check('CK_notifications_status', `"status" IN ('PENDING', 'SENDING', 'SENT', 'FAILED')`)
@Index('IDX_notifications_user_created', ['userId', 'createdAt'])
// Rows still to send, in the order the mailer sends them (GREATEST of created_at, send_after,
// next_attempt_at); written by the OutboxMailer migration, which TypeORM cannot express.
@Index('IDX_notifications_due', { synchronize: false })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notifications' })
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notifications_user' })
  user?: Relation<User> | null;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: Language;

  /** Name of the email template (see libs/notifications/src/templates). */
  @Column({ type: 'varchar', length: 60 })
  template!: string;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  link!: string | null;

  /** The task the notification is about, if any (for the inbox and reports). */
  @Index('IDX_notifications_task_id')
  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @Index('IDX_notifications_status')
  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status!: NotificationStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300 })
  messageId!: string;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  /**
   * The email is not sent before this instant (a task event outside working hours waits for the
   * next working morning); null sends at once. The inbox entry is there from the start either way.
   */
  @Column({ name: 'send_after', type: 'timestamptz', nullable: true })
  sendAfter!: Date | null;

  /** After a failed attempt, not tried again before this instant (back-off); null tries at once. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
