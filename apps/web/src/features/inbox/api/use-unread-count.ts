import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const INBOX_KEY = ['inbox'] as const;

/** The number of unread notifications, for the header's badge; refreshed every minute. */
export function useUnreadCount(): number {
  const { data } = useQuery({
    queryKey: [...INBOX_KEY, 'unread-count'],
    queryFn: () => unwrap(api.GET('/api/notifications', { params: { query: { unread: true, pageSize: 1 } } })),
    refetchInterval: 60_000,
  });
  return data?.unread ?? 0;
}
