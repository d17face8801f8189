import { randomUUID } from 'node:crypto';
import { Client, ScheduleOverlapPolicy } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { briefingScheduleId, type BriefingDto, type BriefingPageDto } from '@dondoc/tasks';
import type { BriefingResult } from '@dondoc/workflows/briefing.types';
import { buildOrganisation, PEOPLE, type Organisation, type PersonKey } from './factories/organisation.factory';
import { fastTemplate } from './factories/task.factory';
import { ensureChromium } from './helpers/browser';
import { eventually } from './helpers/eventually';
import { pdfText } from './helpers/pdf-text';
import { ADMIN, startTestStack, type TestStack } from './helpers/test-stack';
import type { CapturedMail } from '../libs/dev-stack/src/mail-sink';

/**
 * The weekly briefing (issue 14, part 1) on hand-made tasks and timelines of 2026-W47 — the week
 * whose pack is counted at Monday 16 November 2026 08:00 Asia/Ho_Chi_Minh, its changes since
 * Monday 9 November 08:00 — issued through the route and through backfills of the paused
 * schedule, read back whole and by a commune's head, emailed with its XLSX.
 */
describe('Weekly briefing', () => {
  let stack: TestStack;
  let org: Organisation;
  let client: Client;
  const vn = (local: string) => new Date(`${local}+07:00`);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ids: Record<string, string> = {};
  /** The admin signed in by the stack; the people of the organisation factory. */
  const token = (who: PersonKey | 'admin') => (who === 'admin' ? org.adminToken : org.tokens[who]);
  const issue = (body: Record<string, unknown>, who: PersonKey | 'admin' = 'admin') => stack.http().post('/api/reports/briefings').set(auth(token(who))).send(body);
  const read = (id: string, who: PersonKey | 'admin' = 'admin', lang = 'vi') => stack.http().get(`/api/reports/briefings/${id}?lang=${lang}`).set(auth(token(who)));
  const briefingMails = (week: string, version: number) => (mail: CapturedMail) => (mail.headers['x-dondoc-idempotency-key'] ?? '').startsWith(`briefing:${week}:v${version}:`);

  interface Row {
    code: string;
    unit: string;
    assigned: string;
    due: string;
    delivered?: string;
    completed?: string;
    cancelled?: string;
    /** type, data, when (Vietnam time), who */
    events?: [string, Record<string, unknown>, string, PersonKey | null][];
  }

  /** A task row and its timeline as the recording leaves them, without a workflow (they are past). */
  async function insert(row: Row): Promise<void> {
    const id = randomUUID();
    ids[row.code] = id;
    const [template] = await stack.dataSource.query<{ id: string }[]>(`SELECT id FROM task_templates WHERE key = 'giao' ORDER BY version DESC LIMIT 1`);
    const status = row.cancelled ? 'CANCELLED' : row.completed ? 'DONE' : 'IN_PROGRESS';
    await stack.dataSource.query(
      `INSERT INTO tasks (id, code, title, template_id, lead_unit_id, focal_officer_id, assigned_by, assigned_at, original_due_at, due_at, status, delivered_at, completed_at, cancelled_at, definition, workflow_id, last_event_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, '{}'::jsonb, $14, $15)`,
      [
        id,
        row.code,
        `Nhiệm vụ ${row.code}`,
        template.id,
        org.unitIds[row.unit],
        row.unit === 'HN-X001' ? org.userIds.officerCommune : null,
        org.userIds.admin2,
        vn(row.assigned),
        vn(row.due),
        status,
        row.delivered ? vn(row.delivered) : null,
        row.completed ? vn(row.completed) : null,
        row.cancelled ? vn(row.cancelled) : null,
        `task-${id}`,
        (row.events?.length ?? 0) + 1,
      ],
    );
    await stack.dataSource.query(`INSERT INTO task_events (task_id, seq, type, at, actor_id, to_status, data) VALUES ($1, 1, 'ASSIGNED', $2, $3, 'ASSIGNED', '{}')`, [id, vn(row.assigned), org.userIds.admin2]);
    for (const [i, [type, data, when, who]] of (row.events ?? []).entries()) {
      await stack.dataSource.query(`INSERT INTO task_events (task_id, seq, type, at, actor_id, to_status, data) VALUES ($1, $2, $3, $4, $5, 'IN_PROGRESS', $6)`, [id, i + 2, type, vn(when), who ? org.userIds[who] : null, data]);
    }
  }

  beforeAll(async () => {
    // The pack also goes to the commune's head (a unit's head named in BRIEFING_RECIPIENTS), who reads English.
    // A Chromium prints the pack's PDF, attached next to the XLSX.
    stack = await startTestStack({ env: { BRIEFING_RECIPIENTS: 'head:HN-X001, nobody@nowhere.gov.vn', CHROMIUM_PATH: ensureChromium() } });
    org = await buildOrganisation(stack);
    client = stack.api.get(Client);
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('giao')).expect(201);
    await stack.http().patch('/api/auth/me').set(auth(org.tokens.headCommune)).send({ language: 'en' }).expect(200);

    // Overdue since Thursday 5 November (before the week): 7 working days late at the cut-off; an extension asked in the week, undecided then (decided after).
    await insert({
      code: 'W47-T1',
      unit: 'HN-X001',
      assigned: '2026-10-01T09:00:00',
      due: '2026-11-05T17:00:00',
      events: [
        ['OVERDUE', { level: 1 }, '2026-11-05T17:00:00', null],
        ['EXTENSION_REQUESTED', { requestId: 'E3', reason: 'Chờ số liệu', newDueAt: vn('2026-12-15T17:00:00').toISOString() }, '2026-11-10T09:00:00', 'officerCommune'],
        ['EXTENSION_APPROVED', { requestId: 'E3', newDueAt: vn('2026-12-15T17:00:00').toISOString() }, '2026-11-17T09:00:00', 'admin2'],
      ],
    });
    // Due Thursday 12 November, in the week: newly overdue (2 working days late); asked to explain, not answered; a blocker declared and confirmed.
    await insert({
      code: 'W47-T2',
      unit: 'HN-X001',
      assigned: '2026-10-01T09:00:00',
      due: '2026-11-12T17:00:00',
      events: [
        ['EXPLANATION_REQUESTED', { requestId: 'X2', question: 'Vì sao chậm?' }, '2026-11-13T10:00:00', 'leaderHanoi'],
        ['BLOCKER_DECLARED', { blockerId: 'BL3', reason: 'Chờ Sở' }, '2026-11-11T10:00:00', 'officerCommune'],
        ['BLOCKER_DECIDED', { blockerId: 'BL3', confirm: true }, '2026-11-12T10:00:00', 'leaderHanoi'],
      ],
    });
    // Assigned in the week, due at the end of the year.
    await insert({ code: 'W47-T3', unit: 'HN-SKHCN', assigned: '2026-11-10T09:00:00', due: '2026-12-31T17:00:00' });
    // Completed in the week, delivered on time; its product regressed two days later.
    await insert({ code: 'W47-T4', unit: 'HP-X001', assigned: '2026-10-01T09:00:00', due: '2026-11-11T17:00:00', delivered: '2026-11-11T10:00:00', completed: '2026-11-12T09:00:00', events: [['REGRESSED', {}, '2026-11-14T09:00:00', null]] });
    // Completed in the week, delivered ten days late.
    await insert({ code: 'W47-T5', unit: 'HP-X001', assigned: '2026-10-01T09:00:00', due: '2026-11-03T17:00:00', delivered: '2026-11-13T10:00:00', completed: '2026-11-13T15:00:00' });
    // Overdue since 20 October (19 working days); a matter beyond authority raised before the week, and level 3 proposed to the steering committee in it.
    await insert({
      code: 'W47-T6',
      unit: 'BKHCN-VP',
      assigned: '2026-09-01T09:00:00',
      due: '2026-10-20T17:00:00',
      events: [
        ['BEYOND_AUTHORITY_RAISED', { requestId: 'B2', reason: 'Cần cơ chế đặc thù' }, '2026-11-02T10:00:00', 'admin2'],
        ['ESCALATION_PROPOSED', { proposalId: 'P3', level: 3, deciders: [org.userIds.leaderCentral], decider: 'STEERING_COMMITTEE' }, '2026-11-11T09:00:00', null],
      ],
    });
    // Assigned and cancelled in the week; and one assigned after the cut-off (never counted).
    await insert({ code: 'W47-T7', unit: 'HN-X001', assigned: '2026-11-14T09:00:00', due: '2026-12-20T17:00:00', cancelled: '2026-11-15T09:00:00' });
    await insert({ code: 'W47-T8', unit: 'HN-X001', assigned: '2026-11-17T09:00:00', due: '2026-11-18T17:00:00' });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('puts the weekly-briefing schedule in place at worker start: Monday 08:00 Asia/Ho_Chi_Minh, buffer one, a week of catch-up, paused in the test stack', async () => {
    const description = await eventually(() => client.schedule.getHandle(briefingScheduleId(stack.taskQueue)).describe());
    expect(description.spec.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(description.spec.calendars).toEqual([
      expect.objectContaining({ dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }], hour: [{ start: 8, end: 8, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }], second: [{ start: 0, end: 0, step: 1 }] }),
    ]);
    expect(description.policies).toMatchObject({ overlap: 'BUFFER_ONE', catchupWindow: 7 * 86_400_000 });
    expect(description.state.paused).toBe(true);
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'briefingWorkflow', taskQueue: stack.taskQueue, args: [{}] });
    // The next fire is a Monday 01:00 UTC (08:00 in Vietnam).
    const next = description.info.nextActionTimes[0];
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 1, 0]);
  });

  let v1: BriefingDto;

  it('issues a past week through the route: the statistic set, the week’s changes, the most overdue tasks and who must act, decisions waiting, heads', async () => {
    const res = await issue({ week: '2026-W47' }).expect(201);
    v1 = res.body as BriefingDto;
    expect(res.headers.location).toBe(`/api/reports/briefings/${v1.id}`);
    expect(v1).toMatchObject({ week: '2026-W47', version: 1, cutOff: vn('2026-11-16T08:00:00').toISOString(), previousCutOff: vn('2026-11-09T08:00:00').toISOString(), mondayOff: false, reason: null, scope: 'all' });
    expect(v1.issuedBy).toMatchObject({ email: ADMIN.email });
    expect(v1.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const { statistics, changes, units, mostOverdue, decisions, heads } = v1.content;

    // Six tasks counted at the cut-off (T7 cancelled, T8 not yet assigned).
    expect(statistics.totals).toMatchObject({ label: 'Tổng cộng', total: 6, cancelled: 1, original: { doneOnTime: 1, doneLate: 1, inProgressWithinDeadline: 1, overdue: 3, alreadyDue: 5 } });
    expect(statistics.totals?.current.overdue).toBe(3);
    expect(statistics.firstLevel.map((r) => [r.label, r.total, r.current.overdue])).toEqual([
      ['Bộ Khoa học và Công nghệ', 1, 1],
      ['Thành phố Hà Nội', 3, 2],
      ['Thành phố Hải Phòng', 2, 0],
    ]);
    expect(changes.totals).toMatchObject({
      newTasks: 2,
      completedOnTime: 1,
      completedLate: 1,
      cancelled: 1,
      newlyOverdue: 1,
      escalationsRaised: 1,
      extensionsRequested: 1,
      extensionsGranted: 0,
      explanationsRequested: 1,
      explanationsUnanswered: 1,
      beyondAuthorityRaised: 0,
      regressions: 1,
      blockersOpened: 1,
      blockersConfirmed: 1,
    });
    expect(changes.firstLevel.map((r) => [r.unit.code, r.changes.newTasks, r.changes.newlyOverdue])).toEqual([
      ['BKHCN', 0, 0],
      ['HN', 2, 1],
      ['HP', 0, 0],
    ]);
    expect(units.map((l) => [l.unit.code, l.figures.total, l.figures.current.overdue])).toEqual([
      ['BKHCN-VP', 1, 1],
      ['HN-SKHCN', 1, 0],
      ['HN-X001', 2, 2],
      ['HP-X001', 2, 0],
    ]);
    expect(v1.scopeTotals).toMatchObject({ total: 6, original: { overdue: 3 }, changes: { newTasks: 2 } });

    expect(mostOverdue.map((t) => [t.rank, t.code, t.daysLate, t.unit.code, t.head?.email ?? null])).toEqual([
      [1, 'W47-T6', 19, 'BKHCN-VP', null],
      [2, 'W47-T1', 7, 'HN-X001', PEOPLE.headCommune.email],
      [3, 'W47-T2', 2, 'HN-X001', PEOPLE.headCommune.email],
    ]);
    // Who must act next, as the timeline stood at the cut-off (T1's extension was decided only after it).
    expect(mostOverdue.map((t) => [t.code, t.nextAction.kind, t.nextAction.requestId, t.nextAction.people.map((p) => p.email)])).toEqual([
      ['W47-T6', 'DECIDE_ESCALATION', 'P3', [PEOPLE.leaderCentral.email]],
      ['W47-T1', 'DECIDE_EXTENSION', 'E3', [PEOPLE.admin2.email]],
      ['W47-T2', 'ANSWER_EXPLANATION', 'X2', [PEOPLE.headCommune.email, PEOPLE.officerCommune.email]],
    ]);
    expect(mostOverdue[1].lastAction).toMatchObject({ type: 'EXTENSION_REQUESTED', at: vn('2026-11-10T09:00:00').toISOString(), by: { email: PEOPLE.officerCommune.email } });

    expect(decisions.map((d) => [d.kind, d.taskCode, d.requestId, d.level, d.waitingWorkingDays, d.deciders.map((p) => p.email)])).toEqual([
      ['beyondAuthority', 'W47-T6', 'B2', null, 10, [PEOPLE.admin2.email]],
      ['escalation', 'W47-T6', 'P3', 3, 3, [PEOPLE.leaderCentral.email]],
    ]);
    expect(heads.map((h) => [h.person.email, h.unit?.code, h.overdue, h.total, h.maxDaysLate])).toEqual([[PEOPLE.headCommune.email, 'HN-X001', 2, 2, 7]]);

    // Audited with the request, by the administrator.
    const [audit] = await stack.dataSource.query(`SELECT actor_email, summary FROM audit_events WHERE action = 'BRIEFING_ISSUED' AND subject_id = $1`, [v1.id]);
    expect(audit).toMatchObject({ actor_email: ADMIN.email, summary: { week: '2026-W47', version: 1, contentHash: v1.contentHash } });
  });

  it('gives the same pack for the same week again (200, same hash), lists it once, and never changes a stored pack', async () => {
    const again = await issue({ week: '2026-11-18' }).expect(200);
    expect([again.body.id, again.body.version, again.body.contentHash]).toEqual([v1.id, 1, v1.contentHash]);
    const list = await stack.http().get('/api/reports/briefings?week=2026-W47').set(auth(org.adminToken)).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ id: v1.id, week: '2026-W47', version: 1, contentHash: v1.contentHash }] });
    await expect(stack.dataSource.query(`UPDATE weekly_briefings SET reason = 'x' WHERE id = $1`, [v1.id])).rejects.toThrow(/never change/);
    await expect(stack.dataSource.query(`DELETE FROM weekly_briefings WHERE id = $1`, [v1.id])).rejects.toThrow(/never change/);
  });

  it('emails it once to each recipient, in their language, with the pack as an XLSX that parses back — their part of it', async () => {
    const recipients = [ADMIN.email, PEOPLE.admin2.email, PEOPLE.leaderCentral.email, PEOPLE.headCommune.email].sort();
    const mails = await stack.mail.waitFor(briefingMails('2026-W47', 1), 4);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stack.mail.all().filter(briefingMails('2026-W47', 1)).flatMap((m) => m.envelopeTo).sort()).toEqual(recipients);

    const leader = mails.find((m) => m.envelopeTo.includes(PEOPLE.leaderCentral.email))!;
    expect(leader.subject).toBe('[dondoc] Giao ban tuần 2026-W47: 3 nhiệm vụ quá hạn');
    expect(leader.text).toContain('Tổng số nhiệm vụ: 6; hoàn thành đúng hạn: 1; quá hạn: 3.');
    expect(leader.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['giao-ban-2026-W47-v1.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['giao-ban-2026-W47-v1.pdf', 'application/pdf'],
    ]);
    // The print view, printed by Chromium: real text with its diacritics.
    const printed = pdfText(leader.attachments[1].content).join(' ').replace(/\s+/g, ' ');
    expect(printed).toContain('TÀI LIỆU GIAO BAN TUẦN 2026-W47');
    expect(printed).toContain('Các nhiệm vụ quá hạn nhiều nhất (3)');
    expect(printed).toContain('W47-T6');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(leader.attachments[0].content as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tong hop', 'Thay doi trong tuan', 'Theo don vi', 'Qua han nhieu nhat', 'Cho quyet dinh', 'Nguoi dung dau']);
    expect(workbook.getWorksheet('Tong hop')!.getCell('A1').value).toBe('TÀI LIỆU GIAO BAN TUẦN 2026-W47');
    const overdue = workbook.getWorksheet('Qua han nhieu nhat')!;
    expect([2, 3, 4].map((r) => [overdue.getCell(r, 2).value, overdue.getCell(r, 7).value])).toEqual([
      ['W47-T6', 19],
      ['W47-T1', 7],
      ['W47-T2', 2],
    ]);
    expect(workbook.getWorksheet('Cho quyet dinh')!.rowCount).toBe(3);

    // The commune's head reads English, and only the commune's part.
    const head = mails.find((m) => m.envelopeTo.includes(PEOPLE.headCommune.email))!;
    expect(head.subject).toBe('[dondoc] Weekly briefing 2026-W47: 2 overdue tasks');
    expect(head.text).toContain('Tasks: 2; done on time: 0; overdue: 2.');
    const part = new ExcelJS.Workbook();
    await part.xlsx.load(head.attachments[0].content as unknown as ArrayBuffer);
    expect(part.worksheets.map((s) => s.name)).toEqual(['Summary', 'Changes', 'By unit', 'Most overdue', 'Decisions waiting', 'Heads']);
    const byUnit = part.getWorksheet('By unit')!;
    expect(byUnit.rowCount).toBe(2);
    expect(byUnit.getCell('A2').value).toBe('HN-X001');
    const theirs = part.getWorksheet('Most overdue')!;
    expect([theirs.getCell('B2').value, theirs.getCell('B3').value, theirs.rowCount]).toEqual(['W47-T1', 'W47-T2', 3]);

    // And it is in the in-app inbox.
    const inbox = await stack.http().get('/api/notifications').set(auth(org.tokens.leaderCentral)).expect(200);
    expect((inbox.body as { items: { template: string; subject: string }[] }).items.filter((n) => n.template === 'weekly-briefing').map((n) => n.subject)).toEqual(['[dondoc] Giao ban tuần 2026-W47: 3 nhiệm vụ quá hạn']);
  });

  it('shows a commune’s head their part only; a province’s leader their province; auditors and the steering committee’s leader all', async () => {
    const head = (await read(v1.id, 'headCommune', 'en').expect(200)).body as BriefingDto;
    expect(head).toMatchObject({ scope: 'part', scopeText: 'The units within your scope', contentHash: v1.contentHash, scopeTotals: { total: 2, original: { overdue: 2 }, changes: { newTasks: 1, newlyOverdue: 1, cancelled: 1 } } });
    expect(head.content.statistics).toEqual({ totals: null, firstLevel: [] });
    expect(head.content.changes.totals).toBeNull();
    expect(head.content.units.map((l) => l.unit.code)).toEqual(['HN-X001']);
    expect(head.content.mostOverdue.map((t) => t.code)).toEqual(['W47-T1', 'W47-T2']);
    expect(head.content.decisions).toEqual([]);
    expect(head.content.heads.map((h) => h.person.email)).toEqual([PEOPLE.headCommune.email]);

    const province = (await read(v1.id, 'leaderHanoi').expect(200)).body as BriefingDto;
    expect(province.scope).toBe('part');
    expect(province.content.statistics.firstLevel.map((r) => r.label)).toEqual(['Thành phố Hà Nội']);
    expect(province.content.units.map((l) => l.unit.code)).toEqual(['HN-SKHCN', 'HN-X001']);

    for (const who of ['auditor', 'leaderCentral'] as const) {
      const all = (await read(v1.id, who).expect(200)).body as BriefingDto;
      expect([all.scope, all.content.statistics.totals?.total, all.content.mostOverdue.length]).toEqual(['all', 6, 3]);
    }
    // Labels in the reader's language; the stored figures do not change.
    const english = (await read(v1.id, 'admin', 'en').expect(200)).body as BriefingDto;
    expect(english.content.statistics.totals?.label).toBe('Total');
    expect(english.content.statistics.firstLevel[0].label).toBe('Bộ Khoa học và Công nghệ');

    const file = await stack
      .http()
      .get(`/api/reports/briefings/${v1.id}/export?format=xlsx`)
      .set(auth(org.tokens.headCommune))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="giao-ban-2026-W47-v1.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as ArrayBuffer);
    expect(workbook.getWorksheet('By unit')!.rowCount).toBe(2);
  });

  let v2: BriefingDto;

  it('makes a new version when issued again with a reason (same figures, same hash), emailed again; the same reason again is the same request', async () => {
    const res = await issue({ week: '2026-W47', reason: 'Bổ sung số liệu của Hải Phòng' }).expect(201);
    v2 = res.body as BriefingDto;
    expect(v2).toMatchObject({ week: '2026-W47', version: 2, reason: 'Bổ sung số liệu của Hải Phòng', cutOff: v1.cutOff });
    expect(v2.id).not.toBe(v1.id);
    // Nothing in the past week changed: the pack counted again is the same, byte for byte.
    expect(v2.contentHash).toBe(v1.contentHash);
    const retried = await issue({ week: '2026-W47', reason: 'Bổ sung số liệu của Hải Phòng' }).expect(200);
    expect([retried.body.id, retried.body.version]).toEqual([v2.id, 2]);
    expect((await issue({ week: '2026-W47' }).expect(200)).body.id).toBe(v2.id);
    const mails = await stack.mail.waitFor(briefingMails('2026-W47', 2), 4);
    expect(mails.find((m) => m.envelopeTo.includes(PEOPLE.leaderCentral.email))!.subject).toBe('[dondoc] Giao ban tuần 2026-W47 (phiên bản 2): 3 nhiệm vụ quá hạn');
    const list = await stack.http().get('/api/reports/briefings?week=2026-W47').set(auth(org.adminToken)).expect(200);
    expect((list.body as BriefingPageDto).items.map((b) => b.version)).toEqual([2, 1]);
  });

  /** Backfills the schedule over one scheduled time and returns the result of the workflow it started. */
  async function backfill(mondayUtc: string): Promise<BriefingResult> {
    const handle = client.schedule.getHandle(briefingScheduleId(stack.taskQueue));
    const at = new Date(mondayUtc);
    await handle.backfill({ start: new Date(at.getTime() - 60_000), end: new Date(at.getTime() + 60_000), overlap: ScheduleOverlapPolicy.ALLOW_ALL });
    const workflowId = `${briefingScheduleId(stack.taskQueue)}-${at.toISOString().replace('.000Z', 'Z')}`;
    return eventually(() => client.workflow.getHandle(workflowId).result() as Promise<BriefingResult>, 60_000, 500);
  }

  it('backfills a past week from the schedule’s time, never the clock: the same pack the route issues', async () => {
    // The week already issued: the schedule's run finds its latest pack and issues nothing.
    const same = await backfill('2026-11-16T01:00:00Z');
    expect(same).toEqual({ briefingId: v2.id, week: '2026-W47', version: 2, contentHash: v1.contentHash, created: false });

    // A week not yet issued: the backfill issues it (by dondoc), and the route then returns that very pack.
    const w46 = await backfill('2026-11-09T01:00:00Z');
    expect(w46).toMatchObject({ week: '2026-W46', version: 1, created: true });
    const viaRoute = await issue({ week: '2026-W46' }).expect(200);
    expect(viaRoute.body).toMatchObject({ id: w46.briefingId, contentHash: w46.contentHash, issuedBy: null, cutOff: vn('2026-11-09T08:00:00').toISOString() });
    // At that cut-off T2 was still within its deadline and T5 overdue, not yet done.
    expect(viaRoute.body.content.statistics.totals.original).toMatchObject({ doneOnTime: 0, doneLate: 0, inProgressWithinDeadline: 2, overdue: 3 });
    // Counted again through the route with a reason: the same figures, the same hash.
    const recount = await issue({ week: '2026-W46', reason: 'Đối chiếu' }).expect(201);
    expect([recount.body.version, recount.body.contentHash]).toEqual([2, w46.contentHash]);
  });

  it('counts a week whose Monday is a day off at 08:00 of the next working day (2026-W18: Monday 27 April, Hùng Kings’ substitute day)', async () => {
    const w18 = await backfill('2026-04-27T01:00:00Z');
    expect(w18).toMatchObject({ week: '2026-W18', version: 1, created: true });
    const pack = (await read(w18.briefingId).expect(200)).body as BriefingDto;
    expect(pack).toMatchObject({ cutOff: vn('2026-04-28T08:00:00').toISOString(), previousCutOff: vn('2026-04-20T08:00:00').toISOString(), mondayOff: true });
    // The week after counts its changes from that Tuesday.
    const w19 = await issue({ week: '2026-W19' }).expect(201);
    expect(w19.body).toMatchObject({ previousCutOff: vn('2026-04-28T08:00:00').toISOString(), cutOff: vn('2026-05-04T08:00:00').toISOString(), mondayOff: false });
    // The first week of the calendar's range: Monday 3 January 2000 is New Year's substitute day off.
    const first = await issue({ week: '2000-W01' }).expect(201);
    expect(first.body).toMatchObject({ cutOff: vn('2000-01-04T08:00:00').toISOString(), previousCutOff: vn('1999-12-27T08:00:00').toISOString(), mondayOff: true, scopeTotals: { total: 0 } });
  });

  it('refuses bad input with a 400 naming the field, an unknown pack with a 404, and issuing to anyone but administrators', async () => {
    const problems = async (body: Record<string, unknown>) => ((await issue(body).expect(400)).body as { errors: { field: string; rule: string }[] }).errors.map((e) => `${e.field}:${e.rule}`);
    expect(await problems({ week: 'next week' })).toEqual(['week:isoWeek']);
    expect(await problems({ week: '2026-02-30' })).toEqual(['week:isoWeek']);
    expect(await problems({ week: '2025-W53' })).toEqual(['week:isoWeek']);
    expect(await problems({ week: '1999-W52' })).toEqual(['week:calendarRange']);
    expect(await problems({ week: '2100-W40' })).toEqual(['week:calendarRange']);
    expect(await problems({ week: '2099-W10' })).toEqual(['week:cutOffPassed']);
    expect(await problems({ week: '9'.repeat(30) })).toEqual(['week:maxLength']);
    expect(await problems({ week: 2026 })).toContain('week:isString');
    expect(await problems({})).toEqual(['week:isDefined']);
    expect(await problems({ week: '2026-W47', reason: '' })).toEqual(['reason:minLength']);
    expect(await problems({ week: '2026-W47', reason: 'a\u0000b' })).toEqual(['reason:noControlCharacters']);
    expect(await problems({ week: '2026-W47', extra: 1 })).toEqual(['extra:whitelistValidation']);
    const message = (await issue({ week: 'tuần sau' }).expect(400)).body.errors[0].message;
    expect(message).toBe('week phải là tuần ISO (ví dụ 2026-W48) hoặc một ngày có thật (ví dụ 2026-11-25)');
    const english = await stack.http().post('/api/reports/briefings?lang=en').set(auth(org.adminToken)).send({ week: '1999-W52' }).expect(400);
    expect(english.body.errors[0].message).toBe('week must fall between the first week of 2000 and mid-2100 (the working-day calendar’s range)');

    const unknown = randomUUID();
    const missing = await read(unknown).expect(404);
    expect(missing.body.message).toBe(`Không tìm thấy tài liệu giao ban tuần có mã ${unknown}.`);
    expect((await read('not-a-uuid').expect(400)).body.errors[0].field).toBe('id');
    await stack.http().get(`/api/reports/briefings/${v1.id}/export?format=docx`).set(auth(org.adminToken)).expect(400);
    // A PDF where a Chromium is configured (this stack has one).
    const pdf = await stack.http().get(`/api/reports/briefings/${v1.id}/export?format=pdf`).set(auth(org.adminToken)).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    await stack.http().get('/api/reports/briefings?week=2026-W99').set(auth(org.adminToken)).expect(400);
    await stack.http().get('/api/reports/briefings?pageSize=100000000000000000000').set(auth(org.adminToken)).expect(400);
    await issue({ week: '2026-W47', reason: 'x' }, 'leaderCentral').expect(403);
    await stack.http().get('/api/reports/briefings').expect(401);
  });
});
