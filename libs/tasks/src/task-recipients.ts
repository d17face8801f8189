/**
 * Who hears of each task event, and with which mail parameters: a pure table over the event, the
 * task's snapshot and the people around it (read from the directory by the recording service).
 */
import { createHash } from 'node:crypto';
import type { Language } from '@dondoc/common';
import { describeFailures, type CheckReason } from '@dondoc/evidence';
import { TASK_NOTIFIED_EVENTS, taskTemplateName, type NotificationInput, type TaskMailData, type TaskNotifiedEvent } from '@dondoc/notifications';
import type { TaskDefinition, TaskEvent, TaskSnapshot } from '@dondoc/workflows/task/task.types';

const DECISIONS = {
  DIRECTION: { vi: 'cho ý kiến chỉ đạo', en: 'direction given' },
  EXTEND: { vi: 'gia hạn', en: 'extended' },
  REASSIGN: { vi: 'chuyển đơn vị chủ trì', en: 'reassigned' },
  CANCEL: { vi: 'huỷ nhiệm vụ', en: 'cancelled' },
  RETURN: { vi: 'trả lại đơn vị', en: 'returned to the unit' },
} as const;

const ITEMS = {
  proposal: { vi: 'đề xuất báo cáo cấp trên', en: 'an escalation proposal' },
  extension: { vi: 'đề nghị gia hạn', en: 'an extension request' },
  beyondAuthority: { vi: 'vấn đề vượt thẩm quyền', en: 'a matter beyond authority' },
  evidence: { vi: 'minh chứng chờ duyệt', en: 'evidence to review' },
} as const;

/** How a blocker ended by itself, in the mail (a person's resolution is their own text). */
const AUTOMATIC_RESOLUTIONS: Record<string, { vi: string; en: string }> = {
  TASK_CLOSED: { vi: 'nhiệm vụ đã kết thúc (hoàn thành hoặc huỷ)', en: 'the task has ended (done or cancelled)' },
  REASSIGNED: { vi: 'nhiệm vụ đã được chuyển cho đơn vị khác chủ trì', en: 'the task was reassigned to another lead unit' },
};

/** A leader's decision on a blocker: confirmed as an objective cause or not, ended or not. */
function blockerDecision(confirm: boolean, end: boolean): { vi: string; en: string } {
  const cause = confirm ? { vi: 'xác nhận là nguyên nhân khách quan', en: 'confirmed as an objective cause' } : { vi: 'không xác nhận là nguyên nhân khách quan', en: 'not confirmed as an objective cause' };
  return end ? { vi: `${cause.vi}; kết thúc vướng mắc`, en: `${cause.en}; the blocker ended` } : cause;
}

/** A unit a blocker names: its (Vietnamese) name, and its head and active officers, who hear of the blocker. */
export interface BlockingUnit {
  name: string;
  head: string | null;
  officers: string[];
}

/** The people around a task when its events are notified: the same for every event of a batch. */
export interface TaskAudience {
  /** The lead unit's (Vietnamese) name, as the mails name it. */
  unitName: string;
  /** The head of the lead unit (none while the post is vacant). */
  head: string[];
  /** The head of the unit above the lead unit. */
  parentHead: string[];
  /** The focal officer, else the lead unit's active officers. */
  people: string[];
  /** The heads of the coordinating units. */
  coordinatingHeads: string[];
}

/** Who hears of an event (before the actor is left out and the inactive are dropped) and what their mail says. */
export interface TaskRecipients {
  recipients: string[];
  /** Every parameter of the task mail but the recipient's name. */
  params: Omit<TaskMailData, 'name'>;
}

/** Whether anyone is told of events of this type. */
export function isNotified(event: TaskEvent): event is TaskEvent & { type: TaskNotifiedEvent } {
  return (TASK_NOTIFIED_EVENTS as readonly string[]).includes(event.type);
}

/** Units besides the task's own whose head hears of an event: a reassignment's former lead unit. */
export function unitsWhoseHeadHears(event: TaskEvent): string[] {
  return event.type === 'REASSIGNED' ? [text(event.data, 'fromUnitId')] : [];
}

/** The unit a blocker event names, whose head and officers hear of it (and whose name the mail gives). */
export function blockingUnitOf(event: TaskEvent): string | undefined {
  return event.type.startsWith('BLOCKER_') ? text(event.data, 'blockingUnitId') || undefined : undefined;
}

function text(data: Record<string, unknown>, key: string): string {
  return typeof data[key] === 'string' ? data[key] : '';
}

/**
 * Who must act on or know about an event, and the mail's parameters. `unitHeads` holds the heads
 * of the units `unitsWhoseHeadHears(event)` names (null while vacant); `blocking` the unit
 * `blockingUnitOf(event)` names.
 */
export function taskRecipients(
  event: TaskEvent,
  { task, state }: Pick<TaskSnapshot, 'task' | 'state'>,
  audience: TaskAudience,
  unitHeads: ReadonlyMap<string, string | null> = new Map(),
  blocking?: BlockingUnit,
): TaskRecipients {
  const data = event.data;
  const str = (key: string): string => text(data, key);
  const { head, parentHead, people, coordinatingHeads } = audience;
  const supervisors = [task.assignedBy, ...state.reviewers];
  const evidenceReviewers = state.evidence?.reviewers ?? supervisors;
  // After-care news goes to whoever accepted the evidence (else the task's reviewers).
  const careReviewers = state.evidence?.reviewedBy ? [state.evidence.reviewedBy] : state.reviewers;
  const blockingStaff = blocking ? [...(blocking.head ? [blocking.head] : []), ...blocking.officers] : [];

  let recipients: string[] = [];
  const extra: Partial<TaskMailData> = {};
  switch (event.type as TaskNotifiedEvent) {
    case 'ASSIGNED':
      recipients = [...people, ...head, ...coordinatingHeads];
      break;
    case 'ACK_REMINDER':
      recipients = people;
      extra.count = typeof data.count === 'number' ? String(data.count) : '';
      break;
    case 'REMINDER':
      // The reminder at the due time also goes to the head.
      recipients = data.offsetSeconds === 0 ? [...people, ...head] : people;
      break;
    case 'OVERDUE':
      recipients = [...head, ...people];
      break;
    case 'ESCALATION_PROPOSED':
      recipients = data.deciders as string[];
      extra.level = String(data.level);
      break;
    case 'DECISION_REMINDER': {
      const item = data.item as keyof typeof ITEMS;
      recipients = item === 'proposal' ? (data.deciders as string[]) : item === 'evidence' ? evidenceReviewers : supervisors;
      extra.item_vi = ITEMS[item].vi;
      extra.item_en = ITEMS[item].en;
      break;
    }
    case 'ESCALATION_APPROVED':
      recipients = [...head, ...people];
      extra.level = String(data.level);
      break;
    case 'ESCALATION_REJECTED':
      recipients = head;
      extra.level = String(data.level);
      break;
    case 'EXTENSION_REQUESTED':
      recipients = supervisors;
      break;
    case 'EXTENSION_APPROVED':
    case 'EXTENSION_REJECTED':
      recipients = [str('requestedBy'), ...head].filter(Boolean);
      break;
    case 'DUE_RECALCULATED':
      // The lead unit works to the new due time.
      recipients = [...people, ...head];
      extra.previousDueAt = str('oldDueAt');
      break;
    case 'EXPLANATION_REQUESTED':
      recipients = [...people, ...head];
      break;
    case 'EXPLANATION_ANSWERED':
      recipients = [str('requestedBy')].filter(Boolean);
      break;
    case 'EXPLANATION_OVERDUE': {
      const request = state.explanations.find((x) => x.id === data.requestId);
      recipients = [str('requestedBy'), ...parentHead, ...head].filter(Boolean);
      extra.question = request?.question ?? '';
      break;
    }
    case 'BEYOND_AUTHORITY_RAISED':
      recipients = [...supervisors, ...parentHead];
      break;
    case 'BEYOND_AUTHORITY_DECIDED': {
      const decision = data.decision as keyof typeof DECISIONS;
      recipients = [str('raisedBy'), ...head].filter(Boolean);
      extra.decision_vi = DECISIONS[decision].vi;
      extra.decision_en = DECISIONS[decision].en;
      break;
    }
    case 'REASSIGNED': {
      const formerHead = unitHeads.get(str('fromUnitId'));
      recipients = [...people, ...head, ...(formerHead ? [formerHead] : [])];
      extra.newUnitName = audience.unitName;
      break;
    }
    case 'EVIDENCE_SUBMITTED':
      recipients = evidenceReviewers;
      break;
    case 'EVIDENCE_ACCEPTED':
      recipients = [...people, ...head, task.assignedBy];
      break;
    case 'EVIDENCE_REJECTED': {
      recipients = [...people, ...head];
      const rejections = (data.rejections ?? {}) as Record<string, string>;
      extra.rejections = Object.entries(rejections).map(([criterion, reason]) => `${criterion}: ${reason}.`).join(' ');
      break;
    }
    case 'EVIDENCE_VERIFIED':
      recipients = evidenceReviewers;
      break;
    case 'EVIDENCE_VERIFICATION_FAILED': {
      const failed = data.failed as Parameters<typeof describeFailures>[0];
      recipients = [...people, ...head, state.evidence?.submittedBy ?? '', ...evidenceReviewers].filter(Boolean);
      extra.failures_vi = describeFailures(failed, 'vi');
      extra.failures_en = describeFailures(failed, 'en');
      break;
    }
    case 'REGRESSED': {
      const failed = [{ criterion: 'OPERATING_PRODUCT', reasons: data.reasons as CheckReason[] }];
      recipients = [...head, ...people, ...careReviewers, task.assignedBy];
      extra.count = String(data.consecutiveFailures);
      extra.url = str('url');
      extra.failures_vi = describeFailures(failed, 'vi');
      extra.failures_en = describeFailures(failed, 'en');
      break;
    }
    case 'RECOVERED':
      recipients = [...head, ...people, ...careReviewers, task.assignedBy];
      extra.url = str('url');
      break;
    case 'AFTER_CARE_CLOSED':
      recipients = [...head, ...careReviewers];
      break;
    case 'CANCELLED':
      recipients = [...people, ...head, ...coordinatingHeads];
      break;
    // Blockers: the blocking unit's head and officers are asked to act; the lead unit hears how it ended.
    case 'BLOCKER_DECLARED':
    case 'BLOCKER_REMINDER':
      recipients = blockingStaff;
      break;
    case 'BLOCKER_RESOLVED': {
      const automatic = AUTOMATIC_RESOLUTIONS[str('resolution')];
      // Ended by itself (the task closed or was reassigned): only the blocking unit still needs telling.
      recipients = data.automatic === true ? blockingStaff : [...blockingStaff, str('declaredBy'), ...people, ...head].filter(Boolean);
      const resolution = data.automatic === true && automatic ? automatic : { vi: str('resolution'), en: str('resolution') };
      extra.resolution_vi = resolution.vi;
      extra.resolution_en = resolution.en;
      break;
    }
    case 'BLOCKER_DECIDED': {
      recipients = [...blockingStaff, str('declaredBy'), ...people, ...head].filter(Boolean);
      const decision = blockerDecision(data.confirm === true, data.end === true);
      extra.decision_vi = decision.vi;
      extra.decision_en = decision.en;
      break;
    }
  }
  return {
    recipients,
    params: {
      taskCode: task.code,
      taskTitle: task.title,
      unitName: audience.unitName,
      dueAt: new Date(state.dueAt).toISOString(),
      link: '',
      level: '',
      comment: str('comment'),
      reason: str('reason'),
      newDueAt: str('newDueAt'),
      previousDueAt: str('previousDueAt'),
      question: str('question'),
      deadline: str('deadline'),
      answer: str('answer'),
      decision_vi: '',
      decision_en: '',
      item_vi: '',
      item_en: '',
      rejections: '',
      count: '',
      newUnitName: '',
      failures_vi: '',
      failures_en: '',
      url: '',
      blockingUnitName: blocking?.name ?? '',
      awaited: str('awaited'),
      since: str('since'),
      resolution_vi: '',
      resolution_en: '',
      ...extra,
    },
  };
}

/**
 * Where a recipient's notification of an event leads in the web app: the task's page; the
 * Decisions queue with that decision's dialog open; or, for the lead unit told to acknowledge, the
 * one-step acknowledgement page (the email's button; the inbox, read signed in, leads to the task).
 */
export type TaskLink = { kind: 'task' } | { kind: 'decision'; request: string } | { kind: 'acknowledge' };

/** The decision an event asks its recipients for: a request or proposal id, or `evidence` for a review. */
function decisionAsked(event: TaskEvent): string | undefined {
  const data = event.data;
  switch (event.type as TaskNotifiedEvent) {
    case 'ESCALATION_PROPOSED':
      return text(data, 'proposalId') || undefined;
    case 'EXTENSION_REQUESTED':
    case 'BEYOND_AUTHORITY_RAISED':
    case 'EXPLANATION_ANSWERED':
    case 'EXPLANATION_OVERDUE':
      return text(data, 'requestId') || undefined;
    case 'DECISION_REMINDER':
      return data.item === 'evidence' ? 'evidence' : text(data, 'id') || undefined;
    case 'EVIDENCE_SUBMITTED':
    case 'EVIDENCE_VERIFIED':
      return 'evidence';
    default:
      return undefined;
  }
}

/**
 * Where `recipientId`'s notification of `event` leads. The lead unit's people and head are asked to
 * acknowledge an assignment, a reassignment to them, and the reminders to acknowledge; everyone
 * else asked to decide is sent to that decision — except the lead unit itself when its explanation
 * is overdue: it answers on the task's page.
 */
export function taskLinkFor(event: TaskEvent, recipientId: string, audience: Pick<TaskAudience, 'head' | 'people'>): TaskLink {
  const leadUnit = audience.people.includes(recipientId) || audience.head.includes(recipientId);
  switch (event.type as TaskNotifiedEvent) {
    case 'ASSIGNED':
    case 'REASSIGNED':
      return leadUnit ? { kind: 'acknowledge' } : { kind: 'task' };
    case 'ACK_REMINDER':
      return audience.people.includes(recipientId) ? { kind: 'acknowledge' } : { kind: 'task' };
    case 'EXPLANATION_OVERDUE':
      if (leadUnit && text(event.data, 'requestedBy') !== recipientId) return { kind: 'task' };
      break;
  }
  const request = decisionAsked(event);
  return request ? { kind: 'decision', request } : { kind: 'task' };
}

/** The web app's path of a link (an acknowledgement's is the task's: the email's button carries the token, see the renderer). */
export function taskLinkPath(taskId: string, link: TaskLink): string {
  return link.kind === 'decision' ? `/decisions?task=${taskId}&request=${encodeURIComponent(link.request)}` : `/tasks/${taskId}`;
}

/** The id of the acknowledgement link of an outbox row: derived from its key, so a retried recording makes the same one. */
export function acknowledgeLinkId(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`acknowledge-link:${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A recipient as the outbox needs them. */
export interface TaskMailRecipient {
  id: string;
  email: string;
  name: string;
  language: Language;
}

/**
 * The outbox rows of an event, one per recipient in their language, each with its link (see
 * `taskLinkFor`). The key (workflow, event, person) makes a retried recording queue nothing twice.
 * A row asking to acknowledge carries `ackLinkId`: the caller stores that link.
 */
export function taskNotifications(
  workflowId: string,
  event: TaskEvent & { type: TaskNotifiedEvent },
  task: TaskDefinition,
  params: Omit<TaskMailData, 'name'>,
  users: TaskMailRecipient[],
  audience: Pick<TaskAudience, 'head' | 'people'>,
): NotificationInput[] {
  return users.map((user) => {
    const idempotencyKey = `${workflowId}:${event.seq}:${user.id}`;
    const link = taskLinkFor(event, user.id, audience);
    return {
      idempotencyKey,
      userId: user.id,
      email: user.email,
      language: user.language,
      template: taskTemplateName(event.type) as NotificationInput['template'],
      params: { ...params, name: user.name, ...(link.kind === 'acknowledge' ? { ackLinkId: acknowledgeLinkId(idempotencyKey) } : {}) },
      link: taskLinkPath(task.taskId, link),
      taskId: task.taskId,
    };
  });
}
