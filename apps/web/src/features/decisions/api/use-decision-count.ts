import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const DECISIONS_KEY = ['decisions'] as const;

/** How many decisions wait for the signed-in user, for the header's badge. */
export function useDecisionCount(): number {
  const { data } = useQuery({
    queryKey: [...DECISIONS_KEY, 'count'],
    queryFn: () => unwrap(api.GET('/api/decisions/count' as never) as Promise<{ data?: { total: number }; response: Response }>),
    refetchInterval: 60_000,
  });
  return data?.total ?? 0;
}
