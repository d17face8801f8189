import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { DECISIONS_KEY } from './use-decision-count';
import type { TaskEvidenceView } from './types';

/** The reviewer's view of a task's evidence: what the unit declared and every check made. */
export function useTaskEvidence(taskId: string) {
  return useQuery({
    queryKey: [...DECISIONS_KEY, 'evidence', taskId],
    // The API types `evidence` loosely (an open object); its shape is the reviewer's view.
    queryFn: async () => (await unwrap(api.GET('/api/tasks/{id}/evidence', { params: { path: { id: taskId } } }))) as unknown as TaskEvidenceView,
  });
}
