import { Injectable } from '@nestjs/common';
import { AppConfig } from '@dondoc/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type SelectQueryBuilder } from 'typeorm';
import { hasRole, Role, scopeOf, systemActor, validationFailed, type Actor, type FieldProblem, type Language } from '@dondoc/common';
import { DirectoryService, Unit, unitRef, type UnitLevel } from '@dondoc/organisation';
import { TaskAccessService } from '../task-access.service';
import type { Task } from '../task.entity';
import type { GroupBy, StatisticsDto, StatisticsQueryDto, StatisticsRowDto, StateCountsDto } from './statistics.dto';
import { applyPopulation, applyTaskFilters, type Period, type TaskFilters } from './statistics-population';
import { CODE_KEY, SNAPSHOT_FIGURES_SQL, SNAPSHOT_LOCK, SNAPSHOT_ROLL_UP_FIGURES_SQL, SNAPSHOT_ROLL_UP_STATES_SQL, SNAPSHOT_STATES_SQL, USABLE_SNAPSHOT_SQL } from './statistics-snapshot.sql';
import { CUT_OFF_DAYS_SQL, cutOffCalendar, ordinalSql, TaskStateAtSql, type CutOffCalendar } from './task-state-at.sql';

const LEVEL_NAMES: Record<UnitLevel, { vi: string; en: string }> = {
  central: { vi: 'Trung ương', en: 'Central' },
  ministry: { vi: 'Bộ, ngành', en: 'Ministries' },
  province: { vi: 'Tỉnh, thành phố', en: 'Provinces' },
  commune: { vi: 'Xã, phường, đặc khu', en: 'Communes' },
  department: { vi: 'Sở, ban, ngành', en: 'Departments' },
  other: { vi: 'Khác', en: 'Other' },
};

/** Events the statistics count (the partial index IDX_task_events_statistics lists the same and more). */
const COUNTED_EVENTS = ['OVERDUE', 'ESCALATION_APPROVED', 'EXTENSION_APPROVED', 'BEYOND_AUTHORITY_DECIDED', 'EXPLANATION_REQUESTED', 'EXPLANATION_ANSWERED', 'EXPLANATION_OVERDUE', 'EVIDENCE_REJECTED', 'REGRESSED'];

/** The states as codes 0–4 in the state counts' packed group code (bits 0–2: against the original due time, 3–5: the current). */
const STATE_CODES = ['DONE_ON_TIME', 'DONE_LATE', 'IN_PROGRESS_WITHIN_DEADLINE', 'OVERDUE', 'CANCELLED'] as const;
/** The flags of the packed group code. */
const CODE_DUE_ORIGINAL = 64;
const CODE_DUE_CURRENT = 128;
const CODE_NOT_ACK = 256;
const CODE_DUE_SOON = 512;
/** The real-users verdict, its index times this (the figures count only these two). */
const CODE_REAL_USERS = 2048;
const REAL_USERS_CODES = [null, 'verified', 'attested'] as const;

/** How the rows are formed: the SQL of a task's group (on its lead unit `lu`) and the rows known in advance. */
interface Grouping {
  /** The group of a task, as text, from the task (`task`) and a unit row of the given alias (the lead or the blocking unit). */
  sql(unitAlias: string): string | null;
  params: Record<string, unknown>;
  /** Rows listed even without tasks (the units below `unitId`), in order. */
  fixed: string[];
  /** The row of the tasks the requested unit leads itself (unit grouping with `unitId`). */
  own: string | null;
  rollsUp: boolean;
}

interface Counts {
  total: number;
  key: number;
  cancelled: number;
  original: Record<string, number>;
  current: Record<string, number>;
  dueOriginal: Record<string, number>;
  dueCurrent: Record<string, number>;
  dueSoon: number;
  notAcknowledged: number;
  late: { original: { sum: number; n: number; max: number | null }; current: { sum: number; n: number; max: number | null } };
  escalations: Record<string, number>;
  extensions: { count: number; workingDaysGranted: number };
  explanations: { requested: number; answered: number; late: number };
  evidenceRejections: number;
  realUsers: { verified: number; attested: number };
  regressed: number;
  blocked: { caused: number | null; suffered: number };
  leadUnits: number;
}

const emptyCounts = (caused: number | null): Counts => ({
  total: 0,
  key: 0,
  cancelled: 0,
  original: {},
  current: {},
  dueOriginal: {},
  dueCurrent: {},
  dueSoon: 0,
  notAcknowledged: 0,
  late: { original: { sum: 0, n: 0, max: null }, current: { sum: 0, n: 0, max: null } },
  escalations: {},
  extensions: { count: 0, workingDaysGranted: 0 },
  explanations: { requested: 0, answered: 0, late: 0 },
  evidenceRejections: 0,
  realUsers: { verified: 0, attested: 0 },
  regressed: 0,
  blocked: { caused, suffered: 0 },
  leadUnits: 0,
});

const percent = (n: number, of: number): number | null => (of === 0 ? null : Math.round((1000 * n) / of) / 10);

/** The state counts of one basis, with their percentages. */
export function stateCounts(total: number, byState: Record<string, number>, dueByState: Record<string, number>): StateCountsDto {
  const get = (s: string) => byState[s] ?? 0;
  const due = (s: string) => dueByState[s] ?? 0;
  const alreadyDue = due('DONE_ON_TIME') + due('DONE_LATE') + due('OVERDUE');
  return {
    doneOnTime: get('DONE_ON_TIME'),
    doneLate: get('DONE_LATE'),
    inProgressWithinDeadline: get('IN_PROGRESS_WITHIN_DEADLINE'),
    overdue: get('OVERDUE'),
    alreadyDue,
    percentOfAll: {
      doneOnTime: percent(get('DONE_ON_TIME'), total),
      doneLate: percent(get('DONE_LATE'), total),
      inProgressWithinDeadline: percent(get('IN_PROGRESS_WITHIN_DEADLINE'), total),
      overdue: percent(get('OVERDUE'), total),
    },
    percentOfDue: { doneOnTime: percent(due('DONE_ON_TIME'), alreadyDue), doneLate: percent(due('DONE_LATE'), alreadyDue), overdue: percent(due('OVERDUE'), alreadyDue) },
  };
}

/**
 * The official statistic set (Government Office): for the tasks a reader may see and a cut-off,
 * each task's state against the original and the current due time, per unit (rolled up), head,
 * program, template, level or assigner, with the figures around them. Every figure is one SQL
 * definition (`TaskStateAtSql`) shared with the task list's drill-down.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TaskAccessService,
    private readonly directory: DirectoryService,
    private readonly config: AppConfig,
  ) {}

  /** The working-day calendar at a cut-off (its ordinal and AMBER limits). */
  async calendarAt(cutOff: Date): Promise<CutOffCalendar> {
    return cutOffCalendar(await this.dataSource.query<{ date: string; workingOrdinal: number }[]>(CUT_OFF_DAYS_SQL, [cutOff.toISOString()]));
  }

  /** Checks what decorators cannot: `to` after `from`, `unitId` an existing unit within the reader's scope. */
  async check(actor: Actor, query: Pick<StatisticsQueryDto, 'asOf' | 'from' | 'to' | 'unitId'>): Promise<Unit | null> {
    const problems: FieldProblem[] = [];
    // The working-day calendar covers 2000–2100; a cut-off needs a few months of it ahead.
    if (query.asOf && !(Date.parse(query.asOf) >= Date.parse('2000-01-01T00:00:00+07:00') && Date.parse(query.asOf) < Date.parse('2100-06-01T00:00:00+07:00'))) {
      problems.push({ field: 'asOf', rule: 'calendarRange', message: { vi: 'asOf phải từ năm 2000 đến giữa năm 2100 (phạm vi của lịch ngày làm việc)', en: 'asOf must fall between 2000 and mid-2100 (the working-day calendar’s range)' } });
    }
    if (query.from && query.to && Date.parse(query.to) <= Date.parse(query.from)) {
      problems.push({ field: 'to', rule: 'afterFrom', message: { vi: 'to phải sau from', en: 'to must be after from' } });
    }
    let unit: Unit | null = null;
    if (query.unitId) {
      unit = await this.directory.findUnit(query.unitId);
      if (!unit) problems.push({ field: 'unitId', rule: 'exists', message: { vi: 'unitId không phải là đơn vị đã có', en: 'unitId is not an existing unit' } });
      else if (!(await this.directory.unitInScope(actor, unit.id))) {
        problems.push({ field: 'unitId', rule: 'inScope', message: { vi: 'unitId không thuộc phạm vi của bạn', en: 'unitId is not within your scope' } });
      }
    }
    if (problems.length > 0) throw validationFailed(problems);
    return unit;
  }

  /** The statistics of the query, in the reader's language. */
  async statistics(actor: Actor, query: StatisticsQueryDto, language: Language): Promise<StatisticsDto> {
    const root = await this.check(actor, query);
    const snapshot = await this.usableSnapshot(query);
    const asOf = snapshot?.asOf ?? (query.asOf ? new Date(query.asOf) : new Date());
    const at = new TaskStateAtSql('asOf');
    const calendar = await this.calendarAt(asOf);
    const period: Period = { basis: query.basis ?? 'assigned', from: query.from, to: query.to };
    const filters: TaskFilters = { withinUnitId: query.unitId, withinPath: root?.path, program: query.program, key: query.key, level: query.level };
    const grouping = await this.grouping(actor, query.groupBy, root);
    const population = () => {
      const qb = applyTaskFilters(applyPopulation(this.access.scoped(actor), actor, at, period), filters).setParameters({ ...at.parameters(asOf, calendar), ...grouping.params });
      return qb.innerJoin(Unit, 'lu', 'lu.id = task.lead_unit_id');
    };
    const counts = new Map<string | null, Counts>();
    const groupCaused = grouping.sql('bu') !== null ? 0 : null;
    const row = (group: string | null) => {
      if (!counts.has(group)) counts.set(group, emptyCounts(groupCaused));
      return counts.get(group)!;
    };
    for (const group of grouping.fixed) row(group);

    if (snapshot) await this.countFromSnapshot(snapshot.id, actor, root, query.key, row);
    else {
      await this.countStates(population(), grouping, at, calendar, row);
      const otherFilters = { ...filters, withinUnitId: undefined, withinPath: undefined, level: undefined };
      for (const figures of [this.eventsQuery(population(), grouping, asOf), ...this.blockedQueries(actor, at, asOf, calendar, period, otherFilters, population(), grouping, query.level, root)]) {
        addFigures(await this.dataSource.query<FigureRow[]>(figures.sql, figures.params), row);
      }
    }
    const overdue = query.groupBy === 'head' ? await this.overdueTasks(population(), grouping, at, calendar) : new Map<string | null, StatisticsRowDto['overdueTasks']>();

    const rows = await this.rows(actor, counts, grouping, query.groupBy, root, language, { ...query, asOf: asOf.toISOString() }, overdue);
    const totals = this.rowOf(this.sum([...counts.values()], grouping.sql('bu') !== null), { group: null, label: language === 'en' ? 'Total' : 'Tổng cộng', rollsUp: true, drillDown: this.drillDown({ ...query, asOf: asOf.toISOString() }, root ? { withinUnitId: root.id } : {}) });
    if (query.groupBy === 'unit') totals.unitCount = rows.reduce((sum, r) => sum + r.unitCount, 0);
    return { asOf: asOf.toISOString(), source: snapshot ? 'snapshot' : 'live', groupBy: query.groupBy, filters: { ...query }, scope: this.scopeText(actor, root, language), rows, totals };
  }

  /**
   * The snapshot a query can be answered from: the latest one finished, no older than
   * STATISTICS_SNAPSHOT_MAX_AGE_MS, on the calendar in force and the units as they are; only for
   * the figures it holds: the unit rows without a cut-off (`asOf`), period, programme or level.
   */
  private async usableSnapshot(query: StatisticsQueryDto): Promise<{ id: string; asOf: Date } | null> {
    const maxAge = this.config.statistics.snapshotMaxAgeMs;
    if (maxAge === 0 || query.groupBy !== 'unit' || query.asOf || query.from || query.to || query.program !== undefined || query.level) return null;
    const [snapshot] = await this.dataSource.query<{ id: string; asOf: Date }[]>(USABLE_SNAPSHOT_SQL, [maxAge]);
    return snapshot ? { id: snapshot.id, asOf: new Date(snapshot.asOf) } : null;
  }

  /**
   * The unit rows from a snapshot, as `statistics` counts them live: under `root`, the rows of
   * its children (their subtrees) and of its own tasks; without, the top units' subtrees for a
   * reader who sees all, the reader's unit (its subtree for a head or leader, itself for an
   * officer) otherwise.
   */
  private async countFromSnapshot(snapshotId: string, actor: Actor, root: Unit | null, key: boolean | undefined, row: (group: string | null) => Counts): Promise<void> {
    const scope = scopeOf(actor);
    const rollsUp = scope.all || scope.subtreePaths.length > 0;
    let subtrees: string[] = [];
    let own: string[] = [];
    let group: string | null = null;
    if (root) {
      own = [root.id];
      if (rollsUp) subtrees = (await this.dataSource.getRepository(Unit).find({ select: { id: true }, where: { parentId: root.id } })).map((u) => u.id);
    } else if (scope.all) {
      subtrees = (await this.dataSource.getRepository(Unit).find({ select: { id: true }, where: { parentId: IsNull() } })).map((u) => u.id);
    } else if (actor.unitId) {
      group = actor.unitId;
      if (rollsUp) subtrees = [actor.unitId];
      else own = [actor.unitId];
    }
    const params = [snapshotId, group, subtrees, own, key ?? null];
    addStates(await this.dataSource.query<StateRow[]>(SNAPSHOT_STATES_SQL, params), row);
    addFigures(await this.dataSource.query<FigureRow[]>(SNAPSHOT_FIGURES_SQL, params), row);
  }

  /**
   * Counts a new snapshot (the worker, every STATISTICS_SNAPSHOT_INTERVAL_MS): the statistic set
   * now, with the same SQL as a live count, per lead unit and key flag, then rolled up over every
   * unit's subtree; keeps the one before (a request may be reading it) and drops older ones.
   * Returns the snapshot, or null when another process is counting one.
   */
  async refreshSnapshot(): Promise<{ id: string; asOf: Date; tasks: number } | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS locked', [SNAPSHOT_LOCK]);
      if (!locked) return null;
      // A background count on one core: the requests keep the others (no parallel workers for this transaction's queries).
      await manager.query('SET LOCAL max_parallel_workers_per_gather = 0');
      const asOf = new Date();
      const calendar = cutOffCalendar(await manager.query<{ date: string; workingOrdinal: number }[]>(CUT_OFF_DAYS_SQL, [asOf.toISOString()]));
      const [{ id }] = await manager.query<{ id: string }[]>(
        'INSERT INTO statistics_snapshots (as_of, calendar_revision, units_changed_at) SELECT $1, revision, (SELECT max(updated_at) FROM units) FROM calendar_state WHERE id = 1 RETURNING id',
        [asOf.toISOString()],
      );
      const system = systemActor();
      const at = new TaskStateAtSql('asOf');
      const period: Period = { basis: 'assigned' };
      const population = () =>
        applyPopulation(this.access.scoped(system), system, at, period)
          .setParameters(at.parameters(asOf, calendar))
          .innerJoin(Unit, 'lu', 'lu.id = task.lead_unit_id');
      const byUnitAndKey: Grouping = { sql: (u) => `CAST(${u}.id AS text) || '|' || CAST(task.key AS text)`, params: {}, fixed: [], own: null, rollsUp: false };
      const states = this.statesQuery(population(), byUnitAndKey, at, calendar);
      const s = states.params.length + 1;
      await manager.query(
        `INSERT INTO statistics_snapshot_states (snapshot_id, unit_id, subtree, code, n, sum_lo, n_lo, max_lo, sum_lc, n_lc, max_lc)
         SELECT $${s}, CAST(split_part(r.grp, '|', 1) AS uuid), false, r.code, r.n, r.sum_lo, r.n_lo, r.max_lo, r.sum_lc, r.n_lc, r.max_lc FROM (${states.sql}) r`,
        [...states.params, id],
      );
      for (const figures of [this.eventsQuery(population(), byUnitAndKey, asOf), ...this.blockedQueries(system, at, asOf, calendar, period, {}, population(), byUnitAndKey, undefined, null)]) {
        const f = figures.params.length + 1;
        await manager.query(
          `INSERT INTO statistics_snapshot_figures (snapshot_id, unit_id, subtree, key, type, level, events, tasks, days)
           SELECT $${f}, CAST(split_part(r.grp, '|', 1) AS uuid), false, CAST(split_part(r.grp, '|', 2) AS boolean), r.type, r.level, r.events, r.tasks, r.days FROM (${figures.sql}) r`,
          [...figures.params, id],
        );
      }
      await manager.query(SNAPSHOT_ROLL_UP_STATES_SQL, [id]);
      await manager.query(SNAPSHOT_ROLL_UP_FIGURES_SQL, [id]);
      const [{ tasks }] = await manager.query<{ tasks: number }[]>('SELECT COALESCE(sum(n), 0)::int AS tasks FROM statistics_snapshot_states WHERE snapshot_id = $1 AND NOT subtree', [id]);
      await manager.query('UPDATE statistics_snapshots SET finished_at = clock_timestamp(), tasks = $2 WHERE id = $1', [id, tasks]);
      await manager.query('DELETE FROM statistics_snapshots WHERE id < (SELECT max(id) FROM statistics_snapshots WHERE id < $1 AND finished_at IS NOT NULL)', [id]);
      return { id, asOf, tasks };
    });
  }

  /** What the figures cover, in words. */
  scopeText(actor: Actor, root: Unit | null, language: Language): string {
    const name = (u: Unit) => (language === 'en' ? (u.nameEn ?? u.nameVi) : u.nameVi);
    if (root) return language === 'en' ? `${name(root)} and the units under it` : `${name(root)} và các đơn vị trực thuộc`;
    const scope = scopeOf(actor);
    if (scope.all) return language === 'en' ? 'All units' : 'Toàn bộ các đơn vị';
    return language === 'en' ? 'The units within your scope' : 'Các đơn vị trong phạm vi của bạn';
  }

  /** How the rows are formed for `groupBy` (for units: below `root`, or the top units of the reader's scope). */
  private async grouping(actor: Actor, groupBy: GroupBy, root: Unit | null): Promise<Grouping> {
    switch (groupBy) {
      case 'unit': {
        if (root) {
          const children = await this.dataSource.getRepository(Unit).find({ where: { parentId: root.id, active: true }, order: { code: 'ASC' } });
          return {
            sql: (u) => `(CASE WHEN ${u}.id = CAST(:groupRoot AS uuid) THEN CAST(${u}.id AS text) ELSE split_part(${u}.path, '/', ${root.depth + 3}) END)`,
            params: { groupRoot: root.id },
            fixed: children.map((c) => c.id),
            own: root.id,
            rollsUp: true,
          };
        }
        const scope = scopeOf(actor);
        if (scope.all) {
          const tops = await this.dataSource.getRepository(Unit).find({ where: { parentId: IsNull(), active: true }, order: { code: 'ASC' } });
          return { sql: (u) => `split_part(${u}.path, '/', 2)`, params: {}, fixed: tops.map((t) => t.id), own: null, rollsUp: true };
        }
        // A head or leader: their unit, rolled up; an officer: their unit alone.
        const rollsUp = scope.subtreePaths.length > 0;
        const unitId = actor.unitId ?? null;
        return { sql: () => `CAST(:groupUnit AS text)`, params: { groupUnit: unitId }, fixed: unitId ? [unitId] : [], own: null, rollsUp };
      }
      case 'head':
        return { sql: (u) => `CAST(${u}.head_user_id AS text)`, params: {}, fixed: [], own: null, rollsUp: false };
      case 'level':
        return { sql: (u) => `${u}.level`, params: {}, fixed: [], own: null, rollsUp: false };
      case 'program':
        return { sql: (u) => (u === 'lu' ? 'task.program' : null), params: {}, fixed: [], own: null, rollsUp: false };
      case 'template':
        return { sql: (u) => (u === 'lu' ? '(SELECT tt.key FROM task_templates tt WHERE tt.id = task.template_id)' : null), params: {}, fixed: [], own: null, rollsUp: false };
      case 'assigner':
        return { sql: (u) => (u === 'lu' ? 'CAST(task.assigned_by AS text)' : null), params: {}, fixed: [], own: null, rollsUp: false };
    }
  }

  /** Each task's state at the cut-off, counted by group and by every combination the figures need; with the lead units per group. */
  private async countStates(qb: SelectQueryBuilder<Task>, grouping: Grouping, at: TaskStateAtSql, calendar: CutOffCalendar, row: (group: string | null) => Counts): Promise<void> {
    const states = this.statesQuery(qb, grouping, at, calendar);
    addStates(await this.dataSource.query<StateRow[]>(states.sql, states.params), row);
    // Lead units per group (for rows other than the unit rows, which cover their subtree).
    const [leadSql, leadParams] = qb.getQueryAndParameters();
    const leads = await this.dataSource.query<{ grp: string | null; units: number }[]>(`SELECT grp, count(DISTINCT lead)::int AS units FROM (${leadSql}) p GROUP BY grp`, leadParams);
    for (const l of leads) row(l.grp).leadUnits = l.units;
  }

  /** The SQL of `countStates`' state rows (StateRow): by group and packed code (see STATE_CODES). Selects on `qb`, whose query then lists each task's group and lead unit. */
  private statesQuery(qb: SelectQueryBuilder<Task>, grouping: Grouping, at: TaskStateAtSql, calendar: CutOffCalendar): Query {
    const [inner, params] = qb
      .select(grouping.sql('lu')!, 'grp')
      .addSelect(at.state('original'), 'so')
      .addSelect(at.state('current'), 'sc')
      .addSelect('task.original_due_at', 'due_o')
      .addSelect(at.dueInForce, 'due_c')
      .addSelect(at.delivered, 'delivered')
      .addSelect(`${at.notAcknowledged}`, 'not_ack')
      .addSelect(`${at.dueSoon}`, 'due_soon')
      .addSelect('task.key', 'key')
      .addSelect('task.real_users', 'real_users')
      .addSelect('task.lead_unit_id', 'lead')
      .getQueryAndParameters();
    const n = params.length;
    // Grouped on one small integer (the states and flags packed, see STATE_CODES) and the group as
    // "C" text, so PostgreSQL hashes or sorts cheaply instead of sorting on nine text keys; the
    // working-day ordinals are joined once per date instead of looked up per aggregate.
    const stateCode = (state: string) => `(CASE ${state} ${STATE_CODES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END)`;
    const bit = (condition: string, value: number) => `(CASE WHEN ${condition} THEN ${value} ELSE 0 END)`;
    const late = (state: string, due: string) => `(CASE ${state} WHEN 'DONE_LATE' THEN cd_delivered.working_ordinal - ${due}.working_ordinal WHEN 'OVERDUE' THEN $${n + 2} - ${due}.working_ordinal END)`;
    const realUsers = `(CASE p.real_users ${REAL_USERS_CODES.flatMap((v, i) => (v === null ? [] : [`WHEN '${v}' THEN ${i * CODE_REAL_USERS}`])).join(' ')} ELSE 0 END)`;
    const day = (alias: string, instant: string) => `LEFT JOIN calendar_days ${alias} ON ${alias}.date = CAST(timezone('Asia/Ho_Chi_Minh', ${instant}) AS date)`;
    const sql = `WITH p AS (${inner}), x AS (
        SELECT CAST(p.grp AS text) COLLATE "C" AS grp,
          ${stateCode('p.so')} + 8 * ${stateCode('p.sc')} + ${bit(`p.due_o <= $${n + 1}`, CODE_DUE_ORIGINAL)} + ${bit(`p.due_c <= $${n + 1}`, CODE_DUE_CURRENT)}
            + ${bit('p.not_ack', CODE_NOT_ACK)} + ${bit('p.due_soon', CODE_DUE_SOON)} + ${bit('p.key', CODE_KEY)}
            + ${realUsers} AS code,
          ${late('p.so', 'cd_due_o')} AS late_o, ${late('p.sc', 'cd_due_c')} AS late_c
        FROM p ${day('cd_delivered', 'p.delivered')} ${day('cd_due_o', 'p.due_o')} ${day('cd_due_c', 'p.due_c')})
      SELECT grp, code,
        count(*)::int AS n, COALESCE(sum(late_o), 0)::int AS sum_lo, count(late_o)::int AS n_lo, max(late_o) AS max_lo,
        COALESCE(sum(late_c), 0)::int AS sum_lc, count(late_c)::int AS n_lc, max(late_c) AS max_lc
      FROM x GROUP BY grp, code`;
    return { sql, params: [...(params as unknown[]), this.cutOffOf(qb, at), calendar.ordinal] };
  }

  /** The cut-off the population was built with (its `asOf` parameter). */
  private cutOffOf(qb: SelectQueryBuilder<Task>, at: TaskStateAtSql): string {
    return qb.getParameters()[at.at] as string;
  }

  /** Escalations, extensions, explanations, rejections and regressions: the timeline's events up to the cut-off (FigureRow). */
  private eventsQuery(qb: SelectQueryBuilder<Task>, grouping: Grouping, asOf: Date): Query {
    const [inner, params] = qb.select('task.id', 'id').addSelect(grouping.sql('lu')!, 'grp').getQueryAndParameters();
    const n = params.length;
    const types = COUNTED_EVENTS.map((t) => `'${t}'`).join(', ');
    const sql = `WITH p AS (${inner})
      SELECT p.grp, e.type,
        CASE WHEN e.type = 'OVERDUE' THEN 1 WHEN e.type = 'ESCALATION_APPROVED' THEN CAST(e.data ->> 'level' AS int) END AS level,
        count(*)::int AS events, count(DISTINCT e.task_id)::int AS tasks,
        COALESCE(sum(CASE WHEN e.type IN ('EXTENSION_APPROVED', 'BEYOND_AUTHORITY_DECIDED')
          THEN ${ordinalSql(`CAST(e.data ->> 'newDueAt' AS timestamptz)`)} - ${ordinalSql(`CAST(e.data ->> 'previousDueAt' AS timestamptz)`)} END), 0)::int AS days
      FROM p JOIN task_events e ON e.task_id = p.id
      WHERE e.type IN (${types}) AND e.at <= $${n + 1}
        AND (e.type <> 'BEYOND_AUTHORITY_DECIDED' OR e.data ->> 'decision' = 'EXTEND')
      GROUP BY 1, 2, 3`;
    return { sql, params: [...(params as unknown[]), asOf.toISOString()] };
  }

  /**
   * Blocked days (working days from a blocker's start to its end or the cut-off), as FigureRows:
   * suffered by the row's tasks (`BLOCKED_SUFFERED`); caused by the row's units as blocking units
   * (`BLOCKED_CAUSED`), on any task the reader may see that matches the filters but the unit ones.
   */
  private blockedQueries(
    actor: Actor,
    at: TaskStateAtSql,
    asOf: Date,
    calendar: CutOffCalendar,
    period: Period,
    otherFilters: TaskFilters,
    qb: SelectQueryBuilder<Task>,
    grouping: Grouping,
    level: UnitLevel | undefined,
    root: Unit | null,
  ): Query[] {
    const days = (b: string) => `GREATEST(${ordinalSql(`LEAST(COALESCE(${b}.resolved_at, CAST($AS AS timestamptz)), CAST($AS AS timestamptz))`)} - ${ordinalSql(`${b}.since`)}, 0)`;
    const figure = (type: string) => `'${type}' AS type, CAST(NULL AS int) AS level, 0 AS events, 0 AS tasks`;
    const [inner, params] = qb.select('task.id', 'id').addSelect(grouping.sql('lu')!, 'grp').getQueryAndParameters();
    const asOfParam = `$${params.length + 1}`;
    const suffered: Query = {
      sql: `WITH p AS (${inner}) SELECT p.grp, ${figure('BLOCKED_SUFFERED')}, COALESCE(sum(${days('b').replaceAll('$AS', asOfParam)}), 0)::int AS days
       FROM p JOIN task_blockers b ON b.task_id = p.id WHERE b.declared_at <= ${asOfParam} GROUP BY p.grp`,
      params: [...(params as unknown[]), asOf.toISOString()],
    };

    const causedGroup = grouping.sql('bu');
    if (causedGroup === null) return [suffered];
    // Any task the reader may see (not only those led within the scope: the blocked one is often another unit's), the blocking unit within the rows' units.
    const visible = applyTaskFilters(this.access.scoped(actor).andWhere(at.assigned), otherFilters).setParameters({ ...at.parameters(asOf, calendar), ...grouping.params });
    if (period.from) visible.andWhere(`${period.basis === 'due' ? 'task.original_due_at' : 'task.assigned_at'} >= CAST(:statFrom AS timestamptz)`, { statFrom: period.from });
    if (period.to) visible.andWhere(`${period.basis === 'due' ? 'task.original_due_at' : 'task.assigned_at'} < CAST(:statTo AS timestamptz)`, { statTo: period.to });
    visible.innerJoin('task_blockers', 'b', 'b.task_id = task.id AND b.declared_at <= CAST(:asOf AS timestamptz)').innerJoin(Unit, 'bu', 'bu.id = b.blocking_unit_id');
    const scope = scopeOf(actor);
    if (root) visible.andWhere(`bu.path LIKE :causedRoot`, { causedRoot: `${root.path}%` });
    else if (!scope.all) {
      const inScope = scope.subtreePaths.length > 0 ? `bu.path LIKE :causedRoot` : `bu.id = CAST(:causedUnit AS uuid)`;
      visible.andWhere(inScope, { causedRoot: `${scope.subtreePaths[0] ?? ''}%`, causedUnit: actor.unitId ?? null });
    }
    if (level) visible.andWhere('bu.level = :causedLevel', { causedLevel: level });
    const [causedSql, causedParams] = visible
      .select(causedGroup, 'grp')
      .addSelect(figure('BLOCKED_CAUSED'))
      .addSelect(`COALESCE(sum(${days('b').replaceAll('CAST($AS AS timestamptz)', 'CAST(:asOf AS timestamptz)')}), 0)::int`, 'days')
      .groupBy('grp')
      .getQueryAndParameters();
    return [suffered, { sql: causedSql, params: causedParams as unknown[] }];
  }

  /** groupBy=head: each head's overdue tasks (against the current due time), most late first, at most 100 each. */
  private async overdueTasks(qb: SelectQueryBuilder<Task>, grouping: Grouping, at: TaskStateAtSql, calendar: CutOffCalendar): Promise<Map<string | null, StatisticsRowDto['overdueTasks']>> {
    const [inner, params] = qb
      .select(grouping.sql('lu')!, 'grp')
      .addSelect('task.id', 'id')
      .addSelect('task.code', 'code')
      .addSelect('task.title', 'title')
      .addSelect(at.dueInForce, 'due_c')
      .addSelect('task.original_due_at', 'due_o')
      .andWhere(`${at.state('current')} = 'OVERDUE'`)
      .getQueryAndParameters();
    const n = params.length;
    const sql = `SELECT * FROM (
        SELECT p.*, $${n + 1} - ${ordinalSql('due_c')} AS late_c, $${n + 1} - ${ordinalSql('due_o')} AS late_o FROM (${inner}) p) x
      ORDER BY late_c DESC, due_c ASC, code ASC`;
    const result = await this.dataSource.query<{ grp: string | null; id: string; code: string; title: string; due_c: Date; late_c: number; late_o: number }[]>(sql, [...(params as unknown[]), calendar.ordinal]);
    const map = new Map<string | null, NonNullable<StatisticsRowDto['overdueTasks']>>();
    for (const r of result) {
      const list = map.get(r.grp) ?? [];
      if (list.length < 100) list.push({ id: r.id, code: r.code, title: r.title, dueAt: new Date(r.due_c).toISOString(), daysLate: r.late_c, daysLateOriginal: r.late_o });
      map.set(r.grp, list);
    }
    return map;
  }

  /** The rows, labelled, in order: fixed rows (units) first, then the others by label. */
  private async rows(
    actor: Actor,
    counts: Map<string | null, Counts>,
    grouping: Grouping,
    groupBy: GroupBy,
    root: Unit | null,
    language: Language,
    query: StatisticsQueryDto,
    overdue: Map<string | null, StatisticsRowDto['overdueTasks']>,
  ): Promise<StatisticsRowDto[]> {
    const groups = [...counts.keys()];
    const ids = groups.filter((g): g is string => g !== null && /^[0-9a-f-]{36}$/.test(g));
    const name = (u: { nameVi: string; nameEn: string | null }) => (language === 'en' ? (u.nameEn ?? u.nameVi) : u.nameVi);
    const rows: StatisticsRowDto[] = [];
    if (groupBy === 'unit') {
      const units = new Map((await this.directory.units(ids)).map((u) => [u.id, u]));
      const sizes = await this.subtreeSizes(grouping, root?.path ?? (scopeOf(actor).all ? null : (actor.unitPath ?? null)));
      for (const group of groups) {
        const unit = group ? units.get(group) : undefined;
        if (!group || !unit) continue;
        const own = group === grouping.own;
        const c = counts.get(group)!;
        if (own && c.total + c.cancelled === 0) continue;
        const rollsUp = !own && grouping.rollsUp;
        rows.push(
          this.rowOf(c, {
            group,
            label: own ? `${name(unit)} ${language === 'en' ? '(leading itself)' : '(trực tiếp chủ trì)'}` : name(unit),
            unit: unitRef(unit),
            rollsUp,
            unitCount: rollsUp ? (sizes.get(group) ?? 1) : 1,
            drillDown: this.drillDown(query, rollsUp ? { withinUnitId: group } : { unitId: group }),
          }),
        );
      }
      const order = new Map([grouping.own, ...grouping.fixed].map((g, i) => [g, i]));
      return rows.sort((a, b) => (order.get(a.group) ?? 1e9) - (order.get(b.group) ?? 1e9) || a.label.localeCompare(b.label, 'vi'));
    }
    if (groupBy === 'head' || groupBy === 'assigner') {
      const people = new Map((await this.directory.users(ids)).map((u) => [u.id, u]));
      const headed = groupBy === 'head' ? await this.dataSource.getRepository(Unit).find({ where: ids.map((id) => ({ headUserId: id })) }) : [];
      for (const group of groups) {
        const person = group ? people.get(group) : undefined;
        const unit = headed.find((u) => u.headUserId === group);
        const none = groupBy === 'head' ? { vi: '(đơn vị chưa có người đứng đầu)', en: '(units without a head)' } : { vi: '(không rõ)', en: '(unknown)' };
        const label = person ? (unit ? `${person.name} — ${name(unit)}` : person.name) : none[language];
        const filter: Record<string, string> | null = group ? { [groupBy === 'head' ? 'headId' : 'assignedBy']: group } : null;
        rows.push(
          this.rowOf(counts.get(group)!, {
            group,
            label,
            person: person ? { id: person.id, name: person.name, email: person.email } : null,
            unit: unit ? unitRef(unit) : null,
            rollsUp: false,
            drillDown: filter ? this.drillDown(query, filter) : null,
            ...(groupBy === 'head' ? { overdueTasks: overdue.get(group) ?? [] } : {}),
          }),
        );
      }
    } else {
      const templates = groupBy === 'template' ? await this.templateNames(groups.filter((g): g is string => g !== null)) : new Map<string, { nameVi: string; nameEn: string | null }>();
      for (const group of groups) {
        let label: string;
        if (groupBy === 'level') label = group ? (LEVEL_NAMES[group as UnitLevel]?.[language] ?? group) : '';
        else if (groupBy === 'template') label = group ? `${templates.has(group) ? name(templates.get(group)!) : group} (${group})` : '';
        else label = group ?? (language === 'en' ? '(no programme)' : '(không thuộc chương trình)');
        const filter: Record<string, string> | null = group === null ? null : { [groupBy === 'level' ? 'level' : groupBy === 'template' ? 'templateKey' : 'program']: group };
        rows.push(this.rowOf(counts.get(group)!, { group, label, rollsUp: false, drillDown: filter ? this.drillDown(query, filter) : null }));
      }
    }
    return rows.sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }

  /** Units under each unit row (itself included): the units grouped as their tasks are (one pass, on the path index below `root`). */
  private async subtreeSizes(grouping: Grouping, rootPath: string | null): Promise<Map<string, number>> {
    const qb = this.dataSource.getRepository(Unit).createQueryBuilder('u').select(grouping.sql('u')!, 'grp').addSelect('count(*)::int', 'n').setParameters(grouping.params).groupBy('grp');
    if (rootPath !== null) qb.where('u.path LIKE :sizeRoot', { sizeRoot: `${rootPath}%` });
    const result = await qb.getRawMany<{ grp: string | null; n: number }>();
    return new Map(result.filter((r) => r.grp !== null).map((r) => [r.grp!, r.n]));
  }

  private async templateNames(keys: string[]): Promise<Map<string, { nameVi: string; nameEn: string | null }>> {
    if (keys.length === 0) return new Map();
    const result = await this.dataSource.query<{ key: string; nameVi: string; nameEn: string | null }[]>(
      `SELECT DISTINCT ON (key) key, name_vi AS "nameVi", name_en AS "nameEn" FROM task_templates WHERE key = ANY($1) ORDER BY key, version DESC`,
      [keys],
    );
    return new Map(result.map((r) => [r.key, r]));
  }

  /** The counts of several groups added up (the totals row). */
  private sum(all: Counts[], caused: boolean): Counts {
    const total = emptyCounts(caused ? 0 : null);
    const add = (into: Record<string, number>, from: Record<string, number>) => {
      for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
    };
    for (const c of all) {
      total.total += c.total;
      total.key += c.key;
      total.cancelled += c.cancelled;
      add(total.original, c.original);
      add(total.current, c.current);
      add(total.dueOriginal, c.dueOriginal);
      add(total.dueCurrent, c.dueCurrent);
      total.dueSoon += c.dueSoon;
      total.notAcknowledged += c.notAcknowledged;
      addLate(total.late.original, c.late.original.sum, c.late.original.n, c.late.original.max);
      addLate(total.late.current, c.late.current.sum, c.late.current.n, c.late.current.max);
      add(total.escalations, c.escalations);
      total.extensions.count += c.extensions.count;
      total.extensions.workingDaysGranted += c.extensions.workingDaysGranted;
      total.explanations.requested += c.explanations.requested;
      total.explanations.answered += c.explanations.answered;
      total.explanations.late += c.explanations.late;
      total.evidenceRejections += c.evidenceRejections;
      total.realUsers.verified += c.realUsers.verified;
      total.realUsers.attested += c.realUsers.attested;
      total.regressed += c.regressed;
      if (caused) total.blocked.caused = (total.blocked.caused ?? 0) + (c.blocked.caused ?? 0);
      total.blocked.suffered += c.blocked.suffered;
      total.leadUnits += c.leadUnits;
    }
    return total;
  }

  private rowOf(c: Counts, row: Pick<StatisticsRowDto, 'group' | 'label' | 'rollsUp' | 'drillDown'> & Partial<StatisticsRowDto>): StatisticsRowDto {
    const average = (l: Counts['late']['original']) => ({ average: l.n === 0 ? null : Math.round((10 * l.sum) / l.n) / 10, maximum: l.max });
    return {
      unitCount: c.leadUnits,
      ...row,
      total: c.total,
      key: c.key,
      cancelled: c.cancelled,
      original: stateCounts(c.total, c.original, c.dueOriginal),
      current: stateCounts(c.total, c.current, c.dueCurrent),
      dueSoon: c.dueSoon,
      notAcknowledged: c.notAcknowledged,
      daysLate: { original: average(c.late.original), current: average(c.late.current) },
      escalations: c.escalations,
      extensions: c.extensions,
      explanations: { ...c.explanations, unanswered: c.explanations.requested - c.explanations.answered },
      evidenceRejections: c.evidenceRejections,
      realUsers: c.realUsers,
      regressed: c.regressed,
      blockedDays: c.blocked,
    };
  }

  /** The `GET /api/tasks` query string of a row: the statistics' filters and the row's own. */
  drillDown(query: StatisticsQueryDto, own: Record<string, string>): string {
    const q = new URLSearchParams();
    if (query.asOf) q.set('asOf', query.asOf);
    q.set('basis', query.basis ?? 'assigned');
    if (query.from) q.set('from', query.from);
    if (query.to) q.set('to', query.to);
    if (query.unitId && !own.withinUnitId && !own.unitId) q.set('withinUnitId', query.unitId);
    if (query.program !== undefined) q.set('program', query.program);
    if (query.key !== undefined) q.set('key', String(query.key));
    if (query.level) q.set('level', query.level);
    for (const [k, v] of Object.entries(own)) q.set(k, v);
    return q.toString();
  }

  /** Whether the actor reads statistics at all (every signed-in role; the scope limits what they count). */
  static readsStatistics(actor: Actor): boolean {
    return hasRole(actor, Role.ADMIN, Role.AUDITOR, Role.LEADER, Role.HEAD, Role.OFFICER);
  }
}

/** A SQL query and its positional parameters. */
interface Query {
  sql: string;
  params: unknown[];
}

/** States counted by group and packed code (see STATE_CODES), with the working days late summed. */
export interface StateRow {
  grp: string | null;
  code: number;
  n: number;
  sum_lo: number;
  n_lo: number;
  max_lo: number | null;
  sum_lc: number;
  n_lc: number;
  max_lc: number | null;
}

/** A figure by group: events of one type (and escalation level) on how many tasks, working days granted or blocked. */
export interface FigureRow {
  grp: string | null;
  type: string;
  level: number | null;
  events: number;
  tasks: number;
  days: number;
}

/** Adds state rows to their groups' counts. */
function addStates(result: StateRow[], row: (group: string | null) => Counts): void {
  for (const r of result) {
    const c = row(r.grp);
    const so = STATE_CODES[r.code & 7];
    const sc = STATE_CODES[(r.code >> 3) & 7];
    if (so === 'CANCELLED') {
      c.cancelled += r.n;
      continue;
    }
    c.total += r.n;
    if (r.code & CODE_KEY) c.key += r.n;
    c.original[so] = (c.original[so] ?? 0) + r.n;
    c.current[sc] = (c.current[sc] ?? 0) + r.n;
    if (r.code & CODE_DUE_ORIGINAL) c.dueOriginal[so] = (c.dueOriginal[so] ?? 0) + r.n;
    if (r.code & CODE_DUE_CURRENT) c.dueCurrent[sc] = (c.dueCurrent[sc] ?? 0) + r.n;
    if (r.code & CODE_DUE_SOON) c.dueSoon += r.n;
    if (r.code & CODE_NOT_ACK) c.notAcknowledged += r.n;
    if (so === 'DONE_ON_TIME' || so === 'DONE_LATE') {
      const realUsers = REAL_USERS_CODES[Math.floor(r.code / CODE_REAL_USERS) & 3];
      if (realUsers === 'verified') c.realUsers.verified += r.n;
      if (realUsers === 'attested') c.realUsers.attested += r.n;
    }
    addLate(c.late.original, r.sum_lo, r.n_lo, r.max_lo);
    addLate(c.late.current, r.sum_lc, r.n_lc, r.max_lc);
  }
}

/** Adds figure rows (events, blocked days) to their groups' counts. */
function addFigures(result: FigureRow[], row: (group: string | null) => Counts): void {
  for (const r of result) {
    const c = row(r.grp);
    switch (r.type) {
      case 'OVERDUE':
      case 'ESCALATION_APPROVED':
        c.escalations[String(r.level)] = (c.escalations[String(r.level)] ?? 0) + r.tasks;
        break;
      case 'EXTENSION_APPROVED':
      case 'BEYOND_AUTHORITY_DECIDED':
        c.extensions.count += r.events;
        c.extensions.workingDaysGranted += r.days;
        break;
      case 'EXPLANATION_REQUESTED':
        c.explanations.requested += r.events;
        break;
      case 'EXPLANATION_ANSWERED':
        c.explanations.answered += r.events;
        break;
      case 'EXPLANATION_OVERDUE':
        c.explanations.late += r.events;
        break;
      case 'EVIDENCE_REJECTED':
        c.evidenceRejections += r.events;
        break;
      case 'REGRESSED':
        c.regressed += r.tasks;
        break;
      case 'BLOCKED_SUFFERED':
        c.blocked.suffered += r.days;
        break;
      case 'BLOCKED_CAUSED':
        c.blocked.caused = (c.blocked.caused ?? 0) + r.days;
        break;
    }
  }
}

function addLate(into: { sum: number; n: number; max: number | null }, sum: number, n: number, max: number | null): void {
  into.sum += sum;
  into.n += n;
  if (max !== null && (into.max === null || max > into.max)) into.max = max;
}
