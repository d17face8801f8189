import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import type { User } from './user.entity';

export const UNIT_LEVELS = ['central', 'ministry', 'province', 'commune', 'department', 'other'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/**
 * A unit of the organisation tree (ministry, province, commune, department…). `path` is the
 * materialised path of ids (`/rootId/…/thisId/`) so a subtree is one indexed prefix match.
 */
@Entity({ name: 'units' })
@Unique('UQ_units_code', ['code'])
@Check('CK_units_level', `"level" IN ('central', 'ministry', 'province', 'commune', 'department', 'other')`)
@Check('CK_units_not_own_parent', `"parent_id" IS NULL OR "parent_id" <> "id"`)
export class Unit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_units' })
  id!: string;

  /** Unique, upper-case code (e.g. BTC, HN, HN-XA-001). Code and names have trigram indexes (migration UnitSearchIndexes) for the unit search. */
  @Index('IDX_units_code_trgm', { synchronize: false })
  @Column({ type: 'varchar', length: 50 })
  code!: string;

  @Index('IDX_units_name_vi_trgm', { synchronize: false })
  @Column({ name: 'name_vi', type: 'varchar', length: 300 })
  nameVi!: string;

  @Index('IDX_units_name_en_trgm', { synchronize: false })
  @Column({ name: 'name_en', type: 'varchar', length: 300, nullable: true })
  nameEn!: string | null;

  @Column({ type: 'varchar', length: 16 })
  level!: UnitLevel;

  @Index('IDX_units_parent_id')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne('Unit', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_units_parent' })
  parent?: Relation<Unit> | null;

  /** Indexed with text_pattern_ops in the migration, for `path LIKE 'prefix%'`. */
  @Index('IDX_units_path', { synchronize: false })
  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'int' })
  depth!: number;

  /** The head of the unit (người đứng đầu): a user of this unit; at most one unit per head. */
  @Index('UQ_units_head_user_id', { unique: true, where: '"head_user_id" IS NOT NULL' })
  @Column({ name: 'head_user_id', type: 'uuid', nullable: true })
  headUserId!: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'head_user_id', foreignKeyConstraintName: 'FK_units_head_user' })
  head?: Relation<User> | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Indexed: a unit changed after a statistics snapshot started retires the snapshot (migration StatisticsSnapshots). */
  @Index('IDX_units_updated_at')
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
