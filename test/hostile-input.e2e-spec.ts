import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { reportProgressUpdate, snapshotQuery, type TaskSnapshot } from '@dondoc/workflows/task/task.types';
import { TaskActivitiesService } from '../apps/worker/src/activities/task.activities';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { waitForEvent, type TimelineEntry } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const NUL = 'a\u0000b';
const SURROGATE = '\ud800x';

/**
 * What an attacker types: control characters, lone surrogates, nulls, absurd numbers and depths,
 * inherited keys. Each is a 400 naming the field, nothing changes, and no task can be jammed.
 */
describe('Hostile input', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: unknown) => stack.http().post(path).set(auth(token)).send(body as object);
  const fields = (body: { errors?: { field: string; rule: string }[] }) => (body.errors ?? []).map((e) => `${e.field}:${e.rule}`);
  const count = async (table: string) => Number((await stack.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    stack = await startTestStack({ env: { ACTIVITY_ALERT_ATTEMPTS: '2' } });
    org = await buildOrganisation(stack);
    await post(org.adminToken, '/api/templates', fastTemplate('hostile', { defaultDuration: '1h', reminders: ['6s'], acknowledgementReminder: null })).expect(201);
  });

  afterAll(async () => {
    await stack.close();
  });

  const commune = () => ({ templateKey: 'hostile', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune });

  it('every task action refuses NUL and lone surrogates with a 400 naming the field; the task still acts and its timers keep recording', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 20 });
    const id = randomUUID();
    const effect = { kpi: 'Tỷ lệ', unit: '%', baseline: 1, target: 2, achieved: 3, direction: 'INCREASE', method: 'Đo' };
    const cases: [string, (bad: string) => unknown, string[]][] = [
      ['progress', (bad) => ({ percent: 10, note: bad }), ['note']],
      ['extension-requests', (bad) => ({ newDueAt: new Date(Date.now() + 86_400_000).toISOString(), reason: bad }), ['reason']],
      [`extension-requests/${id}/decision`, (bad) => ({ approve: false, comment: bad }), ['comment']],
      ['explanation-requests', (bad) => ({ question: bad, deadline: new Date(Date.now() + 86_400_000).toISOString() }), ['question']],
      [`explanation-requests/${id}/answer`, (bad) => ({ answer: bad }), ['answer']],
      ['beyond-authority', (bad) => ({ reason: bad }), ['reason']],
      [`beyond-authority/${id}/decision`, (bad) => ({ decision: 'DIRECTION', comment: bad }), ['comment']],
      [`escalations/${id}/decision`, (bad) => ({ approve: false, comment: bad }), ['comment']],
      ['evidence', (bad) => ({ measurableEffect: { ...effect, kpi: bad, method: bad }, supportingDocuments: [{ title: bad, kind: 'DOCUMENT' }] }), ['measurableEffect.kpi', 'measurableEffect.method', 'supportingDocuments[0].title']],
      ['evidence/review', (bad) => ({ approve: false, comment: bad, rejections: { OPERATING_PRODUCT: bad } }), ['comment', 'rejections.OPERATING_PRODUCT']],
      ['after-care/close', (bad) => ({ reason: bad }), ['reason']],
      ['cancel', (bad) => ({ reason: bad }), ['reason']],
    ];
    for (const [route, body, named] of cases) {
      for (const [bad, rule] of [[NUL, 'noControlCharacters'], [SURROGATE, 'wellFormedText']]) {
        const res = await post(org.adminToken, `/api/tasks/${task.id}/${route}`, body(bad)).expect(400);
        expect({ route, errors: fields(res.body) }).toEqual({ route, errors: named.map((field) => `${field}:${rule}`) });
        expect(res.body.errors[0].message).toMatch(bad === NUL ? /ký tự điều khiển/ : /Unicode không hợp lệ/);
      }
    }
    // Several lines where a person writes prose.
    const progress = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 30, note: 'Đã xong:\n- bước 1\n- bước 2' }).expect(200);
    expect(progress.body.status).toBe('IN_PROGRESS');
    const reminded = await waitForEvent(stack, org.adminToken, task.id, 'REMINDER', 1, 20_000);
    const overdue = await waitForEvent(stack, org.adminToken, task.id, 'OVERDUE', 1, 20_000);
    expect((overdue.timeline as TimelineEntry[]).map((e) => e.type).sort()).toEqual(['ACKNOWLEDGED', 'ASSIGNED', 'OVERDUE', 'PROGRESS_REPORTED', 'REMINDER']);
    expect(reminded.progressPercent).toBe(30);
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('a task whose title has NUL, a lone surrogate or a line break is refused and starts no workflow', async () => {
    const before = await count('tasks');
    for (const [title, rule] of [[NUL, 'noControlCharacters'], [SURROGATE, 'wellFormedText'], ['hai\ndòng', 'singleLine']]) {
      const res = await post(org.adminToken, '/api/tasks', { ...commune(), title }).expect(400);
      expect(fields(res.body)).toEqual([`title:${rule}`]);
      const bulk = await post(org.adminToken, '/api/tasks/bulk', { tasks: [{ ...commune(), title: 'Tốt' }, { ...commune(), title }] }).expect(400);
      expect(fields(bulk.body)).toEqual([`tasks[1].title:${rule}`]);
    }
    expect(await count('tasks')).toBe(before);
    const orphans = await stack.http().get('/api/diagnostics/orphan-workflows').set(auth(org.adminToken)).expect(200);
    expect(orphans.body).toMatchObject({ items: [] });
    expect(orphans.body.checked).toBeGreaterThanOrEqual(0);
  });

  it('query strings and path parameters: control characters, absurd pages and versions are 400 naming the parameter', async () => {
    const get = (path: string) => stack.http().get(path).set(auth(org.adminToken));
    expect(fields((await get('/api/tasks?q=a%00b').expect(400)).body)).toEqual(['q:noControlCharacters']);
    expect(fields((await get('/api/tasks?program=%00').expect(400)).body)).toEqual(['program:noControlCharacters']);
    expect(fields((await get('/api/units?q=x%01').expect(400)).body)).toEqual(['q:noControlCharacters']);
    expect(fields((await get('/api/audit?subjectId=%00').expect(400)).body)).toEqual(['subjectId:noControlCharacters']);
    expect(fields((await get('/api/audit?requestId=%00').expect(400)).body)).toEqual(['requestId:noControlCharacters']);
    expect(fields((await get('/api/templates/a%00b').expect(400)).body)).toEqual(['key:noControlCharacters']);
    expect(fields((await get('/api/templates/hostile/versions/99999999999').expect(400)).body)).toEqual(['version:isInt']);
    expect(fields((await get('/api/templates/hostile/versions/0').expect(400)).body)).toEqual(['version:isInt']);
    await get('/api/templates/hostile/versions/1').expect(200);
    for (const list of ['/api/units', '/api/users', '/api/tasks', '/api/audit', '/api/notifications']) {
      expect(fields((await get(`${list}?page=99999999999999999999`).expect(400)).body)).toEqual(['page:max']);
      expect(fields((await get(`${list}?pageSize=99999999999999999999`).expect(400)).body)).toEqual(['pageSize:max']);
    }
    await get('/api/tasks?page=1000000').expect(200);
  });

  it('null for a field that cannot be empty is refused; null where it means "none" still works', async () => {
    const unit = org.unitIds['HP-X001'];
    for (const field of ['nameVi', 'level', 'active']) {
      const res = await stack.http().patch(`/api/units/${unit}`).set(auth(org.adminToken)).send({ [field]: null }).expect(400);
      expect(fields(res.body)).toEqual([`${field}:notNull`]);
    }
    await stack.http().patch(`/api/units/${unit}`).set(auth(org.adminToken)).send({ nameEn: null }).expect(200);
    for (const field of ['name', 'language', 'roles', 'active']) {
      const res = await stack.http().patch(`/api/users/${org.userIds.officerHaiphong}`).set(auth(org.adminToken)).send({ [field]: null }).expect(400);
      expect(fields(res.body)).toEqual([`${field}:notNull`]);
    }
    await stack.http().patch(`/api/users/${org.userIds.officerHaiphong}`).set(auth(org.adminToken)).send({ phone: null }).expect(200);
    const evidence = await post(org.adminToken, `/api/tasks/${randomUUID()}/evidence`, { operatingProduct: null, measurableEffect: null }).expect(400);
    expect(fields(evidence.body)).toEqual(['operatingProduct:notNull', 'measurableEffect:notNull']);
  });

  it('templates: a missing or malformed escalation or evidence, nested arrays and durations beyond 50 years are 400', async () => {
    const { escalation: _escalation, ...withoutEscalation } = fastTemplate('t-missing');
    expect(fields((await post(org.adminToken, '/api/templates', withoutEscalation).expect(400)).body)).toEqual(['escalation:isDefined']);
    expect(fields((await post(org.adminToken, '/api/templates', fastTemplate('t-array', { escalation: [] })).expect(400)).body)).toContain('escalation:isObject');
    expect(fields((await post(org.adminToken, '/api/templates', fastTemplate('t-evidence', { evidence: [] })).expect(400)).body)).toContain('evidence:isObject');
    expect(fields((await post(org.adminToken, '/api/templates', fastTemplate('t-long', { defaultDuration: '99999999999d' })).expect(400)).body)).toEqual(['defaultDuration:isTerm']);
    expect(fields((await post(org.adminToken, '/api/templates', fastTemplate('t-long2', { defaultDuration: `${50 * 366 + 1}d` })).expect(400)).body)).toEqual(['defaultDuration:isTerm']);
    await post(org.adminToken, '/api/templates', fastTemplate('t-fifty', { defaultDuration: `${50 * 366}d` })).expect(201);
    const nested = await post(org.adminToken, '/api/tasks', { ...commune(), title: 'Mốc lồng', milestones: [[]] }).expect(400);
    expect(fields(nested.body)).toEqual(['milestones:isObject']);
    expect(await count('task_templates WHERE key LIKE \'t-%\'')).toBe(1);
  });

  it('sign-in, refresh and password links: lone surrogates, deep JSON and inherited keys are 400 before anything runs', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 3_000; i++) deep = { a: deep };
    const raw = (path: string, json: string) => stack.http().post(path).set('Content-Type', 'application/json').send(json);
    // Refused right after parsing, on every route, before authentication reads anything.
    for (const path of ['/api/auth/login', '/api/auth/refresh', '/api/auth/password-reset', '/api/tasks']) {
      const res = await raw(path, JSON.stringify({ email: deep })).expect(400);
      expect(fields(res.body)[0]).toMatch(/^email(\.a)+:maxDepth$/);
    }
    expect(fields((await raw('/api/auth/login', JSON.stringify({ email: `${SURROGATE}@x.vn`, password: 'x' })).expect(400)).body)).toEqual(['email:wellFormedText']);
    expect(fields((await raw('/api/auth/login', '{"email":"a@b.vn","password":"x","__proto__":{"admin":true}}').expect(400)).body)).toEqual(['__proto__:forbiddenKey']);
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const res = await stack.http().post('/api/units').set(auth(org.adminToken)).set('Content-Type', 'application/json').send(`{"code":"PROTO","nameVi":"X","level":"commune","${key}":{}}`).expect(400);
      expect(fields(res.body)).toEqual([`${key}:forbiddenKey`]);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(await count('units WHERE code = \'PROTO\'')).toBe(0);
  });

  it('a body in a type dondoc does not read is 415, not an empty object', async () => {
    const before = await count('audit_events WHERE action = \'DIAGNOSTIC_STARTED\'');
    for (const [type, body] of [['text/plain', 'hello'], ['application/xml', '<a/>'], ['application/octet-stream', 'x']]) {
      const res = await stack.http().post('/api/diagnostics').set(auth(org.adminToken)).set('Content-Type', type).send(body).expect(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    expect(await count('audit_events WHERE action = \'DIAGNOSTIC_STARTED\'')).toBe(before);
    await stack.http().post('/api/diagnostics').set(auth(org.adminToken)).set('Content-Type', 'application/json; charset=utf-8').send('{}').expect(202);
    await stack.http().post(`/api/tasks/${randomUUID()}/acknowledge`).set(auth(org.adminToken)).expect(404); // no body at all: fine
  });

  it('imported cells follow the same rules: refused by row and column, nothing imported', async () => {
    const before = await count('units');
    const csv = Buffer.from(`code,name_vi,level,parent_code\nIMP-1,Xã Một,commune,HN\nIMP-2,Xã${NUL},commune,HN\nIMP-3,"Xã\nHai dòng",commune,HN\n`, 'utf8');
    const res = await stack.http().post('/api/units/import').set(auth(org.adminToken)).attach('file', csv, 'units.csv').expect(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'name_vi', rule: 'noControlCharacters' }),
      expect.objectContaining({ row: 4, field: 'name_vi', rule: 'singleLine' }),
    ]);
    expect(await count('units')).toBe(before);
  });

  it('Vietnamese typed on any keyboard is stored composed (NFC), and searches find it either way', async () => {
    const decomposed = 'Xa\u0303 Tha\u0300nh Co\u0302ng'; // "Xã Thành Công" with combining marks
    const created = await post(org.adminToken, '/api/units', { code: 'NFC-1', nameVi: decomposed, level: 'commune', parentId: org.unitIds.HN }).expect(201);
    expect(created.body.nameVi).toBe('Xã Thành Công');
    const found = await stack.http().get(`/api/units?q=${encodeURIComponent('Tha\u0300nh Co\u0302ng')}`).set(auth(org.adminToken)).expect(200);
    expect((found.body.items as { code: string }[]).map((u) => u.code)).toEqual(['NFC-1']);
  });

  it('in depth: a Temporal Update that bypasses HTTP is refused the same way, and text the database cannot store never jams the recording', async () => {
    const task = await assignTask(stack, org.adminToken, { ...commune(), dueInSeconds: 3_600 });
    const handle = stack.api.get(Client).workflow.getHandle(`task-${task.id}`);
    const actor = { id: org.userIds.officerCommune, name: 'x', requestId: null };
    const refused = await handle.executeUpdate(reportProgressUpdate, { args: [{ actor, percent: 5, note: NUL }] }).catch((e: { cause?: unknown }) => e.cause);
    expect(refused).toMatchObject({ type: 'TaskActionRefused', details: [{ rule: 'invalidText', field: 'note' }] });

    // An older workflow, or a page an evidence check read, may still carry such text: it is scrubbed, not retried for ever.
    const snapshot: TaskSnapshot = await handle.query(snapshotQuery);
    const event = { seq: 999, type: 'PROGRESS_REPORTED', at: Date.now(), actorId: null, requestId: null, fromStatus: null, toStatus: 'ASSIGNED', data: { note: `x${NUL}${SURROGATE}` } };
    await stack.worker!.get(TaskActivitiesService).recordTaskEvents({ workflowId: `task-${task.id}`, events: [event as never], snapshot });
    const [row] = await stack.dataSource.query<{ data: { note: string } }[]>('SELECT data FROM task_events WHERE task_id = $1 AND seq = 999', [task.id]);
    expect(row.data.note).toBe('xa\uFFFDb\uFFFDx');
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Kết thúc kịch bản' }).expect(200);
  });

  it('an activity that keeps failing raises an alert (logs, /api/health, the administrators’ list) until it succeeds', async () => {
    // The earlier scenarios' emails are out first: only the diagnostic's email meets the failing server.
    await eventually(async () => {
      const [{ n }] = await stack.dataSource.query<{ n: number }[]>(`SELECT CAST(COUNT(*) AS int) AS n FROM notifications WHERE status IN ('PENDING', 'SENDING')`);
      expect(n).toBe(0);
    }, 60_000);
    stack.mail.failWith({ code: 451, message: 'Mailbox busy, try again later' }); // temporary: retried
    await post(org.adminToken, '/api/diagnostics', { message: 'alert' }).expect(202);
    const health = await eventually(async () => {
      const res = await stack.http().get('/api/health').expect(200); // an alert is not an outage
      expect(res.body.details.activities).toMatchObject({ status: 'up', alerts: 1, types: ['sendDiagnosticEmail'] });
      return res.body as object;
    }, 30_000);
    expect(JSON.stringify(health)).not.toContain('task-'); // public: counts and types only
    const listed = await stack.http().get('/api/diagnostics/activity-alerts').set(auth(org.adminToken)).expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ activityType: 'sendDiagnosticEmail', attempts: expect.any(Number), lastError: expect.stringContaining('451 Mailbox busy') }] });
    expect(listed.body.items[0].attempts).toBeGreaterThanOrEqual(2);
    stack.mail.failWith(undefined);
    await eventually(async () => {
      const res = await stack.http().get('/api/health').expect(200);
      expect(res.body.details.activities).toMatchObject({ alerts: 0 });
    }, 30_000);
  });
});
