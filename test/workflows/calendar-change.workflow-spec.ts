import { calendarChangeWorkflowId, recalculateDueUpdateId, type CalendarChangeActivities, type CalendarChangePage } from '@dondoc/workflows/calendar-change.types';
import {
  recalculateDueUpdate,
  reportProgressUpdate,
  type CalendarActivities,
  type TaskActivities,
  type TaskEvent,
} from '@dondoc/workflows/task/task.types';
import { taskDefinition } from '../factories/task-definition.factory';
import { eventually } from '../helpers/eventually';
import { useWorkflowTestServer } from '../helpers/workflow-test-server';

/**
 * The recalculation of a calendar change on a real Temporal server with a real Worker (activities
 * mocked): it pages through the affected tasks until the last page, a page that fails is retried,
 * and the change is marked once with the total; a task workflow told the same change again, even
 * in a later run after continue-as-new, records nothing more.
 */
describe('calendarChangeWorkflow', () => {
  const { client, withWorker } = useWorkflowTestServer();

  it('tells the affected tasks page after page (a failing page is retried) and marks the change once with the total', async () => {
    const revision = String(Date.now());
    const pages: Record<string, CalendarChangePage> = { start: { told: 100, next: 'task-b' }, 'task-b': { told: 97, next: 'task-c' }, 'task-c': { told: 3, next: null } };
    let failures = 1;
    const mocks = {
      recalculateDuePage: jest.fn(async ({ after }: { revision: string; after: string | null }) => {
        if (after === 'task-b' && failures-- > 0) throw new Error('Temporal unreachable');
        return pages[after ?? 'start'];
      }),
      markCalendarChangeRecalculated: jest.fn(async () => undefined),
    } satisfies CalendarChangeActivities;

    const result = await withWorker(mocks, (taskQueue) =>
      client().workflow.execute('calendarChangeWorkflow', { taskQueue, workflowId: calendarChangeWorkflowId(revision), args: [{ revision }] }),
    );

    expect(result).toEqual({ revision, tasks: 200 });
    expect(mocks.recalculateDuePage.mock.calls.map(([input]) => input)).toEqual([
      { revision, after: null },
      { revision, after: 'task-b' },
      { revision, after: 'task-b' },
      { revision, after: 'task-c' },
    ]);
    expect(mocks.markCalendarChangeRecalculated.mock.calls).toEqual([[{ revision, tasks: 200 }]]);
  });

  it('a task workflow told the same change again after continue-as-new records nothing more', async () => {
    const now = Date.now();
    const newDueAt = now + 20 * 60_000;
    const task = taskDefinition({ now, dueInMs: 10 * 60_000, title: 'Thử lịch', term: { workingDays: 40, from: new Date(now).toISOString() } });
    const events: TaskEvent[] = [];
    const mocks = {
      resolveDeciders: jest.fn(async () => ['admin-1']),
      recordTaskEvents: jest.fn(async (input: { events: TaskEvent[] }) => void events.push(...input.events)),
      computeWorkingDayDue: jest.fn(async () => ({ dueAt: new Date(newDueAt).toISOString(), reminderTimes: [] })),
      computeWorkingDayReminders: jest.fn(async () => []),
    } satisfies TaskActivities & CalendarActivities;
    const admin = { id: 'admin-1', name: 'Quản trị', requestId: null };
    const officer = { id: 'officer-1', name: 'Cán bộ', requestId: null };
    const change = { args: [{ actor: admin, dates: ['2031-01-02'] }] as [{ actor: typeof admin; dates: string[] }], updateId: recalculateDueUpdateId('42') };

    await withWorker(mocks, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task, continueAsNewAfterEvents: 20 }] });
      const first = await handle.executeUpdate(recalculateDueUpdate, change);
      expect(first.state.dueAt).toBe(newDueAt);
      // Enough actions for the history to pass its limit: the workflow continues as new.
      const firstRun = (await handle.describe()).runId;
      for (let percent = 1; (await handle.describe()).runId === firstRun; percent++) {
        await handle.executeUpdate(reportProgressUpdate, { args: [{ actor: officer, percent: Math.min(percent, 99), note: `${percent}` }] });
      }
      await eventually(async () => expect((await handle.describe()).status.name).toBe('RUNNING'));
      const again = await handle.executeUpdate(recalculateDueUpdate, change);
      expect(again.state).toMatchObject({ dueAt: newDueAt, originalDueAt: newDueAt });
      await handle.terminate('done');
    });
    expect(events.filter((e) => e.type === 'DUE_RECALCULATED')).toHaveLength(1);
    expect(mocks.computeWorkingDayDue).toHaveBeenCalledTimes(2);
  });
});
