import { TASK_NOTIFIED_EVENTS, type TaskMailData, type TaskNotifiedEvent } from '@dondoc/notifications';
import type { EvidenceSubmission, TaskDefinition, TaskEvent, TaskEventType, TaskState } from '@dondoc/workflows/task/task.types';
import { initialState } from '@dondoc/workflows/task/task-rules';
import { acknowledgeLinkId, blockingUnitOf, isNotified, taskLinkFor, taskLinkPath, taskNotifications, taskRecipients, unitsWhoseHeadHears, type BlockingUnit, type TaskAudience } from './task-recipients';

const DUE = Date.parse('2030-03-01T10:00:00.000Z');

const task: TaskDefinition = {
  taskId: '11111111-1111-4111-8111-111111111111',
  code: 'NV-2030-001',
  title: 'Số hoá hồ sơ đất đai',
  description: '',
  program: null,
  leadUnitId: 'commune',
  coordinatingUnitIds: ['coordinating-unit'],
  focalOfficerId: null,
  assignedBy: 'assigner',
  assignedAt: '2030-01-01T00:00:00.000Z',
  dueAt: new Date(DUE).toISOString(),
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

const state: TaskState = {
  ...initialState(task, ['reviewer']),
  status: 'IN_PROGRESS',
  seq: 7,
  version: 7,
  explanations: [
    { id: 'x1', requestedBy: 'leader', requestedAt: DUE, question: 'Vì sao chậm?', deadline: DUE + 86_400_000, status: 'OPEN', overdueNotified: false, answer: null, answeredBy: null, answeredAt: null },
  ],
};

const evidence: EvidenceSubmission = {
  id: 'e1',
  submittedBy: 'submitter',
  submittedAt: DUE,
  items: {},
  status: 'UNDER_REVIEW',
  criteria: {},
  verifiedAt: null,
  reviewers: ['evidence-reviewer'],
  reviewedBy: null,
  reviewedAt: null,
  comment: null,
  rejections: {},
  remindedAt: null,
};
const underReview: TaskState = { ...state, status: 'EVIDENCE_SUBMITTED', evidence };
const accepted: TaskState = { ...state, status: 'DONE', evidence: { ...evidence, status: 'ACCEPTED', reviewedBy: 'accepter' } };

const audience: TaskAudience = { unitName: 'Xã Một', head: ['head'], parentHead: ['parent-head'], people: ['officer'], coordinatingHeads: ['coordinating-head'] };

const event = (type: TaskEventType, data: Record<string, unknown> = {}, actorId: string | null = null): TaskEvent => ({
  seq: 8,
  type,
  at: DUE,
  actorId,
  requestId: null,
  fromStatus: 'IN_PROGRESS',
  toStatus: 'IN_PROGRESS',
  data,
});

const failed = [{ criterion: 'OPERATING_PRODUCT', reasons: [{ code: 'HTTP_STATUS', params: { status: 503 } }] }];

const FINANCE: BlockingUnit = { name: 'Sở Tài chính', head: 'finance-head', officers: ['finance-officer-1', 'finance-officer-2'] };
const BLOCKER_DATA = { blockerId: 'BL4', blockingUnitId: 'finance', leadUnitId: 'commune', coordinating: false, awaited: 'Kinh phí', since: '2030-02-01T01:00:00.000Z', declaredBy: 'officer-2' };
const BLOCKER_PARAMS: Partial<TaskMailData> = { blockingUnitName: 'Sở Tài chính', awaited: 'Kinh phí', since: '2030-02-01T01:00:00.000Z' };

interface Case {
  data?: Record<string, unknown>;
  state?: TaskState;
  unitHeads?: [string, string | null][];
  blocking?: BlockingUnit;
  recipients: string[];
  params?: Partial<TaskMailData>;
}

/** Every notified event, in the most common situation; variants follow. */
const CASES: Record<TaskNotifiedEvent, Case> = {
  ASSIGNED: { recipients: ['officer', 'head', 'coordinating-head'] },
  ACK_REMINDER: { data: { count: 2, of: 3 }, recipients: ['officer'], params: { count: '2' } },
  REMINDER: { data: { offsetSeconds: 86_400 }, recipients: ['officer'] },
  OVERDUE: { recipients: ['head', 'officer'] },
  ESCALATION_PROPOSED: { data: { level: 2, deciders: ['leader-a', 'leader-b'] }, recipients: ['leader-a', 'leader-b'], params: { level: '2' } },
  DECISION_REMINDER: {
    data: { item: 'proposal', id: 'p1', level: 2, deciders: ['leader-a'] },
    recipients: ['leader-a'],
    params: { item_vi: 'đề xuất báo cáo cấp trên', item_en: 'an escalation proposal', level: '' },
  },
  ESCALATION_APPROVED: { data: { level: 2, comment: 'Đồng ý' }, recipients: ['head', 'officer'], params: { level: '2', comment: 'Đồng ý' } },
  ESCALATION_REJECTED: { data: { level: 3, comment: 'Chưa cần' }, recipients: ['head'], params: { level: '3', comment: 'Chưa cần' } },
  EXTENSION_REQUESTED: {
    data: { newDueAt: '2030-04-01T10:00:00.000Z', reason: 'Chờ số liệu' },
    recipients: ['assigner', 'reviewer'],
    params: { newDueAt: '2030-04-01T10:00:00.000Z', reason: 'Chờ số liệu' },
  },
  EXTENSION_APPROVED: {
    data: { requestedBy: 'officer-2', newDueAt: '2030-04-01T10:00:00.000Z', previousDueAt: '2030-03-01T10:00:00.000Z' },
    recipients: ['officer-2', 'head'],
    params: { newDueAt: '2030-04-01T10:00:00.000Z', previousDueAt: '2030-03-01T10:00:00.000Z' },
  },
  EXTENSION_REJECTED: { data: { requestedBy: 'officer-2', comment: 'Không đủ lý do' }, recipients: ['officer-2', 'head'], params: { comment: 'Không đủ lý do' } },
  DUE_RECALCULATED: {
    data: { oldDueAt: '2030-03-01T10:00:00.000Z', newDueAt: '2030-03-04T10:00:00.000Z', dates: ['2030-02-27'] },
    recipients: ['officer', 'head'],
    params: { newDueAt: '2030-03-04T10:00:00.000Z', previousDueAt: '2030-03-01T10:00:00.000Z' },
  },
  EXPLANATION_REQUESTED: {
    data: { question: 'Vì sao chậm?', deadline: '2030-03-02T10:00:00.000Z' },
    recipients: ['officer', 'head'],
    params: { question: 'Vì sao chậm?', deadline: '2030-03-02T10:00:00.000Z' },
  },
  EXPLANATION_ANSWERED: { data: { requestId: 'x1', requestedBy: 'leader', answer: 'Thiếu nhân lực' }, recipients: ['leader'], params: { answer: 'Thiếu nhân lực' } },
  EXPLANATION_OVERDUE: {
    data: { requestId: 'x1', requestedBy: 'leader', deadline: '2030-03-02T10:00:00.000Z' },
    recipients: ['leader', 'parent-head', 'head'],
    params: { question: 'Vì sao chậm?', deadline: '2030-03-02T10:00:00.000Z' },
  },
  BEYOND_AUTHORITY_RAISED: { data: { reason: 'Cần kinh phí' }, recipients: ['assigner', 'reviewer', 'parent-head'], params: { reason: 'Cần kinh phí' } },
  BEYOND_AUTHORITY_DECIDED: {
    data: { raisedBy: 'officer', decision: 'EXTEND', comment: 'Gia hạn một tháng' },
    recipients: ['officer', 'head'],
    params: { decision_vi: 'gia hạn', decision_en: 'extended', comment: 'Gia hạn một tháng' },
  },
  REASSIGNED: {
    data: { fromUnitId: 'former-unit', toUnitId: 'commune', comment: 'Chuyển xã' },
    unitHeads: [['former-unit', 'former-head']],
    recipients: ['officer', 'head', 'former-head'],
    params: { newUnitName: 'Xã Một', comment: 'Chuyển xã' },
  },
  EVIDENCE_SUBMITTED: { state: underReview, recipients: ['evidence-reviewer'] },
  EVIDENCE_ACCEPTED: { state: accepted, data: { comment: 'Tốt' }, recipients: ['officer', 'head', 'assigner'], params: { comment: 'Tốt' } },
  EVIDENCE_REJECTED: {
    data: { rejections: { OPERATING_PRODUCT: 'Không truy cập được', VERIFIED_DATA: 'Thiếu tệp' } },
    recipients: ['officer', 'head'],
    params: { rejections: 'OPERATING_PRODUCT: Không truy cập được. VERIFIED_DATA: Thiếu tệp.' },
  },
  EVIDENCE_VERIFIED: { state: underReview, recipients: ['evidence-reviewer'] },
  EVIDENCE_VERIFICATION_FAILED: {
    state: { ...underReview, evidence: { ...evidence, status: 'FAILED_VERIFICATION' } },
    data: { evidenceId: 'e1', failed },
    recipients: ['officer', 'head', 'submitter', 'evidence-reviewer'],
    params: { failures_vi: 'Sản phẩm vận hành: mã phản hồi HTTP 503.', failures_en: 'Operating product: HTTP status 503.' },
  },
  REGRESSED: {
    state: accepted,
    data: { url: 'https://app.example.vn', consecutiveFailures: 2, reasons: failed[0].reasons },
    recipients: ['head', 'officer', 'accepter', 'assigner'],
    params: { count: '2', url: 'https://app.example.vn', failures_vi: 'Sản phẩm vận hành: mã phản hồi HTTP 503.', failures_en: 'Operating product: HTTP status 503.' },
  },
  RECOVERED: { state: accepted, data: { url: 'https://app.example.vn' }, recipients: ['head', 'officer', 'accepter', 'assigner'], params: { url: 'https://app.example.vn' } },
  AFTER_CARE_CLOSED: { state: accepted, data: { reason: 'Đã bàn giao' }, recipients: ['head', 'accepter'], params: { reason: 'Đã bàn giao' } },
  CANCELLED: { data: { reason: 'Không còn cần' }, recipients: ['officer', 'head', 'coordinating-head'], params: { reason: 'Không còn cần' } },
  BLOCKER_DECLARED: {
    data: { ...BLOCKER_DATA, reason: 'Sở chưa cấp kinh phí' },
    blocking: FINANCE,
    recipients: ['finance-head', 'finance-officer-1', 'finance-officer-2'],
    params: { ...BLOCKER_PARAMS, reason: 'Sở chưa cấp kinh phí' },
  },
  BLOCKER_REMINDER: { data: BLOCKER_DATA, blocking: FINANCE, recipients: ['finance-head', 'finance-officer-1', 'finance-officer-2'], params: BLOCKER_PARAMS },
  BLOCKER_RESOLVED: {
    data: { ...BLOCKER_DATA, resolution: 'Đã cấp kinh phí', automatic: false },
    blocking: FINANCE,
    recipients: ['finance-head', 'finance-officer-1', 'finance-officer-2', 'officer-2', 'officer', 'head'],
    params: { ...BLOCKER_PARAMS, resolution_vi: 'Đã cấp kinh phí', resolution_en: 'Đã cấp kinh phí' },
  },
  BLOCKER_DECIDED: {
    data: { ...BLOCKER_DATA, confirm: true, end: false, comment: 'Khách quan' },
    blocking: FINANCE,
    recipients: ['finance-head', 'finance-officer-1', 'finance-officer-2', 'officer-2', 'officer', 'head'],
    params: { ...BLOCKER_PARAMS, comment: 'Khách quan', decision_vi: 'xác nhận là nguyên nhân khách quan', decision_en: 'confirmed as an objective cause' },
  },
};

/** What every task mail says, whatever the event. */
const BASE: Omit<TaskMailData, 'name'> = {
  taskCode: 'NV-2030-001',
  taskTitle: 'Số hoá hồ sơ đất đai',
  unitName: 'Xã Một',
  dueAt: '2030-03-01T10:00:00.000Z',
  link: '',
  level: '',
  comment: '',
  reason: '',
  newDueAt: '',
  previousDueAt: '',
  question: '',
  deadline: '',
  answer: '',
  decision_vi: '',
  decision_en: '',
  item_vi: '',
  item_en: '',
  rejections: '',
  count: '',
  newUnitName: '',
  failures_vi: '',
  failures_en: '',
  url: '',
  blockingUnitName: '',
  awaited: '',
  since: '',
  resolution_vi: '',
  resolution_en: '',
};

const recipientsOf = (type: TaskEventType, data: Record<string, unknown>, taskState = state, unitHeads: [string, string | null][] = []) =>
  taskRecipients(event(type, data), { task, state: taskState }, audience, new Map(unitHeads)).recipients;

describe(taskRecipients.name, () => {
  it('has a case for every notified event', () => {
    expect(Object.keys(CASES).sort()).toEqual([...TASK_NOTIFIED_EVENTS].sort());
  });

  it.each(TASK_NOTIFIED_EVENTS.map((type) => [type, CASES[type]] as const))('%s', (type, c) => {
    const result = taskRecipients(event(type, c.data), { task, state: c.state ?? state }, audience, new Map(c.unitHeads ?? []), c.blocking);
    expect(result.recipients).toEqual(c.recipients);
    expect(result.params).toEqual({ ...BASE, ...c.params });
  });

  it('tells nobody of events nobody needs to hear of', () => {
    for (const type of ['ACKNOWLEDGED', 'PROGRESS_REPORTED', 'CRITERION_VERIFIED', 'AFTER_CARE_CHECKED', 'AFTER_CARE_ENDED'] as const) {
      expect(isNotified(event(type))).toBe(false);
      expect(recipientsOf(type, {})).toEqual([]);
    }
    expect(TASK_NOTIFIED_EVENTS.every((type) => isNotified(event(type)))).toBe(true);
  });

  it('a blocker that ends by itself is told to the blocking unit only, in words for each language; a leader’s decision says what was decided', () => {
    const ended = taskRecipients(event('BLOCKER_RESOLVED', { ...BLOCKER_DATA, resolution: 'TASK_CLOSED', automatic: true }), { task, state }, audience, new Map(), FINANCE);
    expect(ended.recipients).toEqual(['finance-head', 'finance-officer-1', 'finance-officer-2']);
    expect([ended.params.resolution_vi, ended.params.resolution_en]).toEqual(['nhiệm vụ đã kết thúc (hoàn thành hoặc huỷ)', 'the task has ended (done or cancelled)']);
    const decided = taskRecipients(event('BLOCKER_DECIDED', { ...BLOCKER_DATA, confirm: false, end: true, comment: 'x' }), { task, state }, audience, new Map(), { ...FINANCE, head: null });
    expect(decided.recipients).toEqual(['finance-officer-1', 'finance-officer-2', 'officer-2', 'officer', 'head']);
    expect(decided.params.decision_en).toBe('not confirmed as an objective cause; the blocker ended');
    expect(blockingUnitOf(event('BLOCKER_REMINDER', BLOCKER_DATA))).toBe('finance');
    expect(blockingUnitOf(event('CANCELLED', BLOCKER_DATA))).toBeUndefined();
  });

  it('the reminder at the due time also goes to the head', () => {
    expect(recipientsOf('REMINDER', { offsetSeconds: 0 })).toEqual(['officer', 'head']);
  });

  it('the audience’s people are told as they are given (every officer when no focal officer is named)', () => {
    const r = taskRecipients(event('OVERDUE'), { task, state }, { ...audience, people: ['officer-1', 'officer-2'] });
    expect(r.recipients).toEqual(['head', 'officer-1', 'officer-2']);
  });

  it('a vacant head is nobody, not an empty id', () => {
    const r = taskRecipients(event('EXPLANATION_OVERDUE', { requestId: 'x1', requestedBy: 'leader' }), { task, state }, { ...audience, head: [], parentHead: [] });
    expect(r.recipients).toEqual(['leader']);
  });

  it('decision reminders go to whoever the pending item waits for', () => {
    expect(recipientsOf('DECISION_REMINDER', { item: 'extension', id: 'x' })).toEqual(['assigner', 'reviewer']);
    expect(recipientsOf('DECISION_REMINDER', { item: 'beyondAuthority', id: 'b' })).toEqual(['assigner', 'reviewer']);
    expect(recipientsOf('DECISION_REMINDER', { item: 'evidence', id: 'e1' }, underReview)).toEqual(['evidence-reviewer']);
    expect(recipientsOf('DECISION_REMINDER', { item: 'evidence', id: 'e1' })).toEqual(['assigner', 'reviewer']); // no submission: the supervisors
    const params = taskRecipients(event('DECISION_REMINDER', { item: 'evidence', id: 'e1' }), { task, state: underReview }, audience).params;
    expect([params.item_vi, params.item_en]).toEqual(['minh chứng chờ duyệt', 'evidence to review']);
  });

  it('evidence news goes to the task’s supervisors while there is no submission to name its reviewers', () => {
    expect(recipientsOf('EVIDENCE_SUBMITTED', {})).toEqual(['assigner', 'reviewer']);
    expect(recipientsOf('EVIDENCE_VERIFIED', {})).toEqual(['assigner', 'reviewer']);
    expect(recipientsOf('EVIDENCE_VERIFICATION_FAILED', { failed })).toEqual(['officer', 'head', 'assigner', 'reviewer']);
  });

  it('after-care news goes to the task’s reviewers when nobody accepted the evidence by name', () => {
    const unreviewed: TaskState = { ...accepted, evidence: { ...evidence, reviewedBy: null } };
    expect(recipientsOf('RECOVERED', { url: 'u' }, unreviewed)).toEqual(['head', 'officer', 'reviewer', 'assigner']);
    expect(recipientsOf('AFTER_CARE_CLOSED', {}, { ...state, evidence: null })).toEqual(['head', 'reviewer']);
  });

  it('a decision’s requester or raiser missing from the event is left out, not an empty id', () => {
    expect(recipientsOf('EXTENSION_APPROVED', {})).toEqual(['head']);
    expect(recipientsOf('EXPLANATION_ANSWERED', {})).toEqual([]);
    expect(recipientsOf('BEYOND_AUTHORITY_DECIDED', { decision: 'CANCEL' })).toEqual(['head']);
  });

  it('a reassignment tells the former lead unit’s head, unless that post is vacant', () => {
    const reassigned = { fromUnitId: 'former-unit', toUnitId: 'commune' };
    expect(unitsWhoseHeadHears(event('REASSIGNED', reassigned))).toEqual(['former-unit']);
    expect(unitsWhoseHeadHears(event('CANCELLED', { reason: 'x' }))).toEqual([]);
    expect(recipientsOf('REASSIGNED', reassigned, state, [['former-unit', null]])).toEqual(['officer', 'head']);
  });

  it('each decision beyond authority is named in both languages', () => {
    const names = (['DIRECTION', 'EXTEND', 'REASSIGN', 'CANCEL', 'RETURN'] as const).map((decision) => {
      const { params } = taskRecipients(event('BEYOND_AUTHORITY_DECIDED', { raisedBy: 'officer', decision }), { task, state }, audience);
      return [params.decision_vi, params.decision_en];
    });
    expect(names).toEqual([
      ['cho ý kiến chỉ đạo', 'direction given'],
      ['gia hạn', 'extended'],
      ['chuyển đơn vị chủ trì', 'reassigned'],
      ['huỷ nhiệm vụ', 'cancelled'],
      ['trả lại đơn vị', 'returned to the unit'],
    ]);
  });

  it('text parameters that are not text are left empty', () => {
    const { params } = taskRecipients(event('CANCELLED', { reason: 42, comment: null }), { task, state }, audience);
    expect([params.reason, params.comment]).toEqual(['', '']);
    expect(taskRecipients(event('ACK_REMINDER', { count: '2' }), { task, state }, audience).params.count).toBe('');
  });
});

describe(taskNotifications.name, () => {
  it('makes one outbox row per recipient, keyed by workflow, event and person, in their language, with their name', () => {
    const overdue = event('OVERDUE') as TaskEvent & { type: 'OVERDUE' };
    const { params } = taskRecipients(overdue, { task, state }, audience);
    const rows = taskNotifications(
      'task-1',
      overdue,
      task,
      params,
      [
        { id: 'head', email: 'head@xa.vn', name: 'Trưởng xã', language: 'vi' },
        { id: 'officer', email: 'officer@xa.vn', name: 'Lan', language: 'en' },
      ],
      audience,
    );
    expect(rows).toEqual([
      { idempotencyKey: 'task-1:8:head', userId: 'head', email: 'head@xa.vn', language: 'vi', template: 'task-overdue', params: { ...BASE, name: 'Trưởng xã' }, link: `/tasks/${task.taskId}`, taskId: task.taskId },
      { idempotencyKey: 'task-1:8:officer', userId: 'officer', email: 'officer@xa.vn', language: 'en', template: 'task-overdue', params: { ...BASE, name: 'Lan' }, link: `/tasks/${task.taskId}`, taskId: task.taskId },
    ]);
  });

  it('gives the lead unit told to acknowledge a single-use link, the same on every retry; the others lead to the task', () => {
    const assigned = event('ASSIGNED') as TaskEvent & { type: 'ASSIGNED' };
    const people = ['officer', 'head', 'coordinating-head'].map((id) => ({ id, email: `${id}@xa.vn`, name: id, language: 'vi' as const }));
    const rows = taskNotifications('task-1', assigned, task, BASE, people, audience);
    expect(rows.map((row) => [row.userId, row.link, row.params.ackLinkId])).toEqual([
      ['officer', `/tasks/${task.taskId}`, acknowledgeLinkId('task-1:8:officer')],
      ['head', `/tasks/${task.taskId}`, acknowledgeLinkId('task-1:8:head')],
      ['coordinating-head', `/tasks/${task.taskId}`, undefined],
    ]);
    expect(acknowledgeLinkId('task-1:8:officer')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(acknowledgeLinkId('task-1:8:officer')).not.toBe(acknowledgeLinkId('task-1:8:head'));
    expect(taskNotifications('task-1', assigned, task, BASE, people, audience)).toEqual(rows);
  });

  it('names each event’s template', () => {
    const row = (type: TaskNotifiedEvent) => taskNotifications('w', event(type) as TaskEvent & { type: TaskNotifiedEvent }, task, BASE, [{ id: 'u', email: 'u@x.vn', name: 'U', language: 'vi' }], audience)[0].template;
    expect(row('EVIDENCE_VERIFICATION_FAILED')).toBe('task-evidence-verification-failed');
    expect(row('AFTER_CARE_CLOSED')).toBe('task-after-care-closed');
  });
});

describe(taskLinkFor.name, () => {
  const linkOf = (type: TaskEventType, data: Record<string, unknown>, recipient: string) => taskLinkPath(task.taskId, taskLinkFor(event(type, data), recipient, audience));
  const decisions = (request: string) => `/decisions?task=${task.taskId}&request=${request}`;
  const page = `/tasks/${task.taskId}`;

  it('asks the lead unit to acknowledge an assignment, a reassignment and the reminders; nobody else', () => {
    const kind = (type: TaskEventType, recipient: string) => taskLinkFor(event(type), recipient, audience).kind;
    expect([kind('ASSIGNED', 'officer'), kind('ASSIGNED', 'head'), kind('ASSIGNED', 'coordinating-head')]).toEqual(['acknowledge', 'acknowledge', 'task']);
    expect([kind('REASSIGNED', 'officer'), kind('REASSIGNED', 'head'), kind('REASSIGNED', 'former-head')]).toEqual(['acknowledge', 'acknowledge', 'task']);
    expect([kind('ACK_REMINDER', 'officer'), kind('ACK_REMINDER', 'head')]).toEqual(['acknowledge', 'task']);
    expect([kind('REMINDER', 'officer'), kind('OVERDUE', 'head'), kind('CANCELLED', 'officer')]).toEqual(['task', 'task', 'task']);
  });

  it('sends whoever is asked to decide to that decision in the Decisions queue', () => {
    expect(linkOf('ESCALATION_PROPOSED', { proposalId: 'P12', level: 2, deciders: ['leader-a'] }, 'leader-a')).toBe(decisions('P12'));
    expect(linkOf('EXTENSION_REQUESTED', { requestId: 'E7' }, 'assigner')).toBe(decisions('E7'));
    expect(linkOf('BEYOND_AUTHORITY_RAISED', { requestId: 'B4', reason: 'x' }, 'parent-head')).toBe(decisions('B4'));
    expect(linkOf('EVIDENCE_SUBMITTED', {}, 'reviewer')).toBe(decisions('evidence'));
    expect(linkOf('EVIDENCE_VERIFIED', {}, 'reviewer')).toBe(decisions('evidence'));
    expect(linkOf('EXPLANATION_ANSWERED', { requestId: 'X9', requestedBy: 'leader' }, 'leader')).toBe(decisions('X9'));
    expect(linkOf('DECISION_REMINDER', { item: 'proposal', id: 'P12' }, 'leader-a')).toBe(decisions('P12'));
    expect(linkOf('DECISION_REMINDER', { item: 'extension', id: 'E7' }, 'assigner')).toBe(decisions('E7'));
    expect(linkOf('DECISION_REMINDER', { item: 'evidence', id: 'V3' }, 'reviewer')).toBe(decisions('evidence'));
  });

  it('an overdue explanation: the requester and the parent head decide, the lead unit answers on the task’s page', () => {
    const overdue = { requestId: 'X9', requestedBy: 'leader' };
    expect(linkOf('EXPLANATION_OVERDUE', overdue, 'leader')).toBe(decisions('X9'));
    expect(linkOf('EXPLANATION_OVERDUE', overdue, 'parent-head')).toBe(decisions('X9'));
    expect(linkOf('EXPLANATION_OVERDUE', overdue, 'head')).toBe(page);
  });

  it('news that asks for no decision leads to the task, and so does a decision whose id is missing', () => {
    for (const type of ['ESCALATION_APPROVED', 'EXTENSION_APPROVED', 'EVIDENCE_ACCEPTED', 'REGRESSED', 'AFTER_CARE_CLOSED'] as const) expect(linkOf(type, { requestId: 'E7' }, 'officer')).toBe(page);
    expect(linkOf('ESCALATION_PROPOSED', { level: 2 }, 'leader-a')).toBe(page);
  });
});
