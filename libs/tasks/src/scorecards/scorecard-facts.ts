import type { EntityManager } from 'typeorm';
import { unitWithinSql } from '@dondoc/organisation';
import { ordinalSql, TaskStateAtSql, type CutOffCalendar } from '../statistics/task-state-at.sql';
import { Task } from '../task.entity';
import type { EventRef, ScoredTask } from './scorecard-formula';

/**
 * Whose tasks a scorecard counts: the tasks led by these units; by a unit and every unit under it
 * (a leader, on the units they direct); or by a unit, and by the units under it where the task's
 * template says its tasks count for the units above (`scorecard.includeInParents`) — a unit and its head.
 */
export type ScorecardScope = { unitIds: string[] } | { withinUnitId: string } | { unitId: string; templateSubtree: true };

/** The template rule that counts a task for every unit above its lead unit too. */
export const INCLUDE_IN_PARENTS_SQL = (templateAlias: string) => `COALESCE((${templateAlias}.definition -> 'scorecard' ->> 'includeInParents')::boolean, false)`;

/** The timeline entries a scorecard line may rest on (at or before the cut-off). */
const EVIDENCE_EVENTS = ['EVIDENCE_ACCEPTED', 'EVIDENCE_REJECTED', 'CRITERION_ATTESTED', 'REGRESSED', 'OVERDUE'] as const;

interface FactsRow {
  taskId: string;
  code: string;
  stateOriginal: string;
  stateCurrent: string;
  daysLate: number | null;
  blockedDays: number | null;
  realUsers: string | null;
  events: EventRef[];
}

/**
 * The facts of every task a scorecard counts: led within `scope`, due (by its original due time) in
 * [from, to), assigned by the cut-off and not cancelled by it — each as it stood at the cut-off
 * (THE state definition of the statistics, `TaskStateAtSql`), with the timeline entries behind it:
 * the acceptance, rejections, attestations, regressions, the overdue notice, and what excuses a
 * delay (an extension approved for an objective cause, a blocker a leader confirmed as one).
 */
export async function scorecardFacts(manager: EntityManager, calendar: CutOffCalendar, scope: ScorecardScope, period: { from: Date; to: Date }, cutOff: Date): Promise<ScoredTask[]> {
  const at = new TaskStateAtSql('cut');
  const types = EVIDENCE_EVENTS.map((type) => `'${type}'`).join(', ');
  const qb = manager
    .createQueryBuilder(Task, 'task')
    .select('task.id', 'taskId')
    .addSelect('task.code', 'code')
    .addSelect(at.state('original'), 'stateOriginal')
    .addSelect(at.state('current'), 'stateCurrent')
    .addSelect(at.daysLate(at.state('original'), at.due('original'), at.delivered), 'daysLate')
    .addSelect(
      // Working days the task was held up by blockers a leader confirmed as an objective cause (by the cut-off).
      `(SELECT COALESCE(SUM(GREATEST(0, ${ordinalSql(`LEAST(COALESCE(b.resolved_at, ${at.cutOff}), ${at.cutOff})`)} - ${ordinalSql('b.since')})), 0)
          FROM task_blockers b WHERE b.task_id = task.id AND b.confirmed_at <= ${at.cutOff})`,
      'blockedDays',
    )
    .addSelect('task.real_users', 'realUsers')
    .addSelect(
      `(SELECT COALESCE(jsonb_agg(jsonb_build_object('taskId', e.task_id, 'seq', e.seq, 'type', e.type) ORDER BY e.seq), '[]'::jsonb) FROM task_events e
         WHERE e.task_id = task.id AND e.at <= ${at.cutOff}
           AND (e.type IN (${types})
             OR (e.type = 'EXTENSION_APPROVED' AND e.data ->> 'objectiveCause' = 'true')
             OR (e.type = 'BLOCKER_DECIDED' AND e.data ->> 'confirm' = 'true')))`,
      'events',
    )
    .where(at.assigned)
    .andWhere(`NOT ${at.cancelled}`)
    .andWhere('task.original_due_at >= :from AND task.original_due_at < :to', { from: period.from.toISOString(), to: period.to.toISOString() })
    .setParameters(at.parameters(cutOff, calendar))
    .orderBy('task.code');
  if ('unitIds' in scope) qb.andWhere('task.lead_unit_id = ANY(:unitIds)', { unitIds: scope.unitIds });
  else if ('templateSubtree' in scope) {
    const within = unitWithinSql('task.lead_unit_id', scope.unitId, 'scorecard');
    qb.andWhere(
      `(task.lead_unit_id = :scorecardUnit OR (${within.sql} AND EXISTS (SELECT 1 FROM task_templates tt WHERE tt.id = task.template_id AND ${INCLUDE_IN_PARENTS_SQL('tt')})))`,
      { ...within.params, scorecardUnit: scope.unitId },
    );
  } else {
    const within = unitWithinSql('task.lead_unit_id', scope.withinUnitId, 'scorecard');
    qb.andWhere(within.sql, within.params);
  }
  const rows = await qb.getRawMany<FactsRow>();
  return rows.map((row) => {
    const completed = row.stateOriginal === 'DONE_ON_TIME' || row.stateOriginal === 'DONE_LATE';
    const late = row.stateOriginal === 'DONE_LATE' || row.stateOriginal === 'OVERDUE';
    // Excused: late against the original due time only, within the time a leader granted for an objective cause…
    const objectiveExtension = row.events.some((e) => e.type === 'EXTENSION_APPROVED');
    const withinGranted = row.stateCurrent === 'DONE_ON_TIME' || row.stateCurrent === 'IN_PROGRESS_WITHIN_DEADLINE';
    // …or late by no more than the working days a confirmed blocker held it up (more: late by the rest).
    const daysLate = Number(row.daysLate ?? 0);
    const blocked = late ? Math.min(Number(row.blockedDays ?? 0), daysLate) : 0;
    const excused = late && ((objectiveExtension && withinGranted) || (blocked > 0 && blocked >= daysLate));
    return {
      taskId: row.taskId,
      code: row.code,
      completed,
      evidence: completed ? (row.realUsers === 'attested' ? 'attested' : 'verified') : null,
      rejections: row.events.filter((e) => e.type === 'EVIDENCE_REJECTED').length,
      regressions: row.events.filter((e) => e.type === 'REGRESSED').length,
      late,
      workingDaysLate: excused ? daysLate : daysLate - blocked,
      excusedWorkingDays: excused ? 0 : blocked,
      excused,
      events: row.events,
    };
  });
}
