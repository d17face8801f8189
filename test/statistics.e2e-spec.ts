import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { StatisticsService } from '../libs/tasks/src/statistics/statistics.service';
import { TaskStateAtSql } from '../libs/tasks/src/statistics/task-state-at.sql';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate, type TaskRef } from './factories/task.factory';
import { startEvidenceWorld, verifiableEvidence, type EvidenceWorld } from './helpers/evidence-world';
import { eventually } from './helpers/eventually';
import { getTask, waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const DAY = 86_400;

/**
 * Tasks in every state, led by the two units under Hà Nội (the commune HN-X001 and the department
 * HN-SKHCN) and one in Hải Phòng, brought there by their real lifecycles (seconds-scale due
 * times, evidence verified by the evidence world, extensions approved):
 *
 * | task            | unit     | original state  | current state   | other                          |
 * | onTime          | X001     | DONE_ON_TIME    | DONE_ON_TIME    | GREEN                          |
 * | lateBoth        | X001     | DONE_LATE       | DONE_LATE       | ORANGE                         |
 * | lateExtended    | X001     | DONE_LATE       | DONE_ON_TIME    | extended after its due time    |
 * | overdue         | X001     | OVERDUE         | OVERDUE         | RED (not acknowledged)         |
 * | overdueExtended | X001     | OVERDUE         | IN_PROGRESS…    | extended by 30 days            |
 * | key             | X001     | IN_PROGRESS…    | IN_PROGRESS…    | key, BLUE, blocked by SKHCN    |
 * | soon            | X001     | IN_PROGRESS…    | IN_PROGRESS…    | due in an hour: AMBER          |
 * | grey            | X001     | IN_PROGRESS…    | IN_PROGRESS…    | not acknowledged: GREY         |
 * | cancelled       | X001     | (cancelled)     | (cancelled)     | listed apart                   |
 * | deptOverdue     | SKHCN    | OVERDUE         | OVERDUE         |                                |
 * | deptWithin      | SKHCN    | IN_PROGRESS…    | IN_PROGRESS…    | not acknowledged: GREY         |
 * | haiphong        | HP-X001  | OVERDUE         | OVERDUE         | outside Hà Nội                 |
 */
type Name = 'onTime' | 'lateBoth' | 'lateExtended' | 'overdue' | 'overdueExtended' | 'key' | 'soon' | 'grey' | 'cancelled' | 'deptOverdue' | 'deptWithin' | 'haiphong';

describe('Statistics: the official statistic set, its drill-down, exports, risk colours and scope', () => {
  let stack: TestStack;
  let org: Organisation;
  let world: EvidenceWorld;
  const tasks = {} as Record<Name, TaskRef>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object = {}) => stack.http().post(path).set(auth(token)).send(body);
  const get = (token: string, path: string) => stack.http().get(path).set(auth(token));
  const names = (items: { id: string }[]) => items.map((item) => (Object.keys(tasks) as Name[]).find((name) => tasks[name].id === item.id) ?? item.id).sort();
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
  /** Working days the key task has been blocked by the department (its blocker is dated back 20 days below). */
  let blockedDays = 0;

  beforeAll(async () => {
    stack = await startTestStack();
    world = await startEvidenceWorld();
    org = await buildOrganisation(stack);
    await post(
      org.adminToken,
      '/api/templates',
      fastTemplate('thong-ke', { defaultDuration: '30d', reminders: [], acknowledgementReminder: null, escalation: { levels: [], decisionReminderEvery: '1d', explanationDeadline: '1d' } }),
    ).expect(201);
    const assign = async (name: Name, seconds: number, unit = 'HN-X001', extra: object = {}) => {
      tasks[name] = await assignTask(stack, org.adminToken, { templateKey: 'thong-ke', title: `Nhiệm vụ ${name}`, leadUnitId: org.unitIds[unit], dueAt: later(seconds), ...extra });
    };
    await assign('onTime', DAY);
    await assign('lateBoth', 3);
    await assign('lateExtended', 3);
    await assign('overdue', 3);
    await assign('overdueExtended', 3);
    await assign('key', 30 * DAY, 'HN-X001', { key: true });
    await assign('soon', 3_600);
    await assign('grey', 30 * DAY);
    await assign('cancelled', 30 * DAY);
    await assign('deptOverdue', 3, 'HN-SKHCN');
    await assign('deptWithin', 30 * DAY, 'HN-SKHCN');
    await assign('haiphong', 3, 'HP-X001');

    const officer = org.tokens.officerCommune;
    await post(officer, `/api/tasks/${tasks.key.id}/acknowledge`).expect(200);
    await post(org.adminToken, `/api/tasks/${tasks.cancelled.id}/cancel`, { reason: 'Không còn phù hợp' }).expect(200);
    // The commune waits on the department (a real blocker), which started 20 days ago (dated back in its projection: a blocker starts no earlier than its task).
    await post(officer, `/api/tasks/${tasks.key.id}/blockers`, { blockingUnitId: org.unitIds['HN-SKHCN'], awaited: 'Số liệu dân cư', reason: 'Sở chưa gửi số liệu' }).expect(200);
    await eventually(async () => expect(await stack.dataSource.query('SELECT 1 FROM task_blockers WHERE task_id = $1', [tasks.key.id])).toHaveLength(1));
    [{ blockedDays }] = await stack.dataSource.query(
      `UPDATE task_blockers SET since = since - interval '20 days' WHERE task_id = $1
       RETURNING (SELECT working_ordinal FROM calendar_days WHERE date = CAST(timezone('Asia/Ho_Chi_Minh', now()) AS date))
               - (SELECT working_ordinal FROM calendar_days WHERE date = CAST(timezone('Asia/Ho_Chi_Minh', since) AS date)) AS "blockedDays"`,
      [tasks.key.id],
    ).then(([rows]: [{ blockedDays: number }[]]) => rows);
    await post(officer, `/api/tasks/${tasks.onTime.id}/evidence`, verifiableEvidence(world)).expect(200);
    for (const name of ['lateBoth', 'lateExtended', 'overdue', 'overdueExtended'] as const) await waitForEvent(stack, org.adminToken, tasks[name].id, 'OVERDUE', 1, 20_000);
    await waitForEvent(stack, org.adminToken, tasks.deptOverdue.id, 'OVERDUE', 1, 20_000);
    await waitForEvent(stack, org.adminToken, tasks.haiphong.id, 'OVERDUE', 1, 20_000);
    // Extensions after the due time: one then done, one left open.
    for (const [name, days] of [['lateExtended', 2], ['overdueExtended', 30]] as const) {
      await post(officer, `/api/tasks/${tasks[name].id}/extension-requests`, { newDueAt: later(days * DAY), reason: 'Chờ phê duyệt kinh phí' }).expect(200);
      const task = await getTask(stack, org.adminToken, tasks[name].id);
      await post(org.adminToken, `/api/tasks/${tasks[name].id}/extension-requests/${task.pending.extensions[0].id}/decision`, { approve: true }).expect(200);
    }
    for (const name of ['lateBoth', 'lateExtended'] as const) await post(officer, `/api/tasks/${tasks[name].id}/evidence`, verifiableEvidence(world)).expect(200);
    for (const name of ['onTime', 'lateBoth', 'lateExtended'] as const) {
      await waitForEvent(stack, org.adminToken, tasks[name].id, 'EVIDENCE_VERIFIED', 1, 30_000);
      await post(org.adminToken, `/api/tasks/${tasks[name].id}/evidence/review`, { approve: true, comment: 'Đạt' }).expect(200);
      await waitForEvent(stack, org.adminToken, tasks[name].id, 'EVIDENCE_ACCEPTED', 1, 15_000);
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await world?.close();
  });

  type Row = Record<string, any> & { group: string | null; label: string; total: number; drillDown: string };
  interface Stats {
    rows: Row[];
    totals: Row;
    scope: string;
  }
  const statistics = async (token: string, query: string): Promise<Stats> => (await get(token, `/api/reports/statistics?${query}`).expect(200)).body as Stats;
  const row = (body: Stats, group: string | null): Row => body.rows.find((r) => r.group === group)!;

  it('counts each unit’s tasks in the four states against both due times, cancelled apart, with due soon, not acknowledged, key and extensions', async () => {
    const body = await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=unit`);
    // The units below Hà Nội by code, each rolling up its subtree; Hà Nội leads none itself, so it has no row of its own.
    expect(body.rows.map((r) => r.group)).toEqual([org.unitIds['HN-SKHCN'], org.unitIds['HN-X001']]);
    const commune = row(body, org.unitIds['HN-X001']);
    const department = row(body, org.unitIds['HN-SKHCN']);
    expect(commune).toMatchObject({
      label: 'Xã Minh Châu',
      rollsUp: true,
      unitCount: 1,
      total: 8,
      key: 1,
      cancelled: 1,
      original: { doneOnTime: 1, doneLate: 2, inProgressWithinDeadline: 3, overdue: 2, alreadyDue: 4 },
      current: { doneOnTime: 2, doneLate: 1, inProgressWithinDeadline: 4, overdue: 1 },
      dueSoon: 1,
      notAcknowledged: 3,
      extensions: { count: 2 },
      escalations: { '1': 4 },
    });
    expect(commune.original.percentOfAll).toEqual({ doneOnTime: 12.5, doneLate: 25, inProgressWithinDeadline: 37.5, overdue: 25 });
    expect(commune.original.percentOfDue).toEqual({ doneOnTime: 0, doneLate: 50, overdue: 50 });
    expect(commune.extensions.workingDaysGranted).toBeGreaterThan(0);
    expect(commune.daysLate.original.maximum).toBeGreaterThanOrEqual(0);
    // Blocked days: suffered by the commune's task, caused by the department.
    expect(blockedDays).toBeGreaterThanOrEqual(12);
    expect(commune.blockedDays).toEqual({ caused: 0, suffered: blockedDays });
    expect(department.blockedDays).toEqual({ caused: blockedDays, suffered: 0 });
    expect(department).toMatchObject({ total: 2, cancelled: 0, notAcknowledged: 2, original: { overdue: 1, inProgressWithinDeadline: 1, doneOnTime: 0 }, current: { overdue: 1, inProgressWithinDeadline: 1 } });
    // The totals roll up both units; Hải Phòng's task is not in Hà Nội.
    expect(body.totals).toMatchObject({ blockedDays: { caused: blockedDays, suffered: blockedDays }, total: 10, cancelled: 1, key: 1, original: { overdue: 3, doneLate: 2, doneOnTime: 1, inProgressWithinDeadline: 4 }, current: { overdue: 2 }, unitCount: 2 });
    expect(body.scope).toBe('Thành phố Hà Nội và các đơn vị trực thuộc');
  });

  it('rolls a province up from its communes, and the whole tree from the top', async () => {
    const provinces = await statistics(org.adminToken, `unitId=${org.unitIds.BCD}`);
    expect(row(provinces, org.unitIds.HN)).toMatchObject({ rollsUp: true, unitCount: 3, total: 10, cancelled: 1, original: { overdue: 3 } });
    expect(row(provinces, org.unitIds.HP)).toMatchObject({ rollsUp: true, unitCount: 2, total: 1, original: { overdue: 1 } });
    expect(row(provinces, org.unitIds.BKHCN)).toMatchObject({ total: 0 });
    expect(provinces.totals).toMatchObject({ total: 11, original: { overdue: 4 } });
    const top = await statistics(org.adminToken, '');
    expect(top.rows).toHaveLength(1);
    expect(top.rows[0]).toMatchObject({ group: org.unitIds.BCD, rollsUp: true, unitCount: 8, total: 11 });
  });

  it('groupBy=head: the head of the lead unit answers, with their overdue tasks listed', async () => {
    const body = await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=head`);
    const commune = row(body, org.userIds.headCommune);
    expect(commune).toMatchObject({ total: 8, current: { overdue: 1 }, unit: { code: 'HN-X001' }, rollsUp: false });
    expect(commune.label).toBe('Chủ tịch UBND xã Minh Châu — Xã Minh Châu');
    expect(commune.overdueTasks).toEqual([expect.objectContaining({ id: tasks.overdue.id, code: tasks.overdue.code, title: 'Nhiệm vụ overdue', daysLate: expect.any(Number) })]);
    expect(row(body, null)).toMatchObject({ total: 2, overdueTasks: [expect.objectContaining({ id: tasks.deptOverdue.id })] });
  });

  it('groups by programme, template, level and assigner; key=true counts the key tasks only', async () => {
    expect((await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=template`)).rows).toEqual([expect.objectContaining({ group: 'thong-ke', total: 10 })]);
    expect((await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=level`)).rows.map((r) => [r.group, r.total]).sort()).toEqual([
      ['commune', 8],
      ['department', 2],
    ]);
    expect((await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=assigner`)).rows).toEqual([expect.objectContaining({ group: expect.any(String), total: 10 })]);
    expect((await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=program`)).rows).toEqual([expect.objectContaining({ group: null, total: 10 })]);
    const key = await statistics(org.adminToken, `unitId=${org.unitIds.HN}&key=true`);
    expect(key.totals).toMatchObject({ total: 1, key: 1, current: { inProgressWithinDeadline: 1 } });
  });

  it('a past cut-off: tasks assigned after it are not counted, done after it were not done, the due time in force then applies', async () => {
    const before = await statistics(org.adminToken, `unitId=${org.unitIds.HN}&asOf=2020-01-01T00:00:00Z`);
    expect(before.totals).toMatchObject({ total: 0, cancelled: 0 });
    // When the first task was assigned: it alone counts, in progress (it was done later).
    const first = (await get(org.adminToken, `/api/tasks/${tasks.onTime.id}`).expect(200)).body;
    const early = await statistics(org.adminToken, `unitId=${org.unitIds.HN}&asOf=${encodeURIComponent(first.assignedAt)}`);
    expect(early.totals).toMatchObject({ total: 1, original: { inProgressWithinDeadline: 1, doneOnTime: 0 }, current: { inProgressWithinDeadline: 1 } });
    // Just before its extension was approved, the extended task was overdue against the due time then in force.
    const extended = (await get(org.adminToken, `/api/tasks/${tasks.overdueExtended.id}`).expect(200)).body;
    const approvedAt = (extended.timeline as { type: string; at: string }[]).find((e) => e.type === 'EXTENSION_APPROVED')!.at;
    const asOf = encodeURIComponent(new Date(Date.parse(approvedAt) - 1).toISOString());
    const then = await get(org.adminToken, `/api/tasks?withinUnitId=${org.unitIds['HN-X001']}&asOf=${asOf}&state=OVERDUE&against=current&pageSize=100`).expect(200);
    expect(names(then.body.items)).toContain('overdueExtended');
    const now = await get(org.adminToken, `/api/tasks?withinUnitId=${org.unitIds['HN-X001']}&state=OVERDUE&against=current&pageSize=100`).expect(200);
    expect(names(now.body.items)).toEqual(['overdue']);
  });

  it('every figure drills down: GET /api/tasks with the row’s query and state= returns exactly the tasks counted', async () => {
    const body = await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=unit`);
    const commune = row(body, org.unitIds['HN-X001']);
    const list = async (query: string) => (await get(org.adminToken, `/api/tasks?${query}&pageSize=100`).expect(200)).body as { items: { id: string }[]; total: number };
    const expected: [string, string, Name[]][] = [
      ['DONE_ON_TIME', 'original', ['onTime']],
      ['DONE_LATE', 'original', ['lateBoth', 'lateExtended']],
      ['OVERDUE', 'original', ['overdue', 'overdueExtended']],
      ['IN_PROGRESS_WITHIN_DEADLINE', 'original', ['grey', 'key', 'soon']],
      ['DONE_ON_TIME', 'current', ['lateExtended', 'onTime']],
      ['DONE_LATE', 'current', ['lateBoth']],
      ['OVERDUE', 'current', ['overdue']],
      ['IN_PROGRESS_WITHIN_DEADLINE', 'current', ['grey', 'key', 'overdueExtended', 'soon']],
      ['CANCELLED', 'current', ['cancelled']],
    ];
    const figure: Record<string, string> = { DONE_ON_TIME: 'doneOnTime', DONE_LATE: 'doneLate', OVERDUE: 'overdue', IN_PROGRESS_WITHIN_DEADLINE: 'inProgressWithinDeadline' };
    for (const [state, against, want] of expected) {
      const page = await list(`${commune.drillDown}&state=${state}&against=${against}`);
      expect([state, against, names(page.items)]).toEqual([state, against, [...want].sort()]);
      const counted = state === 'CANCELLED' ? commune.cancelled : commune[against][figure[state]];
      expect([state, against, page.total]).toEqual([state, against, counted]);
    }
    const all = await list(commune.drillDown);
    expect(all.total).toBe(commune.total + commune.cancelled);
    const totals = await list(body.totals.drillDown);
    expect(totals.total).toBe(body.totals.total + body.totals.cancelled);
    // A head row drills down by the head.
    const heads = await statistics(org.adminToken, `unitId=${org.unitIds.HN}&groupBy=head`);
    const overdue = await list(`${row(heads, org.userIds.headCommune).drillDown}&state=OVERDUE`);
    expect(names(overdue.items)).toEqual(['overdue']);
  });

  it('risk colours on every task view, as a filter, and sort=risk: RED, AMBER, GREY, BLUE, ORANGE, GREEN, then cancelled', async () => {
    const risk = async (name: Name) => (await get(org.adminToken, `/api/tasks/${tasks[name].id}`).expect(200)).body.risk as string | null;
    expect(await risk('overdue')).toBe('RED');
    expect(await risk('soon')).toBe('AMBER');
    expect(await risk('grey')).toBe('GREY');
    expect(await risk('key')).toBe('BLUE');
    expect(await risk('lateBoth')).toBe('ORANGE');
    expect(await risk('lateExtended')).toBe('GREEN');
    expect(await risk('onTime')).toBe('GREEN');
    expect(await risk('cancelled')).toBeNull();
    expect((await get(org.adminToken, `/api/tasks/${tasks.key.id}`).expect(200)).body.key).toBe(true);
    const filtered = await get(org.tokens.headCommune, '/api/tasks?risk=RED,AMBER').expect(200);
    expect(names(filtered.body.items)).toEqual(['overdue', 'soon']);
    const sorted = await get(org.tokens.headCommune, '/api/tasks?sort=risk').expect(200);
    expect((sorted.body.items as { risk: string | null }[]).map((t) => t.risk)).toEqual(['RED', 'AMBER', 'GREY', 'BLUE', 'BLUE', 'ORANGE', 'GREEN', 'GREEN', null]);
    const keyOnly = await get(org.adminToken, '/api/tasks?key=true').expect(200);
    expect(names(keyOnly.body.items)).toEqual(['key']);
    expect((await get(org.adminToken, '/api/tasks?risk=PURPLE').expect(400)).body.errors[0]).toMatchObject({ field: 'risk' });
  });

  it('the state and risk rules on hand-made rows: cancelled beats done, done is judged by delivery, RED beats AMBER beats GREY', async () => {
    const at = new TaskStateAtSql('cut', 't');
    const cut = new Date();
    const [{ date, workingOrdinal }] = await stack.dataSource.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, working_ordinal AS "workingOrdinal" FROM calendar_days WHERE date = CAST(timezone('Asia/Ho_Chi_Minh', now()) AS date)`);
    expect(date).toBeDefined();
    const limits = Array.from({ length: 61 }, (_, n) => new Date(cut.getTime() + (n + 1) * DAY * 1000));
    const params = at.parameters(cut, { ordinal: workingOrdinal, amberLimits: limits });
    const h = (hours: number) => new Date(cut.getTime() + hours * 3_600_000).toISOString();
    // id, assigned, original due, due, due changed, delivered, completed, cancelled, acknowledged, amber days
    const rows: [string, string, string, string, string | null, string | null, string | null, string | null, string | null][] = [
      ['cancelledDone', h(-100), h(-50), h(-50), null, h(-60), h(-55), h(-1), h(-90)],
      ['deliveredOnTimeAcceptedLate', h(-100), h(-50), h(-50), null, h(-51), h(-40), null, h(-90)],
      ['extendedOnTime', h(-100), h(-50), h(10), h(-60), h(-20), h(-19), null, h(-90)],
      ['overdueUnacknowledged', h(-100), h(-1), h(-1), null, null, null, null, null],
      ['soonUnacknowledged', h(-100), h(2), h(2), null, null, null, null, null],
      ['farUnacknowledged', h(-100), h(24 * 40), h(24 * 40), null, null, null, null, null],
      ['farAcknowledged', h(-100), h(24 * 40), h(24 * 40), null, null, null, null, h(-5)],
      ['completedAfterCutOff', h(-100), h(-10), h(-10), null, h(-11), h(5), null, h(-90)],
    ];
    const values = rows.map((_, i) => `(${Array.from({ length: 9 }, (__, j) => `$${i * 9 + j + 1}`).join(', ')})`).join(', ');
    const sql = `SELECT t.name, ${at.state('original')} AS so, ${at.state('current')} AS sc, ${at.risk} AS risk FROM (
        SELECT gen_random_uuid() AS id, v.column1 AS name, CAST(v.column2 AS timestamptz) AS assigned_at, CAST(v.column3 AS timestamptz) AS original_due_at, CAST(v.column4 AS timestamptz) AS due_at,
          CAST(v.column5 AS timestamptz) AS due_changed_at, CAST(v.column6 AS timestamptz) AS delivered_at, CAST(v.column7 AS timestamptz) AS completed_at,
          CAST(v.column8 AS timestamptz) AS cancelled_at, CAST(v.column9 AS timestamptz) AS acknowledged_at, 3 AS amber_working_days
        FROM (VALUES ${values}) v) t`;
    const [query, bound] = stack.dataSource.driver.escapeQueryWithParameters(sql.replace(/\$(\d+)/g, (_, n) => `:p${n}`), { ...params, ...Object.fromEntries(rows.flat().map((v, i) => [`p${i + 1}`, v])) }, {});
    const result = Object.fromEntries((await stack.dataSource.query<{ name: string; so: string; sc: string; risk: string | null }[]>(query, bound)).map((r) => [r.name, [r.so, r.sc, r.risk]]));
    expect(result).toEqual({
      cancelledDone: ['CANCELLED', 'CANCELLED', null],
      deliveredOnTimeAcceptedLate: ['DONE_ON_TIME', 'DONE_ON_TIME', 'GREEN'],
      extendedOnTime: ['DONE_LATE', 'DONE_ON_TIME', 'GREEN'],
      overdueUnacknowledged: ['OVERDUE', 'OVERDUE', 'RED'],
      soonUnacknowledged: ['IN_PROGRESS_WITHIN_DEADLINE', 'IN_PROGRESS_WITHIN_DEADLINE', 'AMBER'],
      farUnacknowledged: ['IN_PROGRESS_WITHIN_DEADLINE', 'IN_PROGRESS_WITHIN_DEADLINE', 'GREY'],
      farAcknowledged: ['IN_PROGRESS_WITHIN_DEADLINE', 'IN_PROGRESS_WITHIN_DEADLINE', 'BLUE'],
      completedAfterCutOff: ['OVERDUE', 'OVERDUE', 'RED'],
    });
  });

  it('exports the same table as an official report: XLSX and CSV parsed back, Vietnamese or English headers, totals row', async () => {
    const xlsx = await get(org.adminToken, `/api/reports/statistics/export?unitId=${org.unitIds.HN}&format=xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename="thong-ke-nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const cells = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(cells(1)).toEqual(['BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO']);
    expect(String(cells(2)[0])).toMatch(/^Thời điểm chốt số liệu: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(GMT\+7\)$/);
    expect(cells(3)).toEqual(['Phạm vi: Thành phố Hà Nội và các đơn vị trực thuộc']);
    const header = cells(6) as string[];
    expect(header.slice(0, 6)).toEqual(['Đơn vị / nhóm', 'Gồm các đơn vị trực thuộc', 'Số đơn vị', 'Tổng số nhiệm vụ', 'Nhiệm vụ trọng tâm', 'Hoàn thành đúng hạn (hạn ban đầu)']);
    const column = (name: string) => header.indexOf(name);
    const commune = cells(7 + 1);
    expect(commune[0]).toBe('Xã Minh Châu');
    expect(commune[column('Gồm các đơn vị trực thuộc')]).toBe('Có');
    expect(commune[column('Tổng số nhiệm vụ')]).toBe(8);
    expect(commune[column('Quá hạn chưa hoàn thành (hạn ban đầu)')]).toBe(2);
    expect(commune[column('Quá hạn chưa hoàn thành (hạn hiện hành)')]).toBe(1);
    const totals = cells(9);
    expect(totals[0]).toBe('Tổng cộng');
    expect(totals[column('Tổng số nhiệm vụ')]).toBe(10);
    expect(totals[column('Đã hủy (không tính)')]).toBe(1);

    const csv = await get(org.adminToken, `/api/reports/statistics/export?unitId=${org.unitIds.HN}&format=csv&lang=en`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const lines: string[][] = parse(csv.text, { bom: true, relax_column_count: true, skip_empty_lines: true });
    expect(lines[0]).toEqual(['REPORT ON THE PERFORMANCE OF ASSIGNED TASKS']);
    expect(lines[2]).toEqual(['Scope: Thành phố Hà Nội and the units under it']);
    const head = lines[4];
    expect(head[0]).toBe('Unit / group');
    const last = lines[lines.length - 1];
    expect(last[0]).toBe('Total');
    expect(last[head.indexOf('Includes the units below')]).toBe('Yes');
    expect(last[head.indexOf('Tasks')]).toBe('10');
    expect(last[head.indexOf('Overdue, not done (original due)')]).toBe('3');
  });

  it('counts only what the reader may see: an officer their unit, a head their subtree, another province nothing of Hà Nội', async () => {
    const officer = await statistics(org.tokens.officerCommune, '');
    expect(officer.rows).toEqual([expect.objectContaining({ group: org.unitIds['HN-X001'], rollsUp: false, total: 8 })]);
    expect(officer.totals).toMatchObject({ total: 8, cancelled: 1 });
    const head = await statistics(org.tokens.headHanoi, `unitId=${org.unitIds.HN}`);
    expect(head.totals).toMatchObject({ total: 10 });
    const haiphong = await statistics(org.tokens.officerHaiphong, '');
    expect(haiphong.totals).toMatchObject({ total: 1, original: { overdue: 1 } });
    // Another unit's drill-down holds none of Hà Nội's tasks for them either.
    const list = await get(org.tokens.officerHaiphong, `/api/tasks?asOf=${encodeURIComponent(new Date().toISOString())}&state=OVERDUE`).expect(200);
    expect(names(list.body.items)).toEqual(['haiphong']);
    const refused = await get(org.tokens.officerCommune, `/api/reports/statistics?unitId=${org.unitIds.HP}`).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'unitId', rule: 'inScope' })]);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const field = async (query: string) => [...new Set(((await get(org.adminToken, `/api/reports/statistics?${query}`).expect(400)).body.errors as { field: string }[]).map((e) => e.field))];
    expect(await field('unitId=6f1c1a52-0000-4000-8000-000000000000')).toEqual(['unitId']);
    expect(await field('from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z')).toEqual(['to']);
    expect(await field('groupBy=city')).toEqual(['groupBy']);
    expect(await field('asOf=yesterday')).toEqual(['asOf']);
    expect(await field('asOf=2026-05-01')).toEqual(['asOf']);
    expect(await field('basis=created')).toEqual(['basis']);
    expect(await field('asOf=9999-12-31T23:59:59Z')).toEqual(['asOf']);
    expect((await get(org.adminToken, `/api/tasks?asOf=1900-01-01T00:00:00Z&state=OVERDUE`).expect(400)).body.errors[0]).toMatchObject({ field: 'asOf', rule: 'calendarRange' });
    expect((await get(org.adminToken, `/api/reports/statistics/export?format=pdf`).expect(400)).body.errors[0]).toMatchObject({ field: 'format' });
    expect((await get(org.adminToken, `/api/tasks?state=LOST`).expect(400)).body.errors[0]).toMatchObject({ field: 'state' });
    expect((await get(org.adminToken, `/api/tasks?from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z`).expect(400)).body.errors[0]).toMatchObject({ field: 'to' });
  });
  it('answers the unit rows from the worker’s snapshot exactly as counted live at its cut-off, in every scope; other figures, and a changed unit, are counted live', async () => {
    const service = stack.worker!.get(StatisticsService);
    let snapshot: Awaited<ReturnType<StatisticsService['refreshSnapshot']>> = null;
    await eventually(async () => {
      snapshot = await service.refreshSnapshot();
      expect(snapshot).not.toBeNull();
    });
    const asOf = snapshot!.asOf.toISOString();
    expect(snapshot!.tasks).toBe(Object.keys(tasks).length);
    const { tokens, unitIds, adminToken } = org;
    const cases: [string, string][] = [
      [adminToken, ''],
      [adminToken, `unitId=${unitIds.BCD}`],
      [adminToken, `unitId=${unitIds.HN}`],
      [adminToken, `unitId=${unitIds.HN}&key=true`],
      [adminToken, `unitId=${unitIds.HN}&key=false&lang=en`],
      [adminToken, `unitId=${unitIds['HN-X001']}`],
      [tokens.auditor, `unitId=${unitIds['HN-SKHCN']}`],
      [tokens.headHanoi, ''],
      [tokens.headHanoi, `unitId=${unitIds.HN}`],
      [tokens.leaderCentral, ''],
      [tokens.officerCommune, ''],
      [tokens.officerCommune, `unitId=${unitIds['HN-X001']}`],
      [tokens.officerHaiphong, ''],
    ];
    for (const [token, query] of cases) {
      const fromSnapshot = (await get(token, `/api/reports/statistics?${query}`).expect(200)).body;
      expect(fromSnapshot).toMatchObject({ source: 'snapshot', asOf });
      const live = (await get(token, `/api/reports/statistics?${query}&asOf=${encodeURIComponent(asOf)}`).expect(200)).body;
      expect(live.source).toBe('live');
      expect({ ...fromSnapshot, source: null, filters: null }).toEqual({ ...live, source: null, filters: null });
    }
    expect((await statistics(adminToken, `unitId=${unitIds.HN}`)).totals).toMatchObject({ total: 10, blockedDays: { caused: blockedDays, suffered: blockedDays } });
    // What the snapshot does not hold is counted live: other groupings, a period, a programme, a level.
    for (const query of ['groupBy=head', `from=${encodeURIComponent('2020-01-01T00:00:00Z')}`, 'program=X', 'level=commune']) {
      expect((await get(adminToken, `/api/reports/statistics?${query}`).expect(200)).body.source).toBe('live');
    }
    // A unit changed after the snapshot (renamed here) retires it until the next one.
    await stack.http().patch(`/api/units/${unitIds['HN-SKHCN']}`).set(auth(adminToken)).send({ nameEn: 'Department of Science and Technology' }).expect(200);
    expect((await get(adminToken, '/api/reports/statistics').expect(200)).body.source).toBe('live');
    await stack.dataSource.query('DELETE FROM statistics_snapshots');
  });
});
