import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { AppConfig } from '@dondoc/config';
import { taskWorkflowId, type TaskDefinition, type TaskWorkflowInput } from '@dondoc/workflows/task/task.types';

/**
 * Starts a task's workflow; `true` if this call started it, `false` if it was already started (a
 * retried page of a plan assignment). Any other failure (Temporal unreachable) is thrown.
 */
export async function startTaskWorkflow(temporal: Client, config: AppConfig, task: TaskDefinition, requestId: string | null | undefined): Promise<boolean> {
  const input: TaskWorkflowInput = { task, requestId, continueAsNewAfterEvents: config.tasks.continueAsNewAfterEvents };
  try {
    await temporal.workflow.start('taskLifecycleWorkflow', {
      workflowId: taskWorkflowId(task.taskId),
      taskQueue: config.temporal.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}
