import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { AppException, hasRole, notFound, Role, scopeOf, type Actor } from '@dondoc/common';
import { anyUnitInScopeSql, bothUnitsSql, DirectoryService, Unit, unitInScopeSql, unitWithinSql, type SqlCondition } from '@dondoc/organisation';
import { Task } from './task.entity';

/**
 * What an actor must be to take an action on a task. `blockerResolver`: either side of the blocker
 * (the lead unit's people, the blocking unit's head and officers) or a leader over both;
 * `blockerDecider`: a leader over both units (see `leadsBoth`) or an administrator.
 */
export type Relation = 'member' | 'supervisor' | 'reviewer' | 'canceller' | 'decider' | 'administrator' | 'blockerResolver' | 'blockerDecider';

/** Relations held item by item: the escalation proposals, and the blockers, an actor may act on. */
type PerItem = 'decider' | 'blockerResolver' | 'blockerDecider';

/** The parts an actor holds in a task (`Relation`s), the escalation proposals they decide and the blockers they may resolve or decide. */
export type TaskParts = Record<Exclude<Relation, PerItem>, boolean> & { deciderOf: string[]; blockerResolverOf: string[]; blockerDeciderOf: string[] };

const NO_PART: TaskParts = { member: false, supervisor: false, reviewer: false, canceller: false, administrator: false, deciderOf: [], blockerResolverOf: [], blockerDeciderOf: [] };

/** The path of the lowest unit above (or equal to) both units: materialised paths `/a/b/c/`. */
export function commonAncestorPath(a: string, b: string): string {
  const first = a.split('/').filter(Boolean);
  const second = b.split('/').filter(Boolean);
  let shared = 0;
  while (shared < first.length && shared < second.length && first[shared] === second[shared]) shared++;
  return shared === 0 ? '' : `/${first.slice(0, shared).join('/')}/`;
}

/** 403: the actor has no part in the action. */
export const forbidden = (): AppException => new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');

/** Who may see a task and who may act on it: scope by the unit tree, parts by role and relation. */
@Injectable()
export class TaskAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
  ) {}

  /** The task if the actor may see it: its lead, a coordinating or a blocking unit within scope, or a part in it. */
  async visibleTask(actor: Actor, id: string): Promise<Task> {
    const task = await this.scoped(actor).andWhere('task.id = :id', { id }).getOne();
    if (!task) throw notFound('task', id);
    return task;
  }

  /** Tasks the actor may see (alias `task`). */
  scoped(actor: Actor): SelectQueryBuilder<Task> {
    const scope = scopeOf(actor);
    const qb = this.dataSource.getRepository(Task).createQueryBuilder('task');
    if (scope.all) return qb.where('TRUE');
    // The unit tree is the organisation's: it gives the conditions, the tasks name only their unit ids.
    const lead = unitInScopeSql(scope, 'task.lead_unit_id', 'lead');
    const coordinating = anyUnitInScopeSql(scope, 'task.coordinating_unit_ids', 'coord');
    // A unit a blocker names (open or resolved) sees the task: the blocked days are charged to it.
    const blocking = unitInScopeSql(scope, 'blk.blocking_unit_id', 'blk');
    return qb.where(
      new Brackets((w) =>
        w
          .where(lead.sql, lead.params)
          .orWhere(coordinating.sql, coordinating.params)
          .orWhere(':actorId = ANY(task.participant_ids)', { actorId: actor.id })
          .orWhere(`task.id IN (SELECT blk.task_id FROM task_blockers blk WHERE ${blocking.sql})`, blocking.params),
      ),
    );
  }

  /** Whether the actor holds `relation` to the task (the action's part). */
  async relates(actor: Actor, task: Task, relation: Relation, payload: object): Promise<boolean> {
    const parts = await this.parts(actor, task);
    if (relation === 'blockerResolver' || relation === 'blockerDecider') {
      const blockerId = (payload as { blockerId?: string }).blockerId;
      const held = relation === 'blockerResolver' ? parts.blockerResolverOf : parts.blockerDeciderOf;
      // An unknown blocker is the workflow's to refuse (409); the API only stops strangers.
      return task.state?.blockers.some((b) => b.id === blockerId) ? held.includes(blockerId!) : parts.member || parts.supervisor || held.length > 0;
    }
    if (relation !== 'decider') return parts[relation];
    const proposalId = (payload as { requestId?: string }).requestId;
    const proposal = task.state?.proposals.find((p) => p.id === proposalId);
    // An unknown proposal is the workflow's to refuse (409); the API only stops strangers.
    return proposal ? parts.deciderOf.includes(proposal.id) : parts.supervisor || parts.deciderOf.length > 0;
  }

  /**
   * Every part the actor holds in the task: what `relates` checks for each action, and what the
   * task's page offers (`allowedActions`). `deciderOf` lists the proposals the actor is a decider of.
   */
  async parts(actor: Actor, task: Task): Promise<TaskParts> {
    const me = actor.id;
    if (!me || !this.actsOnTasks(actor)) return NO_PART;
    const member = actor.unitId === task.leadUnitId && hasRole(actor, Role.OFFICER, Role.HEAD);
    const lead = await this.directory.unit(task.leadUnitId);
    const leaderOver = this.leads(actor, lead);
    const administrator = hasRole(actor, Role.ADMIN);
    const supervisor = administrator || leaderOver || task.assignedBy === me || (task.state?.reviewers ?? []).includes(me);
    const blockers = task.state?.blockers ?? [];
    const blockingUnits = new Map((await this.directory.units([...new Set(blockers.map((b) => b.blockingUnitId))])).map((u) => [u.id, u]));
    const sideOf = (unitId: string) => actor.unitId === unitId && hasRole(actor, Role.OFFICER, Role.HEAD);
    const over = (unitId: string) => {
      const blocking = blockingUnits.get(unitId);
      return administrator || (blocking !== undefined && this.leadsBoth(actor, lead, blocking));
    };
    return {
      member: member || task.focalOfficerId === me,
      supervisor,
      reviewer: supervisor || (task.state?.evidence?.reviewers ?? []).includes(me),
      canceller: administrator || leaderOver || task.assignedBy === me,
      administrator,
      deciderOf: (task.state?.proposals ?? []).filter((p) => p.deciders.includes(me)).map((p) => p.id),
      blockerResolverOf: blockers.filter((b) => member || task.focalOfficerId === me || sideOf(b.blockingUnitId) || over(b.blockingUnitId)).map((b) => b.id),
      blockerDeciderOf: blockers.filter((b) => over(b.blockingUnitId)).map((b) => b.id),
    };
  }

  /**
   * A leader over both units: a LEADER whose subtree holds both, or the HEAD of their lowest
   * common unit (which may be one of the two, when one lies under the other).
   */
  leadsBoth(actor: Actor, a: Unit, b: Unit): boolean {
    if (this.leads(actor, a) && this.leads(actor, b)) return true;
    const common = commonAncestorPath(a.path, b.path);
    return hasRole(actor, Role.HEAD) && Boolean(common) && actor.unitPath === common;
  }

  /** Whether the actor may take part in tasks at all: a signed-in user, unless only an auditor (who reads everything and changes nothing). */
  actsOnTasks(actor: Actor): actor is Actor & { id: string } {
    return Boolean(actor.id) && !(hasRole(actor, Role.AUDITOR) && !hasRole(actor, Role.ADMIN, Role.LEADER, Role.HEAD, Role.OFFICER));
  }

  /**
   * `parts(…).supervisor` and `.reviewer` as SQL conditions on a task row (alias `task`), for
   * queries over many tasks (the decisions queue); the actor must be one who `actsOnTasks`.
   * `reviewer` adds the evidence's own reviewers to the supervisors.
   */
  partsSql(actor: Actor & { id: string }): { supervisor: SqlCondition; reviewer: SqlCondition } {
    // One parameter per type: PostgreSQL gives a parameter used twice a single type.
    const me = { partMeId: actor.id, partMeText: actor.id };
    const reviewers = (path: string) => `COALESCE(task.state #> '${path}' @> jsonb_build_array(CAST(:partMeText AS text)), FALSE)`;
    if (hasRole(actor, Role.ADMIN)) return { supervisor: { sql: 'TRUE', params: {} }, reviewer: { sql: 'TRUE', params: {} } };
    const conditions = [`task.assigned_by = CAST(:partMeId AS uuid)`, reviewers('{reviewers}')];
    let params: Record<string, unknown> = me;
    if (hasRole(actor, Role.LEADER) && actor.unitId && actor.unitPath) {
      const over = unitWithinSql('task.lead_unit_id', actor.unitId, 'leaderOver');
      conditions.push(over.sql);
      params = { ...params, ...over.params };
    }
    const supervisor = `(${conditions.join(' OR ')})`;
    return { supervisor: { sql: supervisor, params }, reviewer: { sql: `(${supervisor} OR ${reviewers('{evidence,reviewers}')})`, params } };
  }

  /**
   * `parts(…).blockerDeciderOf` as an SQL condition, for queries over many blockers (the decisions
   * queue): the actor may decide a blocker on the unit whose id is the SQL expression
   * `blockingUnitId`, of a task led by `leadUnitId` — an administrator, or a leader over both units
   * (`leadsBoth`, on the units' paths). `prefix` names its aliases and parameters.
   */
  blockerDeciderSql(actor: Actor & { id: string }, leadUnitId: string, blockingUnitId: string, prefix: string): SqlCondition {
    if (hasRole(actor, Role.ADMIN)) return { sql: 'TRUE', params: {} };
    return bothUnitsSql(leadUnitId, blockingUnitId, prefix, {
      subtreePath: hasRole(actor, Role.LEADER) ? actor.unitPath : null,
      lowestCommonPath: hasRole(actor, Role.HEAD) ? actor.unitPath : null,
    });
  }

  /** A leader leads the units of their subtree. */
  leads(actor: Actor, unit: Unit): boolean {
    return hasRole(actor, Role.LEADER) && Boolean(actor.unitPath) && unit.path.startsWith(actor.unitPath!);
  }

  /** Whether the unit exists within the actor's scope (administrators: anywhere). */
  unitInScope(actor: Actor, unitId: string): Promise<boolean> {
    return this.directory.unitInScope(actor, unitId);
  }
}
