import { ActivityFailure, defineQuery, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DiagnosticActivities, DiagnosticInput, DiagnosticResult, DiagnosticStep } from './diagnostic.types';

const activities = proxyActivities<DiagnosticActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '20s', maximumAttempts: 6 },
});

/** Where the diagnostic run is now. */
export const diagnosticStepQuery = defineQuery<DiagnosticStep>('diagnosticStep');

/**
 * Proves the whole chain: API → Temporal → worker → PostgreSQL (a row) and SMTP (an email).
 * Kept as a smoke test for deployments and for /api/diagnostics.
 */
export async function diagnosticWorkflow(input: DiagnosticInput): Promise<DiagnosticResult> {
  let step: DiagnosticStep = 'RECORDING';
  setHandler(diagnosticStepQuery, () => step);

  await activities.recordDiagnosticRun({ ...input, workflowId: workflowInfo().workflowId });
  step = 'EMAILING';
  try {
    const { messageId } = await activities.sendDiagnosticEmail({ runId: input.runId });
    step = 'COMPLETED';
    log.info('diagnostic run completed', { runId: input.runId });
    return { runId: input.runId, status: 'COMPLETED', messageId };
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const reason = error.cause?.message ?? error.message;
    await activities.markDiagnosticFailed({ runId: input.runId, reason });
    step = 'FAILED';
    log.warn('diagnostic run failed', { runId: input.runId, reason });
    return { runId: input.runId, status: 'FAILED', failureReason: reason };
  }
}
