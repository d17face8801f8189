import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { DecisionCounts } from './types';

export const DECISIONS_KEY = ['decisions'] as const;
export const DECISION_COUNT_KEY = [...DECISIONS_KEY, 'count'] as const;

/** One query for the header's badge and the page's counts by kind. */
const countQuery = {
  queryKey: DECISION_COUNT_KEY,
  queryFn: (): Promise<DecisionCounts> => unwrap(api.GET('/api/decisions/count')),
  refetchInterval: 60_000,
};

/** How many decisions wait for the signed-in user, for the header's badge. */
export function useDecisionCount(): number {
  const { data } = useQuery(countQuery);
  return data?.total ?? 0;
}

/** How many decisions wait for the signed-in user, in all and by kind. */
export function useDecisionCounts() {
  return useQuery(countQuery);
}
