import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { AppException, hasRole, notFound, Role, scopeOf, type Actor } from '@dondoc/common';
import { anyUnitInScopeSql, DirectoryService, Unit, unitInScopeSql } from '@dondoc/organisation';
import { Task } from './task.entity';

/** What an actor must be to take an action on a task. */
export type Relation = 'member' | 'supervisor' | 'reviewer' | 'canceller' | 'decider' | 'administrator';

/** 403: the actor has no part in the action. */
export const forbidden = (): AppException => new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');

/** Who may see a task and who may act on it: scope by the unit tree, parts by role and relation. */
@Injectable()
export class TaskAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryService,
  ) {}

  /** The task if the actor may see it: its lead or a coordinating unit within scope, or a part in it. */
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
    return qb.where(
      new Brackets((w) =>
        w
          .where(lead.sql, lead.params)
          .orWhere(coordinating.sql, coordinating.params)
          .orWhere(':actorId = ANY(task.participant_ids)', { actorId: actor.id }),
      ),
    );
  }

  /** Whether the actor holds `relation` to the task (the action's part). */
  async relates(actor: Actor, task: Task, relation: Relation, payload: object): Promise<boolean> {
    const me = actor.id;
    // Auditors read everything and change nothing.
    if (!me || (hasRole(actor, Role.AUDITOR) && !hasRole(actor, Role.ADMIN, Role.LEADER, Role.HEAD, Role.OFFICER))) return false;
    const member = actor.unitId === task.leadUnitId && hasRole(actor, Role.OFFICER, Role.HEAD);
    const lead = await this.directory.unit(task.leadUnitId);
    const leaderOver = this.leads(actor, lead);
    const supervisor = hasRole(actor, Role.ADMIN) || leaderOver || task.assignedBy === me || (task.state?.reviewers ?? []).includes(me);
    switch (relation) {
      case 'member':
        return member || task.focalOfficerId === me;
      case 'supervisor':
        return supervisor;
      case 'reviewer':
        return supervisor || (task.state?.evidence?.reviewers ?? []).includes(me);
      case 'canceller':
        return hasRole(actor, Role.ADMIN) || leaderOver || task.assignedBy === me;
      case 'administrator':
        return hasRole(actor, Role.ADMIN);
      case 'decider': {
        const proposalId = (payload as { requestId?: string }).requestId;
        const proposal = task.state?.proposals.find((p) => p.id === proposalId);
        // An unknown proposal is the workflow's to refuse (409); the API only stops strangers.
        return proposal ? proposal.deciders.includes(me) : supervisor || (task.state?.proposals ?? []).some((p) => p.deciders.includes(me));
      }
    }
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
