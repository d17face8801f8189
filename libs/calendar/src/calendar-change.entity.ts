import { Column, CreateDateColumn, Entity, Generated, PrimaryColumn, Unique } from 'typeorm';

/**
 * One committed change of the calendar (an override created, edited or removed), written in the same transaction as
 * the change under the revision it gave calendar_state. The due times it moves are recalculated afterwards by the
 * workflow `calendar-change-<changeId>`, which sets `recalculated_at` when every affected task has been told; a row
 * still without it (the API stopped before starting that workflow, Temporal was unreachable) is started again by the
 * worker's sweeper, so no change is lost.
 */
@Entity({ name: 'calendar_changes' })
@Unique('UQ_calendar_changes_change_id', ['changeId'])
export class CalendarChangeRecord {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_calendar_changes' })
  revision!: string;

  /**
   * The change's own id: it names the recalculation workflow and its Updates. A revision alone repeats when another
   * database shares the Temporal namespace, or after a restore, and Temporal would take the change for one it has done.
   */
  @Column({ name: 'change_id', type: 'uuid' })
  @Generated('uuid')
  changeId!: string;

  /** The dates the change concerns (YYYY-MM-DD). */
  @Column({ type: 'date', array: true })
  dates!: string[];

  /** The administrator who made the change (null: dondoc itself). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When every affected open task had been told (null: not yet). */
  @Column({ name: 'recalculated_at', type: 'timestamptz', nullable: true })
  recalculatedAt!: Date | null;

  /** How many task workflows were told. */
  @Column({ type: 'int', nullable: true })
  tasks!: number | null;
}
