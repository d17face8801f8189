/**
 * The activities the task workflow calls, as interfaces: the worker's injectable services
 * implement them, the workflow proxies them.
 */
import type { CheckReasonRef, Criterion, DeciderSpec, ReminderTime, TaskDefinition, TaskEvent } from './task-domain.types';
import type { TaskSnapshot } from './task-messages';

/** An activity's failure type when the database refused its data (never retried). */
export const DATA_REJECTED = 'DataRejected';

export interface TaskActivities {
  /** People a decider rule names for this task, now (heads and leaders change). */
  resolveDeciders(input: { task: TaskDefinition; leadUnitId: string; decider: DeciderSpec }): Promise<string[]>;
  /**
   * Writes events (idempotent by task and sequence), upserts the task row from the snapshot
   * (recreating it if missing), audits each event and queues its notifications.
   */
  recordTaskEvents(input: { workflowId: string; events: TaskEvent[]; snapshot: TaskSnapshot }): Promise<void>;
}

/**
 * Counting in the working-day calendar, which the workflow never does itself: the calendar's
 * overrides live in the database and change (an activity's result is replayed, not recomputed).
 */
export interface CalendarActivities {
  /**
   * The due time of a term of `workingDays` from `from` (Civil Code 2015 Art. 147–148: from the next
   * day, ending at the end of the last working day) by the calendar as it is now, and the instants
   * of the reminders `reminderWorkingDays` working days before it.
   */
  computeWorkingDayDue(input: { from: string; workingDays: number; reminderWorkingDays: number[] }): Promise<{ dueAt: string; reminderTimes: ReminderTime[] }>;
  /** The instants of reminders `reminderWorkingDays` working days before a due time (after an extension). */
  computeWorkingDayReminders(input: { dueAt: string; reminderWorkingDays: number[] }): Promise<ReminderTime[]>;
}

/**
 * The task queue of evidence checks, which fetch URLs users typed: apart from the tasks' own queue
 * and capped on its own (EVIDENCE_CHECK_CONCURRENCY), so slow products never hold the slots that
 * record reminders.
 */
export const checksTaskQueue = (taskQueue: string): string => `${taskQueue}-checks`;

/** Checks of evidence, made by the worker (never by the API) and stored with their results. */
export interface EvidenceActivities {
  /** One probe of an operating product; stored as probe `index` of the submission. */
  probeProduct(input: {
    taskId: string;
    evidenceId: string;
    index: number;
    url: string;
    maxLatencyMs: number;
    expectText?: string;
    expectJsonPointer?: string;
    expectJsonValue?: string;
  }): Promise<{ ok: boolean; reasons: CheckReasonRef[] }>;
  /** Downloads and checks a dataset (checksum, record count). */
  verifyDataset(input: { taskId: string; evidenceId: string; url: string; sha256?: string; recordCount?: number; format?: 'csv' | 'json'; jsonPointer?: string }): Promise<{ ok: boolean; reasons: CheckReasonRef[] }>;
  /** Reads a number at a JSON pointer (active users, a KPI's achieved value). */
  readMetric(input: { taskId: string; evidenceId: string; criterion: Criterion; url: string; jsonPointer: string }): Promise<{ ok: boolean; value: number | null; reasons: CheckReasonRef[] }>;
}
