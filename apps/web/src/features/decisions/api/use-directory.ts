import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { DECISIONS_KEY } from './use-decision-count';

/** Active units matching a search (code or name), for choosing a new lead unit. */
export function useUnitSearch(search: string) {
  const q = search.trim();
  return useQuery({
    queryKey: [...DECISIONS_KEY, 'units', q],
    queryFn: () => unwrap(api.GET('/api/units', { params: { query: { active: true, pageSize: 20, ...(q ? { q } : {}) } } })),
    staleTime: 60_000,
  });
}

/** Active users of a unit matching a search, for choosing a focal officer. */
export function useUnitUsers(unitId: string | undefined, search: string) {
  const q = search.trim();
  return useQuery({
    queryKey: [...DECISIONS_KEY, 'users', unitId, q],
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: { unitId, active: true, pageSize: 20, ...(q ? { q } : {}) } } })),
    enabled: Boolean(unitId),
    staleTime: 60_000,
  });
}
