import type { TestStack } from '../helpers/test-stack';

/** A template whose whole lifecycle runs in seconds (durations are data). */
export function fastTemplate(key: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key,
    nameVi: `Mẫu thử nhanh ${key}`,
    nameEn: `Fast test template ${key}`,
    defaultDuration: '20s',
    reminders: ['6s', '4s', '2s'],
    acknowledgementReminder: { every: '3s', max: 2 },
    escalation: {
      levels: [
        { level: 2, after: '2s', decider: { type: 'PARENT_HEAD' }, openExplanation: true },
        { level: 3, after: '5s', decider: { type: 'STEERING_COMMITTEE' }, openExplanation: false },
      ],
      decisionReminderEvery: '3s',
      explanationDeadline: '4s',
    },
    evidence: {
      required: ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS', 'MEASURABLE_EFFECT'],
      minActiveUsers: 100,
      kpiDirection: 'INCREASE',
      reviewer: { type: 'ASSIGNER' },
      probe: { probes: 2, window: '1s', maxLatencyMs: 2000 },
      afterCare: null,
    },
    ...overrides,
  };
}

export interface TaskRef {
  id: string;
  code: string;
}

/** Assigns a task through the API, due `dueInSeconds` from now. */
export async function assignTask(stack: TestStack, token: string, body: Record<string, unknown> & { dueInSeconds?: number }): Promise<TaskRef> {
  const { dueInSeconds, ...rest } = body;
  const res = await stack
    .http()
    .post('/api/tasks')
    .set('Authorization', `Bearer ${token}`)
    .send({ title: 'Đưa dịch vụ công trực tuyến vào vận hành', ...rest, ...(dueInSeconds !== undefined ? { dueAt: new Date(Date.now() + dueInSeconds * 1000).toISOString() } : {}) });
  if (res.status !== 201) throw new Error(`assigning a task: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, code: res.body.code as string };
}
