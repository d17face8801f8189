import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BlockerDecisionBody } from '@/components/blocker-decision-fields';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { DECISION_COUNT_KEY, DECISIONS_KEY } from './use-decision-count';
import { DECISION_LISTS_KEY } from './use-decisions';
import type { DecisionCounts, DecisionItem, DecisionPage } from './types';

export type DecisionBody = components['schemas']['DecisionDto'];
export type ExtensionDecisionBody = components['schemas']['ExtensionDecisionDto'];
export type BeyondAuthorityBody = components['schemas']['BeyondAuthorityDecisionDto'];
export type ReviewBody = components['schemas']['ReviewDto'];

/** A decision on one item: the item, what was decided, and the key of this dialog's opening. */
export type Decide =
  | { item: DecisionItem & { kind: 'escalation' }; body: DecisionBody; idempotencyKey: string }
  | { item: DecisionItem & { kind: 'extension' }; body: ExtensionDecisionBody; idempotencyKey: string }
  | { item: DecisionItem & { kind: 'beyondAuthority' }; body: BeyondAuthorityBody; idempotencyKey: string }
  | { item: DecisionItem & { kind: 'evidenceReview' }; body: ReviewBody; idempotencyKey: string }
  | { item: DecisionItem & { kind: 'blocker' }; body: BlockerDecisionBody; idempotencyKey: string };

/** The tasks feature's queries (its task page and lists) change with a decision. */
const TASKS_KEY = ['tasks'] as const;

function send(decide: Decide): Promise<unknown> {
  const id = decide.item.task.id;
  const header = { 'Idempotency-Key': decide.idempotencyKey };
  switch (decide.item.kind) {
    case 'escalation':
      return unwrap(
        api.POST('/api/tasks/{id}/escalations/{proposalId}/decision', {
          params: { path: { id, proposalId: decide.item.requestId }, header },
          body: decide.body as DecisionBody,
        }),
      );
    case 'extension':
      return unwrap(
        api.POST('/api/tasks/{id}/extension-requests/{requestId}/decision', {
          params: { path: { id, requestId: decide.item.requestId }, header },
          body: decide.body as ExtensionDecisionBody,
        }),
      );
    case 'beyondAuthority':
      return unwrap(
        api.POST('/api/tasks/{id}/beyond-authority/{requestId}/decision', {
          params: { path: { id, requestId: decide.item.requestId }, header },
          body: decide.body as BeyondAuthorityBody,
        }),
      );
    case 'evidenceReview':
      return unwrap(api.POST('/api/tasks/{id}/evidence/review', { params: { path: { id }, header }, body: decide.body as ReviewBody }));
    case 'blocker':
      return unwrap(
        api.POST('/api/tasks/{id}/blockers/{blockerId}/decide', {
          params: { path: { id, blockerId: decide.item.requestId }, header },
          body: decide.body as BlockerDecisionBody,
        }),
      );
  }
}

const same = (a: DecisionItem, b: DecisionItem) => a.task.id === b.task.id && a.requestId === b.requestId;

/**
 * Decides one item. The item leaves the list (and the counts) at once; on an error it comes back.
 * Afterwards the queue and the counts are read again.
 */
export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onMutate: async ({ item }) => {
      await queryClient.cancelQueries({ queryKey: DECISION_LISTS_KEY });
      await queryClient.cancelQueries({ queryKey: DECISION_COUNT_KEY });
      const lists = queryClient.getQueriesData<DecisionPage>({ queryKey: DECISION_LISTS_KEY });
      const counts = queryClient.getQueryData<DecisionCounts>(DECISION_COUNT_KEY);
      queryClient.setQueriesData<DecisionPage>({ queryKey: DECISION_LISTS_KEY }, (page) => {
        if (!page || !page.items.some((other) => same(other, item))) return page;
        return { ...page, items: page.items.filter((other) => !same(other, item)), total: Math.max(0, page.total - 1) };
      });
      if (counts) {
        queryClient.setQueryData<DecisionCounts>(DECISION_COUNT_KEY, {
          total: Math.max(0, counts.total - 1),
          byKind: { ...counts.byKind, [item.kind]: Math.max(0, counts.byKind[item.kind] - 1) },
        });
      }
      return { lists, counts };
    },
    onError: (_error, _decide, saved) => {
      saved?.lists.forEach(([key, page]) => queryClient.setQueryData(key, page));
      if (saved?.counts) queryClient.setQueryData(DECISION_COUNT_KEY, saved.counts);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: DECISIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
    },
  });
}
