import type { Against, Basis, StatisticsQuery, StatisticsRow, StateCounts, TaskState, UnitLevel } from '../api/types';

export const LEVELS = ['central', 'ministry', 'province', 'commune', 'department', 'other'] as const satisfies readonly UnitLevel[];
export const BASES = ['assigned', 'due'] as const satisfies readonly Basis[];

/** The four states of the official statistic set, in the Government Office's order, with their figure in a row. */
export const STATES = [
  { state: 'DONE_ON_TIME', figure: 'doneOnTime' },
  { state: 'DONE_LATE', figure: 'doneLate' },
  { state: 'IN_PROGRESS_WITHIN_DEADLINE', figure: 'inProgressWithinDeadline' },
  { state: 'OVERDUE', figure: 'overdue' },
] as const satisfies readonly { state: TaskState; figure: keyof StateCounts }[];
export type StateFigure = (typeof STATES)[number]['figure'];

/** Everything the overview shows, as the URL says it (a link shares it). */
export interface OverviewParams {
  /** The period's first day (YYYY-MM-DD, Vietnam), inclusive. */
  from?: string;
  /** The period's last day (YYYY-MM-DD, Vietnam), inclusive. */
  to?: string;
  /** What the period bounds: the assignment time (default) or the original due time. */
  basis: Basis;
  program?: string;
  key?: boolean;
  level?: UnitLevel;
  /** A unit and its subtree (within the reader's scope). */
  unitId?: string;
  /** The due time the charts judge against (the summary shows both). */
  against: Against;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const validDate = (value: string | null): string | undefined => (value && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? value : undefined);

/** Reads the overview's state from the query string; what it cannot read is left out (never a 400). */
export function readOverviewParams(params: URLSearchParams): OverviewParams {
  const key = params.get('key');
  const level = params.get('level');
  const program = params.get('program')?.trim().slice(0, 200);
  const unitId = params.get('unitId');
  let from = validDate(params.get('from'));
  let to = validDate(params.get('to'));
  if (from && to && to < from) [from, to] = [to, from];
  return {
    from,
    to,
    basis: params.get('basis') === 'due' ? 'due' : 'assigned',
    program: program || undefined,
    key: key === 'true' ? true : key === 'false' ? false : undefined,
    level: (LEVELS as readonly string[]).includes(level ?? '') ? (level as UnitLevel) : undefined,
    unitId: unitId && UUID.test(unitId) ? unitId : undefined,
    against: params.get('against') === 'original' ? 'original' : 'current',
  };
}

/** The query string after a change; defaults are left out. */
export function writeOverviewParams(current: URLSearchParams, change: Partial<OverviewParams>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries(change)) {
    const isDefault = value === undefined || value === '' || (name === 'basis' && value === 'assigned') || (name === 'against' && value === 'current');
    if (isDefault) next.delete(name);
    else next.set(name, String(value));
  }
  return next;
}

/** The day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The statistics' query of the overview: the period's days in Asia/Ho_Chi_Minh (from the first
 * day's midnight to the midnight after the last: `to` is exclusive), grouped by unit.
 */
export function statisticsQuery(params: OverviewParams): StatisticsQuery {
  const query: StatisticsQuery = {
    from: params.from ? `${params.from}T00:00:00+07:00` : undefined,
    to: params.to ? `${nextDay(params.to)}T00:00:00+07:00` : undefined,
    basis: params.from || params.to ? params.basis : undefined,
    program: params.program,
    key: params.key,
    level: params.level,
    unitId: params.unitId,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

/**
 * The task list of a figure: the row's drill-down query (the statistics' filters, the row's own and
 * the cut-off) with the state and the due time it is judged against; without a state, every task
 * the row counts.
 */
export function figureLink(drillDown: string, state?: TaskState, against: Against = 'current'): string {
  const query = new URLSearchParams(drillDown);
  if (state) {
    query.set('state', state);
    if (state !== 'CANCELLED') query.set('against', against);
  }
  return `/tasks?${query.toString()}`;
}

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * The cut-offs of the weekly trend: the `count` latest Mondays at 08:00 Asia/Ho_Chi_Minh (the
 * weekly briefing's hour) at or before `now`, oldest first, as ISO date-times with their offset.
 */
export function lastMondays(now: Date, count: number): string[] {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  let monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - sinceMonday, 8) - VIETNAM_OFFSET_MS;
  if (monday > now.getTime()) monday -= 7 * 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const instant = new Date(monday - (count - 1 - i) * 7 * 86_400_000 + VIETNAM_OFFSET_MS);
    return `${instant.toISOString().slice(0, 10)}T08:00:00+07:00`;
  });
}

/** The heads with the most overdue tasks (against the given due time), most first, at most `count`; none with none. */
export function topHeads(rows: StatisticsRow[], count: number, against: Against = 'current'): StatisticsRow[] {
  return rows
    .filter((row) => row.group !== null && row[against].overdue > 0)
    .sort((a, b) => b[against].overdue - a[against].overdue || a.label.localeCompare(b.label, 'vi'))
    .slice(0, count);
}
