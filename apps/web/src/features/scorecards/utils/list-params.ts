import { lastFinishedQuarter, parseQuarter } from './quarters';

export const KINDS = ['UNIT', 'HEAD', 'LEADER'] as const;
export type Kind = (typeof KINDS)[number];

export const PAGE_SIZE = 20;
const MAX_PAGE = 1_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the scorecard list shows, as the URL says it: `/scorecards?quarter=2026-Q3&kind=HEAD&unit=<id>&page=2`. */
export interface ScorecardListParams {
  quarter: string;
  kind: Kind;
  unitId?: string;
  page: number;
}

/** Reads the list's filters from the query string; anything unknown falls back to the default (the last finished quarter, units, page 1). */
export function readListParams(query: URLSearchParams, now: Date): ScorecardListParams {
  const quarter = query.get('quarter');
  const kind = query.get('kind')?.toUpperCase();
  const unit = query.get('unit');
  const page = Number(query.get('page'));
  return {
    quarter: quarter && parseQuarter(quarter) ? quarter : lastFinishedQuarter(now),
    kind: (KINDS as readonly string[]).includes(kind ?? '') ? (kind as Kind) : 'UNIT',
    ...(unit && UUID.test(unit) ? { unitId: unit.toLowerCase() } : {}),
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
}

/** The query string for the filters: defaults left out (the quarter is always written, so a link keeps its quarter when the next one ends). */
export function writeListParams(params: ScorecardListParams): URLSearchParams {
  const query = new URLSearchParams({ quarter: params.quarter });
  if (params.kind !== 'UNIT') query.set('kind', params.kind);
  if (params.unitId) query.set('unit', params.unitId);
  if (params.page > 1) query.set('page', String(params.page));
  return query;
}
