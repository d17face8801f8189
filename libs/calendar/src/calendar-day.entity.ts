import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every date from 2000-01-01 to 2100-12-31 and whether it is a working day, for statistics in SQL: working days late
 * = ordinal(date of asOf) − ordinal(date of due). Written only by CalendarService, in step with the overrides.
 */
@Entity({ name: 'calendar_days' })
export class CalendarDayRecord {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'PK_calendar_days' })
  date!: string;

  @Column({ type: 'boolean' })
  working!: boolean;

  /** Working days from 2000-01-01 up to and including this date. */
  @Column({ name: 'working_ordinal', type: 'int' })
  workingOrdinal!: number;
}
