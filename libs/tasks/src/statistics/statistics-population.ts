import type { SelectQueryBuilder } from 'typeorm';
import { scopeOf, type Actor } from '@dondoc/common';
import { unitInScopeSql, unitWithinSql, type UnitLevel } from '@dondoc/organisation';
import type { Task } from '../task.entity';
import type { Basis, TaskStateAtSql } from './task-state-at.sql';

/** Filters on tasks by what they are (not by their state): the statistics' and the list's. */
export interface TaskFilters {
  /** Led by this unit or one under it. */
  withinUnitId?: string;
  /** `withinUnitId`'s path when the caller has the unit (the subtree is then a parameter prefix, which the path index uses). */
  withinPath?: string;
  program?: string;
  key?: boolean;
  /** The lead unit's level. */
  level?: UnitLevel;
  templateKey?: string;
  assignedBy?: string;
  /** The lead unit's head. */
  headId?: string;
}

/** The period of a statistic: `from` (inclusive) to `to` (exclusive) on the assignment or the original due time. */
export interface Period {
  basis: Basis;
  from?: string;
  to?: string;
}

/** Restricts tasks (alias `task`) by what they are; each filter only when given. */
export function applyTaskFilters<T extends SelectQueryBuilder<Task>>(qb: T, f: TaskFilters): T {
  if (f.withinUnitId) {
    const within = unitWithinSql('task.lead_unit_id', f.withinUnitId, 'statWithin', f.withinPath);
    qb.andWhere(within.sql, within.params);
  }
  if (f.program !== undefined) qb.andWhere('task.program = :statProgram', { statProgram: f.program });
  if (f.key !== undefined) qb.andWhere('task.key = :statKey', { statKey: f.key });
  if (f.level) qb.andWhere('EXISTS (SELECT 1 FROM units lv WHERE lv.id = task.lead_unit_id AND lv.level = :statLevel)', { statLevel: f.level });
  if (f.templateKey) qb.andWhere('task.template_id IN (SELECT tt.id FROM task_templates tt WHERE tt.key = :statTemplateKey)', { statTemplateKey: f.templateKey });
  if (f.assignedBy) qb.andWhere('task.assigned_by = :statAssignedBy', { statAssignedBy: f.assignedBy });
  if (f.headId) qb.andWhere('EXISTS (SELECT 1 FROM units hd WHERE hd.id = task.lead_unit_id AND hd.head_user_id = :statHeadId)', { statHeadId: f.headId });
  return qb;
}

/**
 * The tasks a statistic counts, out of those the actor may see (`qb`, alias `task`): led by a
 * unit within the actor's scope (the figures are the lead units'), assigned by the cut-off,
 * within the period. The statistics and their drill-down both restrict by this function.
 */
export function applyPopulation<T extends SelectQueryBuilder<Task>>(qb: T, actor: Actor, at: TaskStateAtSql, period: Period): T {
  const lead = unitInScopeSql(scopeOf(actor), 'task.lead_unit_id', 'statLead');
  qb.andWhere(lead.sql, lead.params).andWhere(at.assigned);
  const column = period.basis === 'due' ? 'task.original_due_at' : 'task.assigned_at';
  if (period.from) qb.andWhere(`${column} >= CAST(:statFrom AS timestamptz)`, { statFrom: period.from });
  if (period.to) qb.andWhere(`${column} < CAST(:statTo AS timestamptz)`, { statTo: period.to });
  return qb;
}
