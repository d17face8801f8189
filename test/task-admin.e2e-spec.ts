import { Task } from '@dondoc/tasks';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { asSuperuser } from './helpers/database';
import { eventually } from './helpers/eventually';
import { getTask, waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

/** Templates, bulk assignment, lists, the inbox and the records' consistency, through the API. */
describe('Templates, assignment and records', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const as = (token: string) => ({
    get: (path: string) => stack.http().get(path).set(auth(token)),
    post: (path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body),
    put: (path: string, body: object) => stack.http().put(path).set(auth(token)).send(body),
    del: (path: string) => stack.http().delete(path).set(auth(token)),
  });

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
  });

  afterAll(() => stack.close());

  describe('templates', () => {
    it('creates a template with durations in any accepted form, shown back in compact text', async () => {
      const res = await as(org.adminToken)
        .post('/api/templates', fastTemplate('chuan', { defaultDuration: 'P90D', reminders: ['7d', '72h', 'P1D', '0'], acknowledgementReminder: { every: '1d', max: 3 } }))
        .expect(201);
      expect(res.body).toMatchObject({ key: 'chuan', version: 1, active: true, versions: [1] });
      expect(res.body.rules).toMatchObject({ defaultDuration: '90d', reminders: ['7d', '3d', '1d', '0'], acknowledgementReminder: { every: '1d', max: 3 } });
      await as(org.tokens.officerCommune).get('/api/templates/chuan').expect(200); // everyone reads templates
      await as(org.tokens.leaderHanoi).post('/api/templates', fastTemplate('khac')).expect(403);
      await as(org.adminToken).post('/api/templates', fastTemplate('chuan')).expect(409);
    });

    it('names every invalid field, including the rules between fields', async () => {
      const bad = fastTemplate('hong', {
        defaultDuration: '-5d',
        reminders: ['1d', 'soon', '1d'],
        escalation: {
          levels: [
            { level: 3, after: '7d', decider: { type: 'PARENT_HEAD' } },
            { level: 4, after: '2d', decider: { type: 'ASSIGNER' } },
            { level: 5, after: '9d', decider: { type: 'LEADER_GROUP', name: 'Tổ', userIds: [org.userIds.officerCommune] } },
          ],
          decisionReminderEvery: '0',
          explanationDeadline: '5d',
        },
        evidence: { required: ['REAL_USERS', 'MEASURABLE_EFFECT'], reviewer: { type: 'ASSIGNER' } },
      });
      const first = await as(org.adminToken).post('/api/templates', bad).expect(400);
      expect((first.body.errors as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`).sort()).toEqual([
        'defaultDuration:isTerm',
        'escalation.decisionReminderEvery:isDuration',
        'reminders:arrayUnique',
        'reminders:isTerm',
      ]);
      expect(first.body.errors).toEqual(expect.arrayContaining([{ field: 'defaultDuration', rule: 'isTerm', message: 'defaultDuration phải là thời hạn như 10wd, 7d, 36h, 30s hoặc P7D (wd: ngày làm việc; ít nhất 1 giây, nhiều nhất 50 năm)' }]));
      const second = await as(org.adminToken).post('/api/templates', { ...bad, defaultDuration: '5d', reminders: ['1d'], escalation: { ...(bad.escalation as object), decisionReminderEvery: '1d' } }).expect(400);
      expect((second.body.errors as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`).sort()).toEqual([
        'escalation.levels[0].level:inOrder',
        'escalation.levels[1].after:increasing',
        'escalation.levels[1].decider.type:isIn',
        'escalation.levels[1].level:inOrder',
        'escalation.levels[2].decider.userIds:leaders',
        'escalation.levels[2].level:inOrder',
        'evidence.kpiDirection:requiredWithEffect',
        'evidence.minActiveUsers:requiredWithRealUsers',
      ]);
      const none = await as(org.adminToken).post('/api/templates', fastTemplate('rong', { evidence: { required: [], reviewer: { type: 'ASSIGNER' } } })).expect(400);
      expect(none.body.errors).toEqual([{ field: 'evidence.required', rule: 'arrayMinSize', message: 'evidence.required phải có ít nhất 1 phần tử' }]);
      await as(org.adminToken).get('/api/templates/hong').expect(404);
    });

    it('editing adds a version; a running task keeps the version it was assigned with; archived templates assign nothing', async () => {
      await as(org.adminToken).post('/api/templates', fastTemplate('phien-ban', { defaultDuration: '1h', reminders: ['30m'] })).expect(201);
      const task = await assignTask(stack, org.adminToken, { templateKey: 'phien-ban', leadUnitId: org.unitIds['HN-X001'] });
      const { key: _k, ...rules } = fastTemplate('phien-ban', { defaultDuration: '2h', reminders: ['1h', '10m'] });
      const v2 = await as(org.adminToken).put('/api/templates/phien-ban', rules).expect(200);
      expect(v2.body).toMatchObject({ version: 2, versions: [1, 2], rules: { defaultDuration: '2h', reminders: ['1h', '10m'] } });
      const v1 = await as(org.adminToken).get('/api/templates/phien-ban/versions/1').expect(200);
      expect(v1.body).toMatchObject({ version: 1, active: false, rules: { reminders: ['30m'] } });
      const running = await getTask(stack, org.adminToken, task.id);
      expect(running.template).toMatchObject({ key: 'phien-ban', version: 1 });
      expect(Date.parse(running.dueAt) - Date.parse(running.assignedAt)).toBe(3_600_000);
      const next = await assignTask(stack, org.adminToken, { templateKey: 'phien-ban', leadUnitId: org.unitIds['HN-X001'] });
      expect((await getTask(stack, org.adminToken, next.id)).template.version).toBe(2);

      await as(org.adminToken).del('/api/templates/phien-ban').expect(200);
      const archived = await as(org.adminToken).post('/api/tasks', { title: 'x', templateKey: 'phien-ban', leadUnitId: org.unitIds['HN-X001'] }).expect(400);
      expect(archived.body.errors).toEqual([{ field: 'templateKey', rule: 'active', message: 'mẫu nhiệm vụ phien-ban đã được lưu trữ' }]);
      expect(((await as(org.adminToken).get('/api/templates').expect(200)).body as { key: string }[]).map((t) => t.key)).not.toContain('phien-ban');
      await as(org.adminToken).put('/api/templates/phien-ban', rules).expect(409);
    });
  });

  describe('assignment', () => {
    it('bulk assignment is all-or-nothing, with errors naming the task and field', async () => {
      const before = (await as(org.adminToken).get('/api/tasks?pageSize=1').expect(200)).body.total as number;
      const bad = await as(org.adminToken)
        .post('/api/tasks/bulk', {
          tasks: [
            { title: 'Một', templateKey: 'chuan', leadUnitId: org.unitIds['HN-X001'] },
            { title: 'Hai', templateKey: 'khong-co', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerHaiphong },
            { title: 'Ba', templateKey: 'chuan', leadUnitId: org.unitIds.HP, dueAt: '2020-01-01T00:00:00Z', coordinatingUnitIds: [org.unitIds.HP] },
          ],
        })
        .expect(400);
      expect((bad.body.errors as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`).sort()).toEqual([
        'tasks[1].focalOfficerId:memberOfUnit',
        'tasks[1].templateKey:exists',
        'tasks[2].coordinatingUnitIds[0]:notLead',
        'tasks[2].dueAt:future',
      ]);
      expect((await as(org.adminToken).get('/api/tasks?pageSize=1').expect(200)).body.total).toBe(before);

      const ok = await as(org.adminToken)
        .post('/api/tasks/bulk', { tasks: ['Một', 'Hai', 'Ba'].map((title) => ({ title: `Kế hoạch 100 ngày: ${title}`, program: 'Kế hoạch 100 ngày', templateKey: 'chuan', leadUnitId: org.unitIds['HN-X001'] })) })
        .expect(201);
      expect(ok.body.count).toBe(3);
      expect(new Set((ok.body.tasks as { code: string }[]).map((t) => t.code)).size).toBe(3);
    });

    it('a unit that led tasks is kept for their records: deleting it is refused while they run and after they close', async () => {
      const unit = (await as(org.adminToken).post('/api/units', { code: 'HN-X099', nameVi: 'Xã Thử Nghiệm', level: 'commune', parentId: org.unitIds.HN }).expect(201)).body as { id: string };
      const task = (await as(org.adminToken).post('/api/tasks', { title: 'Nhiệm vụ của xã mới', templateKey: 'chuan', leadUnitId: unit.id }).expect(201)).body as { id: string };
      expect((await as(org.adminToken).del(`/api/units/${unit.id}`).expect(409)).body.details).toMatchObject({ rule: 'hasOpenTasks', openTasks: 1 });
      await as(org.adminToken).post(`/api/tasks/${task.id}/cancel`, { reason: 'Giao nhầm đơn vị' }).expect(200);
      expect((await as(org.adminToken).del(`/api/units/${unit.id}`).expect(409)).body.details).toMatchObject({ rule: 'hasTasks', tasks: 1 });
      await as(org.adminToken).get(`/api/units/${unit.id}`).expect(200);
    });

    it('leaders assign only to units under them', async () => {
      await as(org.tokens.leaderHanoi).post('/api/tasks', { title: 'x', templateKey: 'chuan', leadUnitId: org.unitIds['HN-X001'] }).expect(201);
      await as(org.tokens.leaderHanoi).post('/api/tasks', { title: 'x', templateKey: 'chuan', leadUnitId: org.unitIds['HP-X001'] }).expect(403);
      await as(org.tokens.headHanoi).post('/api/tasks', { title: 'x', templateKey: 'chuan', leadUnitId: org.unitIds['HN-X001'] }).expect(403);
    });

    it('lists filter by unit, status, overdue, program and due range, soonest due first, with pagination, within scope', async () => {
      await as(org.adminToken).post('/api/templates', fastTemplate('loc')).expect(201);
      const soon = await assignTask(stack, org.adminToken, { templateKey: 'loc', leadUnitId: org.unitIds['HN-X001'], program: 'Lọc', dueInSeconds: 600 });
      const later = await assignTask(stack, org.adminToken, { templateKey: 'loc', leadUnitId: org.unitIds['HN-X001'], program: 'Lọc', dueInSeconds: 1200 });
      const elsewhere = await assignTask(stack, org.adminToken, { templateKey: 'loc', leadUnitId: org.unitIds['HP-X001'], program: 'Lọc', dueInSeconds: 300 });
      const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((t) => t.id);

      expect(ids(await as(org.adminToken).get('/api/tasks?program=L%E1%BB%8Dc').expect(200))).toEqual([elsewhere.id, soon.id, later.id]);
      expect(ids(await as(org.adminToken).get('/api/tasks?program=L%E1%BB%8Dc&sort=-dueAt').expect(200))).toEqual([later.id, soon.id, elsewhere.id]);
      expect(ids(await as(org.tokens.officerCommune).get('/api/tasks?program=L%E1%BB%8Dc').expect(200))).toEqual([soon.id, later.id]); // scope
      expect(ids(await as(org.adminToken).get(`/api/tasks?program=L%E1%BB%8Dc&unitId=${org.unitIds['HP-X001']}`).expect(200))).toEqual([elsewhere.id]);
      expect(ids(await as(org.adminToken).get(`/api/tasks?program=L%E1%BB%8Dc&withinUnitId=${org.unitIds.HN}`).expect(200))).toEqual([soon.id, later.id]);
      const to = encodeURIComponent(new Date(Date.now() + 900_000).toISOString());
      expect(ids(await as(org.adminToken).get(`/api/tasks?program=L%E1%BB%8Dc&dueTo=${to}`).expect(200))).toEqual([elsewhere.id, soon.id]);
      const page = await as(org.adminToken).get('/api/tasks?program=L%E1%BB%8Dc&pageSize=2&page=2').expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(ids(page)).toEqual([later.id]);
      expect((await as(org.adminToken).get('/api/tasks?program=L%E1%BB%8Dc&status=ASSIGNED&overdue=false').expect(200)).body.total).toBe(3);
      const bad = await as(org.adminToken).get('/api/tasks?status=LATE&sort=title&dueFrom=soon').expect(400);
      expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['dueFrom', 'sort', 'status']);
    });

    it('answers 503 and writes no task when its workflow cannot start', async () => {
      const offline = await startTestStack({ worker: false, env: { TEMPORAL_ADDRESS: '127.0.0.1:1' } });
      try {
        const token = await offline.login();
        const unit = (await offline.http().post('/api/units').set(auth(token)).send({ code: 'OFF', nameVi: 'Ngoại tuyến', level: 'province' }).expect(201)).body.id as string;
        await offline.http().post('/api/templates').set(auth(token)).send(fastTemplate('off')).expect(201);
        const res = await offline.http().post('/api/tasks').set(auth(token)).send({ title: 'Không khởi động được', templateKey: 'off', leadUnitId: unit });
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Dịch vụ Temporal tạm thời không sẵn sàng; vui lòng thử lại.' });
        expect(await offline.dataSource.getRepository(Task).count()).toBe(0);
      } finally {
        await offline.close();
      }
    });

    it('a workflow whose row is missing recreates it at its next event', async () => {
      await as(org.adminToken).post('/api/templates', fastTemplate('tai-tao', { reminders: ['3s'], acknowledgementReminder: null })).expect(201);
      const task = await assignTask(stack, org.adminToken, { templateKey: 'tai-tao', leadUnitId: org.unitIds['HN-X001'], title: 'Hàng bị xoá', dueInSeconds: 5 });
      await waitForEvent(stack, org.adminToken, task.id, 'ASSIGNED');
      await asSuperuser(stack.database.name, (db) => db.query('DELETE FROM tasks WHERE id = $1', [task.id]));
      await as(org.adminToken).get(`/api/tasks/${task.id}`).expect(404);
      const back = await eventually(() => getTask(stack, org.adminToken, task.id), 15_000, 300);
      expect(back).toMatchObject({ code: task.code, title: 'Hàng bị xoá', leadUnit: { code: 'HN-X001' }, status: 'ASSIGNED' });
      await as(org.adminToken).post(`/api/tasks/${task.id}/cancel`, { reason: 'xong' }).expect(200);
    });
  });

  describe('notifications', () => {
    it('the inbox holds what the emails said, in the reader’s language, and can be marked read', async () => {
      await as(org.adminToken).post('/api/templates', fastTemplate('hop-thu')).expect(201);
      const task = await assignTask(stack, org.adminToken, { templateKey: 'hop-thu', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 3_600 });
      const inbox = await eventually(async () => {
        const res = await as(org.tokens.officerCommune).get('/api/notifications?unread=true').expect(200);
        const item = (res.body.items as { taskId: string }[]).find((n) => n.taskId === task.id);
        if (!item) throw new Error('not yet in the inbox');
        return res.body as { items: { id: string; taskId: string; subject: string; link: string; readAt: string | null }[]; unread: number };
      });
      const item = inbox.items.find((n) => n.taskId === task.id)!;
      expect(item).toMatchObject({ subject: `[dondoc] Giao nhiệm vụ ${task.code}: Đưa dịch vụ công trực tuyến vào vận hành`, link: `http://dondoc.test/tasks/${task.id}`, readAt: null });
      await stack.http().post(`/api/notifications/${item.id}/read`).set(auth(org.tokens.officerCommune)).expect(204);
      await stack.http().post(`/api/notifications/${item.id}/read`).set(auth(org.tokens.headHanoi)).expect(404); // someone else's
      const after = await as(org.tokens.officerCommune).get('/api/notifications').expect(200);
      expect(after.body.unread).toBe(inbox.unread - 1);
      await as(org.tokens.officerCommune).post('/api/notifications/read-all').expect(200);
      expect((await as(org.tokens.officerCommune).get('/api/notifications').expect(200)).body.unread).toBe(0);
      await as(org.adminToken).post(`/api/tasks/${task.id}/cancel`, { reason: 'xong' }).expect(200);
    });

    it('a permanent SMTP refusal is recorded and visible, not lost; a temporary one is retried', async () => {
      // Emails of earlier tests still in flight must not take the refusal meant for this one.
      await eventually(async () => {
        const [{ busy }] = await stack.dataSource.query<{ busy: number }[]>(`SELECT count(*)::int AS busy FROM notifications WHERE status IN ('PENDING', 'SENDING')`);
        expect(busy).toBe(0);
      });
      stack.mail.failWith({ code: 550, message: '5.1.1 Mailbox does not exist', times: 1 });
      await as(org.adminToken).post('/api/templates', fastTemplate('loi-thu')).expect(201);
      const task = await assignTask(stack, org.adminToken, { templateKey: 'loi-thu', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 3_600 });
      const failed = await eventually(async () => {
        const res = await as(org.tokens.auditor).get('/api/notifications/deliveries?status=FAILED').expect(200);
        const rows = (res.body.items as { template: string; lastError: string; email: string; attempts: number }[]).filter((d) => d.template === 'task-assigned');
        if (rows.length === 0) throw new Error('no failed delivery yet');
        return rows[0];
      });
      expect(failed).toMatchObject({ attempts: 1 });
      expect(failed.lastError).toContain('550');
      const owner = await stack.login(failed.email, 'Mat-khau-manh-2026');
      const inbox = await as(owner).get('/api/notifications').expect(200);
      expect((inbox.body.items as { taskId: string; emailStatus: string }[]).find((n) => n.taskId === task.id)).toMatchObject({ emailStatus: 'FAILED' });

      stack.mail.failWith({ code: 451, message: '4.3.0 Try again later', times: 1 });
      await as(org.adminToken).post(`/api/tasks/${task.id}/cancel`, { reason: 'Thử lỗi tạm thời' }).expect(200);
      await stack.mail.waitFor((m) => m.subject === `[dondoc] Huỷ nhiệm vụ ${task.code}`, 2, 20_000); // both delivered, one after a retry
    });
  });
});
