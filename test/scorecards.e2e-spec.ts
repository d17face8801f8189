import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { reportScheduleId } from '@dondoc/temporal';
import { DEFAULT_FORMULA, scoreQuarter, scorecardFacts, StatisticsService, type ScorecardDto, type ScorecardSummaryDto } from '@dondoc/tasks';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { fastTemplate } from './factories/task.factory';
import { ensureChromium } from './helpers/browser';
import { eventually } from './helpers/eventually';
import { pdfText } from './helpers/pdf-text';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * The quarterly scorecard's facts read from the tasks and their timelines as they stood at the
 * quarter's cut-off, on hand-made rows of 2026-Q3 (the statistics' state definition, the real
 * working-day calendar), scored with the default formula: the README's worked example.
 */
describe('Quarterly scorecard', () => {
  let stack: TestStack;
  let org: Organisation;
  const vn = (local: string) => new Date(`${local}+07:00`);
  const Q3 = { from: vn('2026-07-01T00:00:00'), to: vn('2026-10-01T00:00:00') };

  beforeAll(async () => {
    // A Chromium prints the scorecards' PDF.
    stack = await startTestStack({ env: { CHROMIUM_PATH: ensureChromium() } });
    org = await buildOrganisation(stack);
    await stack.http().post('/api/templates').set({ Authorization: `Bearer ${org.adminToken}` }).send(fastTemplate('quy')).expect(201);
  });

  afterAll(async () => {
    await stack.close();
  });

  interface Row {
    code: string;
    unit: string;
    due: string;
    currentDue?: string;
    delivered?: string;
    completed?: string;
    cancelled?: string;
    realUsers?: string;
    /** seq, type, data, when (default: the completion, else the due time). */
    events?: [number, string, Record<string, unknown>?, string?][];
  }

  /** A task row (and its timeline entries) as the recording leaves them, without a workflow. */
  async function insert(row: Row, templateKey = 'quy'): Promise<string> {
    const id = randomUUID();
    const [template] = await stack.dataSource.query<{ id: string }[]>(`SELECT id FROM task_templates WHERE key = $1 ORDER BY version DESC LIMIT 1`, [templateKey]);
    const status = row.cancelled ? 'CANCELLED' : row.completed ? 'DONE' : 'IN_PROGRESS';
    await stack.dataSource.query(
      `INSERT INTO tasks (id, code, title, template_id, lead_unit_id, assigned_by, assigned_at, original_due_at, due_at, due_changed_at, status, delivered_at, completed_at, cancelled_at, real_users, definition, workflow_id, last_event_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, '{}'::jsonb, $16, $17)`,
      [
        id,
        row.code,
        `Nhiệm vụ ${row.code}`,
        template.id,
        org.unitIds[row.unit],
        org.userIds.admin2,
        vn('2026-06-01T09:00:00'),
        vn(row.due),
        vn(row.currentDue ?? row.due),
        row.currentDue ? vn('2026-09-10T09:00:00') : null,
        status,
        row.delivered ? vn(row.delivered) : null,
        row.completed ? vn(row.completed) : null,
        row.cancelled ? vn(row.cancelled) : null,
        row.realUsers ?? null,
        `task-${id}`,
        row.events?.length ?? 0,
      ],
    );
    for (const [seq, type, data, when] of row.events ?? []) {
      await stack.dataSource.query(`INSERT INTO task_events (task_id, seq, type, at, to_status, data) VALUES ($1, $2, $3, $4, 'IN_PROGRESS', $5)`, [id, seq, type, vn(when ?? row.completed ?? row.due), data ?? {}]);
    }
    return id;
  }

  it('reads each task as it stood at the cut-off and reproduces the worked example (43.91 / 70)', async () => {
    const ids = {
      // Delivered the day before its due time, verified.
      T1: await insert({ code: 'Q3-T1', unit: 'HN-X001', due: '2026-07-15T10:00:00', delivered: '2026-07-14T15:00:00', completed: '2026-07-16T09:00:00', realUsers: 'verified', events: [[5, 'EVIDENCE_ACCEPTED']] }),
      // Due Monday 3 August 17:00, delivered Wednesday 12 August: 7 working days late; rejected once, real users attested.
      T2: await insert({
        code: 'Q3-T2',
        unit: 'HN-X001',
        due: '2026-08-03T17:00:00',
        delivered: '2026-08-12T17:00:00',
        completed: '2026-08-13T09:00:00',
        realUsers: 'attested',
        events: [[4, 'EVIDENCE_REJECTED', {}, '2026-08-11T10:00:00'], [6, 'CRITERION_ATTESTED', {}, '2026-08-12T17:00:00'], [7, 'EVIDENCE_ACCEPTED']],
      }),
      // Late against 15 September, on time against the 25 September a leader granted for an objective cause; regressed after.
      T3: await insert({
        code: 'Q3-T3',
        unit: 'HN-X001',
        due: '2026-09-15T17:00:00',
        currentDue: '2026-09-25T17:00:00',
        delivered: '2026-09-18T10:00:00',
        completed: '2026-09-18T16:00:00',
        realUsers: 'verified',
        events: [[3, 'EXTENSION_APPROVED', { objectiveCause: true, newDueAt: vn('2026-09-25T17:00:00').toISOString() }, '2026-09-10T09:00:00'], [8, 'EVIDENCE_ACCEPTED'], [9, 'REGRESSED', {}, '2026-09-28T09:00:00']],
      }),
      // Due 22 September, never done: overdue at the cut-off.
      T4: await insert({ code: 'Q3-T4', unit: 'HN-X001', due: '2026-09-22T17:00:00', events: [[2, 'OVERDUE']] }),
    };
    // Not counted: cancelled, due in the next quarter, another province's.
    await insert({ code: 'Q3-T5', unit: 'HN-X001', due: '2026-08-20T17:00:00', cancelled: '2026-08-01T09:00:00' });
    await insert({ code: 'Q3-T6', unit: 'HN-X001', due: '2026-10-05T17:00:00' });
    await insert({ code: 'Q3-T7', unit: 'HP-X001', due: '2026-08-20T17:00:00' });

    const cutOff = Q3.to;
    const calendar = await stack.api.get(StatisticsService).calendarAt(cutOff);
    const facts = await scorecardFacts(stack.dataSource.manager, calendar, { withinUnitId: org.unitIds.HN }, Q3, cutOff);
    expect(facts.map((f) => f.code)).toEqual(['Q3-T1', 'Q3-T2', 'Q3-T3', 'Q3-T4']);
    expect(facts.map(({ code, completed, evidence, rejections, regressions, late, workingDaysLate, excused }) => ({ code, completed, evidence, rejections, regressions, late, workingDaysLate, excused }))).toEqual([
      { code: 'Q3-T1', completed: true, evidence: 'verified', rejections: 0, regressions: 0, late: false, workingDaysLate: 0, excused: false },
      { code: 'Q3-T2', completed: true, evidence: 'attested', rejections: 1, regressions: 0, late: true, workingDaysLate: 7, excused: false },
      { code: 'Q3-T3', completed: true, evidence: 'verified', rejections: 0, regressions: 1, late: true, workingDaysLate: 3, excused: true },
      { code: 'Q3-T4', completed: false, evidence: null, rejections: 0, regressions: 0, late: true, workingDaysLate: 7, excused: false },
    ]);
    // Every line points at real timeline entries of its task.
    expect(facts[1].events).toEqual([
      { taskId: ids.T2, seq: 4, type: 'EVIDENCE_REJECTED' },
      { taskId: ids.T2, seq: 6, type: 'CRITERION_ATTESTED' },
      { taskId: ids.T2, seq: 7, type: 'EVIDENCE_ACCEPTED' },
    ]);
    expect(facts[2].events.map((e) => e.type)).toEqual(['EXTENSION_APPROVED', 'EVIDENCE_ACCEPTED', 'REGRESSED']);

    const result = scoreQuarter(DEFAULT_FORMULA, facts, 27);
    expect(result).toMatchObject({ tasksDue: 4, late: 2, results: 43.91, total: 70.91, band: 'NOT_COMPLETED', bandCapped: true });
    expect(result.progress.tasks.map((t) => t.points)).toEqual([6.25, 3.13, 6.25, 0]);

    // The commune alone counts the same four; the other province's commune only its own.
    expect((await scorecardFacts(stack.dataSource.manager, calendar, { unitIds: [org.unitIds['HN-X001']] }, Q3, cutOff)).length).toBe(4);
    expect((await scorecardFacts(stack.dataSource.manager, calendar, { unitIds: [org.unitIds['HP-X001']] }, Q3, cutOff)).map((f) => f.code)).toEqual(['Q3-T7']);
    // At an earlier cut-off T2 had not been delivered yet: overdue, not done.
    const early = await scorecardFacts(stack.dataSource.manager, await stack.api.get(StatisticsService).calendarAt(vn('2026-08-10T00:00:00')), { withinUnitId: org.unitIds.HN }, Q3, vn('2026-08-10T00:00:00'));
    expect(early.find((f) => f.code === 'Q3-T2')).toMatchObject({ completed: false, late: true, rejections: 0 });
  });

  it('excuses the working days a confirmed blocker held a task up, and no more', async () => {
    const blocker = async (taskId: string, since: string, resolved: string, confirmed: string | null): Promise<void> => {
      await stack.dataSource.query(
        `INSERT INTO task_blockers (task_id, id, lead_unit_id, blocking_unit_id, coordinating, awaited, since, declared_at, declared_by, status, resolved_at, confirmed_at, recorded_seq)
         VALUES ($1, 'b1', $2, $3, false, 'Số liệu', $4, $4, $5, 'RESOLVED', $6, $7, 3)`,
        [taskId, org.unitIds['HP-X001'], org.unitIds.HP, vn(since), org.userIds.officerHaiphong, vn(resolved), confirmed ? vn(confirmed) : null],
      );
    };
    // Due Thursday 15 October, delivered Thursday 22 October: 5 working days late, all of them held up (Monday 12 → Monday 19).
    const whole = await insert({ code: 'Q4-B1', unit: 'HP-X001', due: '2026-10-15T17:00:00', delivered: '2026-10-22T17:00:00', completed: '2026-10-23T09:00:00', realUsers: 'verified', events: [[4, 'BLOCKER_DECIDED', { confirm: true }, '2026-10-16T09:00:00'], [6, 'EVIDENCE_ACCEPTED']] });
    await blocker(whole, '2026-10-12T09:00:00', '2026-10-19T09:00:00', '2026-10-16T09:00:00');
    // Delivered Thursday 29 October (10 working days late), held up 3 of them: late by 7.
    const part = await insert({ code: 'Q4-B2', unit: 'HP-X001', due: '2026-10-15T17:00:00', delivered: '2026-10-29T17:00:00', completed: '2026-10-30T09:00:00', realUsers: 'verified', events: [[4, 'BLOCKER_DECIDED', { confirm: true }, '2026-10-16T09:00:00']] });
    await blocker(part, '2026-10-12T09:00:00', '2026-10-15T09:00:00', '2026-10-16T09:00:00');
    // The same delay, the blocker not confirmed: nothing excused.
    const unconfirmed = await insert({ code: 'Q4-B3', unit: 'HP-X001', due: '2026-10-15T17:00:00', delivered: '2026-10-22T17:00:00', completed: '2026-10-23T09:00:00', realUsers: 'verified' });
    await blocker(unconfirmed, '2026-10-12T09:00:00', '2026-10-19T09:00:00', null);

    const Q4 = { from: vn('2026-10-01T00:00:00'), to: vn('2027-01-01T00:00:00') };
    const facts = await scorecardFacts(stack.dataSource.manager, await stack.api.get(StatisticsService).calendarAt(Q4.to), { unitIds: [org.unitIds['HP-X001']] }, Q4, Q4.to);
    expect(facts.map(({ code, late, excused, workingDaysLate, excusedWorkingDays }) => ({ code, late, excused, workingDaysLate, excusedWorkingDays }))).toEqual([
      { code: 'Q4-B1', late: true, excused: true, workingDaysLate: 5, excusedWorkingDays: 0 },
      { code: 'Q4-B2', late: true, excused: false, workingDaysLate: 7, excusedWorkingDays: 3 },
      { code: 'Q4-B3', late: true, excused: false, workingDaysLate: 5, excusedWorkingDays: 0 },
    ]);
    const progress = scoreQuarter(DEFAULT_FORMULA, facts, null).progress.tasks;
    expect(progress.map((t) => [t.code, t.points, t.reason.vi])).toEqual([
      ['Q4-B1', 8.33, 'chậm được lãnh đạo chấp nhận có lý do khách quan'],
      ['Q4-B2', 4.17, 'hoàn thành chậm 7 ngày làm việc, sau khi trừ 3 ngày vướng mắc được xác nhận (2 bậc × −25%)'],
      ['Q4-B3', 6.25, 'hoàn thành chậm 5 ngày làm việc (1 bậc × −25%)'],
    ]);
  });

  describe('published', () => {
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const list = async (token: string, query: string): Promise<ScorecardSummaryDto[]> => ((await stack.http().get(`/api/reports/scorecards?${query}`).set(auth(token)).expect(200)).body as { items: ScorecardSummaryDto[] }).items;
    const card = async (token: string, id: string): Promise<ScorecardDto> => (await stack.http().get(`/api/reports/scorecards/${id}`).set(auth(token)).expect(200)).body as ScorecardDto;
    let unitCard: ScorecardSummaryDto;
    let all: ScorecardSummaryDto[];

    beforeAll(async () => {
      // A template whose tasks count for the units above too; one of its tasks, led by the Hanoi department, due in Q3 and done on time.
      await stack.http().post('/api/templates').set(auth(org.adminToken)).send({ ...fastTemplate('quy-len'), scorecard: { includeInParents: true } }).expect(201);
      await insert({ code: 'Q3-T8', unit: 'HN-SKHCN', due: '2026-09-01T17:00:00', delivered: '2026-08-28T10:00:00', completed: '2026-08-31T09:00:00', realUsers: 'verified', events: [[5, 'EVIDENCE_ACCEPTED']] }, 'quy-len');
      await stack.http().post('/api/reports/scorecards').set(auth(org.adminToken)).send({ quarter: '2026-Q3' }).expect(202);
      all = await eventually(async () => {
        const items = await list(org.adminToken, 'quarter=2026-Q3&pageSize=200');
        expect(items.length).toBe(9);
        return items;
      }, 60_000);
      unitCard = all.find((c) => c.kind === 'UNIT' && c.unit.code === 'HN-X001')!;
    });

    it('rates every unit with tasks due (and those above, where the template says), their heads and the leaders on the units they direct', () => {
      const row = (c: ScorecardSummaryDto) => `${c.kind} ${c.unit.code}${c.user ? ` ${c.user.name}` : ''}: ${c.tasksDue} due, ${c.results}/${c.resultsOf}`;
      expect(all.map(row).sort()).toEqual(
        [
          // The department's task counts for Hanoi and the steering committee too (its template says so); the commune's do not.
          'UNIT BCD: 1 due, 70/70',
          'UNIT HN: 1 due, 70/70',
          'HEAD HN Chủ tịch UBND Hà Nội: 1 due, 70/70',
          'UNIT HN-SKHCN: 1 due, 70/70',
          'UNIT HN-X001: 4 due, 43.91/70',
          'HEAD HN-X001 Chủ tịch UBND xã Minh Châu: 4 due, 43.91/70',
          'UNIT HP-X001: 1 due, 0/70',
          // A leader answers for every unit they direct.
          'LEADER BCD Lãnh đạo Ban Chỉ đạo: 6 due, 40.93/70',
          'LEADER HN Phó Chủ tịch UBND Hà Nội: 5 due, 49.13/70',
        ].sort(),
      );
    });

    it('explains every line by the tasks and the timeline entries behind it; pending until the general points are entered', async () => {
      const full = await card(org.adminToken, unitCard.id);
      expect(full).toMatchObject({ quarter: '2026-Q3', kind: 'UNIT', version: 1, formulaVersion: 1, results: 43.91, resultsOf: 70, general: null, total: null, band: null, status: 'PENDING', late: 2, lateShare: 0.5 });
      expect(full.lines.quantity).toMatchObject({ points: 15, of: 20, arithmetic: '20 × 3/4 = 15' });
      expect(full.lines.quality.points).toBe(13.28);
      expect(full.lines.progress.tasks.map((t) => [t.code, t.points, t.reason.vi])).toEqual([
        ['Q3-T1', 6.25, 'hoàn thành đúng hạn'],
        ['Q3-T2', 3.13, 'hoàn thành chậm 7 ngày làm việc (2 bậc × −25%)'],
        ['Q3-T3', 6.25, 'chậm được lãnh đạo chấp nhận có lý do khách quan'],
        ['Q3-T4', 0, 'chưa hoàn thành, chậm 7 ngày làm việc'],
      ]);
      const refs = [full.lines.quantity, full.lines.quality, full.lines.progress].flatMap((line) => line.tasks.flatMap((t) => t.events));
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const [entry] = await stack.dataSource.query<{ type: string }[]>(`SELECT type FROM task_events WHERE task_id = $1 AND seq = $2`, [ref.taskId, ref.seq]);
        expect(entry?.type).toBe(ref.type);
      }
      const [audit] = await stack.dataSource.query<{ summary: { contentHash: string } }[]>(`SELECT summary FROM audit_events WHERE action = 'scorecard.published' AND subject_id = $1`, [unitCard.id]);
      expect(audit.summary.contentHash).toBe(full.contentHash);
      // The database refuses any other change to a published scorecard, whoever sends it.
      await expect(stack.dataSource.query(`UPDATE scorecards SET results = 70 WHERE id = $1`, [unitCard.id])).rejects.toThrow(/never changes/);
      await expect(stack.dataSource.query(`DELETE FROM scorecards WHERE id = $1`, [unitCard.id])).rejects.toThrow(/never changes/);
    });

    it('takes the general points from a leader over the unit: the total and the band follow, audited', async () => {
      // The person rated, a head, an officer: not evaluators.
      const general = { points: 27, comment: 'Chấp hành tốt kỷ luật, kỷ cương.' };
      const head = all.find((c) => c.kind === 'HEAD' && c.unit.code === 'HN-X001')!;
      await stack.http().put(`/api/reports/scorecards/${head.id}/general`).set(auth(org.tokens.headCommune)).send(general).expect(403);
      await stack.http().put(`/api/reports/scorecards/${unitCard.id}/general`).set(auth(org.tokens.officerCommune)).send(general).expect(403);
      const leaderCard = all.find((c) => c.kind === 'LEADER' && c.unit.code === 'HN')!;
      await stack.http().put(`/api/reports/scorecards/${leaderCard.id}/general`).set(auth(org.tokens.leaderHanoi)).send(general).expect(403);
      const tooMany = await stack.http().put(`/api/reports/scorecards/${unitCard.id}/general`).set(auth(org.tokens.leaderHanoi)).send({ ...general, points: 31 }).expect(400);
      expect(tooMany.body.errors[0].field).toBe('points');

      const evaluated = (await stack.http().put(`/api/reports/scorecards/${unitCard.id}/general`).set(auth(org.tokens.leaderHanoi)).send(general).expect(200)).body as ScorecardDto;
      // 43.91 + 27 = 70.91 would be "good", but half the tasks were late (> 20%): not completed.
      expect(evaluated).toMatchObject({ general: 27, total: 70.91, band: 'NOT_COMPLETED', bandCapped: true, status: 'EVALUATED', generalComment: general.comment, contentHash: unitCard.contentHash });
      expect(evaluated.bandLabel).toEqual({ vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed' });
      const hp = all.find((c) => c.kind === 'UNIT' && c.unit.code === 'BCD')!;
      const excellent = (await stack.http().put(`/api/reports/scorecards/${hp.id}/general`).set(auth(org.tokens.leaderCentral)).send({ points: 25, comment: 'Tốt' }).expect(200)).body as ScorecardDto;
      expect(excellent).toMatchObject({ total: 95, band: 'EXCELLENT', bandCapped: false });
      const [audit] = await stack.dataSource.query<{ summary: { before: { points: null }; after: { points: number } } }[]>(`SELECT summary FROM audit_events WHERE action = 'scorecard.general.entered' AND subject_id = $1`, [unitCard.id]);
      expect(audit.summary).toMatchObject({ before: { points: null }, after: { points: 27 } });
    });

    it('publishes the same quarter again as it was (idempotent), also when the schedule runs it', async () => {
      await stack.http().post('/api/reports/scorecards').set(auth(org.adminToken)).send({ quarter: '2026-Q3' }).expect(202);
      // The schedule's own run: a backfill of 07:00 on 1 October 2026 derives Q3 from the instant it meant.
      const client = stack.api.get(Client);
      const schedule = client.schedule.getHandle(reportScheduleId('quarterly-scorecards', stack.taskQueue));
      await schedule.backfill({ start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-10-01T00:00:01Z') });
      const result = await eventually(async () => {
        const description = await schedule.describe();
        const action = description.info.recentActions.at(-1);
        expect(action).toBeDefined();
        return client.workflow.getHandle(action!.action.workflow.workflowId).result() as Promise<unknown>;
      }, 60_000);
      expect(result).toEqual({ quarter: '2026-Q3', published: 0, unchanged: 9 });
      const again = await list(org.adminToken, 'quarter=2026-Q3&pageSize=200&allVersions=true');
      expect(again.map((c) => [c.id, c.contentHash]).sort()).toEqual(all.map((c) => [c.id, c.contentHash]).sort());
    });

    it('keeps published scorecards when the formula changes; a correction with the new formula is a new version the unit hears of', async () => {
      const bad = await stack.http().post('/api/reports/scorecards/formulas').set(auth(org.adminToken)).send({ ...DEFAULT_FORMULA, generalPoints: 40 }).expect(400);
      expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('results');
      const formula = (await stack.http().post('/api/reports/scorecards/formulas').set(auth(org.adminToken)).send({ ...DEFAULT_FORMULA, lateDeduction: 0.5, note: 'Nghị quyết của Ban Thường vụ' }).expect(201)).body;
      expect(formula.version).toBe(2);
      expect(await card(org.adminToken, unitCard.id)).toMatchObject({ formulaVersion: 1, results: 43.91, contentHash: unitCard.contentHash });

      // Nothing changed with its own formula: nothing to correct.
      await stack.http().post(`/api/reports/scorecards/${unitCard.id}/corrections`).set(auth(org.adminToken)).send({ reason: 'Rà soát' }).expect(409);
      const corrected = (await stack.http().post(`/api/reports/scorecards/${unitCard.id}/corrections`).set(auth(org.adminToken)).send({ reason: 'Áp dụng công thức mới', formulaVersion: 2 }).expect(201)).body as ScorecardDto;
      // T2: two steps of lateness at −50% each keeps nothing of its 6.25 progress points.
      expect(corrected).toMatchObject({ version: 2, formulaVersion: 2, reason: 'Áp dụng công thức mới', results: 40.78, general: 27, total: 67.78 });
      expect(corrected.versions.map((v) => v.version)).toEqual([1, 2]);
      expect(await card(org.adminToken, unitCard.id)).toMatchObject({ version: 1, results: 43.91 });
      const [mail] = await stack.mail.waitFor((m) => m.to.includes('chu.tich@minhchau.hanoi.gov.vn') && m.subject.includes('2026-Q3'));
      expect(mail.subject).toContain('đã được đính chính (phiên bản 2)');
      expect(mail.text).toContain('Áp dụng công thức mới');
      // The general points go on the latest version only.
      await stack.http().put(`/api/reports/scorecards/${unitCard.id}/general`).set(auth(org.tokens.leaderHanoi)).send({ points: 20, comment: 'x' }).expect(409);
      expect((await list(org.adminToken, `quarter=2026-Q3&unitId=${org.unitIds['HN-X001']}&kind=UNIT`)).map((c) => c.version)).toEqual([2]);
    });

    it('shows each reader the scorecards of their scope', async () => {
      const codes = async (token: string) => (await list(token, 'quarter=2026-Q3&pageSize=200')).map((c) => `${c.kind} ${c.unit.code}`).sort();
      expect(await codes(org.tokens.headCommune)).toEqual(['HEAD HN-X001', 'UNIT HN-X001']);
      expect(await codes(org.tokens.leaderHanoi)).toEqual(['HEAD HN', 'HEAD HN-X001', 'LEADER HN', 'UNIT HN', 'UNIT HN-SKHCN', 'UNIT HN-X001']);
      expect((await codes(org.tokens.auditor)).length).toBe(9);
      await stack.http().get('/api/reports/scorecards').set(auth(org.tokens.officerCommune)).expect(403);
      const hp = all.find((c) => c.unit.code === 'HP-X001')!;
      await stack.http().get(`/api/reports/scorecards/${hp.id}`).set(auth(org.tokens.headCommune)).expect(404);
      await stack.http().get('/api/reports/scorecards?quarter=2026-Q9').set(auth(org.adminToken)).expect(400);
      await stack.http().post('/api/reports/scorecards').set(auth(org.adminToken)).send({ quarter: '1999-Q1' }).expect(400);
    });

    it('exports a scorecard as a workbook that reads back', async () => {
      const res = await stack.http().get(`/api/reports/scorecards/${unitCard.id}/export?format=xlsx`).set(auth(org.tokens.auditor)).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-disposition']).toContain('phieu-danh-gia-2026-Q3-unit-HN-X001-v1.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as never);
      const rows = workbook.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
      expect(rows).toContainEqual(['Số lượng nhiệm vụ hoàn thành', 15, 20, '20 × 3/4 = 15']);
      expect(rows).toContainEqual(['Tổng điểm', 70.91, 100]);
      const detail = workbook.worksheets[1].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
      expect(detail.map((r) => r[0])).toEqual(expect.arrayContaining(['Q3-T1', 'Q3-T2', 'Q3-T3', 'Q3-T4']));
    });

    it('prints a scorecard to PDF with its Vietnamese text (headless Chromium)', async () => {
      const res = await stack.http().get(`/api/reports/scorecards/${unitCard.id}/export?format=pdf`).set(auth(org.tokens.leaderHanoi)).buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('phieu-danh-gia-2026-Q3-unit-HN-X001-v1.pdf');
      const text = pdfText(res.body as Buffer).join(' ').replace(/\s+/g, ' ');
      // The diacritics survive: the fonts are embedded and the text is real text, not pictures.
      expect(text).toContain('PHIẾU ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ 2026-Q3');
      expect(text).toContain('Xã Minh Châu');
      expect(text).toContain('20 × 3/4 = 15');
      expect(text).toContain('Không hoàn thành nhiệm vụ');
      expect(text).toContain('hoàn thành chậm 7 ngày làm việc');
    });

    it('has its quarterly schedule in Vietnam’s time', async () => {
      const description = await stack.api.get(Client).schedule.getHandle(reportScheduleId('quarterly-scorecards', stack.taskQueue)).describe();
      expect(description.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(description.spec.calendars).toEqual([
        expect.objectContaining({ month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }, { start: 'APRIL', end: 'APRIL', step: 1 }, { start: 'JULY', end: 'JULY', step: 1 }, { start: 'OCTOBER', end: 'OCTOBER', step: 1 }], dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 7, end: 7, step: 1 }] }),
      ]);
      expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'quarterlyScorecardsWorkflow', taskQueue: stack.taskQueue });
      expect(description.state.paused).toBe(true);
    });
  });
});
