import type { Scorecard, ScorecardSummary } from '../api/types';

export const UNIT = { id: '11111111-1111-4111-8111-111111111111', code: 'HN-X001', nameVi: 'Xã Minh Châu', nameEn: 'Minh Chau Commune', level: 'commune' as const };
export const TASK_T2 = 'b0000000-0000-4000-8000-000000000002';
const task = (n: number) => `b0000000-0000-4000-8000-00000000000${n}`;

export const PENDING_SUMMARY: ScorecardSummary = {
  id: 'c0000000-0000-4000-8000-000000000001',
  quarter: '2026-Q3',
  kind: 'UNIT',
  unit: UNIT,
  user: null,
  version: 1,
  formulaVersion: 1,
  tasksDue: 4,
  results: 43.91,
  resultsOf: 70,
  general: null,
  generalOf: 30,
  total: null,
  band: null,
  bandLabel: null,
  bandCapped: false,
  status: 'PENDING',
  contentHash: 'a'.repeat(64),
  reason: null,
  createdAt: '2026-10-01T00:00:00.000Z',
};

export const EVALUATED_SUMMARY: ScorecardSummary = {
  ...PENDING_SUMMARY,
  id: 'c0000000-0000-4000-8000-000000000002',
  unit: { ...UNIT, id: '22222222-2222-4222-8222-222222222222', code: 'HN-X002', nameVi: 'Xã Tiến Thắng', nameEn: null },
  general: 27,
  total: 70.91,
  band: 'NOT_COMPLETED',
  bandLabel: { vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed' },
  bandCapped: true,
  status: 'EVALUATED',
};

export const FORMULA = {
  generalPoints: 30,
  results: { quantity: 20, quality: 25, progress: 25 },
  attestedWeight: 0.5,
  qualityDeduction: 0.25,
  lateDeduction: 0.25,
  lateStepWorkingDays: 5,
  bands: { excellent: 90, good: 70, completed: 50 },
  maxLateShare: 0.2,
};

/** The README's worked example, as the API answers it. */
export function pendingCard(overrides: Partial<Scorecard> = {}): Scorecard {
  return {
    ...PENDING_SUMMARY,
    cutOff: '2026-09-30T17:00:00.000Z',
    period: { from: '2026-06-30T17:00:00.000Z', to: '2026-09-30T17:00:00.000Z' },
    formula: FORMULA,
    late: 2,
    lateShare: 0.5,
    lines: {
      quantity: {
        points: 15,
        of: 20,
        arithmetic: '20 × 3/4 = 15',
        tasks: [
          { taskId: task(1), code: 'Q3-T1', points: 5, of: 5, reason: { vi: 'đã hoàn thành', en: 'done' }, events: [{ taskId: task(1), seq: 5, type: 'EVIDENCE_ACCEPTED' }] },
          { taskId: task(4), code: 'Q3-T4', points: 0, of: 5, reason: { vi: 'chưa hoàn thành', en: 'not done' }, events: [{ taskId: task(4), seq: 2, type: 'OVERDUE' }] },
        ],
      },
      quality: {
        points: 13.28,
        of: 25,
        arithmetic: '25/4 × (1 + 0.38 + 0.75 + 0) = 13.28',
        tasks: [
          {
            taskId: TASK_T2,
            code: 'Q3-T2',
            points: 2.34,
            of: 6.25,
            reason: { vi: 'người dùng thực do thủ trưởng xác nhận (×0.5), 1 lần bị từ chối minh chứng (−25%)', en: 'real users attested (×0.5), 1 evidence rejection (−25%)' },
            events: [
              { taskId: TASK_T2, seq: 4, type: 'EVIDENCE_REJECTED' },
              { taskId: TASK_T2, seq: 6, type: 'CRITERION_ATTESTED' },
            ],
          },
        ],
      },
      progress: {
        points: 15.63,
        of: 25,
        arithmetic: '25/4 × (1 + 0.5 + 1 + 0) = 15.63',
        tasks: [{ taskId: TASK_T2, code: 'Q3-T2', points: 3.13, of: 6.25, reason: { vi: 'hoàn thành chậm 7 ngày làm việc (2 bậc × −25%)', en: 'done 7 working days late (2 steps × −25%)' }, events: [] }],
      },
    },
    generalComment: null,
    evaluatedBy: null,
    evaluatedAt: null,
    versions: [{ id: PENDING_SUMMARY.id, version: 1, reason: null, createdAt: '2026-10-01T00:00:00.000Z', contentHash: 'a'.repeat(64) }],
    ...overrides,
  };
}

export function evaluatedCard(): Scorecard {
  return pendingCard({
    general: 27,
    total: 70.91,
    band: 'NOT_COMPLETED',
    bandLabel: { vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed' },
    bandCapped: true,
    status: 'EVALUATED',
    generalComment: 'Chấp hành tốt kỷ luật, kỷ cương.',
    evaluatedAt: '2026-10-05T03:00:00.000Z',
  });
}
