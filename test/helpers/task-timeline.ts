import { eventually } from './eventually';
import type { TestStack } from './test-stack';

export interface TimelineEntry {
  seq: number;
  type: string;
  at: string;
  actor: { id: string } | null;
  fromStatus: string | null;
  toStatus: string;
  data: Record<string, unknown>;
}

/** GET /api/tasks/:id as someone. */
export async function getTask(stack: TestStack, token: string, id: string): Promise<Record<string, any>> {
  const res = await stack.http().get(`/api/tasks/${id}`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`GET task ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
}

/** Waits until the task's timeline holds `count` events of `type` and returns the task. */
export async function waitForEvent(stack: TestStack, token: string, id: string, type: string, count = 1, timeoutMs = 20_000): Promise<Record<string, any>> {
  return eventually(async () => {
    const task = await getTask(stack, token, id);
    const found = (task.timeline as TimelineEntry[]).filter((e) => e.type === type).length;
    if (found < count) throw new Error(`task ${id}: ${found}/${count} ${type}; timeline: ${(task.timeline as TimelineEntry[]).map((e) => e.type).join(', ')}`);
    return task;
  }, timeoutMs, 250);
}

export const types = (task: Record<string, any>): string[] => (task.timeline as TimelineEntry[]).map((e) => e.type);
