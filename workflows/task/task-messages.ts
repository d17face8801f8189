/**
 * How the outside world talks to a task's workflow: its id, its input and output, the Updates
 * (one per action, with their arguments) and the query. The API's client imports them from here.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ActorRef,
  BeyondAuthorityDecision,
  Criterion,
  EvidenceItems,
  TaskDefinition,
  TaskState,
} from './task-domain.types';

export const taskWorkflowId = (taskId: string): string => `task-${taskId}`;

export interface TaskWorkflowInput {
  task: TaskDefinition;
  /** Carried over by continue-as-new; a shape written by older code is brought forward on entry (`upcastTaskState`). */
  state?: TaskState;
  /** Continue as new when the history passes this many events (tests force it low). */
  continueAsNewAfterEvents?: number;
  /** The API request that assigned the task, for the audit trail of the ASSIGNED event. */
  requestId?: string | null;
}

/** What the API shows and the task row stores, after every event. */
export interface TaskSnapshot {
  task: TaskDefinition;
  state: TaskState;
  runId: string;
}

/** The failure type of an Update refused by the task's rules; its details hold the `Refusal`. */
export const TASK_REFUSAL = 'TaskActionRefused';

// ----- actions (Temporal Updates) ---------------------------------------------------------------

export interface AcknowledgeArgs { actor: ActorRef }
export interface ProgressArgs { actor: ActorRef; percent: number; note: string }
export interface RequestExtensionArgs { actor: ActorRef; newDueAt: string; reason: string }
export interface DecideArgs { actor: ActorRef; requestId: string; approve: boolean; comment: string | null }
/** An extension's decision: an approval may say the delay has an objective cause (the quarterly scorecard then excuses it). */
export interface DecideExtensionArgs extends DecideArgs { objectiveCause?: boolean }
export interface RequestExplanationArgs { actor: ActorRef; question: string; deadline: string }
export interface AnswerExplanationArgs { actor: ActorRef; requestId: string; answer: string }
export interface RaiseBeyondAuthorityArgs { actor: ActorRef; reason: string }
export interface DecideBeyondAuthorityArgs {
  actor: ActorRef;
  requestId: string;
  decision: BeyondAuthorityDecision;
  comment: string;
  newDueAt?: string;
  newLeadUnitId?: string;
  newFocalOfficerId?: string | null;
}
export interface SubmitEvidenceArgs { actor: ActorRef; items: EvidenceItems }
export interface ReviewEvidenceArgs { actor: ActorRef; approve: boolean; comment: string | null; rejections: Partial<Record<Criterion, string>> }
export interface CancelArgs { actor: ActorRef; reason: string }
export interface CloseAfterCareArgs { actor: ActorRef; reason: string }
/**
 * The working-day calendar changed `dates` (an administrator's override, `actor`): the task's
 * working-day term is counted again (by an activity) and its due time moves if the count says so.
 */
export interface RecalculateDueArgs { actor: ActorRef; dates: string[] }
/** `since`: an instant (ISO 8601), or null for the moment of the declaration; `reason`: required for a unit that does not coordinate the task. */
export interface DeclareBlockerArgs { actor: ActorRef; blockingUnitId: string; awaited: string; since: string | null; reason: string | null }
export interface ResolveBlockerArgs { actor: ActorRef; blockerId: string; resolution: string }
/** `confirm`: an objective cause (or not); `end`: the blocker ends with the decision. */
export interface DecideBlockerArgs { actor: ActorRef; blockerId: string; confirm: boolean; end: boolean; comment: string }

export const acknowledgeUpdate = defineUpdate<TaskSnapshot, [AcknowledgeArgs]>('acknowledge');
export const reportProgressUpdate = defineUpdate<TaskSnapshot, [ProgressArgs]>('reportProgress');
export const requestExtensionUpdate = defineUpdate<TaskSnapshot, [RequestExtensionArgs]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<TaskSnapshot, [DecideExtensionArgs]>('decideExtension');
export const requestExplanationUpdate = defineUpdate<TaskSnapshot, [RequestExplanationArgs]>('requestExplanation');
export const answerExplanationUpdate = defineUpdate<TaskSnapshot, [AnswerExplanationArgs]>('answerExplanation');
export const raiseBeyondAuthorityUpdate = defineUpdate<TaskSnapshot, [RaiseBeyondAuthorityArgs]>('raiseBeyondAuthority');
export const decideBeyondAuthorityUpdate = defineUpdate<TaskSnapshot, [DecideBeyondAuthorityArgs]>('decideBeyondAuthority');
export const decideEscalationUpdate = defineUpdate<TaskSnapshot, [DecideArgs]>('decideEscalation');
export const submitEvidenceUpdate = defineUpdate<TaskSnapshot, [SubmitEvidenceArgs]>('submitEvidence');
export const reviewEvidenceUpdate = defineUpdate<TaskSnapshot, [ReviewEvidenceArgs]>('reviewEvidence');
export const cancelUpdate = defineUpdate<TaskSnapshot, [CancelArgs]>('cancel');
export const closeAfterCareUpdate = defineUpdate<TaskSnapshot, [CloseAfterCareArgs]>('closeAfterCare');
export const recalculateDueUpdate = defineUpdate<TaskSnapshot, [RecalculateDueArgs]>('recalculateDue');
export const declareBlockerUpdate = defineUpdate<TaskSnapshot, [DeclareBlockerArgs]>('declareBlocker');
export const resolveBlockerUpdate = defineUpdate<TaskSnapshot, [ResolveBlockerArgs]>('resolveBlocker');
export const decideBlockerUpdate = defineUpdate<TaskSnapshot, [DecideBlockerArgs]>('decideBlocker');

export const snapshotQuery = defineQuery<TaskSnapshot>('snapshot');
