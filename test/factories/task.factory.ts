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
    evidence: { required: ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS', 'MEASURABLE_EFFECT'], minActiveUsers: 100, kpiDirection: 'INCREASE', reviewer: { type: 'ASSIGNER' } },
    ...overrides,
  };
}

/** Evidence meeting all four criteria. */
export const FULL_EVIDENCE = {
  operatingProduct: { url: 'https://dichvucong.minhchau.gov.vn', description: 'Cổng dịch vụ công của xã' },
  verifiedData: { datasetUrl: 'https://data.minhchau.gov.vn/ho-so.csv', recordCount: 1250 },
  realUsers: { attestedActiveUsers: 830, periodFrom: '2026-10-01T00:00:00+07:00', periodTo: '2026-10-31T23:59:59+07:00' },
  measurableEffect: { kpi: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 20, target: 60, achieved: 64, direction: 'INCREASE', method: 'Hồ sơ trực tuyến / tổng hồ sơ theo tháng' },
  supportingDocuments: [{ title: 'Quyết định phê duyệt kế hoạch', kind: 'DECISION' }],
};

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
