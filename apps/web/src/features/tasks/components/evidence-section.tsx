/**
 * The evidence of a task: the form (when the user may submit evidence) and the live verification status.
 * (Placeholder while it is being built.)
 */
export function EvidenceSection({ taskId, actions }: { taskId: string; actions: string[] }) {
  return <div data-task-id={taskId} data-can-submit={actions.includes('submitEvidence')} />;
}
