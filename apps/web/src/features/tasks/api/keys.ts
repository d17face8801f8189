import type { TaskListQuery } from './types';

/** The tasks feature's query keys: every mutation on a task invalidates `TASKS_KEY`. */
export const TASKS_KEY = ['tasks'] as const;

export const taskKeys = {
  all: TASKS_KEY,
  list: (query: TaskListQuery) => [...TASKS_KEY, 'list', query] as const,
  counts: (query: Pick<TaskListQuery, 'program' | 'q'>) => [...TASKS_KEY, 'counts', query] as const,
  detail: (id: string) => [...TASKS_KEY, 'detail', id] as const,
};
