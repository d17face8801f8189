import { randomUUID } from 'node:crypto';
import { AuditEvent } from '@dondoc/audit';
import { ACKNOWLEDGE_LINK_PURPOSE, signToken } from '@dondoc/common';
import { buildOrganisation, createPerson, PEOPLE, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate, type TaskRef } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { acknowledgeTokenIn, htmlLinksIn, latestPasswordToken } from './helpers/mail-links';
import { getTask, types, type TimelineEntry } from './helpers/task-timeline';
import { ADMIN, startTestStack, type TestStack } from './helpers/test-stack';
import type { CapturedMail } from '../libs/dev-stack/src/mail-sink';

const OFFICER = PEOPLE.officerCommune.email;
const HEAD = PEOPLE.headCommune.email;
const USED = 'Đường dẫn xác nhận tiếp nhận này đã được sử dụng; mỗi đường dẫn chỉ dùng được một lần.';

/**
 * Every link in task emails opens the web app (the task's page, the decision in the Decisions
 * queue), and the acknowledgement email's button acknowledges in one step: through a page that
 * previews, then a POST that confirms, once.
 */
describe('Links in task emails and one-step acknowledgement', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const preview = (token: unknown, requestId = `preview-${randomUUID()}`) => stack.http().post('/api/tasks/acknowledge-links/preview').set('X-Request-Id', requestId).send({ token });
  const confirm = (token: unknown, requestId = `confirm-${randomUUID()}`) => stack.http().post('/api/tasks/acknowledge-links/confirm').set('X-Request-Id', requestId).send({ token });

  /** The email about a task to someone whose subject matches, once it arrives. */
  async function mailAbout(task: TaskRef, email: string, subject: RegExp): Promise<CapturedMail> {
    const mails = await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.envelopeTo.includes(email) && subject.test(m.subject));
    return mails[mails.length - 1];
  }

  /** The acknowledgement token of someone's assignment email. */
  async function ackToken(task: TaskRef, email: string): Promise<string> {
    const token = acknowledgeTokenIn(await mailAbout(task, email, /Giao nhiệm vụ/));
    if (!token) throw new Error(`no acknowledgement link for ${email}`);
    return token;
  }

  const usedAt = async (token: string): Promise<Date | null> => {
    const [row] = await stack.dataSource.query<{ used_at: Date | null }[]>('SELECT used_at FROM task_acknowledge_links WHERE id = $1', [token.split('.')[0]]);
    return row.used_at;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('lau', { defaultDuration: '30d', reminders: ['1d'], acknowledgementReminder: null })).expect(201);
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('nhac', { defaultDuration: '30d', reminders: ['1d'], acknowledgementReminder: { every: '2s', max: 1 } })).expect(201);
  });

  afterAll(() => stack.close());

  const commune = (extra: Record<string, unknown> = {}) => ({ templateKey: 'lau', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, ...extra });

  it('the assignment email asks the lead unit to acknowledge on the web app, each person with their own link; the inbox leads to the task, without a token', async () => {
    const task = await assignTask(stack, org.adminToken, commune());
    const toOfficer = await mailAbout(task, OFFICER, /Giao nhiệm vụ/);
    const token = acknowledgeTokenIn(toOfficer)!;
    expect(token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    const link = `http://dondoc.test/ack#token=${token}`;
    expect(toOfficer.text).toContain(`Xem nhiệm vụ: ${link}`);
    expect(htmlLinksIn(toOfficer)).toEqual([link]);
    expect(toOfficer.html).toContain('Xem và xác nhận nhiệm vụ');
    expect(`${toOfficer.text}${toOfficer.html}`).not.toContain('/api/');
    expect(await ackToken(task, HEAD)).not.toBe(token);

    const inbox = await stack.http().get('/api/notifications').set(auth(org.tokens.officerCommune)).expect(200);
    const item = (inbox.body.items as { taskId: string; link: string }[]).find((i) => i.taskId === task.id);
    expect(item?.link).toBe(`http://dondoc.test/tasks/${task.id}`);
    expect(JSON.stringify(inbox.body)).not.toContain(token.split('.')[1]);
  });

  it('preview shows the task and uses nothing; a GET does nothing; confirm acknowledges as the recipient, exactly once', async () => {
    const task = await assignTask(stack, org.adminToken, commune());
    const token = await ackToken(task, OFFICER);
    const expected = {
      taskId: task.id,
      code: task.code,
      title: 'Đưa dịch vụ công trực tuyến vào vận hành',
      leadUnit: { id: org.unitIds['HN-X001'], code: 'HN-X001', name: 'Xã Minh Châu', nameEn: null },
      dueAt: expect.any(String),
      status: 'ASSIGNED',
      acknowledged: false,
      recipient: { id: org.userIds.officerCommune, name: PEOPLE.officerCommune.name },
    };
    const first = await preview(token).expect(200);
    expect(first.body).toEqual(expected);
    expect(first.headers['cache-control']).toBe('no-store');
    expect((await preview(token, 'preview-twice-0001').expect(200)).body).toEqual(expected);
    const [opened] = await stack.dataSource.getRepository(AuditEvent).findBy({ requestId: 'preview-twice-0001' });
    expect(opened).toMatchObject({ action: 'TASK_ACK_LINK_OPENED', actorType: 'USER', actorId: org.userIds.officerCommune, subjectType: 'task', subjectId: task.id, summary: { code: task.code, linkId: token.split('.')[0] } });

    // A mail scanner follows links with GET: nothing answers, nothing changes.
    for (const route of ['preview', 'confirm']) {
      const res = await stack.http().get(`/api/tasks/acknowledge-links/${route}?token=${encodeURIComponent(token)}`).expect(404);
      expect(res.body.code).toBe('ROUTE_NOT_FOUND');
    }
    expect((await getTask(stack, org.adminToken, task.id)).status).toBe('ASSIGNED');
    expect(await usedAt(token)).toBeNull();

    const done = await confirm(token, 'confirm-once-0001').expect(200);
    expect(done.body).toEqual({ ...expected, status: 'IN_PROGRESS', acknowledged: true, acknowledgedNow: true });
    const final = await getTask(stack, org.adminToken, task.id);
    expect(types(final)).toEqual(['ASSIGNED', 'ACKNOWLEDGED']);
    expect((final.timeline as TimelineEntry[])[1]).toMatchObject({ fromStatus: 'ASSIGNED', toStatus: 'IN_PROGRESS', actor: { id: org.userIds.officerCommune } });
    // The same audit as an acknowledgement in the app, plus the link's use, under the request's id.
    const audited = await eventually(async () => {
      const events = await stack.dataSource.getRepository(AuditEvent).find({ where: { requestId: 'confirm-once-0001' }, order: { seq: 'ASC' } });
      expect(events.map((e) => e.action).sort()).toEqual(['TASK_ACKNOWLEDGED', 'TASK_ACK_LINK_USED']);
      return events;
    });
    expect(audited.every((e) => e.actorId === org.userIds.officerCommune)).toBe(true);
    expect(audited.find((e) => e.action === 'TASK_ACK_LINK_USED')?.summary).toEqual({ code: task.code, linkId: token.split('.')[0], acknowledgedNow: true });

    // Single use: the second confirmation and any later preview are 410, naming the task.
    const again = await confirm(token).expect(410);
    expect(again.body).toMatchObject({ statusCode: 410, code: 'ACK_LINK_USED', message: USED, details: { taskId: task.id } });
    expect((await preview(token).expect(410)).body.code).toBe('ACK_LINK_USED');
    const english = await stack.http().post('/api/tasks/acknowledge-links/confirm?lang=en').send({ token }).expect(410);
    expect(english.body.message).toBe('This acknowledgement link has already been used; each link works once.');
    expect(types(await getTask(stack, org.adminToken, task.id))).toEqual(['ASSIGNED', 'ACKNOWLEDGED']);
  });

  it('a task acknowledged before answers plainly: acknowledged, nothing done now', async () => {
    const task = await assignTask(stack, org.adminToken, commune());
    const headToken = await ackToken(task, HEAD);
    await stack.http().post(`/api/tasks/${task.id}/acknowledge`).set(auth(org.tokens.officerCommune)).expect(200);
    expect((await preview(headToken).expect(200)).body).toMatchObject({ status: 'IN_PROGRESS', acknowledged: true, recipient: { id: org.userIds.headCommune } });
    const res = await confirm(headToken).expect(200);
    expect(res.body).toMatchObject({ taskId: task.id, status: 'IN_PROGRESS', acknowledged: true, acknowledgedNow: false });
    expect(types(await getTask(stack, org.adminToken, task.id))).toEqual(['ASSIGNED', 'ACKNOWLEDGED']);
    await confirm(headToken).expect(410);
  });

  it('tampered, foreign and malformed tokens are 400 naming the field; an expired link is 410', async () => {
    const task = await assignTask(stack, org.adminToken, commune());
    const token = await ackToken(task, OFFICER);
    const invalid = {
      statusCode: 400,
      code: 'ACK_LINK_INVALID',
      message: 'Đường dẫn xác nhận tiếp nhận không hợp lệ; hãy đăng nhập và xác nhận trên trang nhiệm vụ.',
      errors: [{ field: 'token', rule: 'valid', message: 'token không phải của một đường dẫn xác nhận tiếp nhận' }],
    };
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const passwordToken = await latestPasswordToken(stack.mail, OFFICER); // genuine, but for another purpose
    const forgedForUnknownLink = signToken('not-the-secret-of-this-server-0123456789', ACKNOWLEDGE_LINK_PURPOSE, token.split('.')[0]);
    const unknownLink = signToken(process.env.JWT_SECRET!, ACKNOWLEDGE_LINK_PURPOSE, randomUUID());
    for (const bad of [`${token.slice(0, -1)}${last}`, token.split('.')[0], passwordToken, forgedForUnknownLink, unknownLink, 'abc', `${token}x`, '']) {
      expect((await preview(bad).expect(400)).body).toMatchObject(invalid);
      expect((await confirm(bad).expect(400)).body).toMatchObject(invalid);
    }
    const typed = await confirm(42).expect(400);
    expect(typed.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.arrayContaining([{ field: 'token', rule: 'isString', message: 'token phải là chuỗi ký tự' }]) });
    await stack.http().post('/api/tasks/acknowledge-links/confirm').send({}).expect(400);
    const long = await stack.http().post('/api/tasks/acknowledge-links/confirm').send({ token: 'x'.repeat(301) }).expect(400);
    expect(long.body.errors).toEqual([{ field: 'token', rule: 'maxLength', message: 'token không được dài quá 300 ký tự' }]);

    await stack.dataSource.query(`UPDATE task_acknowledge_links SET expires_at = now() - interval '1 second' WHERE id = $1`, [token.split('.')[0]]);
    for (const res of [await preview(token).expect(410), await confirm(token).expect(410)]) {
      expect(res.body).toMatchObject({ code: 'ACK_LINK_EXPIRED', message: 'Đường dẫn xác nhận tiếp nhận đã hết hạn; hãy đăng nhập và xác nhận trên trang nhiệm vụ.' });
    }
    expect((await getTask(stack, org.adminToken, task.id)).status).toBe('ASSIGNED');
  });

  it('a deactivated recipient is refused (403), a cancelled task answers why (409); the link is not used up', async () => {
    const email = 'can.bo.2@minhchau.hanoi.gov.vn';
    const officerId = await createPerson(stack, org.adminToken, { email, name: 'Cán bộ thứ hai', unit: 'HN-X001', roles: ['OFFICER'] }, org.unitIds);
    const task = await assignTask(stack, org.adminToken, commune({ focalOfficerId: officerId }));
    const token = await ackToken(task, email);
    await stack.http().patch(`/api/users/${officerId}`).set(auth(org.adminToken)).send({ active: false }).expect(200);
    for (const res of [await preview(token).expect(403), await confirm(token).expect(403)]) {
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' });
    }
    expect(await usedAt(token)).toBeNull();

    const cancelled = await assignTask(stack, org.adminToken, commune());
    const officerToken = await ackToken(cancelled, OFFICER);
    await stack.http().post(`/api/tasks/${cancelled.id}/cancel`).set(auth(org.adminToken)).send({ reason: 'Giao nhầm' }).expect(200);
    const refused = await confirm(officerToken).expect(409);
    expect(refused.body).toMatchObject({ code: 'CONFLICT', message: 'Xung đột dữ liệu: nhiệm vụ đã huỷ; không thể thực hiện thao tác này.' });
    expect(await usedAt(officerToken)).toBeNull();
    expect((await preview(officerToken).expect(200)).body).toMatchObject({ status: 'CANCELLED', acknowledged: false });
  });

  it('a reminder to acknowledge carries a link too; decisions lead to the Decisions queue, news to the task’s page', async () => {
    const task = await assignTask(stack, org.adminToken, commune({ templateKey: 'nhac' }));
    const reminder = await mailAbout(task, OFFICER, /Nhắc xác nhận tiếp nhận/);
    const reminderToken = acknowledgeTokenIn(reminder)!;
    expect(reminderToken).not.toBe(await ackToken(task, OFFICER));
    expect((await confirm(reminderToken).expect(200)).body).toMatchObject({ acknowledgedNow: true, status: 'IN_PROGRESS' });

    const extension = await stack.http().post(`/api/tasks/${task.id}/extension-requests`).set(auth(org.tokens.officerCommune)).send({ newDueAt: new Date(Date.now() + 40 * 86_400_000).toISOString(), reason: 'Chờ thiết bị' }).expect(200);
    const extensionId = extension.body.pending.extensions[0].id as string;
    const toAssigner = await mailAbout(task, ADMIN.email, /Đề nghị gia hạn/);
    const decide = `http://dondoc.test/decisions?task=${task.id}&request=${extensionId}`;
    expect(toAssigner.text).toContain(decide);
    expect(htmlLinksIn(toAssigner)).toEqual([decide]);
    expect(acknowledgeTokenIn(toAssigner)).toBeUndefined();

    const raised = await stack.http().post(`/api/tasks/${task.id}/beyond-authority`).set(auth(org.tokens.officerCommune)).send({ reason: 'Cần kinh phí bổ sung' }).expect(200);
    const matterId = raised.body.pending.beyondAuthority[0].id as string;
    const toParentHead = await mailAbout(task, PEOPLE.headHanoi.email, /vượt thẩm quyền/);
    expect(htmlLinksIn(toParentHead)).toEqual([`http://dondoc.test/decisions?task=${task.id}&request=${matterId}`]);

    await stack.http().post(`/api/tasks/${task.id}/extension-requests/${extensionId}/decision`).set(auth(org.adminToken)).send({ approve: true }).expect(200);
    const approved = await mailAbout(task, OFFICER, /Đã đồng ý gia hạn/);
    expect(htmlLinksIn(approved)).toEqual([`http://dondoc.test/tasks/${task.id}`]);
    expect(approved.text).toContain(`http://dondoc.test/tasks/${task.id}`);
    await stack.http().post(`/api/tasks/${task.id}/cancel`).set(auth(org.adminToken)).send({ reason: 'Kết thúc kịch bản' }).expect(200);
  });
});
