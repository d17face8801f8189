import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { Unit, User } from '@dondoc/organisation';
import type { ScorecardFormula, ScorecardResult } from './scorecard-formula';

export const SCORECARD_KINDS = ['UNIT', 'HEAD', 'LEADER'] as const;
/** Whom a scorecard rates: a unit (collective), the head of a unit, or a leader on the units they direct. */
export type ScorecardKind = (typeof SCORECARD_KINDS)[number];

/**
 * A version of the administrators' scorecard formula. Editing it adds a version; a scorecard keeps
 * the version (and a copy of the formula) it was computed with, so an edit changes no published one.
 */
@Entity({ name: 'scorecard_formulas' })
@Unique('UQ_scorecard_formulas_version', ['version'])
export class ScorecardFormulaVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_scorecard_formulas' })
  id!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  formula!: ScorecardFormula;

  /** Why it was changed (the decision it follows). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** What a scorecard's hash covers: everything it says but the evaluator's general points. */
export interface ScorecardContent {
  quarter: string;
  kind: ScorecardKind;
  unitId: string;
  userId: string | null;
  period: { from: string; to: string };
  cutOff: string;
  formulaVersion: number;
  formula: ScorecardFormula;
  /** The results: the three lines with their arithmetic and the tasks and timeline entries behind them (general, total and band as computed without the general points). */
  result: ScorecardResult;
}

/**
 * One published version of the quarterly scorecard of a unit, a head or a leader. Immutable once
 * written (its content hash, an audit event): a correction is a new version with a reason. Only
 * the evaluator's general points (30 by default) are entered afterwards, audited; until then the
 * scorecard reads x / 70, pending.
 */
@Entity({ name: 'scorecards' })
@Unique('UQ_scorecards_subject_version', ['quarter', 'kind', 'unitId', 'subjectKey', 'version'])
@Check('CK_scorecards_kind', `"kind" IN ('UNIT', 'HEAD', 'LEADER')`)
@Index('IDX_scorecards_quarter', ['quarter', 'kind'])
export class Scorecard {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_scorecards' })
  id!: string;

  /** `2026-Q3`. */
  @Column({ type: 'varchar', length: 7 })
  quarter!: string;

  @Column({ type: 'varchar', length: 6 })
  kind!: ScorecardKind;

  /** The unit rated, or the unit the head heads / the leader directs. */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne('Unit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_scorecards_unit' })
  unit?: Relation<Unit>;

  /** The head or leader rated; null for a unit's scorecard. */
  @Index('IDX_scorecards_user')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_scorecards_user' })
  user?: Relation<User> | null;

  /** The user id, or '' for a unit (a unique key cannot hold a null). */
  @Column({ name: 'subject_key', type: 'varchar', length: 36 })
  subjectKey!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'formula_version', type: 'int' })
  formulaVersion!: number;

  @Column({ name: 'cut_off', type: 'timestamptz' })
  cutOff!: Date;

  @Column({ type: 'jsonb' })
  content!: ScorecardContent;

  /** SHA-256 of the canonical JSON of `content`. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash!: string;

  /** The results' points (of 100 − the general points), copied out of `content` for lists. */
  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  results!: number;

  @Column({ name: 'tasks_due', type: 'int' })
  tasksDue!: number;

  /** Why this version was made (a correction); null for the first. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Who published it: null when the quarterly schedule did. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The evaluator's general points (null: pending), with their comment. */
  @Column({ name: 'general_points', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  generalPoints!: number | null;

  @Column({ name: 'general_comment', type: 'text', nullable: true })
  generalComment!: string | null;

  @Column({ name: 'evaluated_by', type: 'uuid', nullable: true })
  evaluatedBy!: string | null;

  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true })
  evaluatedAt!: Date | null;
}
