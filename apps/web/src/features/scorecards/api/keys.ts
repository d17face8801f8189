import type { ScorecardListParams } from '../utils/list-params';

/** The scorecards feature's query keys: entering points or correcting invalidates `SCORECARDS_KEY`. */
export const SCORECARDS_KEY = ['scorecards'] as const;

export const scorecardKeys = {
  all: SCORECARDS_KEY,
  list: (params: ScorecardListParams) => [...SCORECARDS_KEY, 'list', params] as const,
  detail: (id: string) => [...SCORECARDS_KEY, 'detail', id] as const,
  formulas: () => [...SCORECARDS_KEY, 'formulas'] as const,
  units: (q: string) => [...SCORECARDS_KEY, 'units', q] as const,
  unit: (id: string) => [...SCORECARDS_KEY, 'unit', id] as const,
};
