import { RISKS, TASK_STATUSES, type Risk, type TaskListQuery, type TaskStatus } from '../api/types';

/** The tabs of the task list, in order; each is a query of GET /api/tasks (see TaskCountsDto). */
export const TABS = ['all', 'open', 'overdue', 'dueThisWeek', 'awaitingAcknowledgement', 'inReview', 'done', 'cancelled'] as const;
export type Tab = (typeof TABS)[number];

type TabFilters = Pick<TaskListQuery, 'status' | 'open' | 'overdue' | 'dueThisWeek'>;

export const TAB_QUERY: Record<Tab, TabFilters> = {
  all: {},
  open: { open: true },
  overdue: { open: true, overdue: true },
  dueThisWeek: { open: true, dueThisWeek: true },
  awaitingAcknowledgement: { status: 'ASSIGNED' },
  inReview: { status: 'EVIDENCE_SUBMITTED' },
  done: { status: 'DONE' },
  cancelled: { status: 'CANCELLED' },
};

/** The statistics' drill-down filters (`GET /api/reports/statistics` rows' `drillDown`, plus `state` and `against`). */
export type DrillDown = Pick<TaskListQuery, 'asOf' | 'basis' | 'from' | 'to' | 'withinUnitId' | 'unitId' | 'level' | 'templateKey' | 'assignedBy' | 'headId' | 'state' | 'against'>;
export const DRILL_DOWN_KEYS = ['asOf', 'basis', 'from', 'to', 'withinUnitId', 'unitId', 'level', 'templateKey', 'assignedBy', 'headId', 'state', 'against'] as const satisfies readonly (keyof DrillDown)[];

const BASES = ['assigned', 'due'] as const satisfies readonly NonNullable<DrillDown['basis']>[];
const LEVELS = ['central', 'ministry', 'province', 'commune', 'department', 'other'] as const satisfies readonly NonNullable<DrillDown['level']>[];
export const STATES = ['DONE_ON_TIME', 'DONE_LATE', 'IN_PROGRESS_WITHIN_DEADLINE', 'OVERDUE', 'CANCELLED'] as const satisfies readonly NonNullable<DrillDown['state']>[];
const AGAINST = ['original', 'current'] as const satisfies readonly NonNullable<DrillDown['against']>[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE = 1_000_000;

/** Everything the list shows, as the URL says it (a link shares it). */
export interface ListParams {
  tab: Tab;
  status?: TaskStatus;
  overdue?: boolean;
  dueThisWeek?: boolean;
  /** Risk colours (any of them), riskiest first: `risk=RED,AMBER`. */
  risk?: Risk[];
  /** Key tasks (true) or the others (false). */
  key?: boolean;
  program?: string;
  q?: string;
  /** A statistic's tasks (the overview's figures link here); undefined when the list is not a drill-down. */
  drill?: DrillDown;
  page: number;
  pageSize: number;
}

const bool = (value: string | null): boolean | undefined => (value === 'true' ? true : value === 'false' ? false : undefined);
const text = (value: string | null, max: number): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};
/** The known colours of a comma list, each once, riskiest first; none: undefined. */
const risks = (value: string | null): Risk[] | undefined => {
  const named = new Set(value?.split(',').map((part) => part.trim().toUpperCase()));
  const known = RISKS.filter((risk) => named.has(risk));
  return known.length ? known : undefined;
};
const int = (value: string | null, fallback: number, max: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

const oneOf = <T extends string>(value: string | null, known: readonly T[]): T | undefined => ((known as readonly string[]).includes(value ?? '') ? (value as T) : undefined);
const match = (value: string | null, pattern: RegExp): string | undefined => (value !== null && pattern.test(value) ? value : undefined);

/** The drill-down filters the query string carries, each checked as the API checks it; none: undefined. */
function readDrillDown(params: URLSearchParams): DrillDown | undefined {
  const drill: DrillDown = {
    asOf: match(params.get('asOf'), DATE_TIME),
    basis: oneOf(params.get('basis'), BASES),
    from: match(params.get('from'), DATE_TIME),
    to: match(params.get('to'), DATE_TIME),
    withinUnitId: match(params.get('withinUnitId'), UUID),
    unitId: match(params.get('unitId'), UUID),
    level: oneOf(params.get('level'), LEVELS),
    templateKey: text(params.get('templateKey'), 100),
    assignedBy: match(params.get('assignedBy'), UUID),
    headId: match(params.get('headId'), UUID),
    state: oneOf(params.get('state'), STATES),
    against: oneOf(params.get('against'), AGAINST),
  };
  const set = Object.fromEntries(Object.entries(drill).filter(([, value]) => value !== undefined)) as DrillDown;
  return Object.keys(set).length ? set : undefined;
}

/** The query string without the drill-down (the list of every task again, the other filters kept). */
export function withoutDrillDown(current: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of [...DRILL_DOWN_KEYS, 'page']) next.delete(key);
  return next;
}

/** Reads the list's state from the query string; what it cannot read is left out (never a 400). */
export function readListParams(params: URLSearchParams): ListParams {
  const tab = params.get('tab');
  const status = params.get('status');
  const pageSize = int(params.get('pageSize'), DEFAULT_PAGE_SIZE, 200);
  return {
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'all',
    status: (TASK_STATUSES as readonly string[]).includes(status ?? '') ? (status as TaskStatus) : undefined,
    overdue: bool(params.get('overdue')),
    dueThisWeek: bool(params.get('dueThisWeek')),
    risk: risks(params.get('risk')),
    key: bool(params.get('key')),
    program: text(params.get('program'), 200),
    q: text(params.get('q'), 100),
    drill: readDrillDown(params),
    page: int(params.get('page'), 1, MAX_PAGE),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/**
 * The query string after a change. Defaults are left out; a change of anything but the page goes
 * back to page 1; choosing a tab drops the filters it fixes itself.
 */
export function writeListParams(current: URLSearchParams, change: Partial<Omit<ListParams, 'drill'>>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(change)) {
    const isDefault = value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (key === 'tab' && value === 'all') || (key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE);
    if (isDefault) next.delete(key);
    else next.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  if (change.tab !== undefined) for (const key of Object.keys(TAB_QUERY[change.tab])) if (key !== 'open') next.delete(key);
  if (!('page' in change)) next.delete('page');
  return next;
}

/** Which filter controls the current tab fixes (they are disabled while it is chosen). */
export function fixedByTab(tab: Tab): Set<'status' | 'overdue' | 'dueThisWeek'> {
  const fixed = TAB_QUERY[tab];
  return new Set((['status', 'overdue', 'dueThisWeek'] as const).filter((key) => fixed[key] !== undefined));
}

/**
 * The list's query: the filters, then the tab's own (which win), the riskiest first. A drill-down
 * lists exactly a statistic's tasks: its filters, and no tab.
 */
export function listQuery(params: ListParams): TaskListQuery {
  const { status, overdue, dueThisWeek, risk, key, program, q, drill, page, pageSize } = params;
  const filters: TaskListQuery = { status, overdue, dueThisWeek, risk, key, program, q, ...(drill ?? TAB_QUERY[params.tab]), page, pageSize, sort: 'risk' };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

/** The counts' query: the search and the programme (the tabs count as before, whatever the risk and key filters). */
export function countsQuery(params: ListParams): Pick<TaskListQuery, 'program' | 'q'> {
  return Object.fromEntries(Object.entries({ program: params.program, q: params.q }).filter(([, value]) => value !== undefined));
}
