import { AuditEvent } from '@dondoc/audit';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { eventually } from './helpers/eventually';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * The working-day calendar on the real stack: the decided 2026 schedule as seeded, later years from the Labour Code's
 * rules, the Civil Code deadline, and administrators' overrides (audited, seen at once by GET, the deadline and
 * calendar_days). Overrides are made in 2099 so no other suite counts days across them.
 */
describe('Working-day calendar', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (token: string, path: string) => stack.http().get(path).set(auth(token));
  const put = (token: string, date: string, body: object) => stack.http().put(`/api/calendar/overrides/${date}`).set(auth(token)).send(body);
  const fields = (res: { body: { errors?: { field: string; rule: string }[] } }) => (res.body.errors ?? []).map((e) => `${e.field}:${e.rule}`);
  const days2099 = async () => (await get(org.adminToken, '/api/calendar?year=2099').expect(200)).body.days as { date: string; working: boolean }[];
  const auditCount = () => stack.dataSource.getRepository(AuditEvent).count();
  const changes = () =>
    stack.dataSource.query<{ revision: string; dates: string[]; actor_id: string | null; request_id: string | null; recalculated_at: Date | null; tasks: number | null }[]>(
      'SELECT revision, dates::text[] AS dates, actor_id, request_id, recalculated_at, tasks FROM calendar_changes ORDER BY revision',
    );

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('shows 2026 as decided: the New Year swap, Tết from Sat 14 to Sun 22 Feb and Hùng Kings made up, with their documents', async () => {
    const res = await get(org.tokens.officerCommune, '/api/calendar?year=2026').expect(200);

    expect(res.body.settings).toEqual({ timeZone: 'Asia/Ho_Chi_Minh', restDays: [0, 6], startOfDay: '08:00', endOfDay: '17:00', notifyUntil: '20:00' });
    const byDate = new Map((res.body.days as { date: string }[]).map((day) => [day.date, day]));
    expect(byDate.get('2026-01-02')).toMatchObject({ working: false, source: 'OVERRIDE', document: '12729/VPCP-KGVX' });
    expect(byDate.get('2026-01-10')).toMatchObject({ working: true, reason: 'OVERRIDE_WORKDAY', document: '12729/VPCP-KGVX', note: 'Làm bù cho thứ Sáu 02/01/2026' });
    for (let day = 14; day <= 22; day++) {
      expect(byDate.get(`2026-02-${day}`)).toMatchObject({ working: false, source: 'OVERRIDE', document: 'Thông báo của Bộ Nội vụ về lịch nghỉ Tết Âm lịch 2026' });
    }
    expect(byDate.get('2026-02-17')).toMatchObject({ reason: 'TET', name: { vi: 'Tết Nguyên đán (mùng 1)', en: 'Lunar New Year (day 1)' } });
    expect(byDate.has('2026-02-23')).toBe(false);
    expect(byDate.get('2026-04-27')).toMatchObject({ working: false, reason: 'SUBSTITUTE', source: 'OVERRIDE' });
    expect(byDate.get('2026-09-01')).toMatchObject({ working: false, reason: 'NATIONAL_DAY', source: 'RULE', document: null });

    const overrides = await get(org.tokens.leaderHanoi, '/api/calendar/overrides?year=2026').expect(200);
    expect(overrides.body).toHaveLength(15);
    expect(overrides.body[0]).toMatchObject({ date: '2026-01-01', kind: 'HOLIDAY', document: '12729/VPCP-KGVX', createdBy: null });
  });

  it('computes 2027 from the rules: mùng 1 Tết is Sat 6 Feb, its weekend days made up on Wed 10 and Thu 11 Feb', async () => {
    const res = await get(org.tokens.headHanoi, '/api/calendar?year=2027').expect(200);

    const february = (res.body.days as { date: string; reason: string; source: string; working: boolean }[]).filter((day) => day.date.startsWith('2027-02'));
    expect(february.map((day) => `${day.date} ${day.reason} ${day.source} ${day.working}`)).toEqual([
      '2027-02-05 TET RULE false',
      '2027-02-08 TET RULE false',
      '2027-02-09 TET RULE false',
      '2027-02-10 SUBSTITUTE RULE false',
      '2027-02-11 SUBSTITUTE RULE false',
    ]);
    expect((res.body.days as { date: string }[]).map((day) => day.date)).toContain('2027-04-16'); // Hùng Kings, a Friday
  });

  it('counts a term as the Civil Code says: Thu 12 Feb 2026 + 3 working days ends Tue 24 Feb 2026 at 17:00', async () => {
    const res = await get(org.tokens.officerCommune, '/api/calendar/deadline?from=2026-02-12T10:00:00%2B07:00&workingDays=3').expect(200);

    expect(res.body).toMatchObject({ from: '2026-02-12T10:00:00+07:00', workingDays: 3, dueAt: '2026-02-24T17:00:00+07:00' });
    expect((res.body.daysOff as { date: string }[]).map((day) => day.date)).toEqual([
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22',
    ]);
    // calendar_days agrees, for statistics in SQL: 3 working days between the two dates.
    const [{ late }] = await stack.dataSource.query<{ late: number }[]>(
      `SELECT (SELECT working_ordinal FROM calendar_days WHERE date = '2026-02-24') - (SELECT working_ordinal FROM calendar_days WHERE date = '2026-02-12') AS late`,
    );
    expect(late).toBe(3);
    const [{ count }] = await stack.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM calendar_days');
    expect(count).toBe(36_890); // 2000-01-01 … 2100-12-31
  });

  it('lets an administrator declare a day off and take it back: GET, the deadline and calendar_days follow, both audited', async () => {
    const deadline = () => get(org.tokens.officerCommune, '/api/calendar/deadline?from=2099-05-29T10:00:00%2B07:00&workingDays=1').expect(200);
    const ordinal = async (date: string) =>
      (await stack.dataSource.query<{ working_ordinal: number; working: boolean }[]>('SELECT working, working_ordinal FROM calendar_days WHERE date = $1', [date]))[0];
    expect((await deadline()).body.dueAt).toBe('2099-06-01T17:00:00+07:00');
    const yearEndBefore = await ordinal('2099-12-31');

    const set = await put(org.adminToken, '2099-06-01', { kind: 'HOLIDAY', document: 'QĐ 1/2099', note: 'Nghỉ thử\nhai dòng' }).expect(200);
    expect(set.body).toMatchObject({ date: '2099-06-01', kind: 'HOLIDAY', document: 'QĐ 1/2099', note: 'Nghỉ thử\nhai dòng', createdBy: expect.any(String) });
    expect(await days2099()).toContainEqual(expect.objectContaining({ date: '2099-06-01', working: false, reason: 'OVERRIDE_HOLIDAY', document: 'QĐ 1/2099' }));
    expect((await deadline()).body.dueAt).toBe('2099-06-02T17:00:00+07:00');
    expect(await ordinal('2099-06-01')).toMatchObject({ working: false });
    expect((await ordinal('2099-12-31')).working_ordinal).toBe(yearEndBefore.working_ordinal - 1);
    expect((await ordinal('2100-12-31')).working_ordinal).toBeGreaterThan(yearEndBefore.working_ordinal);

    // Editing keeps the override (a new document), and is audited with before and after.
    await put(org.adminToken, '2099-06-01', { kind: 'HOLIDAY', document: 'QĐ 2/2099' }).expect(200);

    await stack.http().delete('/api/calendar/overrides/2099-06-01').set(auth(org.adminToken)).expect(204);
    expect((await days2099()).map((day) => day.date)).not.toContain('2099-06-01');
    expect((await deadline()).body.dueAt).toBe('2099-06-01T17:00:00+07:00');
    expect(await ordinal('2099-12-31')).toEqual(yearEndBefore);
    await stack.http().delete('/api/calendar/overrides/2099-06-01').set(auth(org.adminToken)).expect(404);

    const audit = await get(org.adminToken, '/api/audit?subjectId=2099-06-01').expect(200);
    const events = (audit.body.items as { action: string; actorEmail: string; summary: Record<string, unknown> }[]).reverse();
    expect(events.map((event) => event.action)).toEqual(['CALENDAR_OVERRIDE_SET', 'CALENDAR_OVERRIDE_SET', 'CALENDAR_OVERRIDE_REMOVED']);
    expect(events[0].summary).toEqual({ before: null, after: { date: '2099-06-01', kind: 'HOLIDAY', document: 'QĐ 1/2099', note: 'Nghỉ thử\nhai dòng' } });
    expect(events[1].summary).toMatchObject({ before: { document: 'QĐ 1/2099' }, after: { document: 'QĐ 2/2099', note: null } });
    expect(events[2].summary).toMatchObject({ before: { document: 'QĐ 2/2099' }, after: null });

    // Each change was recorded with the revision it gave, by whom, and recalculated (no open task counts across 2099).
    const [state] = await stack.dataSource.query<{ revision: string }[]>('SELECT revision FROM calendar_state WHERE id = 1');
    const recorded = await eventually(async () => {
      const rows = await changes();
      expect(rows.every((row) => row.recalculated_at !== null)).toBe(true);
      return rows;
    });
    expect(recorded.map((row) => row.revision)).toEqual([Number(state.revision) - 2, Number(state.revision) - 1, Number(state.revision)].map(String));
    expect(recorded.map((row) => row.dates)).toEqual([['2099-06-01'], ['2099-06-01'], ['2099-06-01']]);
    expect(recorded.map((row) => row.tasks)).toEqual([0, 0, 0]);
    expect(new Set(recorded.map((row) => row.actor_id))).toEqual(new Set([set.body.createdBy]));
    expect(recorded.every((row) => typeof row.request_id === 'string')).toBe(true);
  });

  it('lets only administrators change the calendar', async () => {
    const before = await auditCount();
    for (const token of [org.tokens.leaderHanoi, org.tokens.officerCommune, org.tokens.headHanoi]) {
      await put(token, '2099-06-02', { kind: 'HOLIDAY' }).expect(403);
      await stack.http().delete('/api/calendar/overrides/2026-01-10').set(auth(token)).expect(403);
    }
    await stack.http().get('/api/calendar?year=2099').expect(401);
    expect((await days2099()).map((day) => day.date)).not.toContain('2099-06-02');
    expect((await get(org.adminToken, '/api/calendar/overrides?year=2026').expect(200)).body).toHaveLength(15);
    expect(await auditCount()).toBe(before);
  });

  it('answers bad input with a 400 naming the field, and changes nothing', async () => {
    const before = await auditCount();
    const changesBefore = (await changes()).length;
    const admin = org.adminToken;
    const bad = async (res: Promise<{ status: number; body: { errors?: { field: string; rule: string }[] } }>) => {
      const answer = await res;
      expect(answer.status).toBe(400);
      return fields(answer);
    };

    expect(await bad(get(admin, '/api/calendar?year=abc'))).toContain('year:isInt');
    expect(await bad(get(admin, '/api/calendar?year=1899'))).toEqual(['year:min']);
    expect(await bad(get(admin, '/api/calendar?year=2027.5'))).toEqual(['year:isInt']);
    expect(await bad(get(admin, '/api/calendar'))).toEqual(['year:isDefined']);
    expect(await bad(get(admin, '/api/calendar/overrides?year=2201'))).toEqual(['year:max']);
    const yesterday = await get(admin, '/api/calendar/deadline?from=yesterday&workingDays=3').expect(400);
    expect(yesterday.body.errors).toEqual([{ field: 'from', rule: 'isIso8601', message: 'from phải là thời điểm theo ISO 8601 (ví dụ 2026-12-31T17:00:00+07:00)' }]);
    expect(await bad(get(admin, '/api/calendar/deadline?from=2026-02-30T10:00:00Z&workingDays=3'))).toEqual(['from:isIso8601']);
    expect(await bad(get(admin, '/api/calendar/deadline?from=2026-02-12T10:00:00Z&workingDays=-1'))).toEqual(['workingDays:min']);
    expect(await bad(get(admin, '/api/calendar/deadline?from=2026-02-12T10:00:00Z&workingDays=3651'))).toEqual(['workingDays:max']);
    expect(await bad(get(admin, '/api/calendar/deadline?from=2026-02-12T10:00:00Z&workingDays=1.5'))).toEqual(['workingDays:isInt']);

    expect(await bad(put(admin, '2099-02-30', { kind: 'HOLIDAY' }))).toEqual(['date:isDate']);
    expect(await bad(put(admin, '2099-6-1', { kind: 'HOLIDAY' }))).toEqual(['date:isDate']);
    expect(await bad(put(admin, '2099-06-02', { kind: 'MAYBE' }))).toEqual(['kind:isIn']);
    expect(await bad(put(admin, '2099-06-02', {}))).toEqual(['kind:isDefined']);
    expect(await bad(put(admin, '2099-06-02', { kind: 'HOLIDAY', document: 'x'.repeat(101) }))).toEqual(['document:maxLength']);
    expect(await bad(put(admin, '2099-06-02', { kind: 'HOLIDAY', document: 'QĐ\u0007' }))).toEqual(['document:noControlCharacters']);
    expect(await bad(put(admin, '2099-06-02', { kind: 'HOLIDAY', document: 'QĐ\n1' }))).toEqual(['document:singleLine']);
    expect(await bad(put(admin, '2099-06-02', { kind: 'HOLIDAY', extra: 1 }))).toEqual(['extra:whitelistValidation']);
    // An override must change its day: a Tuesday is already worked, a Sunday already off.
    const worked = await put(admin, '2099-06-02', { kind: 'WORKDAY' }).expect(400);
    expect(worked.body.errors).toEqual([{ field: 'kind', rule: 'changesNothing', message: 'Ngày 2099-06-02 đã là ngày làm việc' }]);
    expect(await bad(put(admin, '2099-06-07', { kind: 'HOLIDAY' }))).toEqual(['kind:changesNothing']);
    expect(await bad(stack.http().delete('/api/calendar/overrides/not-a-date').set(auth(admin)))).toEqual(['date:isDate']);

    expect((await get(admin, '/api/calendar/overrides?year=2099').expect(200)).body).toEqual([]);
    expect(await auditCount()).toBe(before);
    expect(await changes()).toHaveLength(changesBefore);
  });
});
