import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { User } from '@dondoc/organisation';
import type { BriefingContent } from './briefing-content';

/**
 * One issued weekly briefing pack (giao ban hằng tuần): the week's figures frozen at its cut-off.
 * Never changed once written (the database refuses UPDATE, DELETE and TRUNCATE: migration
 * WeeklyBriefings); a week issued again is a new version, with its reason.
 */
@Entity({ name: 'weekly_briefings' })
@Unique('UQ_weekly_briefings_week_version', ['week', 'version'])
@Check('CK_weekly_briefings_version', `"version" >= 1`)
@Check('CK_weekly_briefings_reason', `"version" = 1 OR "reason" IS NOT NULL`)
export class WeeklyBriefing {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_weekly_briefings' })
  id!: string;

  /** The ISO week, `2026-W48`. */
  @Column({ type: 'varchar', length: 8 })
  week!: string;

  /** 1 for the week's first pack, then one more for each regeneration. */
  @Column({ type: 'int' })
  version!: number;

  /** Monday 00:00 Asia/Ho_Chi_Minh of the week. */
  @Column({ name: 'week_start', type: 'timestamptz' })
  weekStart!: Date;

  /** The instant the figures are counted at: Monday 08:00, or 08:00 of the next working day. */
  @Column({ name: 'cut_off', type: 'timestamptz' })
  cutOff!: Date;

  /** The previous week's cut-off: "what changed" counts from it to `cutOff`. */
  @Column({ name: 'previous_cut_off', type: 'timestamptz' })
  previousCutOff!: Date;

  /** The pack (BriefingContent): everything a reader sees, frozen. */
  @Column({ type: 'jsonb' })
  content!: BriefingContent;

  /** SHA-256 (hex) of `canonicalJson(content)`: the same figures give the same hash. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  /** Why the week was issued again (required from version 2). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  /** The administrator who asked for it; null: dondoc itself, on schedule. */
  @Column({ name: 'issued_by', type: 'uuid', nullable: true })
  issuedBy!: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'issued_by', foreignKeyConstraintName: 'FK_weekly_briefings_issued_by' })
  issuer?: Relation<User> | null;

  /** The workflow that issued it. */
  @Column({ name: 'workflow_id', type: 'varchar', length: 300 })
  workflowId!: string;
}
