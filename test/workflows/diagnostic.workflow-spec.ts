import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DiagnosticActivities, DiagnosticInput, DiagnosticResult } from '@dondoc/workflows/diagnostic.types';
import { useWorkflowTestServer } from '../helpers/workflow-test-server';

/** The diagnostic workflow on a real Temporal server with a real Worker; activities are mocks. */
describe('diagnosticWorkflow', () => {
  const { client, withWorker } = useWorkflowTestServer();

  const input = (): DiagnosticInput => ({
    runId: randomUUID(),
    recipient: 'ops@example.gov.vn',
    language: 'vi',
    message: 'test',
    requestedBy: null,
  });

  function run(activities: DiagnosticActivities, args: DiagnosticInput): Promise<DiagnosticResult> {
    return withWorker(activities, (taskQueue) =>
      client().workflow.execute<(input: DiagnosticInput) => Promise<DiagnosticResult>>('diagnosticWorkflow', { taskQueue, workflowId: `diagnostic-${args.runId}`, args: [args] }),
    );
  }

  it('records the run, then sends the email, and returns the Message-ID', async () => {
    const calls: string[] = [];
    const activities = {
      recordDiagnosticRun: jest.fn(async ({ workflowId }: { workflowId: string }) => {
        calls.push(`record ${workflowId}`);
      }),
      sendDiagnosticEmail: jest.fn(async ({ runId }: { runId: string }) => {
        calls.push('send');
        return { messageId: `<diagnostic.${runId}@dondoc>` };
      }),
      markDiagnosticFailed: jest.fn(async () => undefined),
    } satisfies DiagnosticActivities;
    const args = input();

    const result = await run(activities, args);

    expect(result).toEqual({ runId: args.runId, status: 'COMPLETED', messageId: `<diagnostic.${args.runId}@dondoc>` });
    expect(calls).toEqual([`record diagnostic-${args.runId}`, 'send']);
    expect(activities.markDiagnosticFailed).not.toHaveBeenCalled();
  });

  it('retries a failing email and marks the run failed when it never succeeds', async () => {
    let attempts = 0;
    const activities = {
      recordDiagnosticRun: jest.fn(async () => undefined),
      sendDiagnosticEmail: jest.fn(async (): Promise<{ messageId: string }> => {
        attempts++;
        if (attempts < 3) throw new Error('451 try again later');
        throw ApplicationFailure.nonRetryable('550 mailbox unavailable', 'SmtpPermanentFailure');
      }),
      markDiagnosticFailed: jest.fn(async () => undefined),
    } satisfies DiagnosticActivities;
    const args = input();

    const result = await run(activities, args);

    expect(attempts).toBe(3);
    expect(result).toMatchObject({ runId: args.runId, status: 'FAILED', failureReason: '550 mailbox unavailable' });
    expect(activities.markDiagnosticFailed).toHaveBeenCalledWith({ runId: args.runId, reason: '550 mailbox unavailable' });
  });

  it('fails the workflow when the run cannot even be recorded', async () => {
    const activities = {
      recordDiagnosticRun: jest.fn(async (): Promise<void> => {
        throw ApplicationFailure.nonRetryable('database is read-only');
      }),
      sendDiagnosticEmail: jest.fn(async () => ({ messageId: 'x' })),
      markDiagnosticFailed: jest.fn(async () => undefined),
    } satisfies DiagnosticActivities;

    await expect(run(activities, input())).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(activities.sendDiagnosticEmail).not.toHaveBeenCalled();
  });
});
