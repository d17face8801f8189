import { buildOrganisation, createPerson, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate, FULL_EVIDENCE, type TaskRef } from './factories/task.factory';
import { getTask, types, waitForEvent, type TimelineEntry } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The task lifecycle end to end through the HTTP API, on seconds-scale templates, with the
 * emails the test's SMTP server receives and the task's state and timeline.
 */
describe('Task lifecycle', () => {
  let stack: TestStack;
  let org: Organisation;
  let officerSkhcn: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);

  /** Emails about a task (by its code) to someone, whose subject matches. */
  const mailsAbout = (task: TaskRef, email: string, subject?: RegExp) =>
    stack.mail.to(email).filter((m) => m.subject.includes(task.code) && (!subject || subject.test(m.subject)));

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
    officerSkhcn = await createPerson(stack, org.adminToken, { email: 'can.bo@skhcn.hanoi.gov.vn', name: 'Cán bộ Sở KH&CN', unit: 'HN-SKHCN', roles: ['OFFICER'] }, org.unitIds);
    await post(org.adminToken, '/api/templates', fastTemplate('nhanh')).expect(201);
  });

  afterAll(() => stack.close());

  const commune = () => ({ templateKey: 'nhanh', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune });

  it('1. assigned → acknowledged → reminders at each offset → evidence → approved → done on time; nothing afterwards', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 9 });
    const [assigned] = await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));
    expect(assigned.subject).toBe(`[dondoc] Giao nhiệm vụ ${task.code}: Đưa dịch vụ công trực tuyến vào vận hành`);
    expect(assigned.text).toContain(`http://dondoc.test/api/tasks/${task.id}`);
    expect(mailsAbout(task, 'chu.tich@minhchau.hanoi.gov.vn', /Giao nhiệm vụ/)).toHaveLength(1); // the head of the lead unit

    const acked = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(200);
    expect(acked.body).toMatchObject({ status: 'IN_PROGRESS', acknowledgedAt: expect.any(String) });

    const reminded = await waitForEvent(stack, org.adminToken, task.id, 'REMINDER', 3, 15_000);
    expect((reminded.timeline as TimelineEntry[]).filter((e) => e.type === 'REMINDER').map((e) => e.data.offsetSeconds)).toEqual([6, 4, 2]);
    await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.subject.includes('Đôn đốc'), 3);

    const submitted = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, FULL_EVIDENCE).expect(200);
    expect(submitted.body.status).toBe('EVIDENCE_SUBMITTED');
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Đề nghị duyệt minh chứng: nhiệm vụ ${task.code}` && m.envelopeTo.includes('admin@test.dondoc.vn'));
    const done = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true, comment: 'Đạt' }).expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', rag: 'DONE', completedOnTimeOriginal: true, completedOnTimeExtended: true, overdue: false });
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Hoàn thành: nhiệm vụ ${task.code}`, 2);

    const before = stack.mail.all().filter((m) => m.subject.includes(task.code)).length;
    await sleep(4_000); // past the due time: no overdue, no escalation, nothing
    expect(stack.mail.all().filter((m) => m.subject.includes(task.code)).length).toBe(before);
    const final = await getTask(stack, org.adminToken, task.id);
    expect(types(final)).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'REMINDER', 'REMINDER', 'REMINDER', 'EVIDENCE_SUBMITTED', 'EVIDENCE_ACCEPTED']);
    expect((final.timeline as TimelineEntry[]).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(final.timeline[1]).toMatchObject({ fromStatus: 'ASSIGNED', toStatus: 'IN_PROGRESS', actor: { id: org.userIds.officerCommune } });
  });

  it('2. never acknowledged → unacknowledged reminders → due time passes → head notified, task overdue', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 8 });
    const overdue = await waitForEvent(stack, org.adminToken, task.id, 'OVERDUE', 1, 15_000);
    expect(types(overdue).filter((t) => t === 'ACK_REMINDER')).toHaveLength(2);
    expect(overdue).toMatchObject({ status: 'ASSIGNED', overdue: true, escalationLevel: 1, rag: 'RED' });
    const [toHead] = await stack.mail.waitFor((m) => m.subject === `[dondoc] Quá hạn: nhiệm vụ ${task.code} chưa hoàn thành` && m.envelopeTo.includes('chu.tich@minhchau.hanoi.gov.vn'));
    expect(toHead.text).toContain('người đứng đầu đơn vị chủ trì Xã Minh Châu');
    expect(mailsAbout(task, 'can.bo@minhchau.hanoi.gov.vn', /Nhắc xác nhận tiếp nhận/)).toHaveLength(2);
    const listed = await stack.http().get('/api/tasks?overdue=true').set(auth(org.tokens.headCommune)).expect(200);
    expect((listed.body.items as { id: string }[]).map((t) => t.id)).toContain(task.id);
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('3. overdue → level 2 proposed to the parent head → approved → explanation requested → answered', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 2 });
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(200);
    const proposed = await waitForEvent(stack, org.adminToken, task.id, 'ESCALATION_PROPOSED', 1, 10_000);
    const proposal = proposed.pending.escalations[0];
    expect(proposal).toMatchObject({ level: 2, status: 'PENDING', deciders: [org.userIds.headHanoi] });
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Đề xuất báo cáo mức 2: nhiệm vụ ${task.code} quá hạn` && m.envelopeTo.includes('chu.tich@hanoi.gov.vn'));

    // Only the decider of the level may decide it.
    await post(org.tokens.leaderHanoi, `/api/tasks/${task.id}/escalations/${proposal.id}/decision`, { approve: true }).expect(403);
    const approved = await post(org.tokens.headHanoi, `/api/tasks/${task.id}/escalations/${proposal.id}/decision`, { approve: true, comment: 'Báo cáo lên cấp tỉnh' }).expect(200);
    expect(approved.body).toMatchObject({ escalationLevel: 2 });
    const explanation = approved.body.pending.explanations[0];
    expect(explanation).toMatchObject({ status: 'OPEN', requestedBy: org.userIds.headHanoi });
    await stack.mail.waitFor((m) => m.subject.startsWith(`[dondoc] Yêu cầu giải trình: nhiệm vụ ${task.code}`) && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));

    const answered = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/explanation-requests/${explanation.id}/answer`, { answer: 'Nhà cung cấp chậm bàn giao phần mềm.' }).expect(200);
    expect(answered.body.pending.explanations).toEqual([]);
    const [toRequester] = await stack.mail.waitFor((m) => m.subject === `[dondoc] Đã có giải trình: nhiệm vụ ${task.code}` && m.envelopeTo.includes('chu.tich@hanoi.gov.vn'));
    expect(toRequester.text).toContain('Nhà cung cấp chậm bàn giao phần mềm.');
    expect(types(await getTask(stack, org.adminToken, task.id))).toEqual(expect.arrayContaining(['OVERDUE', 'ESCALATION_PROPOSED', 'ESCALATION_APPROVED', 'EXPLANATION_REQUESTED', 'EXPLANATION_ANSWERED']));
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('4. level 2 rejected with a comment → no level-2 effects; level 3 follows on schedule and is re-notified', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 2 });
    const proposed = await waitForEvent(stack, org.adminToken, task.id, 'ESCALATION_PROPOSED', 1, 10_000);
    const level2 = proposed.pending.escalations[0];
    const noComment = await post(org.tokens.headHanoi, `/api/tasks/${task.id}/escalations/${level2.id}/decision`, { approve: false }).expect(409);
    expect(noComment.body).toMatchObject({ code: 'CONFLICT', message: 'Xung đột dữ liệu: cần nêu lý do khi từ chối.', details: { rule: 'commentRequired' } });
    const rejected = await post(org.tokens.headHanoi, `/api/tasks/${task.id}/escalations/${level2.id}/decision`, { approve: false, comment: 'Xã đã có kế hoạch khắc phục' }).expect(200);
    expect(rejected.body).toMatchObject({ escalationLevel: 1, pending: { escalations: [], explanations: [] } });
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Không phê duyệt báo cáo mức 2: nhiệm vụ ${task.code}`);

    const level3 = await waitForEvent(stack, org.adminToken, task.id, 'ESCALATION_PROPOSED', 2, 10_000);
    expect(level3.pending.escalations[0]).toMatchObject({ level: 3, deciders: [org.userIds.leaderCentral] });
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Đề xuất báo cáo mức 3: nhiệm vụ ${task.code} quá hạn` && m.envelopeTo.includes('lanh.dao@bcd.gov.vn'));
    await waitForEvent(stack, org.adminToken, task.id, 'DECISION_REMINDER', 1, 10_000);
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Nhắc: đang chờ đồng chí quyết định về nhiệm vụ ${task.code}` && m.envelopeTo.includes('lanh.dao@bcd.gov.vn'));
    const final = await getTask(stack, org.adminToken, task.id);
    expect(types(final)).not.toContain('ESCALATION_APPROVED');
    expect(types(final)).not.toContain('EXPLANATION_REQUESTED');
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });
});
