import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { TASKS_KEY } from './keys';

/** Active units within the user's scope matching a search (code or name), for naming a blocking unit. */
export function useUnitSearch(search: string, enabled: boolean) {
  const q = search.trim();
  return useQuery({
    queryKey: [...TASKS_KEY, 'units', q],
    queryFn: () => unwrap(api.GET('/api/units', { params: { query: { active: true, pageSize: 20, ...(q ? { q } : {}) } } })),
    enabled,
    staleTime: 60_000,
  });
}
