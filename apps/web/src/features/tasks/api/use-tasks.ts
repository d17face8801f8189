import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { taskKeys } from './keys';
import type { TaskListQuery } from './types';

/** One page of the tasks within the user's scope (the API scopes them). */
export function useTasks(query: TaskListQuery) {
  return useQuery({
    queryKey: taskKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/tasks', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** How many tasks each tab holds, with the filters that do not pick a tab. */
export function useTaskCounts(query: Pick<TaskListQuery, 'program' | 'q'>) {
  return useQuery({
    queryKey: taskKeys.counts(query),
    queryFn: () => unwrap(api.GET('/api/tasks/counts', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
