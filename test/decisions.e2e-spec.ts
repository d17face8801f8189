import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate, type TaskRef } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { startEvidenceWorld, verifiableEvidence, type EvidenceWorld } from './helpers/evidence-world';
import { getTask, waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const HOUR = 3_600;

interface Item {
  kind: string;
  requestId: string;
  requestedAt: string;
  requestedBy: { id: string; name: string; email: string } | null;
  task: Record<string, unknown> & { id: string; code: string };
  details: Record<string, unknown>;
}

/**
 * The Decisions page's API (`GET /api/decisions`, `/count`) and the actions a task's page offers
 * (`actions` of `GET /api/tasks/:id`), on the real stack: what waits for whom, by the same rules
 * the decision routes and the task's workflow apply.
 *
 * Tasks (assigned by the administrator, oldest request first):
 *   haiphong  HP-X001: the commune asked for an extension (outside the Hanoi leader's scope)
 *   matter    HN-X001: the commune raised a matter beyond its authority
 *   explain   HN-X001: the Hanoi leader asked for an explanation, due in 3 s (then overdue)
 *   review    HN-X001: the commune's evidence, verified, awaits its review
 *   late      HN-X001: overdue; level 2 proposed to a leader group (the Hanoi leader), then an extension asked
 */
describe('Decisions queue and the actions a task offers', () => {
  let stack: TestStack;
  let org: Organisation;
  let world: EvidenceWorld;
  const tasks = {} as Record<'haiphong' | 'matter' | 'explain' | 'review' | 'late', TaskRef>;
  const requests = {} as Record<'haiphongExtension' | 'matter' | 'explanation' | 'proposal' | 'lateExtension', string>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);
  const get = (token: string, path: string) => stack.http().get(path).set(auth(token));
  type Page = { items: Item[]; total: number; page: number; pageSize: number };
  const queue = async (token: string, query = ''): Promise<Page> => (await get(token, `/api/decisions${query}`).expect(200)).body as Page;
  const keys = (items: Item[]) => items.map((i) => `${i.kind} ${i.task.code} ${i.requestId}`);
  const actions = async (token: string, task: TaskRef): Promise<string[]> => (await getTask(stack, token, task.id)).actions as string[];
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

  beforeAll(async () => {
    stack = await startTestStack();
    world = await startEvidenceWorld();
    org = await buildOrganisation(stack);
    const template = fastTemplate('quyet-dinh', {
      defaultDuration: '1h',
      reminders: [],
      acknowledgementReminder: null,
      escalation: {
        levels: [{ level: 2, after: '1s', decider: { type: 'LEADER_GROUP', name: 'Tổ công tác Hà Nội', userIds: [org.userIds.leaderHanoi] }, openExplanation: false }],
        decisionReminderEvery: '1h',
        explanationDeadline: '1h',
      },
    });
    await post(org.adminToken, '/api/templates', template).expect(201);
    const commune = { templateKey: 'quyet-dinh', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: HOUR };

    tasks.haiphong = await assignTask(stack, org.adminToken, { ...commune, title: 'Hải Phòng xin gia hạn', leadUnitId: org.unitIds['HP-X001'], focalOfficerId: org.userIds.officerHaiphong });
    const extended = await post(org.tokens.officerHaiphong, `/api/tasks/${tasks.haiphong.id}/extension-requests`, { newDueAt: later(2 * HOUR), reason: 'Chờ hạ tầng' }).expect(200);
    requests.haiphongExtension = extended.body.pending.extensions[0].id;

    tasks.matter = await assignTask(stack, org.adminToken, { ...commune, title: 'Vượt thẩm quyền' });
    const raised = await post(org.tokens.officerCommune, `/api/tasks/${tasks.matter.id}/beyond-authority`, { reason: 'Cần Sở Tài chính bố trí vốn' }).expect(200);
    requests.matter = raised.body.pending.beyondAuthority[0].id;

    tasks.explain = await assignTask(stack, org.adminToken, { ...commune, title: 'Cần giải trình' });
    const asked = await post(org.tokens.leaderHanoi, `/api/tasks/${tasks.explain.id}/explanation-requests`, { question: 'Vì sao chưa tiếp nhận?', deadline: later(3) }).expect(200);
    requests.explanation = asked.body.pending.explanations[0].id;

    tasks.review = await assignTask(stack, org.adminToken, { ...commune, title: 'Chờ duyệt minh chứng' });
    await post(org.tokens.officerCommune, `/api/tasks/${tasks.review.id}/evidence`, verifiableEvidence(world)).expect(200);
    await waitForEvent(stack, org.adminToken, tasks.review.id, 'EVIDENCE_VERIFIED', 1, 30_000);

    tasks.late = await assignTask(stack, org.adminToken, { ...commune, title: 'Quá hạn', dueInSeconds: 2 });
    const proposed = await waitForEvent(stack, org.adminToken, tasks.late.id, 'ESCALATION_PROPOSED', 1, 15_000);
    requests.proposal = proposed.pending.escalations[0].id;
    const lateExtension = await post(org.tokens.officerCommune, `/api/tasks/${tasks.late.id}/extension-requests`, { newDueAt: later(HOUR), reason: 'Nhà cung cấp chậm' }).expect(200);
    requests.lateExtension = lateExtension.body.pending.extensions[0].id;
  });

  afterAll(async () => {
    await stack.close();
    await world.close();
  });

  it('a leader sees, oldest first, what waits for them in their scope: the matter, their explanation, the evidence, the level they decide, the extension', async () => {
    const page = await queue(org.tokens.leaderHanoi);
    expect(keys(page.items)).toEqual([
      `beyondAuthority ${tasks.matter.code} ${requests.matter}`,
      `explanation ${tasks.explain.code} ${requests.explanation}`,
      `evidenceReview ${tasks.review.code} evidence`,
      `escalation ${tasks.late.code} ${requests.proposal}`,
      `extension ${tasks.late.code} ${requests.lateExtension}`,
    ]);
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 50 });
    const times = page.items.map((i) => Date.parse(i.requestedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The Hai Phong commune's extension is outside the Hanoi leader's scope: never there.
    expect(page.items.map((i) => i.task.id)).not.toContain(tasks.haiphong.id);
  });

  it('each item names the task and the kind’s details, with who asked', async () => {
    const { items } = await queue(org.tokens.leaderHanoi);
    const byKind = Object.fromEntries(items.map((i) => [i.kind, i]));
    const late = await getTask(stack, org.adminToken, tasks.late.id);
    expect(byKind.extension).toEqual({
      kind: 'extension',
      requestId: requests.lateExtension,
      requestedAt: expect.any(String),
      requestedBy: { id: org.userIds.officerCommune, name: 'Cán bộ đầu mối Minh Châu', email: 'can.bo@minhchau.hanoi.gov.vn' },
      task: {
        id: tasks.late.id,
        code: tasks.late.code,
        title: 'Quá hạn',
        status: 'IN_PROGRESS',
        risk: 'RED',
        leadUnit: { id: org.unitIds['HN-X001'], code: 'HN-X001', nameVi: 'Xã Minh Châu', nameEn: null, level: 'commune' },
        dueAt: late.dueAt,
        originalDueAt: late.originalDueAt,
      },
      details: { reason: 'Nhà cung cấp chậm', newDueAt: late.pending.extensions[0].newDueAt, currentDueAt: late.dueAt, newDueAtPassed: false, remindedAt: null },
    });
    expect(byKind.escalation).toMatchObject({ requestId: requests.proposal, requestedBy: null, requestedAt: late.pending.escalations[0].proposedAt, details: { level: 2, openExplanation: false, remindedAt: null } });
    expect(byKind.beyondAuthority).toMatchObject({ requestedBy: { id: org.userIds.officerCommune }, details: { reason: 'Cần Sở Tài chính bố trí vốn', remindedAt: null }, task: { status: 'IN_PROGRESS', risk: (await getTask(stack, org.adminToken, tasks.matter.id)).risk } });
    const review = await getTask(stack, org.adminToken, tasks.review.id);
    expect(byKind.evidenceReview).toEqual(
      expect.objectContaining({
        requestId: 'evidence',
        requestedAt: review.evidence.submittedAt,
        requestedBy: expect.objectContaining({ id: org.userIds.officerCommune }),
        details: {
          evidenceId: review.evidence.id,
          verifiedAt: review.evidence.verifiedAt,
          required: ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS', 'MEASURABLE_EFFECT'],
          criteria: { OPERATING_PRODUCT: 'verified', VERIFIED_DATA: 'verified', REAL_USERS: 'verified', MEASURABLE_EFFECT: 'verified' },
          remindedAt: null,
        },
      }),
    );
    // The explanation's deadline (3 s) has passed unanswered: marked overdue.
    expect(byKind.explanation).toMatchObject({
      requestedBy: { id: org.userIds.leaderHanoi, name: 'Phó Chủ tịch UBND Hà Nội' },
      task: { status: 'ASSIGNED' },
      details: { question: 'Vì sao chưa tiếp nhận?', deadline: expect.any(String), overdue: true },
    });
  });

  it('an administrator sees every extension, matter and evidence (anywhere), but not a level others decide nor an explanation others asked for', async () => {
    const page = await queue(org.adminToken);
    expect(keys(page.items)).toEqual([
      `extension ${tasks.haiphong.code} ${requests.haiphongExtension}`,
      `beyondAuthority ${tasks.matter.code} ${requests.matter}`,
      `evidenceReview ${tasks.review.code} evidence`,
      `extension ${tasks.late.code} ${requests.lateExtension}`,
    ]);
    const count = await get(org.adminToken, '/api/decisions/count').expect(200);
    expect(count.body).toEqual({ total: 4, byKind: { escalation: 0, extension: 2, beyondAuthority: 1, evidenceReview: 1, explanation: 0, blocker: 0 } });
  });

  it('officers, heads with no part, and auditors have an empty queue', async () => {
    for (const token of [org.tokens.officerCommune, org.tokens.headCommune, org.tokens.headHanoi, org.tokens.officerHaiphong, org.tokens.auditor]) {
      expect(await queue(token)).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
      expect((await get(token, '/api/decisions/count').expect(200)).body).toEqual({ total: 0, byKind: { escalation: 0, extension: 0, beyondAuthority: 0, evidenceReview: 0, explanation: 0, blocker: 0 } });
    }
  });

  it('counts by kind for a badge, and filters by kind', async () => {
    const count = await get(org.tokens.leaderHanoi, '/api/decisions/count').expect(200);
    expect(count.body).toEqual({ total: 5, byKind: { escalation: 1, extension: 1, beyondAuthority: 1, evidenceReview: 1, explanation: 1, blocker: 0 } });
    const extensions = await queue(org.tokens.leaderHanoi, '?kind=extension');
    expect(keys(extensions.items)).toEqual([`extension ${tasks.late.code} ${requests.lateExtension}`]);
    expect(extensions.total).toBe(1);
    expect(keys((await queue(org.tokens.leaderHanoi, '?kind=escalation')).items)).toEqual([`escalation ${tasks.late.code} ${requests.proposal}`]);
    expect(await queue(org.adminToken, '?kind=explanation')).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
  });

  it('pages on the server: every page has its slice of the one order and the whole total', async () => {
    const all = keys((await queue(org.tokens.leaderHanoi)).items);
    const pages = await Promise.all([1, 2, 3, 4].map((page) => queue(org.tokens.leaderHanoi, `?page=${page}&pageSize=2`)));
    expect(pages.map((p) => keys(p.items))).toEqual([all.slice(0, 2), all.slice(2, 4), all.slice(4), []]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
    expect(pages[1]).toMatchObject({ page: 2, pageSize: 2 });
  });

  it('refuses a kind, a page or a field it does not know with a 400 naming it', async () => {
    const kind = await get(org.tokens.leaderHanoi, '/api/decisions?kind=decision').expect(400);
    expect(kind.body.errors).toEqual([{ field: 'kind', rule: 'isIn', message: 'kind phải là một trong: escalation, extension, beyondAuthority, evidenceReview, explanation, blocker' }]);
    const size = await get(org.tokens.leaderHanoi, '/api/decisions?pageSize=0&lang=en').expect(400);
    expect(size.body.errors).toEqual([{ field: 'pageSize', rule: 'min', message: 'pageSize must not be less than 1' }]);
    const unknown = await get(org.tokens.leaderHanoi, '/api/decisions?status=OPEN').expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'status', rule: 'whitelistValidation', message: 'trường status không được phép' }]);
    await stack.http().get('/api/decisions').expect(401);
    await stack.http().get('/api/decisions/count').expect(401);
  });

  it('each task’s page offers its actions by role and state, and what it offers is accepted', async () => {
    // A task with a matter pending: the unit may not raise a second one; supervisors may decide it.
    expect(await actions(org.tokens.officerCommune, tasks.matter)).toEqual(['progress', 'requestExtension', 'submitEvidence', 'declareBlocker']);
    expect(await actions(org.tokens.headCommune, tasks.matter)).toEqual(['progress', 'requestExtension', 'submitEvidence', 'declareBlocker']);
    expect(await actions(org.tokens.leaderHanoi, tasks.matter)).toEqual(['requestExplanation', 'decideBeyondAuthority', 'cancel']);
    expect(await actions(org.adminToken, tasks.matter)).toEqual(['requestExplanation', 'decideBeyondAuthority', 'cancel']);
    // The head of the province sees the task (their subtree) but has no part in it; an auditor only reads.
    expect(await actions(org.tokens.headHanoi, tasks.matter)).toEqual([]);
    expect(await actions(org.tokens.auditor, tasks.matter)).toEqual([]);
    const refused = await post(org.tokens.officerCommune, `/api/tasks/${tasks.matter.id}/beyond-authority`, { reason: 'Lần hai' }).expect(409);
    expect(refused.body.details).toEqual({ rule: 'beyondAuthorityPending' });

    // Unacknowledged, with an explanation to answer.
    expect(await actions(org.tokens.officerCommune, tasks.explain)).toEqual(['acknowledge', 'progress', 'requestExtension', 'answerExplanation', 'raiseBeyondAuthority', 'submitEvidence', 'declareBlocker']);
    // Overdue, with a level only the leader group decides and an extension pending.
    expect(await actions(org.tokens.leaderHanoi, tasks.late)).toEqual(['requestExplanation', 'decideExtension', 'decideEscalation', 'cancel']);
    expect(await actions(org.adminToken, tasks.late)).toEqual(['requestExplanation', 'decideExtension', 'cancel']);
    expect(await actions(org.tokens.officerCommune, tasks.late)).toEqual(['progress', 'raiseBeyondAuthority', 'submitEvidence', 'declareBlocker']);
    // Evidence under review: the unit waits (it may still raise a matter); the reviewers review.
    expect(await actions(org.tokens.officerCommune, tasks.review)).toEqual(['raiseBeyondAuthority']);
    expect(await actions(org.tokens.leaderHanoi, tasks.review)).toEqual(['requestExplanation', 'reviewEvidence', 'cancel']);

    // An action's answer carries the actions left to its actor.
    const decided = await post(org.tokens.leaderHanoi, `/api/tasks/${tasks.matter.id}/beyond-authority/${requests.matter}/decision`, { decision: 'DIRECTION', comment: 'Phối hợp Sở Tài chính' }).expect(200);
    expect(decided.body.actions).toEqual(['requestExplanation', 'cancel']);
    expect(await actions(org.tokens.officerCommune, tasks.matter)).toEqual(['progress', 'requestExtension', 'raiseBeyondAuthority', 'submitEvidence', 'declareBlocker']);
  });

  it('a decision taken leaves the queue of everyone who could take it', async () => {
    await post(org.tokens.leaderHanoi, `/api/tasks/${tasks.late.id}/extension-requests/${requests.lateExtension}/decision`, { approve: false, comment: 'Không đủ căn cứ' }).expect(200);
    await post(org.tokens.leaderHanoi, `/api/tasks/${tasks.late.id}/escalations/${requests.proposal}/decision`, { approve: true, comment: 'Báo cáo Tổ công tác' }).expect(200);
    const approved = await post(org.tokens.leaderHanoi, `/api/tasks/${tasks.review.id}/evidence/review`, { approve: true, comment: 'Đạt' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'DONE', actions: [] });
    expect(await actions(org.tokens.officerCommune, tasks.review)).toEqual([]);
    expect(await actions(org.adminToken, tasks.review)).toEqual([]); // no after-care in this template
    expect(keys((await queue(org.tokens.leaderHanoi)).items)).toEqual([`explanation ${tasks.explain.code} ${requests.explanation}`]);
    expect(keys((await queue(org.adminToken)).items)).toEqual([`extension ${tasks.haiphong.code} ${requests.haiphongExtension}`]);
    // Answered, the explanation no longer waits; a cancelled task's requests neither.
    await post(org.tokens.officerCommune, `/api/tasks/${tasks.explain.id}/explanation-requests/${requests.explanation}/answer`, { answer: 'Đã tiếp nhận muộn do thay đổi nhân sự.' }).expect(200);
    await post(org.adminToken, `/api/tasks/${tasks.haiphong.id}/cancel`, { reason: 'Gộp vào nhiệm vụ khác' }).expect(200);
    await eventually(async () => {
      expect((await get(org.tokens.leaderHanoi, '/api/decisions/count').expect(200)).body.total).toBe(0);
      expect((await get(org.adminToken, '/api/decisions/count').expect(200)).body.total).toBe(0);
    });
  });
});
