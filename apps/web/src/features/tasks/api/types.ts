import type { components, operations } from '@/lib/api/schema';

/** A task as lists show it. */
export type TaskView = components['schemas']['TaskView'];
export type TaskStatus = TaskView['status'];
/** The risk colour (null when cancelled). */
export type Risk = NonNullable<TaskView['risk']>;
export type Blocker = components['schemas']['BlockerView'];
export type TimelineEntry = components['schemas']['TimelineEntryDto'];
export type UnitRef = components['schemas']['UnitRefDto'];
export type PersonRef = components['schemas']['PersonRefDto'];

/** The risk colours, riskiest first (the order of `sort=risk`). */
export const RISKS = ['RED', 'AMBER', 'GREY', 'BLUE', 'ORANGE', 'GREEN'] as const satisfies readonly Risk[];

export const TASK_STATUSES = ['ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED', 'DONE', 'CANCELLED'] as const satisfies readonly TaskStatus[];

/** An action the task's page may offer (libs/tasks/src/task-allowed-actions.ts). */
export type TaskAction = components['schemas']['TaskAction'];

/** One task with its timeline, pending requests and the actions the signed-in user may take on it now. */
export type TaskDetail = components['schemas']['TaskDetailView'];

/** The query of GET /api/tasks. */
export type TaskListQuery = NonNullable<operations['TasksController_list']['parameters']['query']>;

export type TaskPage = components['schemas']['TaskPageDto'];

/** How many tasks each tab of the list holds (GET /api/tasks/counts). */
export type TaskCounts = components['schemas']['TaskCountsDto'];

/** Pending requests as the API sends them (the workflow's state, times as ISO strings). */
export interface PendingEscalation {
  id: string;
  level: number;
  proposedAt: string;
  deciders: string[];
}
export interface PendingExtension {
  id: string;
  requestedBy: string;
  requestedAt: string;
  newDueAt: string;
  reason: string;
}
export interface PendingExplanation {
  id: string;
  requestedBy: string | null;
  requestedAt: string;
  question: string;
  deadline: string;
}
export interface PendingBeyondAuthority {
  id: string;
  raisedBy: string;
  raisedAt: string;
  reason: string;
}
export interface PendingEvidenceReview {
  id: string;
  submittedBy: string;
  submittedAt: string;
  reviewers: string[];
}
export interface Pending {
  escalations: PendingEscalation[];
  extensions: PendingExtension[];
  explanations: PendingExplanation[];
  beyondAuthority: PendingBeyondAuthority[];
  evidenceReview: PendingEvidenceReview | null;
}

export function pendingOf(task: TaskDetail): Pending {
  return task.pending as unknown as Pending;
}

export interface TemplateRef {
  id: string;
  key: string;
  version: number;
}

export interface MilestoneView {
  title: string;
  dueAt: string;
}
