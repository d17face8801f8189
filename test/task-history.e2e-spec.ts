import { Client, Connection } from '@temporalio/client';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { getTask, waitForEvent, type TimelineEntry } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Scenario 10: a long-lived task continues as new before its history grows large. Forced here
 * with a limit of 40 history events: the state, the timeline and a pending proposal survive, and
 * actions sent while it happens are not lost.
 */
describe('Continue-as-new on a long task', () => {
  let stack: TestStack;
  let org: Organisation;
  let connection: Connection;
  let client: Client;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack({ env: { TASK_CONTINUE_AS_NEW_EVENTS: '40' } });
    org = await buildOrganisation(stack);
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    client = new Client({ connection });
    const template = fastTemplate('dai-han', {
      reminders: [],
      acknowledgementReminder: null,
      escalation: { levels: [{ level: 2, after: '1s', decider: { type: 'PARENT_HEAD' }, openExplanation: false }], decisionReminderEvery: '1d', explanationDeadline: '1d' },
    });
    await stack.http().post('/api/templates').set(auth(org.adminToken)).send(template).expect(201);
  });

  afterAll(async () => {
    await connection?.close();
    await stack.close();
  });

  it('keeps state, timeline and a pending proposal across runs', async () => {
    const task = await assignTask(stack, org.adminToken, { templateKey: 'dai-han', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune, dueInSeconds: 2 });
    const proposed = await waitForEvent(stack, org.adminToken, task.id, 'ESCALATION_PROPOSED', 1, 10_000);
    const proposal = proposed.pending.escalations[0];
    const handle = client.workflow.getHandle(`task-${task.id}`);
    const firstRun = (await handle.describe()).runId;

    // Many actions, some at once: the history passes the limit while some are in flight.
    for (let round = 0; round < 4; round++) {
      const percents = [1, 2, 3].map((i) => round * 10 + i);
      await Promise.all(percents.map((percent) => stack.http().post(`/api/tasks/${task.id}/progress`).set(auth(org.tokens.officerCommune)).send({ percent, note: `Tiến độ ${percent}%` }).expect(200)));
    }
    const description = await handle.describe();
    expect(description.runId).not.toBe(firstRun);
    expect(description.status.name).toBe('RUNNING');

    const after = await getTask(stack, org.adminToken, task.id);
    const timeline = after.timeline as TimelineEntry[];
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1)); // gapless across runs
    expect(timeline.filter((e) => e.type === 'PROGRESS_REPORTED')).toHaveLength(12);
    expect(after).toMatchObject({ overdue: true, escalationLevel: 1, status: 'IN_PROGRESS' });
    expect(after.pending.escalations).toEqual([expect.objectContaining({ id: proposal.id, status: 'PENDING' })]);

    // The proposal made in the first run is decided in a later one.
    const approved = await stack.http().post(`/api/tasks/${task.id}/escalations/${proposal.id}/decision`).set(auth(org.tokens.headHanoi)).send({ approve: true }).expect(200);
    expect(approved.body).toMatchObject({ escalationLevel: 2, pending: { escalations: [] } });
    await stack.http().post(`/api/tasks/${task.id}/cancel`).set(auth(org.adminToken)).send({ reason: 'Kết thúc kịch bản' }).expect(200);
    expect((await handle.describe()).status.name).toBe('COMPLETED');
  });
});
