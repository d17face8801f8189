import type { ScorecardsActivities } from '@dondoc/workflows/scorecards.types';
import { useWorkflowTestServer } from '../helpers/workflow-test-server';

/**
 * The quarterly scorecards' workflow on a real Temporal server with a real Worker (activities
 * mocked): a scheduled run waits for the issue instant (07:00 of the first working day after the
 * cut-off) before publishing; an administrator's run publishes the quarter it names at once.
 */
describe('quarterlyScorecardsWorkflow', () => {
  const { client, withWorker } = useWorkflowTestServer();

  it('a scheduled run waits until the issue instant, then publishes the quarter it was meant for', async () => {
    const issueAt = Date.now() + 2_000;
    let publishedAt = 0;
    const mocks = {
      scorecardIssueTime: jest.fn(async (_input: { scheduledAt: string }) => ({ quarter: '2026-Q4', issueAt: new Date(issueAt).toISOString() })),
      publishScorecards: jest.fn(async ({ quarter }: { quarter: string }) => {
        publishedAt = Date.now();
        return { quarter, published: 3, unchanged: 0 };
      }),
    } satisfies ScorecardsActivities;

    const result = await withWorker(mocks, (taskQueue) => client().workflow.execute('quarterlyScorecardsWorkflow', { taskQueue, workflowId: `scorecards-${taskQueue}`, args: [{}] }));

    expect(result).toEqual({ quarter: '2026-Q4', published: 3, unchanged: 0 });
    // No schedule started it: the quarter is derived from its start time.
    expect(mocks.scorecardIssueTime).toHaveBeenCalledTimes(1);
    expect(Date.parse(mocks.scorecardIssueTime.mock.calls[0][0].scheduledAt)).toBeLessThan(issueAt);
    expect(publishedAt).toBeGreaterThanOrEqual(issueAt);
    expect(mocks.publishScorecards.mock.calls).toEqual([[{ quarter: '2026-Q4', reason: null }]]);
  });

  it('an administrator’s run publishes (or corrects) the quarter it names at once', async () => {
    const mocks = {
      scorecardIssueTime: jest.fn(async () => ({ quarter: 'never', issueAt: new Date(Date.now() + 3_600_000).toISOString() })),
      publishScorecards: jest.fn(async ({ quarter }: { quarter: string }) => ({ quarter, published: 1, unchanged: 8 })),
    } satisfies ScorecardsActivities;
    const actor = { type: 'USER', id: 'admin-1' };

    const result = await withWorker(mocks, (taskQueue) =>
      client().workflow.execute('quarterlyScorecardsWorkflow', { taskQueue, workflowId: `scorecards-${taskQueue}`, args: [{ quarter: '2026-Q3', reason: 'Đính chính', actor }] }),
    );

    expect(result).toEqual({ quarter: '2026-Q3', published: 1, unchanged: 8 });
    expect(mocks.scorecardIssueTime).not.toHaveBeenCalled();
    expect(mocks.publishScorecards.mock.calls).toEqual([[{ quarter: '2026-Q3', reason: 'Đính chính', actor }]]);
  });
});
