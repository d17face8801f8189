/**
 * The recalculation of the due times a change of the working-day calendar moves: one workflow per
 * committed change, id `calendar-change-<changeId>` (its calendar_changes row's own id; the input
 * names the row by its revision). `after` and `told` carry the progress over continue-as-new.
 */
export interface CalendarChangeInput {
  revision: string;
  /** The last task workflow id already told (keyset paging); absent at the start. */
  after?: string | null;
  /** How many task workflows were told before this run. */
  told?: number;
}

export interface CalendarChangeResult {
  revision: string;
  /** Task workflows that took the recalculation (closed tasks are not counted). */
  tasks: number;
}

/** One page of affected tasks told; `next` is the cursor of the following page, null after the last one. */
export interface CalendarChangePage {
  told: number;
  next: string | null;
}

export interface CalendarChangeActivities {
  /**
   * Tells the next page of open tasks whose working-day term contains a date of the change (after
   * `after`, by workflow id) to count their term again: the `recalculateDue` Update with the id
   * `recalculateDue:<revision>`, a few at a time. Telling a task twice changes nothing more; a
   * task closed meanwhile is skipped; Temporal unreachable fails the page (it is retried).
   */
  recalculateDuePage(input: { revision: string; after: string | null }): Promise<CalendarChangePage>;
  /** Marks the change recalculated (calendar_changes.recalculated_at, tasks), so the sweeper leaves it alone. */
  markCalendarChangeRecalculated(input: { revision: string; tasks: number }): Promise<void>;
}

export const calendarChangeWorkflowId = (changeId: string): string => `calendar-change-${changeId}`;

/** The update id of a change's recalculation in a task workflow: Temporal answers a repeat of it within a run without running it again. */
export const recalculateDueUpdateId = (changeId: string): string => `recalculateDue:${changeId}`;
