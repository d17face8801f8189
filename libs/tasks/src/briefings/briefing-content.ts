import type { StateCountsDto } from '../statistics/statistics.dto';
import { stateCounts } from '../statistics/statistics.service';
import type { BriefingBasisDto, BriefingChangesDto, BriefingContentDto, BriefingFiguresDto, BriefingScopeTotalsDto, NextActionKind } from './briefing.dto';

/** The pack as stored (jsonb) and hashed. */
export type BriefingContent = BriefingContentDto;

/** The version of the content's shape. */
export const BRIEFING_CONTENT_SCHEMA = 1 as const;

const CHANGE_KEYS = [
  'newTasks',
  'completedOnTime',
  'completedLate',
  'completedLateWithinExtension',
  'cancelled',
  'newlyOverdue',
  'escalationsRaised',
  'escalationsApproved',
  'escalationsRejected',
  'extensionsRequested',
  'extensionsGranted',
  'extensionsRejected',
  'explanationsRequested',
  'explanationsAnswered',
  'explanationsOverdue',
  'explanationsUnanswered',
  'beyondAuthorityRaised',
  'beyondAuthorityDecided',
  'evidenceRejected',
  'regressions',
  'recoveries',
  'blockersOpened',
  'blockersConfirmed',
] as const satisfies readonly (keyof BriefingChangesDto)[];

export type ChangeKey = (typeof CHANGE_KEYS)[number];

export const emptyChanges = (): BriefingChangesDto => Object.fromEntries(CHANGE_KEYS.map((key) => [key, 0])) as unknown as BriefingChangesDto;

const emptyBasis = (): BriefingBasisDto => ({ doneOnTime: 0, doneLate: 0, inProgressWithinDeadline: 0, overdue: 0, doneOnTimeDue: 0 });

export const emptyFigures = (): BriefingFiguresDto => ({ total: 0, key: 0, cancelled: 0, dueSoon: 0, notAcknowledged: 0, original: emptyBasis(), current: emptyBasis() });

/** Adds `from` into `into` (changes are counts: a scope's are the sum of its units'). */
export function addChanges(into: BriefingChangesDto, from: BriefingChangesDto): BriefingChangesDto {
  for (const key of CHANGE_KEYS) into[key] += from[key];
  return into;
}

/** Adds `from` into `into` (figures are counts of each unit's own tasks). */
export function addFigures(into: BriefingFiguresDto, from: BriefingFiguresDto): BriefingFiguresDto {
  for (const key of ['total', 'key', 'cancelled', 'dueSoon', 'notAcknowledged'] as const) into[key] += from[key];
  for (const basis of ['original', 'current'] as const) {
    for (const key of Object.keys(into[basis]) as (keyof BriefingBasisDto)[]) into[basis][key] += from[basis][key];
  }
  return into;
}

/** The official state counts (with their percentages) of one basis of summed figures. */
export function stateCountsOf(total: number, basis: BriefingBasisDto): StateCountsDto {
  return stateCounts(
    total,
    { DONE_ON_TIME: basis.doneOnTime, DONE_LATE: basis.doneLate, IN_PROGRESS_WITHIN_DEADLINE: basis.inProgressWithinDeadline, OVERDUE: basis.overdue },
    // Done late and overdue tasks are always past their due time; done on time ones only when it came by the cut-off.
    { DONE_ON_TIME: basis.doneOnTimeDue, DONE_LATE: basis.doneLate, OVERDUE: basis.overdue },
  );
}

/** The totals of the units a reader sees. */
export function scopeTotalsOf(units: { figures: BriefingFiguresDto; changes: BriefingChangesDto }[]): BriefingScopeTotalsDto {
  const figures = emptyFigures();
  const changes = emptyChanges();
  for (const unit of units) {
    addFigures(figures, unit.figures);
    addChanges(changes, unit.changes);
  }
  return { total: figures.total, original: stateCountsOf(figures.total, figures.original), current: stateCountsOf(figures.total, figures.current), changes };
}

/**
 * One count of the week's changes as SQL gives it: a unit (the task's lead unit), what was
 * counted — a timeline event type (with its flag: a blocker decision's `confirm`), or one of the
 * task-based kinds `NEW`, `DONE_ON_TIME`, `DONE_LATE`, `DONE_LATE_WITHIN_EXTENSION`,
 * `CANCELLED`, `NEWLY_OVERDUE`, `EXPLANATION_UNANSWERED` — and how many.
 */
export interface ChangeCount {
  unitId: string;
  kind: string;
  flag?: string | null;
  n: number;
}

/** What a counted kind adds to (a kind not listed is not a change the pack reports: reminders, checks…). */
function changeKeyOf(kind: string, flag: string | null | undefined): ChangeKey | null {
  switch (kind) {
    case 'NEW':
      return 'newTasks';
    case 'DONE_ON_TIME':
      return 'completedOnTime';
    case 'DONE_LATE':
      return 'completedLate';
    case 'DONE_LATE_WITHIN_EXTENSION':
      return 'completedLateWithinExtension';
    case 'CANCELLED':
      return 'cancelled';
    case 'NEWLY_OVERDUE':
      return 'newlyOverdue';
    case 'EXPLANATION_UNANSWERED':
      return 'explanationsUnanswered';
    case 'ESCALATION_PROPOSED':
      return 'escalationsRaised';
    case 'ESCALATION_APPROVED':
      return 'escalationsApproved';
    case 'ESCALATION_REJECTED':
      return 'escalationsRejected';
    case 'EXTENSION_REQUESTED':
      return 'extensionsRequested';
    case 'EXTENSION_APPROVED':
      return 'extensionsGranted';
    case 'EXTENSION_REJECTED':
      return 'extensionsRejected';
    case 'EXPLANATION_REQUESTED':
      return 'explanationsRequested';
    case 'EXPLANATION_ANSWERED':
      return 'explanationsAnswered';
    case 'EXPLANATION_OVERDUE':
      return 'explanationsOverdue';
    case 'BEYOND_AUTHORITY_RAISED':
      return 'beyondAuthorityRaised';
    case 'BEYOND_AUTHORITY_DECIDED':
      return 'beyondAuthorityDecided';
    case 'EVIDENCE_REJECTED':
      return 'evidenceRejected';
    case 'REGRESSED':
      return 'regressions';
    case 'RECOVERED':
      return 'recoveries';
    case 'BLOCKER_DECLARED':
      return 'blockersOpened';
    case 'BLOCKER_DECIDED':
      return flag === 'true' ? 'blockersConfirmed' : null;
    default:
      return null;
  }
}

/** The timeline event types the week's changes count (the SQL reads only these). */
export const CHANGE_EVENT_TYPES = [
  'ESCALATION_PROPOSED',
  'ESCALATION_APPROVED',
  'ESCALATION_REJECTED',
  'EXTENSION_REQUESTED',
  'EXTENSION_APPROVED',
  'EXTENSION_REJECTED',
  'EXPLANATION_REQUESTED',
  'EXPLANATION_ANSWERED',
  'EXPLANATION_OVERDUE',
  'BEYOND_AUTHORITY_RAISED',
  'BEYOND_AUTHORITY_DECIDED',
  'EVIDENCE_REJECTED',
  'REGRESSED',
  'RECOVERED',
  'BLOCKER_DECLARED',
  'BLOCKER_DECIDED',
] as const;

/** The changes of each unit from the counts (units with none are absent). */
export function changesByUnit(counts: ChangeCount[]): Map<string, BriefingChangesDto> {
  const byUnit = new Map<string, BriefingChangesDto>();
  for (const count of counts) {
    const key = changeKeyOf(count.kind, count.flag);
    if (key === null || count.n === 0) continue;
    const changes = byUnit.get(count.unitId) ?? emptyChanges();
    changes[key] += count.n;
    byUnit.set(count.unitId, changes);
  }
  return byUnit;
}

/** A timeline entry as the pending-request reading needs it (up to the cut-off, in order). */
export interface TimelineEntry {
  seq: number;
  type: string;
  at: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

/** A request that waits for someone at the cut-off. */
export interface PendingRequest {
  kind: Exclude<NextActionKind, 'COMPLETE'>;
  requestId: string;
  since: string;
  /** Who raised it (null: dondoc). */
  by: string | null;
  /** The people named to act on it (escalation deciders, evidence reviewers); empty when a role decides. */
  people: string[];
  level: number | null;
  /** The decider rule of an escalation level (`STEERING_COMMITTEE`…). */
  decider: string | null;
  reason: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * What waits for someone at the cut-off, read from a task's timeline up to it (`entries`, in
 * order): escalation levels proposed and not decided (an extension, approved or decided EXTEND,
 * supersedes them as the workflow does), extension requests, matters beyond authority,
 * explanations not answered, evidence not yet accepted or rejected, blockers no leader decided on.
 * For an open task only: closing supersedes everything. Oldest first.
 */
export function pendingRequests(entries: TimelineEntry[]): PendingRequest[] {
  const pending = new Map<string, PendingRequest>();
  const add = (request: Omit<PendingRequest, 'people' | 'level' | 'decider' | 'reason'> & Partial<PendingRequest>) =>
    pending.set(`${request.kind}:${request.requestId}`, { people: [], level: null, decider: null, reason: null, ...request });
  const drop = (kind: PendingRequest['kind'], requestId: unknown) => pending.delete(`${kind}:${String(requestId)}`);
  for (const entry of entries) {
    const d = entry.data;
    switch (entry.type) {
      case 'ESCALATION_PROPOSED':
        add({ kind: 'DECIDE_ESCALATION', requestId: String(d.proposalId), since: entry.at, by: null, people: ids(d.deciders), level: typeof d.level === 'number' ? d.level : null, decider: text(d.decider) });
        break;
      case 'ESCALATION_APPROVED':
      case 'ESCALATION_REJECTED':
        drop('DECIDE_ESCALATION', d.proposalId);
        break;
      case 'EXTENSION_REQUESTED':
        add({ kind: 'DECIDE_EXTENSION', requestId: String(d.requestId), since: entry.at, by: entry.actorId, reason: text(d.reason) });
        break;
      case 'EXTENSION_APPROVED':
      case 'EXTENSION_REJECTED':
        drop('DECIDE_EXTENSION', d.requestId);
        if (entry.type === 'EXTENSION_APPROVED') supersedeEscalations(pending);
        break;
      case 'BEYOND_AUTHORITY_RAISED':
        add({ kind: 'DECIDE_BEYOND_AUTHORITY', requestId: String(d.requestId), since: entry.at, by: entry.actorId, reason: text(d.reason) });
        break;
      case 'BEYOND_AUTHORITY_DECIDED':
        drop('DECIDE_BEYOND_AUTHORITY', d.requestId);
        if (d.decision === 'EXTEND') supersedeEscalations(pending);
        break;
      case 'EXPLANATION_REQUESTED':
        add({ kind: 'ANSWER_EXPLANATION', requestId: String(d.requestId), since: entry.at, by: entry.actorId, reason: text(d.question) });
        break;
      case 'EXPLANATION_ANSWERED':
        drop('ANSWER_EXPLANATION', d.requestId);
        break;
      case 'EVIDENCE_SUBMITTED':
        add({ kind: 'REVIEW_EVIDENCE', requestId: 'evidence', since: entry.at, by: entry.actorId, people: ids(d.reviewers) });
        break;
      case 'EVIDENCE_ACCEPTED':
      case 'EVIDENCE_REJECTED':
      case 'EVIDENCE_VERIFICATION_FAILED':
        drop('REVIEW_EVIDENCE', 'evidence');
        break;
      case 'BLOCKER_DECLARED':
        add({ kind: 'DECIDE_BLOCKER', requestId: String(d.blockerId), since: entry.at, by: entry.actorId, reason: text(d.reason) });
        break;
      case 'BLOCKER_DECIDED':
        drop('DECIDE_BLOCKER', d.blockerId);
        break;
    }
  }
  return [...pending.values()].sort((a, b) => a.since.localeCompare(b.since) || a.requestId.localeCompare(b.requestId));
}

function supersedeEscalations(pending: Map<string, PendingRequest>): void {
  for (const [key, request] of pending) if (request.kind === 'DECIDE_ESCALATION') pending.delete(key);
}

/** The event types `pendingRequests` reads. */
export const PENDING_EVENT_TYPES = [
  'ESCALATION_PROPOSED',
  'ESCALATION_APPROVED',
  'ESCALATION_REJECTED',
  'EXTENSION_REQUESTED',
  'EXTENSION_APPROVED',
  'EXTENSION_REJECTED',
  'BEYOND_AUTHORITY_RAISED',
  'BEYOND_AUTHORITY_DECIDED',
  'EXPLANATION_REQUESTED',
  'EXPLANATION_ANSWERED',
  'EVIDENCE_SUBMITTED',
  'EVIDENCE_ACCEPTED',
  'EVIDENCE_REJECTED',
  'EVIDENCE_VERIFICATION_FAILED',
  'BLOCKER_DECLARED',
  'BLOCKER_DECIDED',
] as const;

/** Others must decide first; then the unit answers what it was asked; else it completes the task. */
const NEXT_ORDER: PendingRequest['kind'][] = ['DECIDE_ESCALATION', 'DECIDE_EXTENSION', 'DECIDE_BEYOND_AUTHORITY', 'REVIEW_EVIDENCE', 'DECIDE_BLOCKER', 'ANSWER_EXPLANATION'];

/** The request an overdue task waits on first (null: nothing pending; the unit must complete it). */
export function nextPending(pending: PendingRequest[]): PendingRequest | null {
  for (const kind of NEXT_ORDER) {
    const first = pending.find((p) => p.kind === kind);
    if (first) return first;
  }
  return null;
}

/**
 * A reader's part of a pack: what concerns the units they see (`visible`: unit ids within their
 * scope). The whole-scope totals are left out (null); first-level rows, units, tasks, decisions
 * and heads are kept when their unit is visible.
 */
export function partOf(content: BriefingContent, visible: (unitId: string) => boolean): BriefingContent {
  return {
    ...content,
    statistics: { totals: null, firstLevel: content.statistics.firstLevel.filter((row) => row.unit && visible(row.unit.id)) },
    changes: { totals: null, firstLevel: content.changes.firstLevel.filter((row) => visible(row.unit.id)) },
    units: content.units.filter((line) => visible(line.unit.id)),
    mostOverdue: content.mostOverdue.filter((task) => visible(task.unit.id)),
    decisions: content.decisions.filter((decision) => visible(decision.unit.id)),
    heads: content.heads.filter((head) => head.unit !== null && visible(head.unit.id)),
  };
}

/** Every unit id a pack names (to ask which of them a reader sees). */
export function unitIdsOf(content: BriefingContent): string[] {
  const ids = new Set<string>();
  for (const row of content.statistics.firstLevel) if (row.unit) ids.add(row.unit.id);
  for (const row of content.changes.firstLevel) ids.add(row.unit.id);
  for (const line of content.units) ids.add(line.unit.id);
  for (const task of content.mostOverdue) ids.add(task.unit.id);
  for (const decision of content.decisions) ids.add(decision.unit.id);
  for (const head of content.heads) if (head.unit) ids.add(head.unit.id);
  return [...ids];
}
