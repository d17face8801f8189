import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { PAGE_SIZE, type ScorecardListParams } from '../utils/list-params';
import { scorecardKeys } from './keys';

/** One page of a quarter's published scorecards of one kind (the latest version of each), within the reader's scope. */
export function useScorecards(params: ScorecardListParams, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: scorecardKeys.list(params),
    queryFn: () =>
      unwrap(
        api.GET('/api/reports/scorecards', {
          params: { query: { quarter: params.quarter, kind: params.kind, page: params.page, pageSize: PAGE_SIZE, ...(params.unitId ? { unitId: params.unitId } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
    // While a quarter is being published in the background, its scorecards arrive one by one.
    refetchInterval: options.poll ? 3_000 : false,
  });
}

/** One scorecard with its lines, tasks, timeline entries and versions. */
export function useScorecard(id: string) {
  return useQuery({
    queryKey: scorecardKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/reports/scorecards/{id}', { params: { path: { id } } })),
  });
}

/** The formula's versions, latest first. */
export function useFormulas(enabled = true) {
  return useQuery({
    queryKey: scorecardKeys.formulas(),
    queryFn: () => unwrap(api.GET('/api/reports/scorecards/formulas')),
    enabled,
    staleTime: 60_000,
  });
}

/** Units within the reader's scope matching a search (code or name), for the unit filter. */
export function useUnitOptions(search: string) {
  const q = search.trim().slice(0, 100);
  return useQuery({
    queryKey: scorecardKeys.units(q),
    queryFn: () => unwrap(api.GET('/api/units', { params: { query: { pageSize: 20, ...(q ? { q } : {}) } } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The unit a link filters on (its name for the filter's label). */
export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: scorecardKeys.unit(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/units/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}
