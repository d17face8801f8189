import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { fastTemplate } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { getTask, types, waitForEvent, type TimelineEntry } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Terms in working days on the real stack: a template of `3wd` with a `1wd` reminder, an
 * assignment counted in the calendar (the expected instants come from GET /api/calendar/deadline,
 * never from today's date written down), an extension by `2wd`, and an administrator's holiday
 * inside an open task's `40wd` term, which moves its due time by one working day (timeline, email),
 * and leaves a task of calendar days alone. The suite has its own database, so its override
 * disturbs no other suite; it is removed at the end all the same. That the workflow then fires at
 * the new time is shown in test/workflows/working-days.workflow-spec.ts (a term of seconds there).
 */
describe('Working-day terms', () => {
  let stack: TestStack;
  let org: Organisation;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (token: string, path: string, body: object) => stack.http().post(path).set(auth(token)).send(body);
  const fields = (res: { body: { errors?: { field: string; rule: string }[] } }) => (res.body.errors ?? []).map((e) => `${e.field}:${e.rule}`);
  /** The due instant the calendar gives for a term of working days from an instant (as the web app previews it). */
  const deadline = async (from: string, workingDays: number): Promise<string> => {
    const res = await stack.http().get('/api/calendar/deadline').query({ from, workingDays }).set(auth(org.tokens.officerCommune)).expect(200);
    return new Date(res.body.dueAt as string).toISOString();
  };
  const row = async (id: string) =>
    (await stack.dataSource.query<{ definition: Record<string, any>; state: Record<string, any>; due_at: Date; original_due_at: Date; assigned_at: Date }[]>('SELECT definition, state, due_at, original_due_at, assigned_at FROM tasks WHERE id = $1', [id]))[0];
  const assign = async (body: object) => {
    const res = await post(org.adminToken, '/api/tasks', { title: 'Số hoá hồ sơ một cửa', templateKey: 'lam-viec', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, ...body }).expect(201);
    return res.body as { id: string; code: string; dueAt: string; originalDueAt: string; assignedAt?: string };
  };

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
    const calm = { levels: [], decisionReminderEvery: '30d', explanationDeadline: '30d' };
    const created = await post(org.adminToken, '/api/templates', fastTemplate('lam-viec', { defaultDuration: '3wd', reminders: ['1wd'], acknowledgementReminder: null, escalation: calm })).expect(201);
    expect(created.body.rules).toMatchObject({ defaultDuration: '3wd', reminders: ['1wd'] });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('refuses a term that is not one, and a due time given twice, naming the field', async () => {
    const base = { title: 'Sai', templateKey: 'lam-viec', leadUnitId: org.unitIds['HN-X001'] };
    expect(fields(await post(org.adminToken, '/api/tasks', { ...base, duration: '3 ngày' }).expect(400))).toEqual(['duration:isTerm']);
    expect(fields(await post(org.adminToken, '/api/tasks', { ...base, duration: '0wd' }).expect(400))).toEqual(['duration:isTerm']);
    const both = await post(org.adminToken, '/api/tasks', { ...base, duration: '5wd', dueAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(400);
    expect(both.body.errors).toEqual([{ field: 'duration', rule: 'exclusive', message: 'chỉ nêu một trong hai: dueAt hoặc duration' }]);
    const bulk = await post(org.adminToken, '/api/tasks/bulk', { tasks: [{ ...base, duration: '5wd' }, { ...base, duration: '2wd', dueAt: new Date(Date.now() + 86_400_000).toISOString() }] }).expect(400);
    expect(fields(bulk)).toEqual(['tasks[1].duration:exclusive']);
    // A plan's list counts each task's term the same way.
    const plan = await post(org.adminToken, '/api/tasks/bulk', { tasks: [{ ...base, duration: '5wd' }, { ...base, duration: '10d' }] }).expect(201);
    const [inWorkingDays, inDays] = plan.body.tasks as { id: string; dueAt: string }[];
    const listed = await row(inWorkingDays.id);
    expect(inWorkingDays.dueAt).toBe(await deadline(listed.assigned_at.toISOString(), 5));
    expect(listed.definition.term).toEqual({ workingDays: 5, from: listed.assigned_at.toISOString() });
    expect((await row(inDays.id)).definition.term).toBeUndefined();
    expect(fields(await post(org.adminToken, '/api/templates', fastTemplate('sai-han', { defaultDuration: '10 wd', reminders: ['1wd', 'mai'] })).expect(400)).sort()).toEqual(['defaultDuration:isTerm', 'reminders:isTerm']);
  });

  it('counts the template’s 3wd from the assignment in the calendar, its 1wd reminder one working day before; extends by 2wd from the current due time', async () => {
    const task = await assign({});
    const stored = await row(task.id);
    const assignedAt = stored.assigned_at.toISOString();
    const due = await deadline(assignedAt, 3);
    expect(task.dueAt).toBe(due);
    expect(task.originalDueAt).toBe(due);
    expect(stored.definition.term).toEqual({ workingDays: 3, from: assignedAt });
    // One working day before a due time at 17:00 is 17:00 of the working day before: the second working day of the term.
    expect(stored.definition.reminderTimes).toEqual([{ key: '1wd', at: Date.parse(await deadline(assignedAt, 2)) }]);

    const tooMany = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, { extendBy: '2wd', newDueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), reason: 'Chờ số liệu' }).expect(400);
    expect(tooMany.body.errors).toEqual([{ field: 'extendBy', rule: 'exclusive', message: 'chỉ nêu một trong hai: newDueAt hoặc extendBy' }]);
    expect(fields(await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, { reason: 'Chờ số liệu' }).expect(400))).toEqual(['newDueAt:isDefined']);
    expect(fields(await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, { extendBy: 'hai ngày', reason: 'Chờ số liệu' }).expect(400))).toEqual(['extendBy:isTerm']);

    const requested = await post(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, { extendBy: '2wd', reason: 'Chờ số liệu của Sở' }).expect(200);
    const extended = await deadline(due, 2);
    const [request] = requested.body.pending.extensions as { id: string; newDueAt: string }[];
    expect(new Date(request.newDueAt).toISOString()).toBe(extended);
    const approved = await post(org.adminToken, `/api/tasks/${task.id}/extension-requests/${request.id}/decision`, { approve: true }).expect(200);
    expect(approved.body).toMatchObject({ dueAt: extended, originalDueAt: due });
    // The workflow counted the working-day reminder again for the new due time (an activity).
    await eventually(async () => expect((await row(task.id)).state.reminderTimes).toEqual([{ key: '1wd', at: Date.parse(await deadline(due, 1)) }]));
  });

  it('a holiday decided inside an open 40wd term moves its due time by one working day; a term in calendar days and an extended term stay; removing it moves the due time back', async () => {
    const working = await assign({ duration: '40wd' });
    const calendarDays = await assign({ duration: '60d' });
    const extendedTask = await assign({ duration: '40wd' });
    const [working0, calendar0] = [await row(working.id), await row(calendarDays.id)];
    expect(calendar0.definition.term).toBeUndefined();
    const from = working0.assigned_at.toISOString();
    expect(working.dueAt).toBe(await deadline(from, 40));
    const ask = await post(org.tokens.officerCommune, `/api/tasks/${extendedTask.id}/extension-requests`, { extendBy: '5d', reason: 'Chờ' }).expect(200);
    await post(org.adminToken, `/api/tasks/${extendedTask.id}/extension-requests/${ask.body.pending.extensions[0].id as string}/decision`, { approve: true }).expect(200);
    const extendedDue = (await getTask(stack, org.adminToken, extendedTask.id)).dueAt as string;

    // The 30th working day of the term (Vietnam date of its end): a working day well inside it.
    const day = new Date(Date.parse(await deadline(from, 30)) + 7 * 3_600_000).toISOString().slice(0, 10);
    await stack.http().put(`/api/calendar/overrides/${day}`).set(auth(org.adminToken)).send({ kind: 'HOLIDAY', document: '99/QĐ-TTg (thử)', note: 'Nghỉ bù thử nghiệm' }).expect(200);

    const moved = await deadline(working.dueAt, 1);
    expect(await deadline(from, 40)).toBe(moved);
    const after = await waitForEvent(stack, org.adminToken, working.id, 'DUE_RECALCULATED');
    expect(after).toMatchObject({ dueAt: moved, originalDueAt: moved });
    const entry = (after.timeline as TimelineEntry[]).find((e) => e.type === 'DUE_RECALCULATED')!;
    expect(entry.data).toMatchObject({ oldDueAt: working.dueAt, newDueAt: moved, dates: [day], workingDays: 40 });
    // The administrator whose decision moved it.
    expect(entry.actor).toMatchObject({ id: expect.any(String) });
    const [mail] = await stack.mail.waitFor((m) => m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn') && m.subject.includes(working.code) && m.subject.includes('được tính lại'));
    expect(mail.text).toContain('Lịch ngày làm việc vừa được điều chỉnh');

    expect(types(await getTask(stack, org.adminToken, calendarDays.id))).not.toContain('DUE_RECALCULATED');
    expect((await getTask(stack, org.adminToken, calendarDays.id)).dueAt).toBe(calendarDays.dueAt);
    expect(types(await getTask(stack, org.adminToken, extendedTask.id))).not.toContain('DUE_RECALCULATED');
    expect((await getTask(stack, org.adminToken, extendedTask.id)).dueAt).toBe(extendedDue);

    await stack.http().delete(`/api/calendar/overrides/${day}`).set(auth(org.adminToken)).expect(204);
    const back = await waitForEvent(stack, org.adminToken, working.id, 'DUE_RECALCULATED', 2);
    expect(back.dueAt).toBe(working.dueAt);
    expect(await deadline(from, 40)).toBe(working.dueAt);
  });

  it('a change committed by an API that stopped before starting its recalculation is applied by the worker’s sweeper', async () => {
    const task = await assign({ duration: '40wd' });
    const from = (await row(task.id)).assigned_at.toISOString();
    const adminId = org.userIds.admin2;
    const day = new Date(Date.parse(await deadline(from, 20)) + 7 * 3_600_000).toISOString().slice(0, 10);
    // What CalendarService commits for an override, and nothing after it (no workflow started): the
    // override, a new revision and the change under it, committed a minute ago.
    const revision = await stack.dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO calendar_overrides (date, kind, document, note, created_by, updated_by) VALUES ($1, 'HOLIDAY', '100/QĐ-TTg (thử)', 'API dừng sau khi ghi', $2, $2)`, [day, adminId]);
      const [state] = await tx.query<{ revision: string }[]>('WITH bumped AS (UPDATE calendar_state SET revision = revision + 1 WHERE id = 1 RETURNING revision) SELECT revision FROM bumped');
      await tx.query(`INSERT INTO calendar_changes (revision, dates, actor_id, created_at) VALUES ($1, $2::date[], $3, now() - interval '1 minute')`, [state.revision, [day], adminId]);
      return state.revision;
    });

    const moved = await deadline(task.dueAt, 1);
    const after = await waitForEvent(stack, org.adminToken, task.id, 'DUE_RECALCULATED');
    expect(after).toMatchObject({ dueAt: moved, originalDueAt: moved });
    const entry = (after.timeline as TimelineEntry[]).find((e) => e.type === 'DUE_RECALCULATED')!;
    expect(entry.data).toMatchObject({ oldDueAt: task.dueAt, newDueAt: moved, dates: [day] });
    expect(entry.actor).toMatchObject({ id: adminId });
    const change = async () =>
      (await stack.dataSource.query<{ recalculated_at: Date | null; tasks: number | null }[]>('SELECT recalculated_at, tasks FROM calendar_changes WHERE revision = $1', [revision]))[0];
    // Marked done once every affected task was told (the earlier 40wd task of this suite counts that day too).
    const done = await eventually(async () => {
      const marked = await change();
      expect(marked.recalculated_at).toBeInstanceOf(Date);
      return marked;
    });
    expect(done.tasks).toBeGreaterThanOrEqual(1);

    // Swept again later, the finished change starts nothing; the administrator takes the day back as usual.
    await stack.http().delete(`/api/calendar/overrides/${day}`).set(auth(org.adminToken)).expect(204);
    const back = await waitForEvent(stack, org.adminToken, task.id, 'DUE_RECALCULATED', 2);
    expect(back.dueAt).toBe(task.dueAt);
    expect(types(back).filter((type) => type === 'DUE_RECALCULATED')).toHaveLength(2);
  });
});
