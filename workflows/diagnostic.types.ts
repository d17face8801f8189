/** Input of the diagnostic workflow: who asked, who receives the test email. */
export interface DiagnosticInput {
  runId: string;
  recipient: string;
  language: 'vi' | 'en';
  message: string;
  requestedBy: string | null;
}

export type DiagnosticStep = 'RECORDING' | 'EMAILING' | 'COMPLETED' | 'FAILED';

export interface DiagnosticResult {
  runId: string;
  status: 'COMPLETED' | 'FAILED';
  messageId?: string;
  failureReason?: string;
}

/** Activities the diagnostic workflow calls; the worker's DiagnosticActivitiesService implements them. */
export interface DiagnosticActivities {
  /** Writes the run's row (idempotent: a retry finds the row and does nothing). */
  recordDiagnosticRun(input: DiagnosticInput & { workflowId: string }): Promise<void>;
  /** Sends the test email once (deterministic Message-ID) and marks the run completed. */
  sendDiagnosticEmail(input: { runId: string }): Promise<{ messageId: string }>;
  /** Records why the run could not complete. */
  markDiagnosticFailed(input: { runId: string; reason: string }): Promise<void>;
}

export const diagnosticWorkflowId = (runId: string): string => `diagnostic-${runId}`;
