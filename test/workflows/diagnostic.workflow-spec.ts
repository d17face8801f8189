import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DiagnosticActivities, DiagnosticInput, DiagnosticResult } from '@dondoc/workflows/diagnostic.types';

/** The diagnostic workflow on a real Temporal server with a real Worker; activities are mocks. */
describe('diagnosticWorkflow', () => {
  let nativeConnection: NativeConnection;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    nativeConnection = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  const input = (): DiagnosticInput => ({
    runId: randomUUID(),
    recipient: 'ops@example.gov.vn',
    language: 'vi',
    message: 'test',
    requestedBy: null,
  });

  async function run(activities: DiagnosticActivities, args: DiagnosticInput): Promise<DiagnosticResult> {
    const taskQueue = `wf-${randomUUID()}`;
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE_PATH! },
      activities,
    });
    return worker.runUntil(
      client.workflow.execute<(input: DiagnosticInput) => Promise<DiagnosticResult>>('diagnosticWorkflow', { taskQueue, workflowId: `diagnostic-${args.runId}`, args: [args] }),
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
