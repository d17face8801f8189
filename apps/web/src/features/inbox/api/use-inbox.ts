import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { INBOX_KEY } from './use-unread-count';

export type InboxPage = components['schemas']['InboxPageDto'];
export type InboxItem = components['schemas']['InboxItemDto'];

export const INBOX_PAGE_SIZE = 20;

export interface InboxFilter {
  page: number;
  unread: boolean;
}

/** One page of the user's notifications, newest first (paged on the server). */
export function useInbox({ page, unread }: InboxFilter) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'list', { page, unread }],
    queryFn: () =>
      unwrap(api.GET('/api/notifications', { params: { query: { page, pageSize: INBOX_PAGE_SIZE, ...(unread ? { unread: true } : {}) } } })),
    placeholderData: keepPreviousData,
  });
}
