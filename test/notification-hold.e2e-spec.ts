import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../apps/worker/src/setup-worker';
import { CalendarService } from '@dondoc/calendar';
import { systemActor } from '@dondoc/common';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const HOUR_MS = 3_600_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
const local = (instant: number): string => new Date(instant + 7 * HOUR_MS).toISOString();
const hhmm = (instant: number): string => local(instant).slice(11, 16);
const dateOf = (instant: number): string => local(instant).slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  id: string;
  template: string;
  user_id: string;
  message_id: string;
  status: string;
  send_after: Date | null;
  sent_at: Date | null;
}

/**
 * Emails of task events that fall outside working hours wait for the start of the next working day;
 * the inbox entry does not wait, and the overdue notice to the head goes at once.
 *
 * "Now" is not moved: the worker is restarted with its working day starting at the next minute but
 * one (CALENDAR_START_OF_DAY), and today is declared a working day in this suite's own database. So
 * what happens now falls before the start of a working day, and is held until that start, less
 * than two minutes away, whatever the hour or the day the suite runs. The API and every other suite
 * keep the ordinary calendar (and NOTIFY_WORKING_HOURS_ONLY=false): only the template here asks
 * for office hours.
 */
describe('Notification hold: emails outside working hours wait for the next working morning', () => {
  let stack: TestStack;
  let org: Organisation;
  let worker: INestApplicationContext | undefined;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    worker = await createWorkerApp();
    org = await buildOrganisation(stack);
    const plain = { defaultDuration: '1h', reminders: [], acknowledgementReminder: null, escalation: { levels: [], decisionReminderEvery: '1h', explanationDeadline: '1h' } };
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('office-hours', { ...plain, notifications: { workingHoursOnly: true } })).expect(201);
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('any-hour', plain)).expect(201);
  });

  afterAll(async () => {
    await worker?.close();
    await stack?.close();
  });

  it('a template shows its notification options; a template that does not say follows NOTIFY_WORKING_HOURS_ONLY', async () => {
    const office = await stack.http().get('/api/templates/office-hours').set(auth(org.adminToken)).expect(200);
    expect(office.body.rules.notifications).toEqual({ workingHoursOnly: true, overdueToHeadAnyTime: true });
    const anyHour = await stack.http().get('/api/templates/any-hour').set(auth(org.adminToken)).expect(200);
    expect(anyHour.body.rules.notifications).toEqual({ workingHoursOnly: null, overdueToHeadAnyTime: true });
    const bad = await stack.http().post('/api/templates').set(auth(org.adminToken)).send(fastTemplate('bad-hours', { notifications: { workingHoursOnly: 'yes' } })).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'notifications.workingHoursOnly' })]);
  });

  it('held until the start of the working day, in the inbox at once, then emailed exactly once — across a worker restart', async () => {
    // Not across midnight in Hà Nội: the working day must start later today.
    if (hhmm(Date.now()) >= '23:56') await sleep(Date.parse(`${dateOf(Date.now())}T23:59:59+07:00`) - Date.now() + 5_000);
    const start = Math.ceil((Date.now() + 45_000) / 60_000) * 60_000;
    const today = dateOf(Date.now());
    expect(dateOf(start)).toBe(today);

    // The worker computes the holds: restart it with the working day starting at `start`; today is worked.
    await worker!.close();
    Object.assign(process.env, { CALENDAR_START_OF_DAY: hhmm(start), CALENDAR_END_OF_DAY: '23:59', NOTIFY_UNTIL: '23:59' });
    worker = await createWorkerApp();
    const calendar = worker.get(CalendarService, { strict: false });
    if (!(await calendar.current()).isWorkingDay(today)) {
      await calendar.upsertOverride(systemActor('notification-hold-test'), today, { kind: 'WORKDAY', document: 'Kiểm thử', note: 'Ngày làm việc cho bộ kiểm thử giữ thông báo' });
    }

    const held = await assignTask(stack, org.adminToken, { templateKey: 'office-hours', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 5 });
    const atOnce = await assignTask(stack, org.adminToken, { templateKey: 'any-hour', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune });
    await waitForEvent(stack, org.adminToken, held.id, 'OVERDUE', 1, 30_000);
    const rowsOf = (taskId: string) =>
      stack.dataSource.query<Row[]>('SELECT id, template, user_id, message_id, status, send_after, sent_at FROM notifications WHERE task_id = $1 ORDER BY template, user_id', [taskId]);
    const rows = await eventually(async () => {
      const found = await rowsOf(held.id);
      expect(found.filter((r) => r.template === 'task-overdue')).toHaveLength(2);
      return found;
    });
    expect(Date.now()).toBeLessThan(start); // everything so far happened before the working day started
    const { headCommune: head, officerCommune: officer } = org.userIds;

    // The assignment (to the officer and the head) and the overdue notice to the officer wait for the start; the overdue notice to the head does not.
    const expected = [
      ['task-assigned', head, start],
      ['task-assigned', officer, start],
      ['task-overdue', head, null],
      ['task-overdue', officer, start],
    ].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    expect(rows.map((r) => [r.template, r.user_id, r.send_after?.getTime() ?? null])).toEqual(expected);
    const toHead = rows.find((r) => r.template === 'task-overdue' && r.user_id === head)!;
    const waiting = rows.filter((r) => r.send_after !== null);

    // The overdue notice to the head is emailed now; a task of a template that does not say (the test stack: any hour) is emailed now too.
    await stack.mail.waitFor((m) => m.messageId === toHead.message_id);
    await stack.mail.waitFor((m) => m.subject.includes(atOnce.code) && m.envelopeTo.includes('can.bo@minhchau.hanoi.gov.vn'));

    // The inbox has the held notifications at once, with the time their email waits for; so does the administrators' outbox list.
    const inbox = await stack.http().get('/api/notifications?pageSize=100').set(auth(org.tokens.officerCommune)).expect(200);
    const mine = (inbox.body.items as { taskId: string; template: string; emailStatus: string; emailSendAfter: string | null }[]).filter((n) => n.taskId === held.id);
    expect(mine.map((n) => [n.template, n.emailStatus, n.emailSendAfter]).sort()).toEqual([
      ['task-assigned', 'PENDING', new Date(start).toISOString()],
      ['task-overdue', 'PENDING', new Date(start).toISOString()],
    ]);
    const deliveries = await stack.http().get('/api/notifications/deliveries?status=PENDING&pageSize=100').set(auth(org.tokens.auditor)).expect(200);
    const listed = (deliveries.body.items as { id: string; sendAfter: string | null }[]).filter((d) => waiting.some((w) => w.id === d.id));
    expect(listed.map((d) => [d.id, d.sendAfter]).sort()).toEqual(waiting.map((w) => [w.id, new Date(start).toISOString()]).sort());

    // The hold survives the worker: it is the row's send_after, not a timer in this process.
    await worker.close();
    worker = await createWorkerApp();

    // Nothing held is sent early, though the mailer polls the outbox meanwhile.
    await sleep(Math.max(0, start - Date.now() - 1_500));
    const early = stack.mail.all().filter((m) => waiting.some((w) => w.message_id === m.messageId));
    expect(early).toEqual([]);
    expect((await rowsOf(held.id)).filter((r) => r.send_after !== null).map((r) => r.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);

    // At the start of the working day each is sent, once.
    const sent = await stack.mail.waitFor((m) => waiting.some((w) => w.message_id === m.messageId), waiting.length, 60_000);
    for (const mail of sent) expect(Date.parse(mail.receivedAt)).toBeGreaterThanOrEqual(start);
    const after = await eventually(async () => {
      const found = (await rowsOf(held.id)).filter((r) => r.send_after !== null);
      expect(found.map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT']);
      return found;
    });
    for (const row of after) expect(row.sent_at!.getTime()).toBeGreaterThanOrEqual(start);
    await sleep(3_000); // a few more polls: still once each
    for (const row of waiting) expect(stack.mail.all().filter((m) => m.messageId === row.message_id)).toHaveLength(1);
    expect(stack.mail.all().filter((m) => m.messageId === toHead.message_id)).toHaveLength(1);
  });
});
