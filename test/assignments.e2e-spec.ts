import { AssignmentStartsService } from '@dondoc/tasks';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { fastTemplate } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { getTask, types } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Plan assignments on the real stack: a plan of a few hundred tasks answered at once with 202 and
 * started in the background page by page; its progress; every task recorded; bad plans refused
 * whole; and a plan the API committed but never started (it stopped) started by the worker's sweeper.
 */
interface Progress {
  status: string;
  createdAt: string;
  startedAt: string;
}
interface Problems {
  errors: { field: string }[];
}

describe('Plan assignments (POST /api/assignments)', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** Two pages of starts (ASSIGNMENT_PAGE_SIZE is 200) and a bit. */
  const PLAN = 210;
  const plan = (n: number, title = 'Nhiệm vụ theo đợt') =>
    Array.from({ length: n }, (_, i) => ({ title: `${title} ${i + 1}`, templateKey: 'dot', leadUnitId: org.unitIds[i % 2 ? 'HN-X001' : 'HP-X001'] }));
  const counts = async () => {
    const [row] = await stack.dataSource.query<{ assignments: number; tasks: number }[]>('SELECT (SELECT count(*)::int FROM assignments) AS assignments, (SELECT count(*)::int FROM tasks) AS tasks');
    return row;
  };

  beforeAll(async () => {
    // A plan the API did not start is swept after 2 s here (30 s by default).
    stack = await startTestStack({ env: { ASSIGNMENT_SWEEP_AGE_MS: '2000' } });
    org = await buildOrganisation(stack);
    // Timers far off: the suite looks at the assignment, not at reminders.
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('dot', { defaultDuration: '30d', reminders: ['1d'], acknowledgementReminder: { every: '1d', max: 2 } })).expect(201);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('answers 202 at once with the progress and its address, starts every task in the background, and lists them', async () => {
    const res = await stack.http().post('/api/assignments').set(auth(org.adminToken)).send({ tasks: plan(PLAN) }).expect(202);
    expect(res.headers.location).toBe(`/api/assignments/${res.body.id}`);
    expect(res.body).toMatchObject({ id: expect.any(String), total: PLAN, tasks: `/api/tasks?assignmentId=${res.body.id}`, createdAt: expect.any(String) });
    expect(['STARTING', 'STARTED']).toContain(res.body.status);

    const done = await eventually(async () => {
      const progress = (await stack.http().get(res.headers.location).set(auth(org.adminToken)).expect(200)).body as Progress;
      expect(progress).toMatchObject({ status: 'STARTED', started: PLAN, recorded: PLAN, startedAt: expect.any(String) });
      return progress;
    }, 120_000, 500);
    expect(Date.parse(done.startedAt)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));

    const list = (await stack.http().get(`/api/tasks?assignmentId=${res.body.id}&pageSize=100`).set(auth(org.adminToken)).expect(200)).body;
    expect(list.total).toBe(PLAN);
    const task = await getTask(stack, org.adminToken, list.items[0].id);
    expect(types(task)).toEqual(['ASSIGNED']);
    // One audit entry per task, naming the assignment.
    const [audit] = await stack.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'TASK_CREATED' AND summary ->> 'assignmentId' = $1`, [res.body.id]);
    expect(audit.n).toBe(PLAN);
    // Its assignment email went out, as for a task assigned on its own.
    await stack.mail.waitFor((m) => m.subject.includes(task.code as string) && m.subject.includes('Giao nhiệm vụ'));
  });

  it('refuses a plan with any wrong task whole (400 naming tasks[i].field), and one over 10,000 tasks; nothing is written', async () => {
    const before = await counts();
    const tasks = plan(30);
    tasks[17] = { ...tasks[17], leadUnitId: '00000000-0000-4000-8000-000000000000' };
    tasks[23] = { ...tasks[23], templateKey: 'khong-co' };
    const wrong = await stack.http().post('/api/assignments').set(auth(org.adminToken)).send({ tasks }).expect(400);
    expect((wrong.body as Problems).errors.map((e) => e.field).sort()).toEqual(['tasks[17].leadUnitId', 'tasks[23].templateKey']);

    const tooMany = await stack.http().post('/api/assignments').set(auth(org.adminToken)).send({ tasks: plan(10_001, 'Quá nhiều') }).expect(400);
    expect((tooMany.body as Problems).errors.map((e) => e.field)).toContain('tasks');
    await stack.http().post('/api/assignments').set(auth(org.adminToken)).send({ tasks: [] }).expect(400);
    await stack.http().post('/api/assignments').set(auth(org.adminToken)).send({}).expect(400);
    expect(await counts()).toEqual(before);
  });

  it('shows an assignment to its creator and administrators only; officers cannot assign plans; unknown ids are 404', async () => {
    const mine = await stack.http().post('/api/assignments').set(auth(org.tokens.leaderHanoi)).send({ tasks: [{ title: 'Đợt của Hà Nội', templateKey: 'dot', leadUnitId: org.unitIds['HN-X001'] }] }).expect(202);
    await stack.http().get(`/api/assignments/${mine.body.id}`).set(auth(org.tokens.leaderHanoi)).expect(200);
    await stack.http().get(`/api/assignments/${mine.body.id}`).set(auth(org.adminToken)).expect(200);
    await stack.http().get(`/api/assignments/${mine.body.id}`).set(auth(org.tokens.leaderCentral)).expect(404);
    await stack.http().get(`/api/assignments/${mine.body.id}`).set(auth(org.tokens.officerCommune)).expect(403);
    // A leader assigns only to units under them.
    await stack.http().post('/api/assignments').set(auth(org.tokens.leaderHanoi)).send({ tasks: [{ title: 'Ngoài phạm vi', templateKey: 'dot', leadUnitId: org.unitIds['HP-X001'] }] }).expect(403);
    await stack.http().post('/api/assignments').set(auth(org.tokens.officerCommune)).send({ tasks: plan(1) }).expect(403);
    await stack.http().get('/api/assignments/00000000-0000-4000-8000-000000000000').set(auth(org.adminToken)).expect(404);
    await stack.http().get('/api/assignments/khong-phai-id').set(auth(org.adminToken)).expect(400);
  });

  it('a plan committed by an API that stopped before starting it is started by the worker’s sweeper; its tasks refuse actions until then', async () => {
    // The API stops right after its commit: its start of the assignment's workflow never happens.
    const starts = stack.api.get(AssignmentStartsService);
    const skip = jest.spyOn(starts, 'start').mockResolvedValueOnce(false);
    const res = await stack.http().post('/api/assignments').set(auth(org.adminToken)).send({ tasks: plan(3, 'Đợt bị bỏ dở') }).expect(202);
    skip.mockRestore();
    expect(res.body).toMatchObject({ status: 'STARTING', started: 0, recorded: 0 });

    const list = (await stack.http().get(`/api/tasks?assignmentId=${res.body.id}`).set(auth(org.adminToken)).expect(200)).body;
    const commune = (list.items as { id: string; leadUnit: { id: string } }[]).find((t) => t.leadUnit.id === org.unitIds['HN-X001'])!;
    // Its workflow is not there yet: a clear 409 that says to try again, not "closed".
    const early = await stack.http().post(`/api/tasks/${commune.id}/acknowledge`).set(auth(org.tokens.officerCommune)).expect(409);
    expect(early.body.details.rule).toBe('taskStarting');
    expect(early.body.message).toContain('đang được khởi tạo');

    await eventually(async () => {
      const progress = (await stack.http().get(`/api/assignments/${res.body.id}`).set(auth(org.adminToken)).expect(200)).body;
      expect(progress).toMatchObject({ status: 'STARTED', started: 3, recorded: 3 });
    }, 60_000, 500);
    await stack.http().post(`/api/tasks/${commune.id}/acknowledge`).set(auth(org.tokens.officerCommune)).expect(200);
  });
});
