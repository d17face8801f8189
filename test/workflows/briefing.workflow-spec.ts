import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import type { BriefingActivities, BriefingResult } from '@dondoc/workflows/briefing.types';
import { eventually } from '../helpers/eventually';
import { useWorkflowTestServer } from '../helpers/workflow-test-server';

/**
 * The weekly briefing's workflow on a real Temporal server with a real Worker (activities mocked):
 * it waits for the issue time the calendar gives (a Monday off) and reads it again when it wakes,
 * and a scheduled run takes its week from the schedule's time, not the clock.
 */
describe('briefingWorkflow', () => {
  const { client, withWorker } = useWorkflowTestServer();

  const result = (week: string): BriefingResult => ({ briefingId: randomUUID(), week, version: 1, contentHash: 'f'.repeat(64), created: true });

  it('sleeps until 08:00 of the next working day when Monday is a day off, reads the calendar again on waking, then issues once', async () => {
    const issueAt = Date.now() + 2_000;
    const issued: number[] = [];
    const mocks = {
      briefingIssueTime: jest.fn(async () => ({ issueAt, mondayOff: true })),
      issueBriefing: jest.fn(async (input: Parameters<BriefingActivities['issueBriefing']>[0]) => {
        issued.push(Date.now());
        return result(input.week);
      }),
    } satisfies BriefingActivities;
    const workflowId = `briefing-test-${randomUUID()}`;
    const outcome = await withWorker(mocks, (taskQueue) => client().workflow.execute('briefingWorkflow', { taskQueue, workflowId, args: [{ week: '2026-W18' }] }));
    expect(outcome.week).toBe('2026-W18');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toBeGreaterThanOrEqual(issueAt);
    expect(mocks.briefingIssueTime.mock.calls).toEqual([[{ week: '2026-W18' }], [{ week: '2026-W18' }]]);
    expect(mocks.issueBriefing.mock.calls).toEqual([[{ week: '2026-W18', version: null, reason: null, requestedBy: null, workflowId }]]);
  });

  it('takes its week from the schedule’s time — a backfill of Monday 16 November 2026 makes 2026-W47, whenever it runs', async () => {
    const weeks: string[] = [];
    const mocks = {
      briefingIssueTime: jest.fn(async () => ({ issueAt: Date.parse('2026-11-16T01:00:00Z'), mondayOff: false })),
      issueBriefing: jest.fn(async (input: Parameters<BriefingActivities['issueBriefing']>[0]) => {
        weeks.push(input.week);
        return result(input.week);
      }),
    } satisfies BriefingActivities;
    await withWorker(mocks, async (taskQueue) => {
      const scheduleId = `briefing-test-${randomUUID()}`;
      const handle = await client().schedule.create({
        scheduleId,
        spec: { calendars: [{ dayOfWeek: 'MONDAY', hour: 8, minute: 0 }], timezone: 'Asia/Ho_Chi_Minh' },
        action: { type: 'startWorkflow', workflowType: 'briefingWorkflow', taskQueue, workflowId: scheduleId, args: [{}] },
        state: { paused: true },
      });
      try {
        await handle.backfill({ start: new Date('2026-11-16T00:59:00Z'), end: new Date('2026-11-16T01:01:00Z') });
        await eventually(() => expect(weeks).toEqual(['2026-W47']), 30_000);
      } finally {
        await handle.delete();
      }
    });
    expect(mocks.briefingIssueTime.mock.calls).toEqual([[{ week: '2026-W47' }]]);
  });

  it('refuses to guess a week when neither the input nor a schedule gives one', async () => {
    const mocks = { briefingIssueTime: jest.fn(), issueBriefing: jest.fn() } satisfies Record<keyof BriefingActivities, jest.Mock>;
    const failure = await withWorker(mocks, (taskQueue) => client().workflow.execute('briefingWorkflow', { taskQueue, workflowId: `briefing-test-${randomUUID()}`, args: [{}] }).catch((error: unknown) => error));
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toBeInstanceOf(ApplicationFailure);
    expect(((failure as WorkflowFailedError).cause as ApplicationFailure).type).toBe('BRIEFING_WEEK_UNKNOWN');
    expect(mocks.issueBriefing).not.toHaveBeenCalled();
  });
});
