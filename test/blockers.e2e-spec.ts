import { randomUUID } from 'node:crypto';
import { buildOrganisation, createPerson, signIn, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { getTask, types, waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Blocker accountability on the real stack (Temporal, PostgreSQL, SMTP): the lead unit declares
 * that it waits on another unit; that unit's head and officers are told in their language and
 * reminded on the template's decision schedule; either side resolves it, or a leader over both
 * decides (an objective cause or not) — until then the blocker waits in the decisions queue of
 * those who may decide it, and only theirs. Every step is in the timeline, the audit trail and the
 * `task_blockers` table the statistics read; bad input changes nothing.
 */
describe('Blockers', () => {
  let stack: TestStack;
  let org: Organisation;
  /** The coordinating department's head (reads English) and officer; an officer of a unit outside the task; a leader of another province. */
  const people = { headDept: { id: '', token: '' }, officerDept: { id: '', token: '' }, officerVp: { id: '', token: '' }, leaderHaiphong: { id: '', token: '' } };
  const EMAIL = { headDept: 'giam.doc@skhcn.hanoi.gov.vn', officerDept: 'chuyen.vien@skhcn.hanoi.gov.vn', officerVp: 'chuyen.vien@vp.most.gov.vn', leaderHaiphong: 'lanh.dao@haiphong.gov.vn' };
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object, headers: Record<string, string> = {}) => stack.http().post(path).set({ ...auth(token), ...headers }).send(body);

  interface BlockerRow {
    id: string;
    lead_unit_id: string;
    blocking_unit_id: string;
    coordinating: boolean;
    status: string;
    since: Date;
    declared_by: string;
    resolved_by: string | null;
    resolved_at: Date | null;
    resolution: string | null;
    confirmed_at: Date | null;
    confirmed_by: string | null;
  }
  const rows = (taskId: string) => stack.dataSource.query<BlockerRow[]>('SELECT * FROM task_blockers WHERE task_id = $1 ORDER BY declared_at, id', [taskId]);
  const auditActions = async (taskId: string): Promise<string[]> => {
    const res = await stack.http().get(`/api/audit?subjectId=${taskId}&pageSize=100`).set(auth(org.adminToken)).expect(200);
    return (res.body.items as { action: string }[]).map((e) => e.action);
  };

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
    const dept = org.unitIds['HN-SKHCN'];
    people.headDept.id = await createPerson(stack, org.adminToken, { email: EMAIL.headDept, name: 'Giám đốc Sở KH&CN', unit: 'HN-SKHCN', roles: ['HEAD'] }, org.unitIds);
    people.officerDept.id = await createPerson(stack, org.adminToken, { email: EMAIL.officerDept, name: 'Chuyên viên Sở KH&CN', unit: 'HN-SKHCN', roles: ['OFFICER'] }, org.unitIds);
    people.officerVp.id = await createPerson(stack, org.adminToken, { email: EMAIL.officerVp, name: 'Chuyên viên Văn phòng Bộ', unit: 'BKHCN-VP', roles: ['OFFICER'] }, org.unitIds);
    people.leaderHaiphong.id = await createPerson(stack, org.adminToken, { email: EMAIL.leaderHaiphong, name: 'Phó Chủ tịch UBND Hải Phòng', unit: 'HP', roles: ['LEADER'] }, org.unitIds);
    await stack.http().patch(`/api/users/${people.headDept.id}`).set(auth(org.adminToken)).send({ language: 'en' }).expect(200);
    await stack.http().patch(`/api/units/${dept}`).set(auth(org.adminToken)).send({ headUserId: people.headDept.id }).expect(200);
    for (const key of Object.keys(people) as (keyof typeof people)[]) people[key].token = await signIn(stack, EMAIL[key]);
    // Nothing fires during a test but the blockers' reminders, every 3 s.
    const template = fastTemplate('vuong-mac', { defaultDuration: '1h', reminders: [], acknowledgementReminder: null, escalation: { levels: [], decisionReminderEvery: '3s', explanationDeadline: '1h' } });
    await post(org.adminToken, '/api/templates', template).expect(201);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const newTask = async () => {
    const task = await assignTask(stack, org.adminToken, {
      templateKey: 'vuong-mac',
      leadUnitId: org.unitIds['HN-X001'],
      coordinatingUnitIds: [org.unitIds['HN-SKHCN']],
      focalOfficerId: org.userIds.officerCommune,
      dueInSeconds: 3_600,
    });
    await waitForEvent(stack, org.adminToken, task.id, 'ASSIGNED');
    return task;
  };

  it('a blocker on the coordinating unit: its head is told in English and its officer in Vietnamese, both reminded until its officer resolves it; the due time never moves', async () => {
    const task = await newTask();
    const before = await getTask(stack, org.adminToken, task.id);
    const since = before.assignedAt as string; // waiting since the assignment (the earliest it may be)
    const declared = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, { blockingUnitId: org.unitIds['HN-SKHCN'], awaited: 'Dữ liệu dân cư đã làm sạch', since }, { 'Idempotency-Key': 'blocker-a' }).expect(200);
    // Sent again with its key: the same answer, one blocker.
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, { blockingUnitId: org.unitIds['HN-SKHCN'], awaited: 'Dữ liệu dân cư đã làm sạch', since }, { 'Idempotency-Key': 'blocker-a' }).expect(200);

    const [blocker] = declared.body.blockers as Record<string, any>[];
    expect(declared.body.blockers).toHaveLength(1);
    expect(blocker).toMatchObject({
      id: expect.stringMatching(/^BL\d+$/),
      blockingUnit: { id: org.unitIds['HN-SKHCN'], code: 'HN-SKHCN' },
      coordinating: true,
      reason: null,
      awaited: 'Dữ liệu dân cư đã làm sạch',
      since: new Date(since).toISOString(),
      declaredBy: { id: org.userIds.officerCommune },
      status: 'OPEN',
      confirmed: false,
    });
    expect(declared.body.dueAt).toBe(before.dueAt);
    expect(declared.body.status).toBe('IN_PROGRESS'); // declaring acknowledged the task
    expect(declared.body.actions).toEqual(expect.arrayContaining(['declareBlocker', 'resolveBlocker']));

    const [english] = await stack.mail.waitFor((m) => m.envelopeTo.includes(EMAIL.headDept) && m.subject.includes(task.code) && m.subject.includes('Blocker:'));
    expect(english.subject).toBe(`[dondoc] Blocker: task ${task.code} is waiting on Sở Khoa học và Công nghệ Hà Nội`);
    expect(english.text).toContain('Dữ liệu dân cư đã làm sạch');
    const [vietnamese] = await stack.mail.waitFor((m) => m.envelopeTo.includes(EMAIL.officerDept) && m.subject.includes(task.code) && m.subject.includes('Vướng mắc'));
    expect(vietnamese.subject).toBe(`[dondoc] Vướng mắc: nhiệm vụ ${task.code} đang chờ Sở Khoa học và Công nghệ Hà Nội`);

    // The blocking unit's people see the task and are offered to resolve it.
    const seen = await getTask(stack, people.officerDept.token, task.id);
    expect(seen.actions).toEqual(['resolveBlocker']);

    // Reminded every 3 s (the template's decision reminders) while open, by email too.
    await waitForEvent(stack, org.adminToken, task.id, 'BLOCKER_REMINDER', 2, 20_000);
    await stack.mail.waitFor((m) => m.envelopeTo.includes(EMAIL.headDept) && m.subject.startsWith(`[dondoc] Reminder: task ${task.code} is still waiting`));

    const resolved = await post(people.officerDept.token, `/api/tasks/${task.id}/blockers/${blocker.id}/resolve`, { resolution: 'Đã gửi dữ liệu ngày hôm nay' }).expect(200);
    expect(resolved.body.blockers[0]).toMatchObject({ status: 'RESOLVED', resolvedBy: { id: people.officerDept.id }, resolution: 'Đã gửi dữ liệu ngày hôm nay', resolvedAt: expect.any(String) });
    expect(resolved.body.dueAt).toBe(before.dueAt);
    await stack.mail.waitFor((m) => m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn') && m.subject === `[dondoc] Đã hết vướng mắc với Sở Khoa học và Công nghệ Hà Nội: nhiệm vụ ${task.code}`);

    // Resolved once: again is a conflict, and the reminders stop.
    const again = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers/${blocker.id}/resolve`, { resolution: 'Lần nữa' }).expect(409);
    expect(again.body.details.rule).toBe('blockerResolved');
    const reminders = types(await getTask(stack, org.adminToken, task.id)).filter((t) => t === 'BLOCKER_REMINDER').length;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(types(await getTask(stack, org.adminToken, task.id)).filter((t) => t === 'BLOCKER_REMINDER')).toHaveLength(reminders);

    const timeline = (await getTask(stack, org.adminToken, task.id)).timeline as { type: string; actor: { id: string } | null; data: Record<string, unknown> }[];
    const entries = timeline.filter((e) => e.type.startsWith('BLOCKER_'));
    expect(entries[0]).toMatchObject({ type: 'BLOCKER_DECLARED', actor: { id: org.userIds.officerCommune }, data: { blockerId: blocker.id, blockingUnitId: org.unitIds['HN-SKHCN'], awaited: 'Dữ liệu dân cư đã làm sạch' } });
    expect(entries.at(-1)).toMatchObject({ type: 'BLOCKER_RESOLVED', actor: { id: people.officerDept.id }, data: { blockerId: blocker.id, resolution: 'Đã gửi dữ liệu ngày hôm nay', automatic: false } });
    expect(await auditActions(task.id)).toEqual(expect.arrayContaining(['TASK_BLOCKER_DECLARED', 'TASK_BLOCKER_REMINDER', 'TASK_BLOCKER_RESOLVED']));

    expect(await rows(task.id)).toEqual([
      expect.objectContaining({
        id: blocker.id,
        lead_unit_id: org.unitIds['HN-X001'],
        blocking_unit_id: org.unitIds['HN-SKHCN'],
        coordinating: true,
        status: 'RESOLVED',
        since: new Date(since),
        declared_by: org.userIds.officerCommune,
        resolved_by: people.officerDept.id,
        resolution: 'Đã gửi dữ liệu ngày hôm nay',
        confirmed_at: null,
      }),
    ]);
  });

  it('a blocker on a unit outside the task needs a reason; that unit then sees the task; a leader over both confirms it as an objective cause and ends it', async () => {
    const task = await newTask();
    const vp = org.unitIds['BKHCN-VP'];
    await stack.http().get(`/api/tasks/${task.id}`).set(auth(people.officerVp.token)).expect(404);

    const noReason = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, { blockingUnitId: vp, awaited: 'Hướng dẫn kỹ thuật' }).expect(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason', rule: 'reasonOutsideTask' })]);
    expect(await rows(task.id)).toEqual([]);

    const declared = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, { blockingUnitId: vp, awaited: 'Hướng dẫn kỹ thuật', reason: 'Văn phòng Bộ chưa ban hành hướng dẫn kết nối' }).expect(200);
    const blocker = declared.body.blockers[0] as Record<string, any>;
    expect(blocker).toMatchObject({ coordinating: false, reason: 'Văn phòng Bộ chưa ban hành hướng dẫn kết nối', status: 'OPEN' });
    await stack.mail.waitFor((m) => m.envelopeTo.includes(EMAIL.officerVp) && m.subject === `[dondoc] Vướng mắc: nhiệm vụ ${task.code} đang chờ Văn phòng Bộ`);

    // The named unit's officer now sees the task and may resolve; someone of another unit may not.
    expect((await getTask(stack, people.officerVp.token, task.id)).actions).toEqual(['resolveBlocker']);
    await post(people.officerDept.token, `/api/tasks/${task.id}/blockers/${blocker.id}/resolve`, { resolution: 'x' }).expect(403);
    await post(people.officerDept.token, `/api/tasks/${task.id}/blockers`, { blockingUnitId: vp, awaited: 'x', reason: 'x' }).expect(403);
    // The province's leader is not over the ministry's office; the central leader is.
    await post(org.tokens.leaderHanoi, `/api/tasks/${task.id}/blockers/${blocker.id}/decide`, { confirm: true, comment: 'x' }).expect(403);
    expect((await getTask(stack, org.tokens.leaderCentral, task.id)).actions).toEqual(expect.arrayContaining(['resolveBlocker', 'decideBlocker']));

    const decided = await post(org.tokens.leaderCentral, `/api/tasks/${task.id}/blockers/${blocker.id}/decide`, { confirm: true, end: true, comment: 'Nguyên nhân khách quan: chờ hướng dẫn của Bộ' }).expect(200);
    expect(decided.body.blockers[0]).toMatchObject({
      status: 'RESOLVED',
      confirmed: true,
      decidedBy: { id: org.userIds.leaderCentral },
      decisionComment: 'Nguyên nhân khách quan: chờ hướng dẫn của Bộ',
      resolvedBy: { id: org.userIds.leaderCentral },
    });
    const twice = await post(org.tokens.leaderCentral, `/api/tasks/${task.id}/blockers/${blocker.id}/decide`, { confirm: false, comment: 'Đổi ý' }).expect(409);
    expect(twice.body.details.rule).toBe('alreadyDecided');
    await stack.mail.waitFor((m) => m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn') && m.subject.startsWith('[dondoc] Ý kiến của lãnh đạo về vướng mắc với Văn phòng Bộ'));

    const [row] = await rows(task.id);
    expect(row).toMatchObject({ blocking_unit_id: vp, coordinating: false, status: 'RESOLVED', confirmed_by: org.userIds.leaderCentral, resolved_by: org.userIds.leaderCentral });
    expect(row.confirmed_at).toBeInstanceOf(Date);
    expect(types(await getTask(stack, org.adminToken, task.id)).filter((t) => t.startsWith('BLOCKER_'))).toEqual(['BLOCKER_DECLARED', 'BLOCKER_DECIDED']);
    expect(await auditActions(task.id)).toEqual(expect.arrayContaining(['TASK_BLOCKER_DECLARED', 'TASK_BLOCKER_DECIDED']));
    // A resolved blocker still names the unit: it keeps seeing the task it is charged for.
    await getTask(stack, people.officerVp.token, task.id);
  });

  it('a blocker no one has decided on waits, open or resolved, in the decisions queue of the leaders over both units only, and leaves it once decided', async () => {
    const task = await newTask();
    // A team under the lead unit: the commune's head is the head of their lowest common unit (the province's head is not).
    const team = await post(org.adminToken, '/api/units', { code: `TO-${randomUUID().slice(0, 6)}`, nameVi: 'Tổ chuyển đổi số xã Minh Châu', level: 'other', parentId: org.unitIds['HN-X001'] }).expect(201);
    const tokens = {
      admin: org.adminToken,
      leaderCentral: org.tokens.leaderCentral,
      leaderHanoi: org.tokens.leaderHanoi,
      headHanoi: org.tokens.headHanoi,
      headCommune: org.tokens.headCommune,
      officerCommune: org.tokens.officerCommune,
      headDept: people.headDept.token,
      officerDept: people.officerDept.token,
      leaderHaiphong: people.leaderHaiphong.token,
    };
    type Who = keyof typeof tokens;
    const blockerCount = async (who: Who): Promise<number> => (await stack.http().get('/api/decisions/count').set(auth(tokens[who])).expect(200)).body.byKind.blocker as number;
    /** This task's items in the person's queue of blockers. */
    const queued = async (who: Who): Promise<Record<string, any>[]> =>
      ((await stack.http().get('/api/decisions?kind=blocker&pageSize=200').set(auth(tokens[who])).expect(200)).body.items as Record<string, any>[]).filter((item) => item.task.id === task.id);
    const everyone = Object.keys(tokens) as Who[];
    // Blockers of the suite's earlier tasks (resolved, not decided) wait too: counted before, compared after.
    const before = Object.fromEntries(await Promise.all(everyone.map(async (who) => [who, await blockerCount(who)] as const))) as Record<Who, number>;

    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, { blockingUnitId: org.unitIds['HN-SKHCN'], awaited: 'Số liệu hạ tầng mạng' }).expect(200);
    const declared = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, { blockingUnitId: team.body.id, awaited: 'Danh sách thiết bị', reason: 'Tổ chưa kiểm kê thiết bị' }).expect(200);
    const blockers = declared.body.blockers as Record<string, any>[];
    const dept = blockers.find((b) => b.blockingUnit.id === org.unitIds['HN-SKHCN'])!;
    const teamBlocker = blockers.find((b) => b.blockingUnit.id === team.body.id)!;

    // Who may decide which: a LEADER over both, the head of the lowest common unit, an administrator; nobody else.
    const expected: Record<Who, string[]> = {
      admin: [dept.id, teamBlocker.id],
      leaderCentral: [dept.id, teamBlocker.id],
      leaderHanoi: [dept.id, teamBlocker.id],
      headHanoi: [dept.id],
      headCommune: [teamBlocker.id],
      officerCommune: [],
      headDept: [],
      officerDept: [],
      leaderHaiphong: [],
    };
    for (const who of everyone) {
      expect([who, (await queued(who)).map((item) => `${item.kind} ${item.requestId}`)]).toEqual([who, expected[who].map((id) => `blocker ${id}`)]);
      expect([who, await blockerCount(who)]).toEqual([who, before[who] + expected[who].length]);
      // The same rule as the decide route's: the task's page offers the decision to exactly these people.
      if (who === 'leaderHaiphong') await stack.http().get(`/api/tasks/${task.id}`).set(auth(tokens[who])).expect(404);
      else expect([who, ((await getTask(stack, tokens[who], task.id)).actions as string[]).includes('decideBlocker')]).toEqual([who, expected[who].length > 0]);
    }

    const [item] = await queued('leaderHanoi');
    const declarer = { id: org.userIds.officerCommune, name: 'Cán bộ đầu mối Minh Châu', email: 'can.bo@minhchau.hanoi.gov.vn' };
    expect(item).toEqual({
      kind: 'blocker',
      requestId: dept.id,
      requestedAt: dept.declaredAt,
      requestedBy: declarer,
      task: expect.objectContaining({ id: task.id, code: task.code, status: 'IN_PROGRESS', leadUnit: expect.objectContaining({ id: org.unitIds['HN-X001'] }) }),
      details: {
        blockingUnit: { id: org.unitIds['HN-SKHCN'], code: 'HN-SKHCN', nameVi: 'Sở Khoa học và Công nghệ Hà Nội', nameEn: null, level: 'department' },
        coordinating: true,
        awaited: 'Số liệu hạ tầng mạng',
        since: dept.since,
        reason: null,
        status: 'OPEN',
        declaredBy: declarer,
        resolvedAt: null,
        resolution: null,
      },
    });
    expect((await queued('headCommune'))[0].details).toMatchObject({ blockingUnit: { id: team.body.id }, coordinating: false, reason: 'Tổ chưa kiểm kê thiết bị', status: 'OPEN' });

    // Resolved by the department, not decided: it still waits (a resolved blocker may still be confirmed).
    await post(people.officerDept.token, `/api/tasks/${task.id}/blockers/${dept.id}/resolve`, { resolution: 'Sở đã gửi số liệu' }).expect(200);
    const [resolved] = await queued('headHanoi');
    expect(resolved.details).toMatchObject({ status: 'RESOLVED', resolution: 'Sở đã gửi số liệu', resolvedAt: expect.any(String) });

    // Decided: it leaves every queue.
    await post(org.tokens.headHanoi, `/api/tasks/${task.id}/blockers/${dept.id}/decide`, { confirm: true, comment: 'Nguyên nhân khách quan' }).expect(200);
    await post(org.tokens.headCommune, `/api/tasks/${task.id}/blockers/${teamBlocker.id}/decide`, { confirm: false, end: true, comment: 'Tổ đã có danh sách' }).expect(200);
    await eventually(async () => {
      for (const who of everyone) {
        expect([who, await queued(who)]).toEqual([who, []]);
        expect([who, await blockerCount(who)]).toEqual([who, before[who]]);
      }
    });
  });

  it('bad input gets a 400 naming the field, and changes nothing', async () => {
    const task = await newTask();
    const inactive = await post(org.adminToken, '/api/units', { code: `TAM-${randomUUID().slice(0, 6)}`, nameVi: 'Đơn vị đã giải thể', level: 'other', parentId: org.unitIds.HN }).expect(201);
    await stack.http().patch(`/api/units/${inactive.body.id}`).set(auth(org.adminToken)).send({ active: false }).expect(200);
    const before = await getTask(stack, org.adminToken, task.id);
    const dept = org.unitIds['HN-SKHCN'];
    const cases: [string, object, string, string][] = [
      ['a unit that does not exist', { blockingUnitId: randomUUID(), awaited: 'x', reason: 'x' }, 'blockingUnitId', 'activeUnit'],
      ['an inactive unit', { blockingUnitId: inactive.body.id, awaited: 'x', reason: 'x' }, 'blockingUnitId', 'activeUnit'],
      ['the lead unit itself', { blockingUnitId: org.unitIds['HN-X001'], awaited: 'x', reason: 'x' }, 'blockingUnitId', 'notLeadUnit'],
      ['a unit id that is not one', { blockingUnitId: 'HN-SKHCN', awaited: 'x' }, 'blockingUnitId', 'isUuid'],
      ['since in the future', { blockingUnitId: dept, awaited: 'x', since: new Date(Date.now() + 3_600_000).toISOString() }, 'since', 'notInFuture'],
      ['since before the assignment', { blockingUnitId: dept, awaited: 'x', since: '2020-01-01T00:00:00Z' }, 'since', 'notBeforeAssignment'],
      ['nothing awaited', { blockingUnitId: dept, awaited: '   ' }, 'awaited', 'minLength'],
      ['too much awaited', { blockingUnitId: dept, awaited: 'x'.repeat(1_001) }, 'awaited', 'maxLength'],
      ['a control character', { blockingUnitId: dept, awaited: 'Số liệu\u0007' }, 'awaited', 'noControlCharacters'],
    ];
    for (const [name, body, field, rule] of cases) {
      const res = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, body);
      expect([name, res.status]).toEqual([name, 400]);
      expect([name, res.body.errors]).toEqual([name, expect.arrayContaining([expect.objectContaining({ field, rule })])]);
    }
    const badId = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers/X1/resolve`, { resolution: 'x' }).expect(400);
    expect(badId.body.errors).toEqual([expect.objectContaining({ field: 'blockerId' })]);
    await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers/BL999/resolve`, {}).expect(400);

    const after = await getTask(stack, org.adminToken, task.id);
    expect(after.blockers).toEqual([]);
    expect(types(after)).toEqual(types(before));
    expect(await rows(task.id)).toEqual([]);
    // An unknown blocker is the workflow's to refuse.
    const unknown = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers/BL999/resolve`, { resolution: 'x' }).expect(409);
    expect(unknown.body.details.rule).toBe('unknownRequest');
  });

  it('a task that closes ends its open blockers by itself (TASK_CLOSED), telling the blocking unit; nothing more can be done with them', async () => {
    const task = await newTask();
    const declared = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/blockers`, { blockingUnitId: org.unitIds['HN-SKHCN'], awaited: 'Số liệu' }).expect(200);
    const blockerId = declared.body.blockers[0].id as string;
    await post(org.adminToken, `/api/tasks/${task.id}/cancel`, { reason: 'Không còn phù hợp' }).expect(200);

    const cancelled = await waitForEvent(stack, org.adminToken, task.id, 'BLOCKER_RESOLVED');
    expect(cancelled.blockers[0]).toMatchObject({ status: 'RESOLVED', resolvedBy: null, resolution: 'TASK_CLOSED' });
    await eventually(async () => expect((await rows(task.id))[0]).toMatchObject({ status: 'RESOLVED', resolution: 'TASK_CLOSED', resolved_by: null }));
    await stack.mail.waitFor((m) => m.envelopeTo.includes(EMAIL.headDept) && m.subject === `[dondoc] Blocker on Sở Khoa học và Công nghệ Hà Nội resolved: task ${task.code}`);
    const late = await post(people.officerDept.token, `/api/tasks/${task.id}/blockers/${blockerId}/resolve`, { resolution: 'x' }).expect(409);
    expect(late.body.details.rule).toBe('taskClosed');
  });
});
