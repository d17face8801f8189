import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DayKind } from './working-calendar';

/** A dated decision that beats the calendar's rules for its date: a day off (HOLIDAY) or a worked day (WORKDAY). */
@Entity({ name: 'calendar_overrides' })
@Check('CK_calendar_overrides_kind', `"kind" IN ('HOLIDAY', 'WORKDAY')`)
export class CalendarOverrideRecord {
  /** YYYY-MM-DD, Asia/Ho_Chi_Minh (PostgreSQL `date`, read back as text). */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_calendar_overrides' })
  date!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: DayKind;

  /** The deciding document's number, e.g. "12729/VPCP-KGVX". */
  @Column({ type: 'varchar', length: 100, nullable: true })
  document!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
