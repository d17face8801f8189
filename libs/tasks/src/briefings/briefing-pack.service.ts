import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { systemActor } from '@dondoc/common';
import type { WorkingCalendar } from '@dondoc/calendar';
import { DirectoryService, Unit, unitRef, type PersonRefDto, type User } from '@dondoc/organisation';
import { TaskAccessService } from '../task-access.service';
import type { StatisticsQueryDto, StatisticsRowDto } from '../statistics/statistics.dto';
import { applyPopulation } from '../statistics/statistics-population';
import { StatisticsService } from '../statistics/statistics.service';
import { TaskStateAtSql } from '../statistics/task-state-at.sql';
import type { BriefingTimes } from './briefing-times';
import type { BriefingDecisionDto, BriefingFiguresDto, BriefingHeadDto, BriefingOverdueTaskDto, BriefingUnitChangesDto, BriefingUnitLineDto } from './briefing.dto';
import {
  addChanges,
  BRIEFING_CONTENT_SCHEMA,
  CHANGE_EVENT_TYPES,
  changesByUnit,
  emptyChanges,
  emptyFigures,
  nextPending,
  PENDING_EVENT_TYPES,
  pendingRequests,
  type BriefingContent,
  type ChangeCount,
  type TimelineEntry,
} from './briefing-content';

/** How many undecided matters a pack lists at most (oldest first). */
const MAX_DECISIONS = 500;

const iso = (value: Date | string): string => new Date(value).toISOString();

/**
 * Counts a weekly briefing pack as of its cut-off, from the tasks and their timelines only (never
 * the clock): the official statistic set (StatisticsService, as the system sees it) for the whole
 * scope and per first-level unit, each lead unit's own figures and the week's changes, the most
 * overdue tasks with their last action and who must act next, the matters waiting for the
 * standing members, and the heads with the most overdue tasks. The organisation (unit names,
 * heads) is read as it is when the pack is counted.
 */
@Injectable()
export class BriefingPackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statistics: StatisticsService,
    private readonly access: TaskAccessService,
    private readonly directory: DirectoryService,
  ) {}

  /** The pack's content (everything hashed), in Vietnamese labels where the statistic set has them. */
  async count(times: BriefingTimes, calendar: WorkingCalendar, limit: number): Promise<BriefingContent> {
    const actor = systemActor();
    const asOf = times.cutOff.toISOString();
    const query = (q: Partial<StatisticsQueryDto>) => this.statistics.statistics(actor, { asOf, groupBy: 'unit', ...q }, 'vi');

    const roots = await this.dataSource.getRepository(Unit).find({ where: { parentId: IsNull(), active: true }, order: { code: 'ASC' } });
    const totals = (await query({})).totals;
    const firstLevel: StatisticsRowDto[] = [];
    for (const root of roots) firstLevel.push(...(await query({ unitId: root.id })).rows);

    const units = await this.unitLines(times);
    const changesFirstLevel: BriefingUnitChangesDto[] = firstLevel
      .filter((row): row is StatisticsRowDto & { unit: NonNullable<StatisticsRowDto['unit']> } => Boolean(row.unit))
      .map((row) => ({
        unit: row.unit,
        rollsUp: row.rollsUp,
        changes: units.filter((line) => (row.rollsUp ? line.firstLevelUnitId === row.unit.id : line.unit.id === row.unit.id)).reduce((sum, line) => addChanges(sum, line.changes), emptyChanges()),
      }));
    const changesTotals = units.reduce((sum, line) => addChanges(sum, line.changes), emptyChanges());

    const byHead = await query({ groupBy: 'head' });
    const heads: BriefingHeadDto[] = byHead.rows
      .filter((row) => row.person && row.current.overdue > 0)
      .sort((a, b) => b.current.overdue - a.current.overdue || b.original.overdue - a.original.overdue || a.label.localeCompare(b.label, 'vi'))
      .slice(0, limit)
      .map((row) => ({ person: row.person!, unit: row.unit ?? null, overdue: row.current.overdue, overdueOriginal: row.original.overdue, total: row.total, maxDaysLate: row.daysLate.current.maximum }));
    const overdue = byHead.rows
      .flatMap((row) => row.overdueTasks ?? [])
      .sort((a, b) => b.daysLate - a.daysLate || a.dueAt.localeCompare(b.dueAt) || a.code.localeCompare(b.code))
      .slice(0, limit);

    return {
      schemaVersion: BRIEFING_CONTENT_SCHEMA,
      week: times.week,
      weekStart: iso(times.weekStart),
      cutOff: asOf,
      previousCutOff: iso(times.previousCutOff),
      mondayOff: times.mondayOff,
      statistics: { totals, firstLevel },
      changes: { totals: changesTotals, firstLevel: changesFirstLevel },
      units,
      mostOverdueLimit: limit,
      mostOverdue: await this.mostOverdue(overdue, times.cutOff),
      decisions: await this.decisions(times.cutOff, calendar),
      heads,
    };
  }

  /** Each lead unit's own figures at the cut-off and changes in the week (units with neither are left out), by unit code. */
  private async unitLines(times: BriefingTimes): Promise<BriefingUnitLineDto[]> {
    const actor = systemActor();
    const at = new TaskStateAtSql('asOf');
    const prev = new TaskStateAtSql('prevAt');
    const calendar = await this.statistics.calendarAt(times.cutOff);
    const population = () =>
      applyPopulation(this.access.scoped(actor), actor, at, { basis: 'assigned' }).setParameters({ ...at.parameters(times.cutOff, calendar), prevAt: times.previousCutOff.toISOString() });

    // The statistic set's definition of each task's state (TaskStateAtSql), counted per lead unit.
    const [statesSql, statesParams] = population()
      .select('task.lead_unit_id', 'unit')
      .addSelect(at.state('original'), 'so')
      .addSelect(at.state('current'), 'sc')
      .addSelect(`task.original_due_at <= ${at.cutOff}`, 'due_o')
      .addSelect(`${at.dueInForce} <= ${at.cutOff}`, 'due_c')
      .addSelect(at.dueSoon, 'due_soon')
      .addSelect(at.notAcknowledged, 'not_ack')
      .addSelect('task.key', 'key')
      .getQueryAndParameters();
    const states = await this.dataSource.query<{ unit: string; so: string; sc: string; due_o: boolean; due_c: boolean; due_soon: boolean; not_ack: boolean; key: boolean; n: number }[]>(
      `SELECT unit, so, sc, due_o, due_c, due_soon, not_ack, key, count(*)::int AS n FROM (${statesSql}) p GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      statesParams,
    );
    const figures = new Map<string, BriefingFiguresDto>();
    for (const r of states) {
      const f = figures.get(r.unit) ?? emptyFigures();
      figures.set(r.unit, f);
      if (r.so === 'CANCELLED') {
        f.cancelled += r.n;
        continue;
      }
      f.total += r.n;
      if (r.key) f.key += r.n;
      if (r.due_soon) f.dueSoon += r.n;
      if (r.not_ack) f.notAcknowledged += r.n;
      for (const [basis, state, due] of [['original', r.so, r.due_o], ['current', r.sc, r.due_c]] as const) {
        const b = f[basis];
        if (state === 'DONE_ON_TIME') {
          b.doneOnTime += r.n;
          if (due) b.doneOnTimeDue += r.n;
        } else if (state === 'DONE_LATE') b.doneLate += r.n;
        else if (state === 'OVERDUE') b.overdue += r.n;
        else b.inProgressWithinDeadline += r.n;
      }
    }

    // The week's changes: what the tasks' columns say (assigned, completed, cancelled, overdue now but not then)…
    const inWeek = (column: string) => `(${column} > CAST(:prevAt AS timestamptz) AND ${column} <= ${at.cutOff})`;
    const [tasksSql, tasksParams] = population()
      .select('task.lead_unit_id', 'unit')
      .addSelect(`task.assigned_at > CAST(:prevAt AS timestamptz)`, 'is_new')
      .addSelect(inWeek('task.completed_at'), 'done')
      .addSelect(`${at.delivered} <= task.original_due_at`, 'on_time_o')
      .addSelect(`${at.delivered} <= ${at.dueInForce}`, 'on_time_c')
      .addSelect(inWeek('task.cancelled_at'), 'cancelled')
      .addSelect(`(${at.state('current')} = 'OVERDUE' AND (task.assigned_at > CAST(:prevAt AS timestamptz) OR ${prev.state('current')} <> 'OVERDUE'))`, 'newly_overdue')
      .addSelect(at.open, 'open')
      .addSelect('task.id', 'id')
      .getQueryAndParameters();
    const n = tasksParams.length;
    const counts = await this.dataSource.query<ChangeCount[]>(
      `WITH p AS (${tasksSql}),
        t AS (SELECT unit,
          count(*) FILTER (WHERE is_new)::int AS "NEW",
          count(*) FILTER (WHERE done AND on_time_o)::int AS "DONE_ON_TIME",
          count(*) FILTER (WHERE done AND NOT on_time_o)::int AS "DONE_LATE",
          count(*) FILTER (WHERE done AND NOT on_time_o AND on_time_c)::int AS "DONE_LATE_WITHIN_EXTENSION",
          count(*) FILTER (WHERE cancelled)::int AS "CANCELLED",
          count(*) FILTER (WHERE newly_overdue)::int AS "NEWLY_OVERDUE"
          FROM p GROUP BY unit)
      SELECT unit AS "unitId", kind, NULL AS flag, value AS n FROM t
        CROSS JOIN LATERAL (VALUES ('NEW', "NEW"), ('DONE_ON_TIME', "DONE_ON_TIME"), ('DONE_LATE', "DONE_LATE"), ('DONE_LATE_WITHIN_EXTENSION', "DONE_LATE_WITHIN_EXTENSION"),
          ('CANCELLED', "CANCELLED"), ('NEWLY_OVERDUE', "NEWLY_OVERDUE")) v (kind, value)
        WHERE value > 0
      UNION ALL
      -- … and what their timelines say happened in the week …
      SELECT p.unit, e.type, CASE WHEN e.type = 'BLOCKER_DECIDED' THEN e.data ->> 'confirm' END, count(*)::int
        FROM p JOIN task_events e ON e.task_id = p.id
        WHERE e.type = ANY($${n + 1}) AND e.at > $${n + 2} AND e.at <= $${n + 3}
        GROUP BY 1, 2, 3
      UNION ALL
      -- … and the explanations still unanswered at the cut-off (open tasks).
      SELECT p.unit, 'EXPLANATION_UNANSWERED', NULL, count(*)::int
        FROM p JOIN task_events e ON e.task_id = p.id
        WHERE p.open AND e.type = 'EXPLANATION_REQUESTED' AND e.at <= $${n + 3}
          AND NOT EXISTS (SELECT 1 FROM task_events a WHERE a.task_id = e.task_id AND a.type = 'EXPLANATION_ANSWERED' AND a.data ->> 'requestId' = e.data ->> 'requestId' AND a.at <= $${n + 3})
        GROUP BY 1`,
      [...(tasksParams as unknown[]), [...CHANGE_EVENT_TYPES], times.previousCutOff.toISOString(), times.cutOff.toISOString()],
    );
    const changes = changesByUnit(counts);

    const ids = [...new Set([...figures.keys(), ...changes.keys()])];
    const units = await this.directory.units(ids);
    return units
      .map((unit) => {
        const [, firstId] = unit.path.split('/').filter(Boolean);
        return { unit: unitRef(unit), firstLevelUnitId: firstId ?? null, figures: figures.get(unit.id) ?? emptyFigures(), changes: changes.get(unit.id) ?? emptyChanges() };
      })
      .sort((a, b) => a.unit.code.localeCompare(b.unit.code));
  }

  /** The most overdue tasks with their lead unit, its head, the last action by a person and who must act next, as of the cut-off. */
  private async mostOverdue(tasks: NonNullable<StatisticsRowDto['overdueTasks']>, cutOff: Date): Promise<BriefingOverdueTaskDto[]> {
    if (tasks.length === 0) return [];
    const ids = tasks.map((t) => t.id);
    const rows = await this.dataSource.query<{ id: string; lead_unit_id: string; focal_officer_id: string | null; assigned_by: string }[]>(
      `SELECT id, lead_unit_id, focal_officer_id, assigned_by FROM tasks WHERE id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const timelines = await this.timelines(ids, cutOff);
    const last = new Map(
      (
        await this.dataSource.query<{ task_id: string; type: string; at: Date; actor_id: string }[]>(
          `SELECT DISTINCT ON (task_id) task_id, type, at, actor_id FROM task_events WHERE task_id = ANY($1) AND actor_id IS NOT NULL AND at <= $2 ORDER BY task_id, seq DESC`,
          [ids, cutOff.toISOString()],
        )
      ).map((r) => [r.task_id, r]),
    );
    const units = new Map((await this.directory.units(rows.map((r) => r.lead_unit_id))).map((u) => [u.id, u]));
    const pending = new Map(ids.map((id) => [id, nextPending(pendingRequests(timelines.get(id) ?? []))]));
    const people = await this.people([
      ...rows.flatMap((r) => [r.focal_officer_id, r.assigned_by, units.get(r.lead_unit_id)?.headUserId ?? null]),
      ...[...last.values()].map((l) => l.actor_id),
      ...[...pending.values()].flatMap((p) => p?.people ?? []),
    ]);
    const person = (id: string | null | undefined): PersonRefDto[] => (id && people.has(id) ? [people.get(id)!] : []);
    return tasks.map((task, index) => {
      const row = byId.get(task.id)!;
      const unit = units.get(row.lead_unit_id)!;
      const head = person(unit.headUserId)[0] ?? null;
      const next = pending.get(task.id) ?? null;
      const lastAction = last.get(task.id);
      const unitPeople = [...person(unit.headUserId), ...person(row.focal_officer_id)].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
      const named =
        next === null || next.kind === 'ANSWER_EXPLANATION'
          ? unitPeople
          : next.kind === 'DECIDE_EXTENSION' || next.kind === 'DECIDE_BEYOND_AUTHORITY'
            ? person(row.assigned_by)
            : next.people.flatMap((id) => person(id));
      return {
        rank: index + 1,
        id: task.id,
        code: task.code,
        title: task.title,
        unit: unitRef(unit),
        head,
        dueAt: task.dueAt,
        daysLate: task.daysLate,
        daysLateOriginal: task.daysLateOriginal,
        lastAction: lastAction ? { type: lastAction.type, at: iso(lastAction.at), by: person(lastAction.actor_id)[0] ?? null } : null,
        nextAction: { kind: next?.kind ?? 'COMPLETE', requestId: next?.requestId ?? null, since: next ? iso(next.since) : null, people: named },
      };
    });
  }

  /**
   * Matters beyond authority and escalation levels the standing members (STEERING_COMMITTEE)
   * decide, raised by the cut-off and still undecided at it, on tasks open at it; oldest first.
   */
  private async decisions(cutOff: Date, calendar: WorkingCalendar): Promise<BriefingDecisionDto[]> {
    const candidates = await this.dataSource.query<{ id: string; code: string; title: string; lead_unit_id: string; assigned_by: string }[]>(
      `SELECT t.id, t.code, t.title, t.lead_unit_id, t.assigned_by FROM tasks t
        WHERE t.assigned_at <= $1 AND (t.completed_at IS NULL OR t.completed_at > $1) AND (t.cancelled_at IS NULL OR t.cancelled_at > $1)
          AND EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.at <= $1
            AND (e.type = 'BEYOND_AUTHORITY_RAISED' OR (e.type = 'ESCALATION_PROPOSED' AND e.data ->> 'decider' = 'STEERING_COMMITTEE')))
        ORDER BY t.code LIMIT ${MAX_DECISIONS}`,
      [cutOff.toISOString()],
    );
    if (candidates.length === 0) return [];
    const timelines = await this.timelines(
      candidates.map((c) => c.id),
      cutOff,
    );
    const waiting = candidates.flatMap((task) =>
      pendingRequests(timelines.get(task.id) ?? [])
        .filter((p) => p.kind === 'DECIDE_BEYOND_AUTHORITY' || (p.kind === 'DECIDE_ESCALATION' && p.decider === 'STEERING_COMMITTEE'))
        .map((p) => ({ task, p })),
    );
    const units = new Map((await this.directory.units(candidates.map((c) => c.lead_unit_id))).map((u) => [u.id, u]));
    const people = await this.people(waiting.flatMap(({ task, p }) => [p.by, task.assigned_by, ...p.people]));
    const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
    return waiting
      .map(({ task, p }): BriefingDecisionDto => ({
        kind: p.kind === 'DECIDE_ESCALATION' ? 'escalation' : 'beyondAuthority',
        requestId: p.requestId,
        requestedAt: iso(p.since),
        requestedBy: person(p.by),
        level: p.level,
        reason: p.reason,
        deciders: (p.kind === 'DECIDE_ESCALATION' ? p.people : [task.assigned_by]).map(person).filter((x): x is PersonRefDto => x !== null),
        waitingWorkingDays: calendar.workingDaysBetween(Date.parse(p.since), cutOff),
        taskId: task.id,
        taskCode: task.code,
        taskTitle: task.title,
        unit: unitRef(units.get(task.lead_unit_id)!),
      }))
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.taskCode.localeCompare(b.taskCode) || a.requestId.localeCompare(b.requestId));
  }

  /** The timeline entries `pendingRequests` reads, up to the cut-off, per task in order. */
  private async timelines(taskIds: string[], cutOff: Date): Promise<Map<string, TimelineEntry[]>> {
    const rows = await this.dataSource.query<{ task_id: string; seq: number; type: string; at: Date; actor_id: string | null; data: Record<string, unknown> }[]>(
      `SELECT task_id, seq, type, at, actor_id, data FROM task_events WHERE task_id = ANY($1) AND type = ANY($2) AND at <= $3 ORDER BY task_id, seq`,
      [taskIds, [...PENDING_EVENT_TYPES], cutOff.toISOString()],
    );
    const map = new Map<string, TimelineEntry[]>();
    for (const r of rows) {
      const list = map.get(r.task_id) ?? [];
      list.push({ seq: r.seq, type: r.type, at: iso(r.at), actorId: r.actor_id, data: r.data });
      map.set(r.task_id, list);
    }
    return map;
  }

  private async people(ids: (string | null | undefined)[]): Promise<Map<string, PersonRefDto>> {
    const users: User[] = await this.directory.users(ids.filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)));
    return new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  }
}
