import { unitRef, type Unit } from '@dondoc/organisation';
import type { WorkingCalendar } from '@dondoc/calendar';
import { OPEN_STATUSES, type TaskState } from '@dondoc/workflows/task/task.types';
import type { BlockerView } from './dto/blocker.dto';
import type { TaskView } from './dto/task-view.dto';
import type { Risk } from './statistics/task-state-at.sql';
import type { Task } from './task.entity';

type People = Map<string, { id: string; name: string; email: string }>;

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Timestamps of a state fragment (numbers of ms in the workflow) as ISO strings for the API. */
function withIsoTimes<T extends object>(item: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, typeof value === 'number' && /At$|deadline|newDueAt/.test(key) ? iso(value) : value]));
}

/** Working days from the date of `now` to the date of `dueAt` (0: the same day), negative once the due date has passed. */
export function workingDaysLeft(calendar: WorkingCalendar, dueAt: number, now: number): number {
  return dueAt >= now ? calendar.workingDaysBetween(now, dueAt) : -calendar.workingDaysBetween(dueAt, now);
}

function pendingOf(state: TaskState | null): TaskView['pending'] {
  if (!state) return { escalations: [], extensions: [], explanations: [], beyondAuthority: [], evidenceReview: null };
  return {
    escalations: state.proposals.filter((p) => p.status === 'PENDING').map(withIsoTimes),
    extensions: state.extensions.filter((e) => e.status === 'PENDING').map(withIsoTimes),
    explanations: state.explanations.filter((x) => x.status === 'OPEN').map(withIsoTimes),
    beyondAuthority: state.beyondAuthority.filter((b) => b.status === 'PENDING').map(withIsoTimes),
    evidenceReview: state.evidence?.status === 'UNDER_REVIEW' ? withIsoTimes(state.evidence) : null,
  };
}

/** The task's blockers, open ones first, each in declaration order. */
function blockersOf(state: TaskState | null, units: Map<string, Unit>, person: (id: string | null) => { id: string; name: string; email: string } | null): BlockerView[] {
  const blockers = state?.blockers ?? [];
  return [...blockers.filter((b) => b.status === 'OPEN'), ...blockers.filter((b) => b.status !== 'OPEN')].map((b) => {
    const unit = units.get(b.blockingUnitId);
    return {
      id: b.id,
      blockingUnit: unit ? unitRef(unit) : null,
      coordinating: b.coordinating,
      reason: b.reason,
      awaited: b.awaited,
      since: iso(b.since)!,
      declaredBy: person(b.declaredBy),
      declaredAt: iso(b.declaredAt)!,
      status: b.status,
      resolvedBy: person(b.resolvedBy),
      resolvedAt: iso(b.resolvedAt),
      resolution: b.resolution,
      confirmed: b.confirmed,
      decidedBy: person(b.decidedBy),
      decidedAt: iso(b.decidedAt),
      decisionComment: b.decisionComment,
    };
  });
}

/** The people and units a task's blockers name, for the view to show them. */
export function blockerReferences(state: TaskState | null): { unitIds: string[]; personIds: string[] } {
  const blockers = state?.blockers ?? [];
  return {
    unitIds: blockers.map((b) => b.blockingUnitId),
    personIds: blockers.flatMap((b) => [b.declaredBy, b.resolvedBy, b.decidedBy]).filter((id): id is string => Boolean(id)),
  };
}

/** The task as the API shows it; `risk` is its colour now (`TaskStateAtSql.risk`, read by the caller). */
export function toTaskView(task: Task, units: Map<string, Unit>, people: People, risk: Risk | null = null, calendar?: WorkingCalendar, now = Date.now()): TaskView {
  const state = task.state;
  const person = (id: string | null | undefined) => (id ? (people.get(id) ?? null) : null);
  return {
    id: task.id,
    code: task.code,
    title: task.title,
    description: task.description,
    program: task.program,
    status: task.status,
    risk,
    key: task.key,
    workingDaysLeft: calendar && OPEN_STATUSES.includes(task.status) ? workingDaysLeft(calendar, task.dueAt.getTime(), now) : null,
    overdue: task.overdue,
    overdueSince: task.overdueSince?.toISOString() ?? null,
    escalationLevel: task.escalationLevel,
    progressPercent: task.progressPercent,
    leadUnit: unitRef(units.get(task.leadUnitId)!),
    coordinatingUnits: task.coordinatingUnitIds.map((id) => units.get(id)).filter((u): u is Unit => Boolean(u)).map(unitRef),
    focalOfficer: person(task.focalOfficerId),
    assignedBy: person(task.assignedBy),
    reviewers: (state?.reviewers ?? []).map(person).filter((p): p is NonNullable<typeof p> => Boolean(p)),
    assignedAt: task.assignedAt.toISOString(),
    acknowledgedAt: task.acknowledgedAt?.toISOString() ?? null,
    originalDueAt: task.originalDueAt.toISOString(),
    dueAt: task.dueAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
    completedOnTimeOriginal: task.completedOnTimeOriginal,
    completedOnTimeExtended: task.completedOnTimeExtended,
    cancelledAt: task.cancelledAt?.toISOString() ?? null,
    cancelReason: task.cancelReason,
    template: { id: task.templateId, key: task.definition.plan.templateKey, version: task.definition.plan.templateVersion },
    milestones: task.milestones,
    pending: pendingOf(state),
    evidence: state?.evidence ? withIsoTimes(state.evidence) : null,
    progress: state?.progress ? { percent: state.progress.percent, note: state.progress.note, at: new Date(state.progress.at).toISOString() } : null,
    regressed: task.regressed,
    afterCareUntil: task.afterCareUntil?.toISOString() ?? null,
    blockers: blockersOf(state, units, person),
  };
}
