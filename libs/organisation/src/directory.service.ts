import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Role, scopeCondition, scopeOf, type Actor } from '@dondoc/common';
import { User } from './user.entity';
import type { DeciderSpec } from '@dondoc/workflows/task/task.types';
import { Unit } from './unit.entity';

const hasRole = (user: User, role: Role): boolean => (user.roles as string[]).includes(role);

/**
 * Who holds which place in the organisation now: the people a decider rule names, and the units
 * and people a task's notifications go to. Reads only; each read takes the caller's transaction
 * when it runs inside one (the task recording does), so that it never needs a second connection.
 */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The active people a decider rule names for a lead unit, now (heads and leaders change). Nobody
   * left (a vacant head, a dissolved group, everyone inactive): the assigner, else the administrators.
   */
  async decidersFor(spec: DeciderSpec, leadUnitId: string, assignerId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const ids = await this.named(manager, spec, leadUnitId, assignerId);
    const active = new Set((await this.activeUsers(ids, manager)).map((u) => u.id));
    if (active.size > 0) return ids.filter((id) => active.has(id));
    const assigner = await manager.getRepository(User).findOneBy({ id: assignerId, active: true });
    if (assigner) return [assigner.id];
    return (await manager.getRepository(User).find({ where: { active: true } })).filter((u) => hasRole(u, Role.ADMIN)).map((u) => u.id);
  }

  /** Where a user stands: their unit's path in the tree and whether they head a unit (what their scope is made of). */
  async placeOf(userId: string, unitId: string | null, manager: EntityManager = this.dataSource.manager): Promise<{ path: string | null; isHead: boolean }> {
    // One query: this runs for every authenticated request.
    const [place] = await manager.query<{ path: string | null; isHead: boolean }[]>(
      `SELECT (SELECT path FROM units WHERE id = $2) AS path, EXISTS (SELECT 1 FROM units WHERE head_user_id = $1) AS "isHead"`,
      [userId, unitId],
    );
    return place;
  }

  /** A unit; fails (EntityNotFoundError) if there is none. */
  unit(id: string, manager: EntityManager = this.dataSource.manager): Promise<Unit> {
    return manager.getRepository(Unit).findOneByOrFail({ id });
  }

  /** A unit, or null. */
  findUnit(id: string, manager: EntityManager = this.dataSource.manager): Promise<Unit | null> {
    return manager.getRepository(Unit).findOneBy({ id });
  }

  /** These units (unknown ids are left out). */
  units(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Unit[]> {
    return ids.length ? manager.getRepository(Unit).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** These users, active or not (unknown ids are left out). */
  users(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return ids.length ? manager.getRepository(User).findBy({ id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** A user, or null. */
  findUser(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ id });
  }

  /** Whether the unit exists within the actor's scope (administrators and auditors: anywhere). */
  unitInScope(actor: Actor, unitId: string): Promise<boolean> {
    const { sql, params } = scopeCondition(scopeOf(actor), 'unit');
    return this.dataSource.getRepository(Unit).createQueryBuilder('unit').where('unit.id = :unitId', { unitId }).andWhere(sql, params).getExists();
  }

  /** The active officers of a unit. */
  async officersOf(unitId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return (await manager.getRepository(User).find({ where: { unitId, active: true } })).filter((u) => hasRole(u, Role.OFFICER)).map((u) => u.id);
  }

  /** The heads of these units (vacant ones left out). */
  async headsOf(unitIds: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (unitIds.length === 0) return [];
    return (await manager.getRepository(Unit).findBy({ id: In(unitIds) })).map((u) => u.headUserId).filter((id): id is string => Boolean(id));
  }

  /** The active users among these ids. */
  async activeUsers(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    return ids.length ? manager.getRepository(User).findBy({ id: In(ids), active: true }) : [];
  }

  /** A user's email (active or not), or null if there is no such user. */
  async emailOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    return (await manager.getRepository(User).findOneBy({ id: userId }))?.email ?? null;
  }

  /** The people a rule names, before the inactive are left out. */
  private async named(manager: EntityManager, spec: DeciderSpec, leadUnitId: string, assignerId: string): Promise<string[]> {
    switch (spec.type) {
      case 'ASSIGNER':
        return [assignerId];
      case 'LEADER_GROUP':
        return spec.userIds;
      case 'PARENT_HEAD': {
        const lead = await this.findUnit(leadUnitId, manager);
        const parent = lead?.parentId ? await this.findUnit(lead.parentId, manager) : null;
        return parent?.headUserId ? [parent.headUserId] : [];
      }
      case 'STEERING_COMMITTEE': {
        // The leaders of the root unit above the lead unit.
        const rootId = (await this.unit(leadUnitId, manager)).path.split('/').filter(Boolean)[0];
        return (await manager.getRepository(User).find({ where: { unitId: rootId, active: true } })).filter((u) => hasRole(u, Role.LEADER)).map((u) => u.id);
      }
      default:
        return []; // a rule this version does not know (nobody: the fallbacks apply)
    }
  }
}
