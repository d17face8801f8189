import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import type { Language, Role } from '@dondoc/common';
import type { Unit } from './unit.entity';

/** Roles stored on a user. HEAD is not stored: a user is HEAD while `units.head_user_id` names them. */
export type StoredRole = Exclude<Role, Role.HEAD>;

/** A person who signs in to dondoc. Emails are stored lower-cased, so uniqueness is case-insensitive. */
@Entity({ name: 'users' })
@Unique('UQ_users_email', ['email'])
@Check('CK_users_language', `"language" IN ('vi', 'en')`)
@Check('CK_users_roles', `"roles" <@ ARRAY['OFFICER', 'LEADER', 'ADMIN', 'AUDITOR']::text[]`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone!: string | null;

  /** Argon2id; null until an invited user sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 2, default: 'vi' })
  language!: Language;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: StoredRole[];

  @Index('IDX_users_unit_id')
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne('Unit', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_users_unit' })
  unit?: Relation<Unit> | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Emails are compared and stored lower-case, without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
