import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { eachLine, exited, stopChild } from '../libs/dev-stack/src';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { getTask, waitForEvent, type TimelineEntry } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

const WORKER = join(__dirname, '..', 'dist/apps/worker/src/main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Scenario 9: the worker runs as its own process and is killed with SIGKILL in the middle of a
 * task's run, then restarted. Temporal holds the timers, PostgreSQL the records, the outbox the
 * emails: no reminder is lost, and no email is sent twice except the one the SMTP server may have
 * accepted just before the kill, which comes again with its own Message-ID.
 */
describe('Worker killed in the middle of a run', () => {
  let stack: TestStack;
  let org: Organisation;
  let worker: ChildProcess | undefined;

  /** Starts the built worker with the suite's environment and waits until it polls. */
  async function startWorker(): Promise<void> {
    const child = spawn(process.execPath, [WORKER], { env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    worker = child;
    await new Promise<void>((resolve, reject) => {
      eachLine(child.stdout, (line) => line.includes('Temporal worker polling') && resolve());
      eachLine(child.stderr, () => undefined);
      void exited(child).then(() => reject(new Error('the worker exited during start-up')));
    });
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    await startWorker();
    org = await buildOrganisation(stack);
    await stack.http().post('/api/templates').set('Authorization', `Bearer ${org.adminToken}`).send(fastTemplate('sap-do', { reminders: ['8s', '6s', '4s', '2s'], acknowledgementReminder: null })).expect(201);
  });

  afterAll(async () => {
    if (worker) await stopChild(worker, 'SIGTERM', 10_000, { groupFirst: false });
    await stack.close();
  });

  it('loses no reminder, and an email in flight at the kill can only come again as the same message', async () => {
    const task = await assignTask(stack, org.adminToken, { templateKey: 'sap-do', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 10 });
    await stack.http().post(`/api/tasks/${task.id}/acknowledge`).set('Authorization', `Bearer ${org.tokens.officerCommune}`).expect(200);
    await waitForEvent(stack, org.adminToken, task.id, 'REMINDER', 1, 10_000);

    // Killed the moment the first reminder is recorded: its email may be in flight.
    worker!.kill('SIGKILL');
    await exited(worker!);
    const killedAt = new Date().toISOString();
    await sleep(5_000); // two more reminders fall due while no worker runs
    await startWorker();

    const overdue = await waitForEvent(stack, org.adminToken, task.id, 'OVERDUE', 1, 40_000);
    const reminders = (overdue.timeline as TimelineEntry[]).filter((e) => e.type === 'REMINDER');
    expect(reminders.map((e) => e.data.offsetSeconds)).toEqual([8, 6, 4, 2]);

    const officer = 'can.bo@minhchau.hanoi.gov.vn';
    await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.subject.includes('Đôn đốc') && m.envelopeTo.includes(officer), 4, 40_000);
    await stack.mail.waitFor((m) => m.subject.includes(task.code) && m.subject.startsWith('[dondoc] Quá hạn'), 2, 20_000);
    await sleep(2_000); // anything sent twice would have arrived by now
    const reminderMails = stack.mail.all().filter((m) => m.subject.includes(task.code) && m.subject.includes('Đôn đốc') && m.envelopeTo.includes(officer));
    expect(new Set(reminderMails.map((m) => m.messageId)).size).toBe(4);
    // Only the email in flight when the worker died may arrive again (the SMTP server accepted it
    // before the row was marked sent), and then as the same message: same Message-ID, same text.
    const repeated = stack.mail.all().filter((m, i, all) => all.findIndex((o) => o.messageId === m.messageId) !== i);
    expect(repeated.length).toBeLessThanOrEqual(1);
    for (const again of repeated) {
      const first = stack.mail.all().find((m) => m.messageId === again.messageId)!;
      expect([again.subject, again.text, again.envelopeTo]).toEqual([first.subject, first.text, first.envelopeTo]);
      expect(first.receivedAt <= killedAt).toBe(true);
    }
    expect((await getTask(stack, org.adminToken, task.id)).overdue).toBe(true);
  });
});
