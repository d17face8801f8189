import { buildOrganisation, createPerson, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate, type TaskRef } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { startEvidenceWorld, verifiableEvidence, type EvidenceWorld } from './helpers/evidence-world';
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
  let world: EvidenceWorld;
  let evidence: Record<string, unknown>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);

  /** Emails about a task (by its code) to someone, whose subject matches. */
  const mailsAbout = (task: TaskRef, email: string, subject?: RegExp) =>
    stack.mail.to(email).filter((m) => m.subject.includes(task.code) && (!subject || subject.test(m.subject)));

  beforeAll(async () => {
    stack = await startTestStack();
    world = await startEvidenceWorld();
    evidence = verifiableEvidence(world);
    org = await buildOrganisation(stack);
    officerSkhcn = await createPerson(stack, org.adminToken, { email: 'can.bo@skhcn.hanoi.gov.vn', name: 'Cán bộ Sở KH&CN', unit: 'HN-SKHCN', roles: ['OFFICER'] }, org.unitIds);
    await post(org.adminToken, '/api/templates', fastTemplate('nhanh')).expect(201);
  });

  afterAll(async () => {
    await stack.close();
    await world.close();
  });

  const commune = () => ({ templateKey: 'nhanh', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune });

  it('1. assigned → acknowledged → reminders at each offset → evidence → approved → done on time; nothing afterwards', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 9 });
    const [assigned] = await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));
    expect(assigned.subject).toBe(`[dondoc] Giao nhiệm vụ ${task.code}: Đưa dịch vụ công trực tuyến vào vận hành`);
    expect(assigned.text).toMatch(/http:\/\/dondoc\.test\/ack#token=[\w.-]+/); // the one-step acknowledgement page of the web app
    await stack.mail.waitFor((m) => m.subject === assigned.subject && m.envelopeTo.includes('chu.tich@minhchau.hanoi.gov.vn')); // the head of the lead unit

    const acked = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(200);
    expect(acked.body).toMatchObject({ status: 'IN_PROGRESS', acknowledgedAt: expect.any(String) });

    const reminded = await waitForEvent(stack, org.adminToken, task.id, 'REMINDER', 3, 15_000);
    expect((reminded.timeline as TimelineEntry[]).filter((e) => e.type === 'REMINDER').map((e) => e.data.offsetSeconds)).toEqual([6, 4, 2]);
    await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.subject.includes('Đôn đốc'), 3);

    const submitted = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, evidence).expect(200);
    expect(submitted.body.status).toBe('EVIDENCE_SUBMITTED');
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Đề nghị duyệt minh chứng: nhiệm vụ ${task.code}` && m.envelopeTo.includes('admin@test.dondoc.vn'));
    await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFIED');
    // Reviewed at once (the reviewer is reminded 3 s after verification; the email is checked after).
    const done = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true, comment: 'Đạt' }).expect(200);
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Minh chứng đã được kiểm chứng, chờ duyệt: nhiệm vụ ${task.code}` && m.envelopeTo.includes('admin@test.dondoc.vn'));
    expect(done.body).toMatchObject({ status: 'DONE', risk: 'GREEN', workingDaysLeft: null, completedOnTimeOriginal: true, completedOnTimeExtended: true, overdue: false });
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Hoàn thành: nhiệm vụ ${task.code}`, 2);

    const before = stack.mail.all().filter((m) => m.subject.includes(task.code)).length;
    await sleep(4_000); // past the due time: no overdue, no escalation, nothing
    expect(stack.mail.all().filter((m) => m.subject.includes(task.code)).length).toBe(before);
    const final = await getTask(stack, org.adminToken, task.id);
    // The four checks finish in any order.
    const timeline = types(final);
    expect([...timeline.slice(0, 6), ...timeline.slice(10)]).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'REMINDER', 'REMINDER', 'REMINDER', 'EVIDENCE_SUBMITTED', 'EVIDENCE_VERIFIED', 'EVIDENCE_ACCEPTED']);
    expect(timeline.slice(6, 10)).toEqual(Array(4).fill('CRITERION_VERIFIED'));
    expect((final.timeline as TimelineEntry[]).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(final.timeline[1]).toMatchObject({ fromStatus: 'ASSIGNED', toStatus: 'IN_PROGRESS', actor: { id: org.userIds.officerCommune } });
  });

  it('2. never acknowledged → unacknowledged reminders → due time passes → head notified, task overdue', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 8 });
    const overdue = await waitForEvent(stack, org.adminToken, task.id, 'OVERDUE', 1, 15_000);
    expect(types(overdue).filter((t) => t === 'ACK_REMINDER')).toHaveLength(2);
    expect(overdue).toMatchObject({ status: 'ASSIGNED', overdue: true, escalationLevel: 1, risk: 'RED', workingDaysLeft: expect.any(Number) });
    const [toHead] = await stack.mail.waitFor((m) => m.subject === `[dondoc] Quá hạn: nhiệm vụ ${task.code} chưa hoàn thành` && m.envelopeTo.includes('chu.tich@minhchau.hanoi.gov.vn'));
    expect(toHead.text).toContain('người đứng đầu đơn vị chủ trì Xã Minh Châu');
    await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.subject.includes('Nhắc xác nhận tiếp nhận') && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'), 2);
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

  it('5. extension approved → earlier timers cancelled, reminders re-fire before the new due time; late against the original, on time against the extension', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 8 });
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(200);
    await waitForEvent(stack, org.adminToken, task.id, 'REMINDER', 1, 8_000); // offset 6s, at about 2s
    const newDueAt = new Date(Date.now() + 16_000).toISOString();
    const tooEarly = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, { newDueAt: new Date(Date.now() + 1_000).toISOString(), reason: 'x' }).expect(409);
    expect(tooEarly.body.details.rule).toBe('laterDue');
    const requested = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, { newDueAt, reason: 'Chờ kết quả đấu thầu' }).expect(200);
    const request = requested.body.pending.extensions[0];
    await stack.mail.waitFor((m) => m.subject.startsWith(`[dondoc] Đề nghị gia hạn nhiệm vụ ${task.code}`) && m.envelopeTo.includes('admin@test.dondoc.vn'));
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests/${request.id}/decision`, { approve: true }).expect(403);
    const approved = await post(org.adminToken, `/api/tasks/${task.id}/extension-requests/${request.id}/decision`, { approve: true, comment: 'Đồng ý' }).expect(200);
    expect(approved.body.dueAt).toBe(newDueAt);
    expect(approved.body.originalDueAt).not.toBe(newDueAt);
    await stack.mail.waitFor((m) => m.subject.startsWith(`[dondoc] Đã đồng ý gia hạn nhiệm vụ ${task.code}`) && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));

    // The reminders of the new due time fire again; the old due time passes without an overdue.
    // (On a slow machine the old 4 s reminder may have fired before the approval; the new ones start again at 6 s.)
    const refired = await eventually(async () => {
      const current = await getTask(stack, org.adminToken, task.id);
      const renewed = (current.timeline as TimelineEntry[]).filter((e) => e.type === 'REMINDER' && e.data.dueAt === newDueAt);
      expect(renewed.map((e) => e.data.offsetSeconds)).toEqual([6]);
      return current;
    }, 15_000, 250);
    expect(types(refired)).not.toContain('OVERDUE');

    const done = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, evidence).expect(200);
    expect(done.body.status).toBe('EVIDENCE_SUBMITTED');
    await waitForEvent(stack, org.adminToken, task.id, 'EVIDENCE_VERIFIED');
    const reviewed = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: true }).expect(200);
    expect(reviewed.body).toMatchObject({ status: 'DONE', completedOnTimeOriginal: false, completedOnTimeExtended: true });
    expect(types(reviewed.body)).not.toContain('OVERDUE');
  });

  it('6. evidence of documents only, or missing a criterion, is refused; a rejection sends the task back with its timers running', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 5 });
    await waitForEvent(stack, org.adminToken, task.id, 'ASSIGNED');
    const documents = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, { supportingDocuments: [{ title: 'Kế hoạch triển khai', kind: 'PLAN' }, { title: 'Biên bản họp', kind: 'MINUTES' }] }).expect(400);
    expect(documents.body.errors).toEqual([
      {
        field: 'evidence',
        rule: 'documentsOnly',
        message:
          'minh chứng phải chứng minh kết quả thực (sản phẩm vận hành, dữ liệu kiểm chứng, người dùng thực, hiệu quả đo được); văn bản, kế hoạch, biên bản chỉ là tài liệu kèm theo',
      },
    ]);
    const { measurableEffect: _e, realUsers: _u, ...twoCriteria } = evidence;
    const missing = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, twoCriteria).expect(400);
    expect(missing.body.errors).toEqual([
      { field: 'realUsers', rule: 'required', message: 'mẫu nhiệm vụ yêu cầu tiêu chí REAL_USERS' },
      { field: 'measurableEffect', rule: 'required', message: 'mẫu nhiệm vụ yêu cầu tiêu chí MEASURABLE_EFFECT' },
    ]);
    const { verifiedData, realUsers, measurableEffect } = evidence as Record<string, Record<string, unknown>>;
    const unsound = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence?lang=en`, {
      ...evidence,
      verifiedData: { datasetUrl: verifiedData.datasetUrl },
      realUsers: { periodFrom: realUsers.periodTo, periodTo: realUsers.periodFrom },
      measurableEffect: { ...measurableEffect, sourceJsonPointer: undefined, direction: 'DECREASE' },
    }).expect(400);
    expect(unsound.body.errors).toEqual([
      { field: 'verifiedData', rule: 'checksumOrCount', message: 'a SHA-256 or a record count is needed to verify the data' },
      { field: 'realUsers', rule: 'sourceRequired', message: 'a metrics URL with a JSON pointer, or a figure attested by the head, is required' },
      { field: 'measurableEffect.sourceJsonPointer', rule: 'requiredWithSource', message: 'the JSON pointer of the achieved value at sourceUrl is required' },
      { field: 'realUsers.periodTo', rule: 'afterFrom', message: 'periodTo must be after periodFrom' },
      { field: 'measurableEffect.direction', rule: 'templateDirection', message: 'the template requires the KPI to INCREASE' },
    ]);
    // Refused changes nothing (the clock's own reminders aside: the first one falls a second after assignment).
    expect(types(await getTask(stack, org.adminToken, task.id)).filter((type) => type !== 'REMINDER')).toEqual(['ASSIGNED']);

    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, evidence).expect(200);
    const noReasons = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, { approve: false }).expect(409);
    expect(noReasons.body.details.rule).toBe('reasonsRequired');
    const rejected = await post(org.adminToken, `/api/tasks/${task.id}/evidence/review`, {
      approve: false,
      rejections: { OPERATING_PRODUCT: 'Cổng dịch vụ không phản hồi', REAL_USERS: 'Số liệu chưa có nguồn kiểm chứng' },
    }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'IN_PROGRESS', evidence: { status: 'REJECTED' } });
    const [mail] = await stack.mail.waitFor((m) => m.subject === `[dondoc] Minh chứng chưa đạt: nhiệm vụ ${task.code}` && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));
    expect(mail.text).toContain('OPERATING_PRODUCT: Cổng dịch vụ không phản hồi.');
    const overdue = await waitForEvent(stack, org.adminToken, task.id, 'OVERDUE', 1, 10_000);
    expect(overdue.overdue).toBe(true);
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('7. beyond authority → the leader reassigns to another unit → the new unit is notified and owns the task', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 120 });
    const raised = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/beyond-authority`, { reason: 'Cần thẩm định của Sở Khoa học và Công nghệ' }).expect(200);
    const request = raised.body.pending.beyondAuthority[0];
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Xin ý kiến cấp trên (vượt thẩm quyền): nhiệm vụ ${task.code}` && m.envelopeTo.includes('chu.tich@hanoi.gov.vn'));
    const unknownUnit = await post(org.tokens.leaderHanoi, `/api/tasks/${task.id}/beyond-authority/${request.id}/decision`, { decision: 'REASSIGN', comment: 'x', newLeadUnitId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    expect(unknownUnit.body.message).toBe('Không tìm thấy đơn vị có mã 00000000-0000-4000-8000-000000000000.');
    const reassigned = await post(org.tokens.leaderHanoi, `/api/tasks/${task.id}/beyond-authority/${request.id}/decision`, {
      decision: 'REASSIGN',
      comment: 'Giao Sở KH&CN chủ trì',
      newLeadUnitId: org.unitIds['HN-SKHCN'],
      newFocalOfficerId: officerSkhcn,
    }).expect(200);
    expect(reassigned.body).toMatchObject({ status: 'ASSIGNED', leadUnit: { code: 'HN-SKHCN' }, focalOfficer: { id: officerSkhcn } });
    const [notice] = await stack.mail.waitFor((m) => m.subject.startsWith(`[dondoc] Chuyển giao nhiệm vụ ${task.code}`) && m.envelopeTo.includes('can.bo@skhcn.hanoi.gov.vn'));
    expect(notice.subject).toContain('Sở Khoa học và Công nghệ Hà Nội');
    await stack.mail.waitFor((m) => m.subject.startsWith(`[dondoc] Ý kiến chỉ đạo về nhiệm vụ ${task.code}`) && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));

    // The new unit owns it; the old unit no longer sees or acts on it.
    const newOfficer = await stack.login('can.bo@skhcn.hanoi.gov.vn', 'Mat-khau-manh-2026');
    await post(newOfficer, `/api/tasks/${task.id}/acknowledge`).expect(200);
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 10, note: 'x' }).expect(404);
    const list = await stack.http().get(`/api/tasks?unitId=${org.unitIds['HN-SKHCN']}`).set(auth(newOfficer)).expect(200);
    expect((list.body.items as { id: string }[]).map((t) => t.id)).toEqual([task.id]);
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('7b. a leader names only units within their scope: a reassignment outside it is 404 as an unknown unit, a coordinating unit outside it 403 as a lead unit outside it', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 120 });
    const raised = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/beyond-authority`, { reason: 'Cần một xã khác chủ trì' }).expect(200);
    const request = raised.body.pending.beyondAuthority[0];
    const reassign = (token: string, body: object) => post(token, `/api/tasks/${task.id}/beyond-authority/${request.id}/decision`, { decision: 'REASSIGN', comment: 'Giao xã Cát Hải chủ trì', ...body });
    const haiphong = org.unitIds['HP-X001'];
    const outside = await reassign(org.tokens.leaderHanoi, { newLeadUnitId: haiphong, newFocalOfficerId: org.userIds.officerHaiphong }).expect(404);
    expect(outside.body).toMatchObject({ code: 'NOT_FOUND', message: `Không tìm thấy đơn vị có mã ${haiphong}.` });
    // Nothing happened: the task stays with the commune, Hai Phong's officer still cannot see it.
    const still = await getTask(stack, org.adminToken, task.id);
    expect(still).toMatchObject({ status: raised.body.status, leadUnit: { code: 'HN-X001' }, pending: { beyondAuthority: [{ id: request.id }] } });
    expect(types(still)).not.toContain('REASSIGNED');
    await stack.http().get(`/api/tasks/${task.id}`).set(auth(org.tokens.officerHaiphong)).expect(404);
    // An administrator decides anywhere.
    const anywhere = await reassign(org.adminToken, { newLeadUnitId: haiphong, newFocalOfficerId: org.userIds.officerHaiphong }).expect(200);
    expect(anywhere.body).toMatchObject({ leadUnit: { code: 'HP-X001' }, focalOfficer: { id: org.userIds.officerHaiphong } });
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);

    const title = `Phối hợp liên tỉnh ${task.code}`;
    const body = { title, templateKey: 'nhanh', leadUnitId: org.unitIds['HN-X001'], coordinatingUnitIds: [org.unitIds['HN-SKHCN'], haiphong] };
    const single = await post(org.tokens.leaderHanoi, '/api/tasks', body).expect(403);
    expect(single.body.code).toBe('FORBIDDEN');
    await post(org.tokens.leaderHanoi, '/api/tasks/bulk', { tasks: [body] }).expect(403);
    const none = await stack.http().get(`/api/tasks?q=${encodeURIComponent(title)}`).set(auth(org.adminToken)).expect(200);
    expect(none.body.total).toBe(0);
    // Within the leader's scope it is assigned; an administrator may name any unit.
    const inScope = await post(org.tokens.leaderHanoi, '/api/tasks', { ...body, coordinatingUnitIds: [org.unitIds['HN-SKHCN']] }).expect(201);
    const byAdmin = await post(org.adminToken, '/api/tasks', body).expect(201);
    expect((byAdmin.body.coordinatingUnits as { code: string }[]).map((u) => u.code)).toEqual(['HN-SKHCN', 'HP-X001']);
    for (const id of [inScope.body.id as string, byAdmin.body.id as string]) await post(org.adminToken, `/api/tasks/${id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('8. cancel stops every timer; actions on a cancelled task are 409 with the reason', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 4 });
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/cancel`, { reason: 'x' }).expect(403);
    const cancelled = await post(org.tokens.leaderHanoi, `/api/tasks/${task.id}/cancel`, { reason: 'Nhiệm vụ không còn phù hợp' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', risk: null, workingDaysLeft: null, cancelReason: 'Nhiệm vụ không còn phù hợp' });
    await stack.mail.waitFor((m) => m.subject === `[dondoc] Huỷ nhiệm vụ ${task.code}`, 2); // the officer and the head
    await sleep(7_000); // reminders, the due time and the ladder would all have fired by now
    const subjects = new Set(stack.mail.all().filter((m) => m.subject.includes(task.code)).map((m) => m.subject.split(':')[0]));
    expect([...subjects].sort()).toEqual([`[dondoc] Giao nhiệm vụ ${task.code}`, `[dondoc] Huỷ nhiệm vụ ${task.code}`]);
    expect(types(await getTask(stack, org.adminToken, task.id))).toEqual(['ASSIGNED', 'CANCELLED']);
    for (const [path, body] of [
      ['acknowledge', {}],
      ['progress', { percent: 50, note: 'x' }],
      ['evidence', evidence],
    ] as const) {
      const res = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/${path}`, body).expect(409);
      expect(res.body.message).toBe('Xung đột dữ liệu: nhiệm vụ đã huỷ; không thể thực hiện thao tác này.');
    }
  });

  it('11. out-of-scope users get 404, uninvolved ones 403, invalid actions 409 with the reason, malformed bodies 400', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 120 });
    // Outside the scope: the task does not exist for them.
    for (const [path, body] of [
      ['acknowledge', {}],
      ['progress', { percent: 1, note: 'x' }],
      ['cancel', { reason: 'x' }],
      ['evidence/review', { approve: true }],
    ] as const) {
      await post(org.tokens.officerHaiphong, `/api/tasks/${task.id}/${path}`, body).expect(404);
    }
    await stack.http().get(`/api/tasks/${task.id}`).set(auth(org.tokens.officerHaiphong)).expect(404);
    // Within scope but with no part in the action.
    await post(org.tokens.headHanoi, `/api/tasks/${task.id}/acknowledge`).expect(403);
    await post(org.tokens.auditor, `/api/tasks/${task.id}/acknowledge`).expect(403);
    await post(org.tokens.auditor, `/api/tasks/${task.id}/cancel`, { reason: 'x' }).expect(403);
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/explanation-requests`, { question: 'x', deadline: new Date(Date.now() + 60_000).toISOString() }).expect(403);
    // Not allowed by the state: 409 with the reason, in Vietnamese or English.
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(200);
    const twice = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`).expect(409);
    expect(twice.body).toMatchObject({ message: 'Xung đột dữ liệu: nhiệm vụ đã được xác nhận tiếp nhận.', details: { rule: 'alreadyAcknowledged' } });
    const nothing = await stack.http().post(`/api/tasks/${task.id}/evidence/review?lang=en`).set(auth(org.adminToken)).send({ approve: true }).expect(409);
    expect(nothing.body.message).toBe('Conflict: there is no evidence awaiting review.');
    const unknown = await post(org.adminToken, `/api/tasks/${task.id}/extension-requests/E999/decision`, { approve: true }).expect(409);
    expect(unknown.body.details.rule).toBe('unknownRequest');
    // Malformed bodies.
    const bad = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 150, note: '', extra: 1 }).expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['extra', 'note', 'percent']);
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests/42/decision`, { approve: true }).expect(400);
    await post(org.tokens.officerCommune, `/api/tasks/not-a-uuid/acknowledge`).expect(400);
    const evidence = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/evidence`, { operatingProduct: { url: 'javascript:alert(1)' }, verifiedData: { datasetUrl: 'ftp://x', sha256: 'abc' } }).expect(400);
    expect((evidence.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['operatingProduct.url', 'verifiedData.datasetUrl', 'verifiedData.sha256']);
    expect((await getTask(stack, org.adminToken, task.id)).status).toBe('IN_PROGRESS');
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });
});
