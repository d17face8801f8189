import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { TASKS_KEY } from './keys';
import type { TaskDetail } from './types';

type Schemas = components['schemas'];

/** An action of the task's page, with what it sends. */
export type ActionInput =
  | { action: 'acknowledge' }
  | { action: 'progress'; body: Schemas['ProgressDto'] }
  | { action: 'requestExtension'; body: Schemas['ExtensionRequestDto'] }
  | { action: 'answerExplanation'; requestId: string; body: Schemas['ExplanationAnswerDto'] }
  | { action: 'requestExplanation'; body: Schemas['ExplanationRequestDto'] }
  | { action: 'raiseBeyondAuthority'; body: Schemas['BeyondAuthorityDto'] }
  | { action: 'cancel'; body: Schemas['CancelDto'] }
  | { action: 'closeAfterCare'; body: Schemas['CloseAfterCareDto'] }
  | { action: 'declareBlocker'; body: Schemas['DeclareBlockerDto'] }
  | { action: 'resolveBlocker'; blockerId: string; body: Schemas['ResolveBlockerDto'] }
  | { action: 'decideBlocker'; blockerId: string; body: Schemas['DecideBlockerDto'] };

export type DialogAction = ActionInput['action'];

/** How often an action the API still runs (503 ACTION_PENDING) is asked for again, with the same key. */
const PENDING_RETRIES = 3;

function send(id: string, input: ActionInput, key: string) {
  const path = { id };
  const header = { 'Idempotency-Key': key };
  switch (input.action) {
    case 'acknowledge':
      return unwrap(api.POST('/api/tasks/{id}/acknowledge', { params: { path, header } }));
    case 'progress':
      return unwrap(api.POST('/api/tasks/{id}/progress', { params: { path, header }, body: input.body }));
    case 'requestExtension':
      return unwrap(api.POST('/api/tasks/{id}/extension-requests', { params: { path, header }, body: input.body }));
    case 'answerExplanation':
      return unwrap(
        api.POST('/api/tasks/{id}/explanation-requests/{requestId}/answer', {
          params: { path: { id, requestId: input.requestId }, header },
          body: input.body,
        }),
      );
    case 'requestExplanation':
      return unwrap(api.POST('/api/tasks/{id}/explanation-requests', { params: { path, header }, body: input.body }));
    case 'raiseBeyondAuthority':
      return unwrap(api.POST('/api/tasks/{id}/beyond-authority', { params: { path, header }, body: input.body }));
    case 'cancel':
      return unwrap(api.POST('/api/tasks/{id}/cancel', { params: { path, header }, body: input.body }));
    case 'closeAfterCare':
      return unwrap(api.POST('/api/tasks/{id}/after-care/close', { params: { path, header }, body: input.body }));
    case 'declareBlocker':
      return unwrap(api.POST('/api/tasks/{id}/blockers', { params: { path, header }, body: input.body }));
    case 'resolveBlocker':
      return unwrap(api.POST('/api/tasks/{id}/blockers/{blockerId}/resolve', { params: { path: { id, blockerId: input.blockerId }, header }, body: input.body }));
    case 'decideBlocker':
      return unwrap(api.POST('/api/tasks/{id}/blockers/{blockerId}/decide', { params: { path: { id, blockerId: input.blockerId }, header }, body: input.body }));
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends an action with its idempotency key. An action the API accepted but has not finished
 * (503 ACTION_PENDING) is asked for again with the same key, which returns its result.
 */
export async function sendTaskAction(id: string, input: ActionInput, key: string): Promise<TaskDetail> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send(id, input, key);
    } catch (error) {
      const pending = error instanceof ApiError && error.status === 503 && error.problem.code === 'ACTION_PENDING';
      if (!pending || attempt >= PENDING_RETRIES) throw error;
      await wait(1_000 * (attempt + 1));
    }
  }
}

/** An action on one task; on success every task query (this task, lists, counts) is refreshed. */
export function useTaskAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: ActionInput; key: string }) => sendTaskAction(id, input, key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
}
