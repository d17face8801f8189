import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { taskKeys } from './keys';

/** One task with its timeline, pending requests and the actions the user may take now. */
export function useTask(id: string) {
  return useQuery({
    queryKey: taskKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id } } })),
  });
}
