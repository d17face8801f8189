import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { User } from '@dondoc/organisation';
import type { Task } from './task.entity';

/**
 * A single-use link in an email that acknowledges a task for one person in one step. The link's
 * token is `id.HMAC(secret, purpose:id)` (see signToken): nothing secret is stored, only the
 * servers can make one, and `usedAt` makes it work once.
 */
@Entity({ name: 'task_acknowledge_links' })
export class AcknowledgeLink {
  /** Derived from the notification's key (acknowledgeLinkId), so a retried recording makes no second link. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_task_acknowledge_links' })
  id!: string;

  @Index('IDX_task_acknowledge_links_task_id')
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @ManyToOne('Task', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'FK_task_acknowledge_links_task' })
  task?: Relation<Task>;

  @Index('IDX_task_acknowledge_links_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_task_acknowledge_links_user' })
  user?: Relation<User>;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
