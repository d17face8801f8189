/**
 * THE definition of a task's state at a cut-off, in SQL, shared by the statistics
 * (`GET /api/reports/statistics`), their drill-down (`GET /api/tasks?state=…`) and the risk
 * colour of every task view (`risk`, `GET /api/tasks?risk=…`, `sort=risk`). Each is a condition
 * or expression on a `tasks` row (alias `task` unless told) for TypeORM query builders, reading
 * the parameters `statAtParameters` gives (named after the cut-off, so a query can hold two: the
 * drill-down's `asOf` and the risk's `now`).
 */

/** A task's state at a cut-off, against one due time. */
export const STATES_AT = ['DONE_ON_TIME', 'DONE_LATE', 'IN_PROGRESS_WITHIN_DEADLINE', 'OVERDUE'] as const;
export type StateAt = (typeof STATES_AT)[number];
/** The drill-down's states: the four, and the cancelled tasks counted apart. */
export const DRILL_STATES = [...STATES_AT, 'CANCELLED'] as const;
export type DrillState = (typeof DRILL_STATES)[number];

/** Against which due time: the one set at assignment, or the one in force at the cut-off (extended, recalculated). */
export const AGAINST = ['original', 'current'] as const;
export type Against = (typeof AGAINST)[number];

/** The period of `from`/`to`: by assignment time, or by original due time. */
export const BASES = ['assigned', 'due'] as const;
export type Basis = (typeof BASES)[number];

export const RISKS = ['RED', 'AMBER', 'GREY', 'BLUE', 'ORANGE', 'GREEN'] as const;
export type Risk = (typeof RISKS)[number];

/** Events that move the due time; their `data.newDueAt` is the new one. */
export const DUE_CHANGE_EVENTS = ['EXTENSION_APPROVED', 'BEYOND_AUTHORITY_DECIDED', 'DUE_RECALCULATED'] as const;

/** The working-day calendar as one cut-off needs it: its date's ordinal and the AMBER limits (see `amberLimits`). */
export interface CutOffCalendar {
  /** `calendar_days.working_ordinal` of the cut-off's date (Asia/Ho_Chi_Minh). */
  ordinal: number;
  /** Index n: the first instant no longer within n working days of the cut-off (00:00 of that date). */
  amberLimits: Date[];
}

/** The highest AMBER threshold a template may set (the limits computed for each cut-off). */
export const MAX_AMBER_WORKING_DAYS = 60;

const VN = `'Asia/Ho_Chi_Minh'`;

/** `calendar_days.working_ordinal` of the Asia/Ho_Chi_Minh date of the SQL instant `instant`. */
export function ordinalSql(instant: string): string {
  return `(SELECT cd.working_ordinal FROM calendar_days cd WHERE cd.date = CAST(timezone(${VN}, ${instant}) AS date))`;
}

/**
 * The AMBER limits of a cut-off from the days of the calendar from its date on (`days`, in date
 * order, the first being the cut-off's date): a due time is within n working days when the
 * ordinal of its date is at most the cut-off's + n, that is, when it falls before the first date
 * whose ordinal is greater. Pure, so unit-tested with a hand-made calendar.
 */
export function cutOffCalendar(days: { date: string; workingOrdinal: number }[]): CutOffCalendar {
  if (days.length === 0) throw new Error('the working-day calendar has no day at the cut-off');
  const ordinal = days[0].workingOrdinal;
  const amberLimits: Date[] = [];
  for (let n = 0; n <= MAX_AMBER_WORKING_DAYS; n++) {
    const first = days.find((d) => d.workingOrdinal > ordinal + n);
    if (!first) throw new Error(`the working-day calendar ends within ${n} working days of ${days[0].date}`);
    amberLimits.push(new Date(`${first.date}T00:00:00+07:00`));
  }
  return { ordinal, amberLimits };
}

/**
 * The SQL that reads the calendar days `cutOffCalendar` needs for the cut-off `$1`, in the
 * primary key's order (`calendar_days.date`: a bare `date` would be the text output column, and
 * every later day of the calendar would be formatted and sorted).
 */
export const CUT_OFF_DAYS_SQL = `SELECT to_char(cd.date, 'YYYY-MM-DD') AS date, cd.working_ordinal AS "workingOrdinal" FROM calendar_days cd
  WHERE cd.date >= CAST(timezone(${VN}, CAST($1 AS timestamptz)) AS date) ORDER BY cd.date LIMIT ${MAX_AMBER_WORKING_DAYS * 3 + 40}`;

/**
 * SQL of the state of tasks at the cut-off parameter `at` (e.g. `asOf`): which due time was in
 * force, whether the task was done (on time or late), cancelled, overdue, within its deadline,
 * not yet acknowledged, due soon, and its risk colour.
 */
export class TaskStateAtSql {
  constructor(
    /** The name of the cut-off's parameter (its calendar's are derived from it). */
    readonly at: string,
    readonly alias = 'task',
  ) {}

  /** The parameters the SQL reads. */
  parameters(cutOff: Date, calendar: CutOffCalendar): Record<string, unknown> {
    return { [this.at]: cutOff.toISOString(), [`${this.at}Ordinal`]: calendar.ordinal, [`${this.at}AmberLimits`]: calendar.amberLimits.map((d) => d.toISOString()) };
  }

  /** The cut-off as SQL. */
  get cutOff(): string {
    return `CAST(:${this.at} AS timestamptz)`;
  }

  /** The cut-off date's working ordinal, as SQL. */
  get cutOffOrdinal(): string {
    return `CAST(:${this.at}Ordinal AS int)`;
  }

  /** Assigned at or before the cut-off: the tasks the cut-off counts. */
  get assigned(): string {
    return `${this.alias}.assigned_at <= ${this.cutOff}`;
  }

  /**
   * The due time in force at the cut-off: the current one unless it changed after the cut-off
   * (`due_changed_at`, rare), then the `newDueAt` of the last change up to the cut-off in the
   * timeline, or the original one if none.
   */
  get dueInForce(): string {
    const t = this.alias;
    const events = DUE_CHANGE_EVENTS.map((e) => `'${e}'`).join(', ');
    return `(CASE WHEN ${t}.due_changed_at IS NULL OR ${t}.due_changed_at <= ${this.cutOff} THEN ${t}.due_at
      ELSE COALESCE((SELECT CAST(ev.data ->> 'newDueAt' AS timestamptz) FROM task_events ev
        WHERE ev.task_id = ${t}.id AND ev.type IN (${events}) AND ev.data ->> 'newDueAt' IS NOT NULL AND ev.at <= ${this.cutOff}
        ORDER BY ev.seq DESC LIMIT 1), ${t}.original_due_at) END)`;
  }

  /** The due time a state is judged against. */
  due(against: Against): string {
    return against === 'original' ? `${this.alias}.original_due_at` : this.dueInForce;
  }

  /** Cancelled at or before the cut-off: listed apart, never done. */
  get cancelled(): string {
    return `(${this.alias}.cancelled_at IS NOT NULL AND ${this.alias}.cancelled_at <= ${this.cutOff})`;
  }

  /** Done at the cut-off: its evidence accepted by then (a task completed later was not done yet). */
  get done(): string {
    return `(${this.alias}.completed_at IS NOT NULL AND ${this.alias}.completed_at <= ${this.cutOff})`;
  }

  /** When a done task delivered: its accepted evidence's submission (the workflow judges on time by it). */
  get delivered(): string {
    return `COALESCE(${this.alias}.delivered_at, ${this.alias}.completed_at)`;
  }

  /**
   * `DONE_ON_TIME`, `DONE_LATE`, `IN_PROGRESS_WITHIN_DEADLINE`, `OVERDUE` or `CANCELLED` at the
   * cut-off, against the original or the current due time. Overdue from the due instant on (as
   * the workflow flags it); on time when delivered at or before it.
   */
  state(against: Against): string {
    const due = this.due(against);
    return `(CASE WHEN ${this.cancelled} THEN 'CANCELLED'
      WHEN ${this.done} THEN CASE WHEN ${this.delivered} <= ${due} THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
      WHEN ${due} <= ${this.cutOff} THEN 'OVERDUE'
      ELSE 'IN_PROGRESS_WITHIN_DEADLINE' END)`;
  }

  /** Open at the cut-off: neither done nor cancelled by then. */
  get open(): string {
    return `(NOT ${this.cancelled} AND NOT ${this.done})`;
  }

  /** Open and not acknowledged at the cut-off (overdue ones included). */
  get notAcknowledged(): string {
    return `(${this.open} AND (${this.alias}.acknowledged_at IS NULL OR ${this.alias}.acknowledged_at > ${this.cutOff}))`;
  }

  /**
   * Due soon (AMBER): open, within its current deadline, and due within the task's
   * `amber_working_days` working days: before the limit of that many days (see `cutOffCalendar`),
   * a range condition on the due time.
   */
  get dueSoon(): string {
    const due = this.dueInForce;
    return `(${this.open} AND ${due} > ${this.cutOff} AND ${due} < (CAST(:${this.at}AmberLimits AS timestamptz[]))[${this.alias}.amber_working_days + 1])`;
  }

  /**
   * The risk colour at the cut-off, against the current due time: RED overdue, AMBER due soon,
   * GREY not yet acknowledged (and neither), BLUE in progress within its deadline, ORANGE done
   * late, GREEN done on time; null when cancelled.
   */
  get risk(): string {
    return `(CASE ${this.state('current')}
      WHEN 'CANCELLED' THEN NULL
      WHEN 'DONE_ON_TIME' THEN 'GREEN'
      WHEN 'DONE_LATE' THEN 'ORANGE'
      WHEN 'OVERDUE' THEN 'RED'
      ELSE CASE WHEN ${this.dueSoon} THEN 'AMBER' WHEN ${this.notAcknowledged} THEN 'GREY' ELSE 'BLUE' END END)`;
  }

  /** The risk's rank for `sort=risk`: RED, AMBER, GREY, BLUE, ORANGE, GREEN, then cancelled. */
  get riskRank(): string {
    return `(CASE ${this.risk} ${RISKS.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} ELSE ${RISKS.length} END)`;
  }

  /**
   * Working days late at the cut-off (null when not late): a task done late, from its due date
   * to its delivery date; an overdue one, from its due date to the cut-off's date (ordinals of
   * `calendar_days`, Asia/Ho_Chi_Minh dates; 0 when late within the due date itself).
   */
  daysLate(state: string, due: string, delivered: string): string {
    return `(CASE ${state} WHEN 'DONE_LATE' THEN ${ordinalSql(delivered)} - ${ordinalSql(due)}
      WHEN 'OVERDUE' THEN ${this.cutOffOrdinal} - ${ordinalSql(due)} END)`;
  }
}
