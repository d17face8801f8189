import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { checksTaskQueue } from '../../workflows/task/task-activities.types';

export interface WorkflowTestServer {
  /** The client of the suite's Temporal dev server (connected in beforeAll). */
  client(): Client;
  /** A task queue no other test uses. */
  newTaskQueue(): string;
  /**
   * Runs a Worker with the prebuilt workflow bundle and these (mocked) activities on `taskQueue`
   * (a fresh one unless given) until `work` settles; returns what `work` returns.
   */
  withWorker<T>(activities: object, work: (taskQueue: string) => Promise<T>, taskQueue?: string): Promise<T>;
}

/**
 * Connects the enclosing describe block to the Temporal dev server started by the global set-up
 * (TEST_TEMPORAL_ADDRESS) for its whole run, and closes the connections after it.
 */
export function useWorkflowTestServer(): WorkflowTestServer {
  let nativeConnection: NativeConnection | undefined;
  let connection: Connection | undefined;
  let client: Client | undefined;

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

  const newTaskQueue = () => `wf-${randomUUID()}`;

  return {
    client: () => client!,
    newTaskQueue,
    async withWorker(activities, work, taskQueue = newTaskQueue()) {
      const worker = await Worker.create({ connection: nativeConnection!, taskQueue, workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE_PATH! }, activities });
      // The evidence checks' own queue, as the real worker polls it (see checksTaskQueue).
      const checks = await Worker.create({ connection: nativeConnection!, taskQueue: checksTaskQueue(taskQueue), activities });
      return checks.runUntil(worker.runUntil(work(taskQueue)));
    },
  };
}
