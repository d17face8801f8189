import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '@/lib/api-client';
import type { InboxPage } from './use-inbox';
import { INBOX_KEY } from './use-unread-count';

type Snapshot = [QueryKey, InboxPage | undefined][];

/**
 * Applies a change to every cached inbox page — the lists and the header's unread count, which
 * are all InboxPage answers under ['inbox'] — and returns what they were, to roll back.
 */
async function optimistically(queryClient: QueryClient, change: (page: InboxPage) => InboxPage): Promise<{ snapshot: Snapshot }> {
  await queryClient.cancelQueries({ queryKey: INBOX_KEY });
  const snapshot = queryClient.getQueriesData<InboxPage>({ queryKey: INBOX_KEY });
  queryClient.setQueriesData<InboxPage>({ queryKey: INBOX_KEY }, (page) => (page?.items ? change(page) : page));
  return { snapshot };
}

function useInboxMutation<T>(mutationFn: (variables: T) => Promise<unknown>, change: (variables: T, now: string, snapshot: Snapshot) => (page: InboxPage) => InboxPage) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation('inbox');
  return useMutation({
    mutationFn,
    onMutate: (variables: T) => {
      const now = new Date().toISOString();
      const before = queryClient.getQueriesData<InboxPage>({ queryKey: INBOX_KEY });
      return optimistically(queryClient, change(variables, now, before));
    },
    onError: (error, _variables, context) => {
      context?.snapshot.forEach(([key, page]) => queryClient.setQueryData(key, page));
      void message.error(t('markFailed', { message: error.message }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

/** Marks one notification read: at once on screen and in the header's badge; undone if the API refuses. */
export function useMarkRead() {
  return useInboxMutation(
    (id: string) => unwrap(api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    (id, now, before) => {
      const wasUnread = before.some(([, page]) => page?.items?.some((item) => item.id === id && !item.readAt));
      return (page) => ({
        ...page,
        unread: wasUnread ? Math.max(0, page.unread - 1) : page.unread,
        items: page.items.map((item) => (item.id === id && !item.readAt ? { ...item, readAt: now } : item)),
      });
    },
  );
}

/** Marks every notification read: at once on screen and in the header's badge; undone if the API refuses. */
export function useMarkAllRead() {
  return useInboxMutation(
    () => unwrap(api.POST('/api/notifications/read-all')),
    (_none: void, now) => (page) => ({ ...page, unread: 0, items: page.items.map((item) => (item.readAt ? item : { ...item, readAt: now })) }),
  );
}
