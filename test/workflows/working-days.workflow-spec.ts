import {
  decideExtensionUpdate,
  recalculateDueUpdate,
  requestExtensionUpdate,
  snapshotQuery,
  type CalendarActivities,
  type ReminderTime,
  type TaskActivities,
  type TaskDefinition,
  type TaskEvent,
  type TaskSnapshot,
} from '@dondoc/workflows/task/task.types';
import { taskDefinition } from '../factories/task-definition.factory';
import { eventually } from '../helpers/eventually';
import { useWorkflowTestServer } from '../helpers/workflow-test-server';

/**
 * Working-day due times in the task workflow, on a real Temporal server with a real Worker: the
 * counting activities are mocks whose answers the test controls (their real implementation counts
 * in the calendar; the workflow must keep and fire the instants they give).
 */
describe('taskLifecycleWorkflow: working-day terms', () => {
  const { client, withWorker } = useWorkflowTestServer();

  const admin = { id: 'admin-1', name: 'Quản trị', requestId: null };
  const officer = { id: 'officer-1', name: 'Cán bộ', requestId: null };

  /** A task due in 40 working days from `now`, its plan reminding one working day before, at these instants. */
  function definition(now: number, dueInMs: number, reminderTimes: ReminderTime[]): TaskDefinition {
    return taskDefinition({
      now,
      dueInMs,
      title: 'Thử ngày làm việc',
      term: { workingDays: 40, from: new Date(now).toISOString() },
      reminderTimes,
      plan: { reminderWorkingDays: [1] },
    });
  }

  /** Mocked activities: every recorded event, with the state after it; the calendar's answers as the test sets them. */
  function activities(calendar: CalendarActivities) {
    const events: TaskEvent[] = [];
    let last: TaskSnapshot | undefined;
    const mocks = {
      resolveDeciders: jest.fn(async () => ['admin-1']),
      recordTaskEvents: jest.fn(async (input: { events: TaskEvent[]; snapshot: TaskSnapshot }) => {
        events.push(...input.events);
        last = JSON.parse(JSON.stringify(input.snapshot)) as TaskSnapshot;
      }),
      computeWorkingDayDue: jest.fn(calendar.computeWorkingDayDue),
      computeWorkingDayReminders: jest.fn(calendar.computeWorkingDayReminders),
    } satisfies TaskActivities & CalendarActivities;
    return { events, mocks, last: () => last };
  }

  it('fires a working-day reminder once at its instant; a recalculation moves the due time and the workflow fires at the new one, once', async () => {
    const now = Date.now();
    const task = definition(now, 10 * 60_000, [{ key: '1wd', at: now + 1_500 }]);
    const newDueAt = now + 6_000;
    const { events, mocks, last } = activities({
      computeWorkingDayDue: async () => ({ dueAt: new Date(newDueAt).toISOString(), reminderTimes: [{ key: '1wd', at: now + 1_500 }] }),
      computeWorkingDayReminders: async () => [],
    });
    await withWorker(mocks, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      await eventually(() => expect(events.map((e) => e.type)).toContain('REMINDER'), 10_000);
      const snapshot = await handle.executeUpdate(recalculateDueUpdate, { args: [{ actor: admin, dates: ['2031-01-02'] }] });
      expect(snapshot.state).toMatchObject({ dueAt: newDueAt, originalDueAt: newDueAt });
      // Told again about the same change: nothing more happens.
      await handle.executeUpdate(recalculateDueUpdate, { args: [{ actor: admin, dates: ['2031-01-02'] }] });
      await eventually(() => expect(events.map((e) => e.type)).toContain('OVERDUE'), 15_000);
      const overdue = events.find((e) => e.type === 'OVERDUE')!;
      expect(overdue.at).toBeGreaterThanOrEqual(newDueAt);
      expect(overdue.at).toBeLessThan(newDueAt + 5_000);
      await handle.terminate('done');
    });
    expect(events.map((e) => e.type)).toEqual(['ASSIGNED', 'REMINDER', 'DUE_RECALCULATED', 'OVERDUE']);
    expect(events[1].data).toMatchObject({ workingDays: 1 });
    expect(events[2]).toMatchObject({ actorId: 'admin-1', data: { oldDueAt: task.dueAt, newDueAt: new Date(newDueAt).toISOString(), dates: ['2031-01-02'], workingDays: 40 } });
    expect(mocks.computeWorkingDayDue).toHaveBeenCalledWith({ from: task.term!.from, workingDays: 40, reminderWorkingDays: [1] });
    expect(last()!.state.overdueSince).toBe(newDueAt);
  });

  it('after an extension, the working-day reminders are counted for the new due time and fire there; the term no longer moves', async () => {
    const now = Date.now();
    const task = definition(now, 10 * 60_000, [{ key: '1wd', at: now + 9 * 60_000 }]);
    const extendedDue = now + 20 * 60_000;
    const { events, mocks } = activities({
      computeWorkingDayDue: async () => ({ dueAt: new Date(now + 30 * 60_000).toISOString(), reminderTimes: [] }),
      computeWorkingDayReminders: async () => [{ key: '1wd', at: Date.now() + 2_000 }],
    });
    await withWorker(mocks, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      const requested = await handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: officer, newDueAt: new Date(extendedDue).toISOString(), reason: 'chờ số liệu' }] });
      const approved = await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: admin, requestId: requested.state.extensions[0].id, approve: true, comment: null }] });
      // The Update answers once the reminders of the new due time are known.
      expect(approved.state.reminderTimes).toEqual([{ key: '1wd', at: expect.any(Number) }]);
      await eventually(() => expect(events.map((e) => e.type)).toContain('REMINDER'), 10_000);
      const unchanged = await handle.executeUpdate(recalculateDueUpdate, { args: [{ actor: admin, dates: ['2031-01-02'] }] });
      expect(unchanged.state.dueAt).toBe(extendedDue);
      expect((await handle.query(snapshotQuery)).state.reminderTimesFired).toEqual(['1wd']);
      await handle.terminate('done');
    });
    expect(mocks.computeWorkingDayReminders).toHaveBeenCalledWith({ dueAt: new Date(extendedDue).toISOString(), reminderWorkingDays: [1] });
    expect(mocks.computeWorkingDayDue).not.toHaveBeenCalled();
    expect(events.map((e) => e.type)).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'EXTENSION_REQUESTED', 'EXTENSION_APPROVED', 'REMINDER']);
  });
});
