import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { kindOfRequest } from '../utils/queue-params';
import { DECISIONS_KEY } from './use-decision-count';
import type { DecisionItem, DecisionKind, DecisionPage } from './types';

export interface QueueQuery {
  kind: DecisionKind | null;
  page: number;
  pageSize: number;
}

export const DECISION_LISTS_KEY = [...DECISIONS_KEY, 'list'] as const;

async function fetchPage(query: QueueQuery): Promise<DecisionPage> {
  const params = { query: { page: query.page, pageSize: query.pageSize, ...(query.kind ? { kind: query.kind } : {}) } };
  // The schema types `details` apart from `kind`; the API pairs them as DecisionItem does.
  return (await unwrap(api.GET('/api/decisions', { params }))) as DecisionPage;
}

/** One page of the queue, oldest first; the previous page stays on screen while the next loads. */
export function useDecisions(query: QueueQuery) {
  return useQuery({
    queryKey: [...DECISION_LISTS_KEY, query],
    queryFn: () => fetchPage(query),
    placeholderData: keepPreviousData,
  });
}

/** The largest page the API serves; a queue longer than LOOKUP_PAGES of them is not searched further. */
const LOOKUP_PAGE_SIZE = 200;
const LOOKUP_PAGES = 10;

/**
 * Finds one item of the queue (a link from an email names its task and request): null when it no
 * longer waits for the user — decided already, or never theirs.
 */
export async function findDecision(taskId: string, requestId: string): Promise<DecisionItem | null> {
  const kind = kindOfRequest(requestId);
  if (!kind) return null;
  for (let page = 1; page <= LOOKUP_PAGES; page++) {
    const answer = await fetchPage({ kind, page, pageSize: LOOKUP_PAGE_SIZE });
    const found = answer.items.find((item) => item.task.id === taskId && item.requestId === requestId);
    if (found) return found;
    if (page * LOOKUP_PAGE_SIZE >= answer.total) return null;
  }
  return null;
}

export function useDecisionLookup(target: { taskId: string; requestId: string } | null, enabled: boolean) {
  return useQuery({
    queryKey: [...DECISIONS_KEY, 'find', target?.taskId, target?.requestId],
    queryFn: () => findDecision(target!.taskId, target!.requestId),
    enabled: enabled && target !== null,
    staleTime: 0,
  });
}
