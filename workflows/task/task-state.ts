/**
 * The task's state and its timeline: a new task's state, whether it is still open or watched,
 * and `emit`, through which every change of state goes. Pure functions, no Temporal calls.
 */
import { TASK_STATE_SCHEMA_VERSION, type ActorRef, type TaskDefinition, type TaskEvent, type TaskEventType, type TaskState, type TaskStatus } from './task-domain.types';

/** Plans count in seconds, the state in milliseconds. */
export const SECOND = 1_000;

export function isOpen(state: TaskState): boolean {
  return state.status !== 'DONE' && state.status !== 'CANCELLED';
}

/** Whether a done task's product is still being watched. */
export function inAfterCare(state: TaskState): boolean {
  const care = state.afterCare;
  return state.status === 'DONE' && Boolean(care) && care!.closedAt === null && care!.endedAt === null;
}

/** Whether the workflow still has something to do (an open task, or after-care). */
export function isRunning(state: TaskState): boolean {
  return isOpen(state) || inAfterCare(state);
}

/** The state of a task just assigned (the ASSIGNED event is emitted by the workflow). */
export function initialState(task: TaskDefinition, reviewers: string[]): TaskState {
  const dueAt = Date.parse(task.dueAt);
  return {
    schemaVersion: TASK_STATE_SCHEMA_VERSION,
    status: 'ASSIGNED',
    seq: 0,
    version: 0,
    dueAt,
    originalDueAt: dueAt,
    dueSetAt: Date.parse(task.assignedAt),
    acknowledgedAt: null,
    ackRemindersSent: 0,
    remindersFired: [],
    // Working-day reminders only where the task has them: other states keep their former shape.
    ...(task.reminderTimes?.length ? { reminderTimes: task.reminderTimes, reminderTimesFired: [] } : {}),
    overdue: false,
    overdueSince: null,
    headNotified: false,
    ladderFired: [],
    escalationLevel: 0,
    proposals: [],
    extensions: [],
    explanations: [],
    beyondAuthority: [],
    blockers: [],
    evidence: null,
    progress: null,
    leadUnitId: task.leadUnitId,
    focalOfficerId: task.focalOfficerId,
    reviewers,
    completedAt: null,
    completedOnTimeOriginal: null,
    completedOnTimeExtended: null,
    cancelledAt: null,
    cancelReason: null,
  };
}

/** Appends an event (and moves to `to`, if given); every change of state goes through here. */
export function emit(
  state: TaskState,
  events: TaskEvent[],
  now: number,
  type: TaskEventType,
  options: { actor?: ActorRef | null; to?: TaskStatus; data?: Record<string, unknown> } = {},
): void {
  const fromStatus = state.status;
  if (options.to) state.status = options.to;
  state.seq += 1;
  state.version += 1;
  events.push({
    seq: state.seq,
    type,
    at: now,
    actorId: options.actor?.id ?? null,
    requestId: options.actor?.requestId ?? null,
    fromStatus,
    toStatus: state.status,
    data: options.data ?? {},
  });
}

/** A unit's first action on an unacknowledged task acknowledges it. */
export function autoAcknowledge(state: TaskState, events: TaskEvent[], actor: ActorRef, now: number): void {
  if (state.status !== 'ASSIGNED') return;
  state.acknowledgedAt = now;
  emit(state, events, now, 'ACKNOWLEDGED', { actor, to: 'IN_PROGRESS', data: { implicit: true } });
}
