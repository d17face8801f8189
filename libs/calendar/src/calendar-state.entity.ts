import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The one row that says which version of the calendar the database holds: `revision` grows with every override change
 * (in the same transaction), so every process (API, worker) sees a change the moment it commits by reading one small
 * row; `daysFingerprint` names the rules and settings calendar_days was computed with, so a start-up with other rules
 * or rest days rewrites it.
 */
@Entity({ name: 'calendar_state' })
@Check('CK_calendar_state_single', `"id" = 1`)
export class CalendarStateRecord {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_calendar_state' })
  id!: number;

  @Column({ type: 'bigint', default: 0 })
  revision!: string;

  @Column({ name: 'days_fingerprint', type: 'varchar', length: 200, nullable: true })
  daysFingerprint!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
