import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { TASKS_KEY } from './keys';

/**
 * Active units anywhere matching a search (code or name), for naming a blocking unit: the unit
 * directory, not the user's scope (a commune may wait on a ministry). Nothing is asked until
 * something is typed (the directory needs a search).
 */
export function useUnitSearch(search: string, enabled: boolean) {
  const q = search.trim().slice(0, 100);
  return useQuery({
    queryKey: [...TASKS_KEY, 'unit-directory', q],
    queryFn: () => unwrap(api.GET('/api/units/directory', { params: { query: { q, limit: 20 } } })),
    enabled: enabled && q.length > 0,
    staleTime: 60_000,
  });
}
