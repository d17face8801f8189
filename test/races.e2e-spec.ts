import { randomUUID } from 'node:crypto';
import { createPerson, createUnits, signIn } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { startEvidenceWorld, verifiableEvidence, type EvidenceWorld } from './helpers/evidence-world';
import { types, waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

type Answer = { status: number; body: Record<string, any> };

/**
 * The same thing asked many times at once — a double-click, a script, two administrators — gets
 * one success and 409s with the reason: never a deadlock, never a 5xx, and requests about other
 * things go on being answered meanwhile.
 */
describe('Races', () => {
  let stack: TestStack;
  let world: EvidenceWorld;
  let admin: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const statuses = (answers: Answer[]) => answers.map((a) => a.status).sort((a, b) => a - b);
  const newUnit = async (prefix: string, code = `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`): Promise<string> =>
    (await createUnits(stack, admin, [{ code, nameVi: `Xã ${code}`, level: 'commune' }]))[code];
  const createUser = (unitId: string, roles: string[], email = `${randomUUID().slice(0, 8)}@race.gov.vn`): Promise<Answer> =>
    stack.http().post('/api/users').set(auth(admin)).send({ email, name: 'Người dùng đua', unitId, roles, sendInvitation: false }).then((r) => ({ status: r.status, body: r.body }));

  beforeAll(async () => {
    stack = await startTestStack();
    world = await startEvidenceWorld();
    admin = await stack.login();
    const base = fastTemplate('duyet', { defaultDuration: '1h', reminders: [], acknowledgementReminder: null });
    await stack.http().post('/api/templates').set(auth(admin)).send({ ...base, evidence: { ...(base.evidence as object), probe: { probes: 1, window: '0', maxLatencyMs: 2_000 }, afterCare: null } }).expect(201);
  });

  afterAll(async () => {
    await stack.close();
    await world.close();
  });

  it('20 simultaneous creations of the head of one unit: one 201 and nineteen 409 naming the rule; other requests are answered meanwhile', async () => {
    const unitId = await newUnit('DUA');
    const [creations, others] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => createUser(unitId, ['HEAD']))),
      Promise.all(Array.from({ length: 5 }, () => stack.http().get('/api/units').set(auth(admin)).then((r) => r.status))),
    ]);
    expect(statuses(creations)).toEqual([201, ...Array(19).fill(409)]);
    for (const refused of creations.filter((a) => a.status === 409)) {
      expect(refused.body).toMatchObject({ code: 'CONFLICT', details: { rule: 'oneHeadPerUnit', unitId } });
    }
    expect(others).toEqual(Array(5).fill(200));
    const head = creations.find((a) => a.status === 201)!.body;
    const unit = await stack.http().get(`/api/units/${unitId}`).set(auth(admin)).expect(200);
    expect(unit.body).toMatchObject({ head: { id: head.id }, userCount: 1 });
  });

  it('a head and an officer of one unit created at the same moment are both created (ten units at once)', async () => {
    const units = await Promise.all(Array.from({ length: 10 }, () => newUnit('DOI')));
    const answers = await Promise.all(units.flatMap((unitId) => [createUser(unitId, ['HEAD']), createUser(unitId, ['OFFICER'])]));
    expect(statuses(answers)).toEqual(Array(20).fill(201));
    for (const unitId of units) {
      const unit = await stack.http().get(`/api/units/${unitId}`).set(auth(admin)).expect(200);
      expect(unit.body).toMatchObject({ head: { id: expect.any(String) }, userCount: 2 });
    }
  });

  it('the head named at once through the unit, through the user and by a new user: never a deadlock or a 5xx, and the unit ends with one head of its own', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const unitId = await newUnit('BA');
        const [a, b] = await Promise.all([createUser(unitId, ['OFFICER']), createUser(unitId, ['OFFICER'])]);
        const answers = await Promise.all([
          stack.http().patch(`/api/units/${unitId}`).set(auth(admin)).send({ headUserId: a.body.id }).then((r) => ({ status: r.status, body: r.body })),
          stack.http().patch(`/api/users/${b.body.id}`).set(auth(admin)).send({ roles: ['HEAD', 'OFFICER'] }).then((r) => ({ status: r.status, body: r.body })),
          createUser(unitId, ['HEAD']),
          stack.http().patch(`/api/users/${a.body.id}`).set(auth(admin)).send({ roles: ['HEAD', 'OFFICER'] }).then((r) => ({ status: r.status, body: r.body })),
        ]);
        return { unitId, answers };
      }),
    );
    for (const { unitId, answers } of rounds) {
      for (const answer of answers) expect([200, 201, 409]).toContain(answer.status);
      const unit = await stack.http().get(`/api/units/${unitId}`).set(auth(admin)).expect(200);
      const heads = await stack.http().get(`/api/users?unitId=${unitId}&role=HEAD`).set(auth(admin)).expect(200);
      expect(heads.body.total).toBe(1);
      expect(unit.body.head.id).toBe(heads.body.items[0].id);
    }
  });

  it('a users import naming the head of a unit while the API creates its head and officers: never a deadlock or a 5xx, one head', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const code = `NHAP-${i}-${randomUUID().slice(0, 6).toUpperCase()}`;
        const unitId = await newUnit('NHAP', code);
        const file = ['email,name,roles,unit_code', `truong.${code.toLowerCase()}@race.gov.vn,Trưởng,HEAD,${code}`, `can.bo.${code.toLowerCase()}@race.gov.vn,Cán bộ,OFFICER,${code}`].join('\n');
        const answers = await Promise.all([
          stack.http().post('/api/users/import').set(auth(admin)).attach('file', Buffer.from(file), 'users.csv').then((r) => ({ status: r.status, body: r.body })),
          createUser(unitId, ['HEAD']),
          createUser(unitId, ['OFFICER']),
          createUser(unitId, ['HEAD']),
        ]);
        return { unitId, answers };
      }),
    );
    for (const { unitId, answers } of rounds) {
      const [imported, ...created] = answers;
      // The import finds a head already there (400 naming the row) or comes first (then the API's heads are 409).
      expect([200, 400]).toContain(imported.status);
      for (const answer of created) expect([201, 409]).toContain(answer.status);
      const heads = await stack.http().get(`/api/users?unitId=${unitId}&role=HEAD`).set(auth(admin)).expect(200);
      expect(heads.body.total).toBe(1);
    }
  });

  it('20 simultaneous approvals of a verified task: one 200, nineteen 409 with the reason in the request’s language; approved once (three tasks)', async () => {
    const unitId = await newUnit('DUYET');
    const email = `can.bo.${randomUUID().slice(0, 8)}@race.gov.vn`;
    const officerId = await createPerson(stack, admin, { email, name: 'Cán bộ đầu mối', unit: 'X', roles: ['OFFICER'] }, { X: unitId });
    const officer = await signIn(stack, email);
    const tasks = await Promise.all(Array.from({ length: 3 }, () => assignTask(stack, admin, { templateKey: 'duyet', leadUnitId: unitId, focalOfficerId: officerId })));
    for (const task of tasks) await stack.http().post(`/api/tasks/${task.id}/evidence`).set(auth(officer)).send(verifiableEvidence(world)).expect(200);
    for (const task of tasks) await waitForEvent(stack, admin, task.id, 'EVIDENCE_VERIFIED');

    for (const task of tasks) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          stack
            .http()
            .post(`/api/tasks/${task.id}/evidence/review${i % 2 ? '?lang=en' : ''}`)
            .set(auth(admin))
            .send({ approve: true })
            .then((r) => ({ status: r.status, body: r.body as Record<string, any>, en: i % 2 === 1 })),
        ),
      );
      expect(statuses(answers)).toEqual([200, ...Array(19).fill(409)]);
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.body).toMatchObject({
          code: 'CONFLICT',
          details: { rule: 'taskClosed' },
          message: refused.en ? 'Conflict: the task is done; no action is possible.' : 'Xung đột dữ liệu: nhiệm vụ đã hoàn thành; không thể thực hiện thao tác này.',
        });
      }
      const done = await waitForEvent(stack, admin, task.id, 'EVIDENCE_ACCEPTED');
      expect(done.status).toBe('DONE');
      expect(types(done).filter((t) => t === 'EVIDENCE_ACCEPTED')).toHaveLength(1);
    }
  });
});
