/**
 * The task lifecycle's domain: a task as assigned (its definition and plan), its state, its
 * events and why an action may be refused. Plain data, shared by the workflow, the worker and the API.
 */

export const CRITERIA = ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS', 'MEASURABLE_EFFECT'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const TASK_STATUSES = ['ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED', 'DONE', 'CANCELLED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const OPEN_STATUSES: TaskStatus[] = ['ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED'];

/** Who decides a ladder level or reviews evidence; resolved to people when needed. */
export type DeciderSpec =
  | { type: 'ASSIGNER' }
  | { type: 'PARENT_HEAD' }
  | { type: 'STEERING_COMMITTEE' }
  | { type: 'LEADER_GROUP'; name: string; userIds: string[] };

/** A template version as the workflow runs it (durations in seconds). Copied into each task. */
export interface TaskPlan {
  templateId: string;
  templateKey: string;
  templateVersion: number;
  /** Reminders before the due time, in seconds before it (0 = at the due time). */
  reminderOffsets: number[];
  /**
   * Reminders N working days before the due time. The workflow never counts working days: their
   * instants are computed outside it (`TaskDefinition.reminderTimes`, then `TaskState.reminderTimes`).
   */
  reminderWorkingDays?: number[];
  /** Remind a unit that has not acknowledged, every so often, at most so many times. */
  ackReminderEvery: number | null;
  ackReminderMax: number;
  /** Levels above 1, in order of their offset after the due time. */
  ladder: { level: number; afterDue: number; decider: DeciderSpec; openExplanation: boolean }[];
  /** A decision left open this long is re-notified (and again after each interval). */
  decisionReminderEvery: number;
  /** Deadline of an explanation opened by an approved escalation. */
  explanationDeadline: number;
  requiredCriteria: Criterion[];
  minActiveUsers: number | null;
  kpiDirection: 'INCREASE' | 'DECREASE' | null;
  reviewer: DeciderSpec;
  /** How the operating product is probed, and whether a head's attested user figure is accepted. */
  verification?: VerificationPlan;
  /** Probing the product after completion; null for none. */
  afterCare?: AfterCarePlan | null;
  /** Risk AMBER: due within this many working days (3 when absent). Read by the API only. */
  amberWorkingDays?: number;
  /** When the emails of the task's events may go out; absent in plans made before it existed (the defaults apply). */
  notifications?: NotificationPlan;
}

/** The template's say on when a task's emails go out (the in-app inbox entry is immediate either way). */
export interface NotificationPlan {
  /** Hold emails that fall on a day off or at night until 08:00 of the next working day; absent: NOTIFY_WORKING_HOURS_ONLY. */
  workingHoursOnly?: boolean;
  /** The overdue notice to the head of the lead unit goes at once, whatever the hour; absent: true. */
  overdueToHeadAnyTime?: boolean;
}

export interface VerificationPlan {
  /** Probes of the operating product, spread over the window; all must be healthy. */
  probeCount: number;
  probeWindow: number;
  maxLatencyMs: number;
  allowAttestedUsers: boolean;
}

export interface AfterCarePlan {
  every: number;
  duration: number;
  /** Consecutive failed probes that flag the task as regressed. */
  failuresToRegress: number;
}

export const DEFAULT_VERIFICATION: VerificationPlan = { probeCount: 5, probeWindow: 600, maxLatencyMs: 5_000, allowAttestedUsers: true };

export interface Milestone {
  title: string;
  dueAt: string;
}

/** Everything the task row is made of: the workflow can recreate the row from it. */
export interface TaskDefinition {
  taskId: string;
  code: string;
  title: string;
  description: string;
  program: string | null;
  leadUnitId: string;
  coordinatingUnitIds: string[];
  focalOfficerId: string | null;
  assignedBy: string;
  assignedAt: string;
  dueAt: string;
  milestones: Milestone[];
  plan: TaskPlan;
  /** A key task (nhiệm vụ trọng tâm), counted apart in the statistics; absent in tasks assigned before it existed (false). */
  key?: boolean;
  /**
   * A term in working days, counted from `from` (the assignment): the due time is recomputed when
   * the calendar changes a day within it. Null or absent for a due time given as an instant or in
   * calendar days (those never move).
   */
  term?: WorkingDayTerm | null;
  /** Instants of the plan's working-day reminders for `dueAt`, computed by the API at assignment. */
  reminderTimes?: ReminderTime[];
}

export interface WorkingDayTerm {
  workingDays: number;
  /** ISO 8601 instant the term counts from (the day after it is the first day counted). */
  from: string;
}

/** A reminder at an absolute instant (ms); `key` (`3wd`) tells it from the others, so it fires once. */
export interface ReminderTime {
  key: string;
  at: number;
}

/** Who performs an action (checked by the API; the workflow records it). */
export interface ActorRef {
  id: string;
  name: string;
  requestId: string | null;
}

export type DecisionStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';

export interface Proposal {
  id: string;
  level: number;
  proposedAt: number;
  deciders: string[];
  status: DecisionStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  comment: string | null;
  remindedAt: number | null;
  openExplanation: boolean;
}

export interface ExtensionRequest {
  id: string;
  requestedBy: string;
  requestedAt: number;
  newDueAt: number;
  reason: string;
  status: DecisionStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  comment: string | null;
  remindedAt: number | null;
  /** Approved as a delay with an objective cause (absent in states recorded before it existed: no). */
  objectiveCause?: boolean;
}

export interface ExplanationRequest {
  id: string;
  requestedBy: string | null;
  requestedAt: number;
  question: string;
  deadline: number;
  status: 'OPEN' | 'ANSWERED';
  overdueNotified: boolean;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: number | null;
}

export type BeyondAuthorityDecision = 'DIRECTION' | 'EXTEND' | 'REASSIGN' | 'CANCEL' | 'RETURN';

export interface BeyondAuthorityRequest {
  id: string;
  raisedBy: string;
  raisedAt: number;
  reason: string;
  status: 'PENDING' | 'DECIDED';
  decision: BeyondAuthorityDecision | null;
  comment: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  remindedAt: number | null;
}

/** Evidence of a working result, per criterion (DESIGN.md, "What counts as done"). */
export interface EvidenceItems {
  operatingProduct?: { url: string; description?: string; expectText?: string; expectJsonPointer?: string; expectJsonValue?: string };
  verifiedData?: { datasetUrl: string; sha256?: string; recordCount?: number; format?: 'csv' | 'json'; jsonPointer?: string; description?: string };
  realUsers?: { metricsUrl?: string; jsonPointer?: string; attestedActiveUsers?: number; periodFrom: string; periodTo: string };
  measurableEffect?: {
    kpi: string;
    unit: string;
    baseline: number;
    target: number;
    achieved: number;
    direction: 'INCREASE' | 'DECREASE';
    method: string;
    sourceUrl?: string;
    sourceJsonPointer?: string;
  };
  /** Documents, plans, minutes, decisions: supporting only, never a criterion. */
  supportingDocuments?: { title: string; kind: 'DOCUMENT' | 'PLAN' | 'MINUTES' | 'DECISION' | 'OTHER'; url?: string }[];
}

/** Why a check failed: a code the API renders in the reader's language, and its parameters. */
export interface CheckReasonRef {
  code: string;
  params?: Record<string, string | number>;
}

export type CriterionStatus = 'pending' | 'verifying' | 'verified' | 'failed' | 'attested';

/** The verification of one criterion of one submission. */
export interface CriterionCheck {
  status: CriterionStatus;
  reasons: CheckReasonRef[];
  startedAt: number | null;
  finishedAt: number | null;
  /** Operating product: probes made and healthy so far. */
  probes?: { done: number; healthy: number; of: number };
  /** Real users or measurable effect: the value read (or attested). */
  value?: number | null;
}

export interface EvidenceSubmission {
  id: string;
  submittedBy: string;
  submittedAt: number;
  items: EvidenceItems;
  /** UNDER_REVIEW while it is verified and then awaits the reviewer; FAILED_VERIFICATION sends the task back. */
  status: 'UNDER_REVIEW' | 'ACCEPTED' | 'REJECTED' | 'FAILED_VERIFICATION';
  criteria: Partial<Record<Criterion, CriterionCheck>>;
  /** When every criterion had a result. */
  verifiedAt: number | null;
  reviewers: string[];
  reviewedBy: string | null;
  reviewedAt: number | null;
  comment: string | null;
  rejections: Partial<Record<Criterion, string>>;
  remindedAt: number | null;
}

/**
 * A unit the lead unit waits on (DESIGN.md, Reports: blockers). While it is open the task's clock
 * keeps running; the blocked days are charged to the blocking unit in the statistics, and a leader
 * over both units may confirm it as an objective cause (which the quarterly scorecard excuses).
 */
export interface Blocker {
  /** `BL<seq>`: unique within the task. */
  id: string;
  /** The lead unit when it was declared (it is what suffers the blocked days). */
  leadUnitId: string;
  blockingUnitId: string;
  /** Whether the blocking unit is one of the task's coordinating units (otherwise a reason is required). */
  coordinating: boolean;
  reason: string | null;
  /** What the lead unit waits for. */
  awaited: string;
  /** Since when it waits (ms): not after the declaration, not before the assignment. */
  since: number;
  declaredBy: string;
  declaredAt: number;
  status: 'OPEN' | 'RESOLVED';
  /** Null when the blocker ended by itself (the task closed or was reassigned). */
  resolvedBy: string | null;
  resolvedAt: number | null;
  /** What ended it: the text of whoever resolved it, or `TASK_CLOSED` / `REASSIGNED`. */
  resolution: string | null;
  /** A leader over both units has decided on it (at most once). */
  decidedBy: string | null;
  decidedAt: number | null;
  /** Confirmed by that leader as an objective cause. */
  confirmed: boolean;
  confirmedBy: string | null;
  confirmedAt: number | null;
  decisionComment: string | null;
  /** The last reminder to the blocking unit (null: none yet; the next is due `decisionReminderEvery` after this or the declaration). */
  remindedAt: number | null;
}

/** What ends an open blocker without anyone resolving it. */
export const BLOCKER_AUTOMATIC_RESOLUTIONS = ['TASK_CLOSED', 'REASSIGNED'] as const;

/**
 * The shape of `TaskState` this code writes. A state outlives the code that wrote it (it travels
 * in continue-as-new input and is stored in the `tasks.state` column), so a change to its shape
 * bumps this number and adds a step to `upcastTaskState` (task-state-upcaster.ts) that brings
 * the previous shape forward.
 */
export const TASK_STATE_SCHEMA_VERSION = 2;

export interface TaskState {
  /** The shape of this state (`TASK_STATE_SCHEMA_VERSION`); states written before it existed lack it and are version 1. */
  schemaVersion: typeof TASK_STATE_SCHEMA_VERSION;
  status: TaskStatus;
  /** Sequence of the last event; events are numbered 1, 2, 3… per task. */
  seq: number;
  /** Changes on every mutation, so the main loop re-plans its timers. */
  version: number;
  dueAt: number;
  originalDueAt: number;
  /** The time the current due time was set (assignment or the last extension). */
  dueSetAt: number;
  acknowledgedAt: number | null;
  ackRemindersSent: number;
  remindersFired: number[];
  /** Working-day reminders at their instants for the current due time (absent: none). */
  reminderTimes?: ReminderTime[];
  /** Keys of `reminderTimes` fired since the due time was last set. */
  reminderTimesFired?: string[];
  overdue: boolean;
  overdueSince: number | null;
  headNotified: boolean;
  ladderFired: number[];
  escalationLevel: number;
  proposals: Proposal[];
  extensions: ExtensionRequest[];
  explanations: ExplanationRequest[];
  beyondAuthority: BeyondAuthorityRequest[];
  /** Units the lead unit waits on (since schemaVersion 2). */
  blockers: Blocker[];
  evidence: EvidenceSubmission | null;
  progress: { percent: number; note: string; at: number; by: string } | null;
  leadUnitId: string;
  focalOfficerId: string | null;
  reviewers: string[];
  completedAt: number | null;
  completedOnTimeOriginal: boolean | null;
  completedOnTimeExtended: boolean | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  afterCare?: AfterCareState | null;
}

/** After completion: the product keeps being probed; repeated failures flag the task as regressed. */
export interface AfterCareState {
  url: string;
  startedAt: number;
  endsAt: number;
  nextAt: number;
  probes: number;
  consecutiveFailures: number;
  regressed: boolean;
  lastCheckedAt: number | null;
  lastOk: boolean | null;
  closedAt: number | null;
  closeReason: string | null;
  endedAt: number | null;
}

export const TASK_EVENT_TYPES = [
  'ASSIGNED',
  'ACKNOWLEDGED',
  'ACK_REMINDER',
  'REMINDER',
  'OVERDUE',
  'ESCALATION_PROPOSED',
  'ESCALATION_APPROVED',
  'ESCALATION_REJECTED',
  'DECISION_REMINDER',
  'PROGRESS_REPORTED',
  'EXTENSION_REQUESTED',
  'EXTENSION_APPROVED',
  'EXTENSION_REJECTED',
  'EXPLANATION_REQUESTED',
  'EXPLANATION_ANSWERED',
  'EXPLANATION_OVERDUE',
  'BEYOND_AUTHORITY_RAISED',
  'BEYOND_AUTHORITY_DECIDED',
  'REASSIGNED',
  'EVIDENCE_SUBMITTED',
  'CRITERION_VERIFIED',
  'CRITERION_ATTESTED',
  'CRITERION_FAILED',
  'EVIDENCE_VERIFIED',
  'EVIDENCE_VERIFICATION_FAILED',
  'EVIDENCE_ACCEPTED',
  'EVIDENCE_REJECTED',
  'CANCELLED',
  'AFTER_CARE_CHECKED',
  'REGRESSED',
  'RECOVERED',
  'AFTER_CARE_ENDED',
  'AFTER_CARE_CLOSED',
  'DUE_RECALCULATED',
  'BLOCKER_DECLARED',
  'BLOCKER_REMINDER',
  'BLOCKER_RESOLVED',
  'BLOCKER_DECIDED',
] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/** One entry of the timeline: who (null: dondoc itself), what, when, from which state. */
export interface TaskEvent {
  seq: number;
  type: TaskEventType;
  at: number;
  actorId: string | null;
  requestId: string | null;
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus;
  data: Record<string, unknown>;
}


/**
 * The rules by which an action is refused. Each is a code the API renders in the reader's language
 * (libs/tasks/src/refusal-messages.ts) and returns as `details.rule`.
 */
export type RefusalRule =
  | 'taskClosed'
  | 'underReview'
  | 'newDueAt'
  | 'laterDue'
  | 'invalidText'
  | 'invalidEvidence'
  | 'alreadyAcknowledged'
  | 'extensionPending'
  | 'unknownRequest'
  | 'alreadyDecided'
  | 'commentRequired'
  | 'futureDeadline'
  | 'alreadyAnswered'
  | 'beyondAuthorityPending'
  | 'newLeadUnitId'
  | 'sameUnit'
  | 'unknownProposal'
  | 'superseded'
  | 'notDecider'
  | 'nothingToReview'
  | 'reasonsRequired'
  | 'verificationRunning'
  | 'notVerified'
  | 'noAfterCare'
  | 'recordRejected'
  | 'invalidBlocker'
  | 'blockerOpen'
  | 'blockerResolved'
  | 'tooManyBlockers'
  // The API's, never the workflow's: a task of a plan assignment whose workflow is not started yet.
  | 'taskStarting';

/** Rules an action's input breaks whatever the task's state, one per field at fault. */
export type InputRule =
  | 'noControlCharacters'
  | 'documentsOnly'
  | 'required'
  | 'checksumOrCount'
  | 'sourceRequired'
  | 'attestationNotAllowed'
  | 'requiredWithSource'
  | 'afterFrom'
  | 'templateDirection'
  | 'reasonOutsideTask'
  | 'notLeadUnit'
  | 'notInFuture'
  | 'notBeforeAssignment'
  | 'notEmpty'
  | 'instant';

/** Parameters of a refusal's text; `kind` picks one of its variants (whose request, which status). */
export type RefusalParams = Record<string, string | number>;

/** One field of an action's input at fault: the API answers 400 naming it. */
export interface InputProblem {
  field: string;
  rule: InputRule;
  params?: RefusalParams;
}

/**
 * Why an action was refused: a rule and its parameters, rendered in the reader's language by the
 * API (409 with `details.rule`; 400 naming each field when it lists `problems` with the input).
 * It travels in the Update's failure details, never in a history's commands.
 */
export interface Refusal {
  rule: RefusalRule;
  params?: RefusalParams;
  /** The argument at fault, for a refusal of the input itself (`invalidText`). */
  field?: string;
  /** Every problem with the input, each with its field. */
  problems?: InputProblem[];
}
