import type { AfterCareState, EvidenceSubmission, TaskDefinition, TaskState } from '@dondoc/workflows/task/task.types';
import { initialState } from '@dondoc/workflows/task/task-rules';
import type { TaskParts } from './task-access.service';
import { allowedActions, TASK_ACTIONS, type ActionSubject } from './task-allowed-actions';

const NOW = Date.parse('2030-02-01T00:00:00.000Z');
const DUE = '2030-03-01T10:00:00.000Z';

const definition: TaskDefinition = {
  taskId: '11111111-1111-4111-8111-111111111111',
  code: 'NV-2030-001',
  title: 'Số hoá hồ sơ đất đai',
  description: '',
  program: null,
  leadUnitId: 'commune',
  coordinatingUnitIds: [],
  focalOfficerId: 'focal',
  assignedBy: 'assigner',
  assignedAt: '2030-01-01T00:00:00.000Z',
  dueAt: DUE,
  milestones: [],
  plan: {
    templateId: 'template',
    templateKey: 'digital',
    templateVersion: 1,
    reminderOffsets: [0],
    ackReminderEvery: null,
    ackReminderMax: 0,
    ladder: [],
    decisionReminderEvery: 86_400,
    explanationDeadline: 86_400,
    requiredCriteria: ['OPERATING_PRODUCT'],
    minActiveUsers: null,
    kpiDirection: null,
    reviewer: { type: 'ASSIGNER' },
  },
};

const NONE: TaskParts = { member: false, supervisor: false, reviewer: false, canceller: false, administrator: false, deciderOf: [], blockerResolverOf: [], blockerDeciderOf: [] };
const OFFICER: TaskParts = { ...NONE, member: true };
const LEADER: TaskParts = { ...NONE, supervisor: true, reviewer: true, canceller: true };
const ADMIN: TaskParts = { ...LEADER, administrator: true };

function subject(overrides: Partial<TaskState> = {}, afterCareUntil: Date | null = null): ActionSubject {
  return { definition, state: { ...initialState(definition, ['assigner']), ...overrides }, afterCareUntil };
}

const evidence = (overrides: Partial<EvidenceSubmission> = {}): EvidenceSubmission => ({
  id: 'V5',
  submittedBy: 'focal',
  submittedAt: NOW - 1_000,
  items: { operatingProduct: { url: 'https://x.gov.vn' } },
  status: 'UNDER_REVIEW',
  criteria: { OPERATING_PRODUCT: { status: 'verified', reasons: [], startedAt: 1, finishedAt: 2 } },
  verifiedAt: NOW - 500,
  reviewers: ['assigner', 'reviewer'],
  reviewedBy: null,
  reviewedAt: null,
  comment: null,
  rejections: {},
  remindedAt: null,
  ...overrides,
});

const pendingRequests: Partial<TaskState> = {
  status: 'IN_PROGRESS',
  acknowledgedAt: NOW - 10_000,
  proposals: [
    { id: 'P3', level: 2, proposedAt: 1, deciders: ['parent-head'], status: 'PENDING', decidedBy: null, decidedAt: null, comment: null, remindedAt: null, openExplanation: false },
  ],
  extensions: [{ id: 'E4', requestedBy: 'focal', requestedAt: 1, newDueAt: Date.parse(DUE) + 86_400_000, reason: 'r', status: 'PENDING', decidedBy: null, decidedAt: null, comment: null, remindedAt: null }],
  explanations: [{ id: 'X6', requestedBy: 'leader', requestedAt: 1, question: 'q', deadline: NOW + 1_000, status: 'OPEN', overdueNotified: false, answer: null, answeredBy: null, answeredAt: null }],
  beyondAuthority: [{ id: 'B7', raisedBy: 'focal', raisedAt: 1, reason: 'r', status: 'PENDING', decision: null, comment: null, decidedBy: null, decidedAt: null, remindedAt: null }],
};

describe(allowedActions.name, () => {
  it('offers the lead unit what a new task allows: acknowledge, report, ask, raise, submit (no pending request to answer)', () => {
    expect(allowedActions(subject(), OFFICER, 'focal', NOW)).toEqual(['acknowledge', 'progress', 'requestExtension', 'raiseBeyondAuthority', 'submitEvidence', 'declareBlocker']);
  });

  it('offers a supervisor of a new task an explanation request and cancelling, nothing to decide', () => {
    expect(allowedActions(subject(), LEADER, 'leader', NOW)).toEqual(['requestExplanation', 'cancel']);
  });

  it('offers nothing to someone without a part (an auditor, a stranger), whatever waits', () => {
    expect(allowedActions(subject(pendingRequests), NONE, 'auditor', NOW)).toEqual([]);
  });

  it('once acknowledged, with requests pending: the unit answers but asks no second extension nor a second matter; the supervisor decides them', () => {
    const task = subject(pendingRequests);
    expect(allowedActions(task, OFFICER, 'focal', NOW)).toEqual(['progress', 'answerExplanation', 'submitEvidence', 'declareBlocker']);
    expect(allowedActions(task, LEADER, 'leader', NOW)).toEqual(['requestExplanation', 'decideExtension', 'decideBeyondAuthority', 'cancel']);
  });

  it('offers an escalation level only to its deciders', () => {
    const task = subject(pendingRequests);
    expect(allowedActions(task, { ...NONE, deciderOf: ['P3'] }, 'parent-head', NOW)).toEqual(['decideEscalation']);
    // A decider of a level no longer pending (superseded by an extension) has nothing to decide.
    const superseded = subject({ ...pendingRequests, proposals: pendingRequests.proposals!.map((p) => ({ ...p, status: 'SUPERSEDED' as const })) });
    expect(allowedActions(superseded, { ...NONE, deciderOf: ['P3'] }, 'parent-head', NOW)).toEqual([]);
  });

  it('while evidence is under review: the unit may not report, ask or resubmit; a reviewer may review (also while checks run, to reject)', () => {
    const reviewing = subject({ status: 'EVIDENCE_SUBMITTED', acknowledgedAt: 1, evidence: evidence() });
    expect(allowedActions(reviewing, OFFICER, 'focal', NOW)).toEqual(['raiseBeyondAuthority']);
    expect(allowedActions(reviewing, { ...NONE, reviewer: true }, 'reviewer', NOW)).toEqual(['reviewEvidence']);
    const checking = subject({ status: 'EVIDENCE_SUBMITTED', acknowledgedAt: 1, evidence: evidence({ verifiedAt: null }) });
    expect(allowedActions(checking, LEADER, 'leader', NOW)).toContain('reviewEvidence');
    // Evidence sent back (rejected) is no longer to review.
    const rejected = subject({ status: 'IN_PROGRESS', acknowledgedAt: 1, evidence: evidence({ status: 'REJECTED' }) });
    expect(allowedActions(rejected, LEADER, 'leader', NOW)).not.toContain('reviewEvidence');
  });

  it('a done task offers nothing but closing its after-care, to administrators, while it runs', () => {
    const care: AfterCareState = { url: 'https://x.gov.vn', startedAt: 1, endsAt: NOW + 1_000, nextAt: NOW + 10, probes: 0, consecutiveFailures: 0, regressed: false, lastCheckedAt: null, lastOk: null, closedAt: null, closeReason: null, endedAt: null };
    const done = subject({ ...pendingRequests, status: 'DONE', evidence: evidence({ status: 'ACCEPTED' }), afterCare: care }, new Date(NOW + 1_000));
    expect(allowedActions(done, ADMIN, 'admin', NOW)).toEqual(['closeAfterCare']);
    expect(allowedActions(done, LEADER, 'leader', NOW)).toEqual([]);
    expect(allowedActions(done, OFFICER, 'focal', NOW)).toEqual([]);
    const ended = subject({ status: 'DONE', afterCare: { ...care, endedAt: NOW - 1 } }, null);
    expect(allowedActions(ended, ADMIN, 'admin', NOW)).toEqual([]);
  });

  it('a cancelled task offers nothing to anyone', () => {
    const cancelled = subject({ ...pendingRequests, status: 'CANCELLED', cancelledAt: 1 });
    for (const parts of [OFFICER, LEADER, ADMIN, { ...NONE, deciderOf: ['P3'] }]) expect(allowedActions(cancelled, parts, 'x', NOW)).toEqual([]);
  });

  it('offers nothing before the workflow has recorded the task (no state yet)', () => {
    expect(allowedActions({ definition, state: null, afterCareUntil: null }, ADMIN, 'admin', NOW)).toEqual([]);
  });

  it('someone with both parts gets both parts’ actions, in the documented order', () => {
    const both = allowedActions(subject(pendingRequests), { ...ADMIN, member: true, deciderOf: ['P3'] }, 'parent-head', NOW);
    expect(both).toEqual(TASK_ACTIONS.filter((a) => !['acknowledge', 'requestExtension', 'raiseBeyondAuthority', 'reviewEvidence', 'closeAfterCare', 'resolveBlocker', 'decideBlocker'].includes(a)));
  });

  it('the workflow’s own check counts too: a level whose deciders do not name the actor is not offered, whatever the API’s parts say', () => {
    expect(allowedActions(subject(pendingRequests), { ...ADMIN, deciderOf: ['P3'] }, 'admin', NOW)).not.toContain('decideEscalation');
  });

  it('offers resolving a blocker to either side and deciding it to a leader over both, each for the blockers they hold', () => {
    const blocker = (id: string, status: 'OPEN' | 'RESOLVED', decidedAt: number | null = null) => ({
      id, leadUnitId: 'commune', blockingUnitId: 'finance', coordinating: false, reason: 'r', awaited: 'a', since: 1, declaredBy: 'focal', declaredAt: 1,
      status, resolvedBy: null, resolvedAt: null, resolution: null, decidedBy: null, decidedAt, confirmed: false, confirmedBy: null, confirmedAt: null, decisionComment: null, remindedAt: null,
    });
    const task = subject({ status: 'IN_PROGRESS', acknowledgedAt: 1, blockers: [blocker('BL3', 'OPEN'), blocker('BL5', 'RESOLVED')] });
    expect(allowedActions(task, { ...NONE, blockerResolverOf: ['BL3', 'BL5'] }, 'finance-head', NOW)).toEqual(['resolveBlocker']);
    expect(allowedActions(task, { ...NONE, blockerResolverOf: ['BL5'] }, 'other', NOW)).toEqual([]);
    // A resolved blocker may still be confirmed as an objective cause; a decided one no more.
    expect(allowedActions(task, { ...NONE, blockerDeciderOf: ['BL5'] }, 'leader', NOW)).toEqual(['decideBlocker']);
    const decided = subject({ status: 'IN_PROGRESS', acknowledgedAt: 1, blockers: [blocker('BL5', 'RESOLVED', 2)] });
    expect(allowedActions(decided, { ...NONE, blockerDeciderOf: ['BL5'] }, 'leader', NOW)).toEqual([]);
  });

  it('an extension whose requested due time has passed can still be rejected, so it is still offered', () => {
    const passed = subject({ ...pendingRequests, extensions: pendingRequests.extensions!.map((e) => ({ ...e, newDueAt: NOW - 1 })) });
    expect(allowedActions(passed, LEADER, 'leader', NOW)).toContain('decideExtension');
  });
});
