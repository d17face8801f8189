import { weekInVietnam } from '../libs/tasks/src/task-week';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate, type TaskRef } from './factories/task.factory';
import { startEvidenceWorld, verifiableEvidence, type EvidenceWorld } from './helpers/evidence-world';
import { waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const DAY = 86_400;

type Name = 'red' | 'amber' | 'green10' | 'green20' | 'weekend' | 'nextWeek' | 'review' | 'done' | 'cancelled' | 'haiphong';

/**
 * The "My tasks" page's API: `GET /api/tasks?sort=risk`, `open`, `dueThisWeek`, and
 * `GET /api/tasks/counts`, scoped like the list. Tasks of the Minh Châu commune (HN-X001) in
 * every state the tabs count, and one of the Cát Hải commune (HP-X001) outside its scope.
 */
describe('Task list: risk order, tabs and their counts', () => {
  let stack: TestStack;
  let org: Organisation;
  let world: EvidenceWorld;
  const tasks = {} as Record<Name, TaskRef>;
  const dueAt = {} as Record<Name, number>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);
  const get = (token: string, path: string) => stack.http().get(path).set(auth(token));
  const names = (items: { id: string }[]) => items.map((item) => (Object.keys(tasks) as Name[]).find((name) => tasks[name].id === item.id) ?? item.id);
  /** Open tasks of these names due in the current week, as the API counts them now. */
  const dueThisWeek = (among: Name[]) => {
    const week = weekInVietnam(new Date());
    return among.filter((name) => !['done', 'cancelled'].includes(name) && dueAt[name] >= week.from.getTime() && dueAt[name] < week.to.getTime()).length;
  };
  const HN: Name[] = ['red', 'amber', 'green10', 'green20', 'weekend', 'nextWeek', 'review', 'done', 'cancelled'];

  beforeAll(async () => {
    stack = await startTestStack();
    world = await startEvidenceWorld();
    org = await buildOrganisation(stack);
    await post(org.adminToken, '/api/templates', fastTemplate('danh-sach', { defaultDuration: '30d', reminders: [], acknowledgementReminder: null, escalation: { levels: [], decisionReminderEvery: '1d', explanationDeadline: '1d' } })).expect(201);
    const assign = async (name: Name, seconds: number, unit = 'HN-X001') => {
      dueAt[name] = Date.now() + seconds * 1000;
      tasks[name] = await assignTask(stack, org.adminToken, { templateKey: 'danh-sach', title: `Nhiệm vụ ${name}`, leadUnitId: org.unitIds[unit], dueAt: new Date(dueAt[name]).toISOString() });
    };
    const week = weekInVietnam(new Date());
    // Created in an order unlike the risk order, so the order is the server's.
    await assign('green20', 20 * DAY);
    await assign('done', 40 * DAY);
    await assign('green10', 10 * DAY);
    // Due on Sunday 23:59 (Hanoi) of this week, and on Monday 01:00 of the next (always ahead of now).
    await assign('weekend', Math.max(week.to.getTime() - 60_000 - Date.now(), 120_000) / 1000);
    await assign('nextWeek', (week.to.getTime() + 3_600_000 - Date.now()) / 1000);
    await assign('cancelled', 3 * DAY);
    await assign('review', 15 * DAY);
    await assign('amber', 5 * DAY);
    await assign('haiphong', 6 * DAY, 'HP-X001');
    await assign('red', 2);

    // Amber: assigned 30 days before a due time 5 days ahead, under a quarter of its time left (the assignment time is the row's own).
    await stack.dataSource.query(`UPDATE tasks SET assigned_at = now() - interval '30 days' WHERE id = $1`, [tasks.amber.id]);
    await post(org.tokens.officerCommune, `/api/tasks/${tasks.green10.id}/acknowledge`).expect(200);
    await post(org.tokens.officerCommune, `/api/tasks/${tasks.review.id}/evidence`, verifiableEvidence(world)).expect(200);
    await post(org.tokens.officerCommune, `/api/tasks/${tasks.done.id}/evidence`, verifiableEvidence(world)).expect(200);
    await post(org.adminToken, `/api/tasks/${tasks.cancelled.id}/cancel`, { reason: 'Không còn phù hợp' }).expect(200);
    await waitForEvent(stack, org.adminToken, tasks.done.id, 'EVIDENCE_VERIFIED', 1, 30_000);
    await post(org.adminToken, `/api/tasks/${tasks.done.id}/evidence/review`, { approve: true, comment: 'Đạt' }).expect(200);
    await waitForEvent(stack, org.adminToken, tasks.red.id, 'OVERDUE', 1, 15_000);
  });

  afterAll(async () => {
    await stack.close();
    await world.close();
  });

  /** The order `sort=risk` promises: each task's risk colour (RED, AMBER, GREY, BLUE, ORANGE, GREEN, cancelled last), then soonest due. */
  const RANK = ['RED', 'AMBER', 'GREY', 'BLUE', 'ORANGE', 'GREEN'];
  const riskOrder = (items: { risk: string | null; dueAt: string; code: string }[]) =>
    [...items].sort((a, b) => (a.risk ? RANK.indexOf(a.risk) : 6) - (b.risk ? RANK.indexOf(b.risk) : 6) || Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.code.localeCompare(b.code));

  it('sort=risk: by each task’s risk colour, RED, AMBER, GREY, BLUE, ORANGE, GREEN, then cancelled, each soonest due first', async () => {
    const res = await get(org.tokens.headCommune, '/api/tasks?sort=risk').expect(200);
    expect(res.body.items).toEqual(riskOrder(res.body.items));
    const risk = Object.fromEntries((res.body.items as { risk: string | null }[]).map((t, i) => [names(res.body.items)[i], t.risk]));
    // Overdue; done by its due time; cancelled; not acknowledged and weeks away; acknowledged (by its evidence) and weeks away.
    expect(risk).toMatchObject({ red: 'RED', done: 'GREEN', cancelled: null, green20: 'GREY', review: 'BLUE' });
    expect(names(res.body.items)[0]).toBe('red');
    expect(names(res.body.items).slice(-1)).toEqual(['cancelled']);
    expect(res.body.total).toBe(9);
  });

  it('sort=risk pages on the server and combines with the filters; the other sorts stay', async () => {
    const all = names((await get(org.tokens.headCommune, '/api/tasks?sort=risk').expect(200)).body.items);
    const second = await get(org.tokens.headCommune, '/api/tasks?sort=risk&page=2&pageSize=3').expect(200);
    expect(names(second.body.items)).toEqual(all.slice(3, 6));
    expect(second.body).toMatchObject({ total: 9, page: 2, pageSize: 3 });
    const open = await get(org.adminToken, '/api/tasks?sort=risk&open=true').expect(200);
    expect(open.body.items).toEqual(riskOrder(open.body.items));
    expect(names(open.body.items)).toHaveLength(8);
    const soonest = await get(org.tokens.headCommune, '/api/tasks').expect(200);
    expect(names(soonest.body.items)).toEqual(['red', 'weekend', 'cancelled', 'amber', 'nextWeek', 'green10', 'review', 'green20', 'done'].sort((a, b) => dueAt[a as Name] - dueAt[b as Name]));
    const latest = await get(org.tokens.headCommune, '/api/tasks?sort=-dueAt&pageSize=1').expect(200);
    expect(names(latest.body.items)).toEqual(['done']);
  });

  it('counts each tab within the caller’s scope, and each count is the total of the tab’s list query', async () => {
    const all: Name[] = [...HN, 'haiphong'];
    const counts = await get(org.adminToken, '/api/tasks/counts').expect(200);
    expect(counts.body).toEqual({ all: 10, open: 8, overdue: 1, dueThisWeek: dueThisWeek(all), awaitingAcknowledgement: 6, inReview: 1, done: 1, cancelled: 1 });
    const TABS: Record<string, string> = {
      all: '',
      open: 'open=true',
      overdue: 'open=true&overdue=true',
      dueThisWeek: 'open=true&dueThisWeek=true',
      awaitingAcknowledgement: 'status=ASSIGNED',
      inReview: 'status=EVIDENCE_SUBMITTED',
      done: 'status=DONE',
      cancelled: 'status=CANCELLED',
    };
    for (const [tab, query] of Object.entries(TABS)) {
      const list = await get(org.adminToken, `/api/tasks?${query}`).expect(200);
      expect([tab, list.body.total]).toEqual([tab, counts.body[tab]]);
    }
    expect((await get(org.tokens.headCommune, '/api/tasks/counts').expect(200)).body).toEqual({
      all: 9,
      open: 7,
      overdue: 1,
      dueThisWeek: dueThisWeek(HN),
      awaitingAcknowledgement: 5,
      inReview: 1,
      done: 1,
      cancelled: 1,
    });
    const haiphong = (await get(org.tokens.officerHaiphong, '/api/tasks/counts').expect(200)).body;
    expect(haiphong).toEqual({ all: 1, open: 1, overdue: 0, dueThisWeek: dueThisWeek(['haiphong']), awaitingAcknowledgement: 1, inReview: 0, done: 0, cancelled: 0 });
  });

  it('counts take the list’s other filters (unit, text, program, due range) and refuse the tab filters by name', async () => {
    const byCode = await get(org.adminToken, `/api/tasks/counts?q=${tasks.red.code}`).expect(200);
    expect(byCode.body).toEqual({ all: 1, open: 1, overdue: 1, dueThisWeek: dueThisWeek(['red']), awaitingAcknowledgement: 1, inReview: 0, done: 0, cancelled: 0 });
    const hp = await get(org.adminToken, `/api/tasks/counts?unitId=${org.unitIds['HP-X001']}`).expect(200);
    expect(hp.body.all).toBe(1);
    const range = await get(org.adminToken, `/api/tasks/counts?dueFrom=${new Date(dueAt.green10 - 1000).toISOString()}&dueTo=${new Date(dueAt.green20 + 1000).toISOString()}`).expect(200);
    expect(range.body).toMatchObject({ all: 3, open: 3, inReview: 1 }); // green10, review, green20
    expect((await get(org.adminToken, '/api/tasks/counts?program=none').expect(200)).body.all).toBe(0);
    const refused = await get(org.adminToken, '/api/tasks/counts?status=DONE&overdue=true&open=true&dueThisWeek=true&sort=risk&page=1').expect(400);
    expect((refused.body.errors as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`).sort()).toEqual(
      ['dueThisWeek', 'open', 'overdue', 'page', 'sort', 'status'].map((f) => `${f}:whitelistValidation`),
    );
    const badUnit = await get(org.adminToken, '/api/tasks/counts?unitId=x').expect(400);
    expect(badUnit.body.errors).toEqual([{ field: 'unitId', rule: 'isUuid', message: 'unitId phải là UUID hợp lệ' }]);
  });

  it('dueThisWeek: a due time from Monday 00:00 to Sunday 24:00 (Asia/Ho_Chi_Minh) of the current week', async () => {
    const week = weekInVietnam(new Date());
    const inWeek = HN.filter((name) => dueAt[name] >= week.from.getTime() && dueAt[name] < week.to.getTime());
    const res = await get(org.tokens.headCommune, '/api/tasks?dueThisWeek=true&pageSize=200').expect(200);
    expect(names(res.body.items).sort()).toEqual([...inWeek].sort());
    expect(inWeek).toEqual(expect.arrayContaining(['red', 'weekend']));
    expect(inWeek).not.toContain('nextWeek');
    const notThisWeek = await get(org.tokens.headCommune, '/api/tasks?dueThisWeek=false&pageSize=200').expect(200);
    expect(notThisWeek.body.total).toBe(9 - inWeek.length);
  });

  it('refuses a sort or a flag it does not know with a 400 naming it', async () => {
    const sort = await get(org.adminToken, '/api/tasks?sort=danger').expect(400);
    expect(sort.body.errors).toEqual([{ field: 'sort', rule: 'isIn', message: 'sort phải là một trong: dueAt, -dueAt, createdAt, -createdAt, code, risk' }]);
    const flags = await get(org.adminToken, '/api/tasks?dueThisWeek=maybe&open=1&lang=en').expect(400);
    expect(flags.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'dueThisWeek', rule: 'isBoolean', message: 'dueThisWeek must be true or false' },
        { field: 'open', rule: 'isBoolean', message: 'open must be true or false' },
      ]),
    );
    await stack.http().get('/api/tasks/counts').expect(401);
  });
});
