import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { conflict, invalidField, notFound, likeContains, scopeCondition, scopeOf, type Actor, type Page } from '@dondoc/common';
import { User } from './user.entity';
import type { CreateUnitDto, UnitDetailDto, UnitDirectoryEntryDto, UnitDirectoryQueryDto, UnitDto, UnitQueryDto, UnitRefDto, UpdateUnitDto } from './dto/unit.dto';
import { Unit } from './unit.entity';

/** Serialises changes to the shape of the tree (moves), so two moves never interleave. */
export const UNIT_TREE_LOCK = 7_310_002;

/**
 * Changes to units and their people take their locks in one order, so that two of them never wait
 * for each other (a deadlock): first the tree lock — exclusive to change units or import, shared
 * to create or change a user, so the two kinds never interleave — then the row of the user being
 * changed, then unit rows in id order, and the audit chain last: its lock is taken by the first
 * audit record, and whatever another transaction may hold while waiting for it must be locked
 * before.
 */
export async function lockTree(manager: EntityManager, mode: 'exclusive' | 'shared'): Promise<void> {
  await manager.query(mode === 'exclusive' ? 'SELECT pg_advisory_xact_lock($1)' : 'SELECT pg_advisory_xact_lock_shared($1)', [UNIT_TREE_LOCK]);
}

/**
 * Locks unit rows in id order, for a change of their head or members. FOR NO KEY UPDATE: a unit's
 * id never changes, so users and tasks pointing at it are not held up.
 */
export async function lockUnits(manager: EntityManager, ids: (string | null | undefined)[]): Promise<void> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return;
  await manager.query('SELECT id FROM units WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [unique]);
}

/** Recomputes `path` and `depth` of every unit from `parent_id` (used after bulk imports). */
export const REBUILD_PATHS_SQL = `
  WITH RECURSIVE tree AS (
    SELECT id, '/' || id || '/' AS path, 0 AS depth FROM units WHERE parent_id IS NULL
    UNION ALL
    SELECT u.id, tree.path || u.id || '/', tree.depth + 1 FROM units u JOIN tree ON u.parent_id = tree.id
  )
  UPDATE units SET path = tree.path, depth = tree.depth
  FROM tree WHERE units.id = tree.id AND (units.path <> tree.path OR units.depth <> tree.depth)`;

/**
 * Units (alias `alias`) whose code or either name holds `text`, case-insensitively — the one unit
 * search. Each column has a trigram index (migration UnitSearchIndexes), so it stays an index scan
 * at tens of thousands of units once `text` is three characters or more.
 */
export function unitMatches(alias: string, text: string): Brackets {
  const q = likeContains(text);
  return new Brackets((w) => w.where(`${alias}.code ILIKE :q`, { q }).orWhere(`${alias}.nameVi ILIKE :q`).orWhere(`${alias}.nameEn ILIKE :q`));
}

export function unitRef(unit: Pick<Unit, 'id' | 'code' | 'nameVi' | 'nameEn' | 'level'>): UnitRefDto {
  return { id: unit.id, code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn, level: unit.level };
}

export function toUnitDto(unit: Unit): UnitDto {
  return {
    ...unitRef(unit),
    parentId: unit.parentId,
    depth: unit.depth,
    head: unit.head ? { id: unit.head.id, name: unit.head.name, email: unit.head.email } : null,
    active: unit.active,
    createdAt: unit.createdAt.toISOString(),
    updatedAt: unit.updatedAt.toISOString(),
  };
}

/** What an audit record shows of a unit. */
function auditView(unit: Unit): Record<string, unknown> {
  return { code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn, level: unit.level, parentId: unit.parentId, headUserId: unit.headUserId, active: unit.active };
}

@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Units within the actor's scope matching the filters, by code. */
  async list(actor: Actor, query: UnitQueryDto): Promise<Page<UnitDto>> {
    const qb = this.scoped(actor).leftJoinAndSelect('unit.head', 'head');
    if (query.parentId) qb.andWhere('unit.parentId = :parentId', { parentId: query.parentId });
    if (query.withinId) {
      qb.andWhere(`unit.path LIKE (SELECT w.path FROM units w WHERE w.id = :withinId) || '%'`, { withinId: query.withinId });
    }
    if (query.level) qb.andWhere('unit.level = :level', { level: query.level });
    if (query.active !== undefined) qb.andWhere('unit.active = :active', { active: query.active });
    if (query.q) qb.andWhere(unitMatches('unit', query.q));
    const [units, total] = await qb
      .orderBy('unit.code', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: units.map(toUnitDto), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Active units anywhere matching `q`, for anyone naming another unit (a blocker may wait on any
   * of them): only what identifies a unit, an exact code first, then by code.
   */
  async directory(query: UnitDirectoryQueryDto): Promise<UnitDirectoryEntryDto[]> {
    const rows = await this.dataSource
      .getRepository(Unit)
      .createQueryBuilder('unit')
      .leftJoin('unit.parent', 'parent')
      .select(['unit.id', 'unit.code', 'unit.nameVi', 'unit.nameEn', 'unit.level', 'parent.id', 'parent.nameVi', 'parent.nameEn'])
      .where('unit.active = true')
      .andWhere(unitMatches('unit', query.q))
      .orderBy('unit.code = :exact', 'DESC')
      .addOrderBy('unit.code', 'ASC')
      .setParameter('exact', query.q.toUpperCase())
      .limit(query.limit)
      .getMany();
    return rows.map((unit) => ({ ...unitRef(unit), parentNameVi: unit.parent?.nameVi ?? null, parentNameEn: unit.parent?.nameEn ?? null }));
  }

  /** One unit with its ancestors and counts; 404 when unknown or outside the actor's scope. */
  async get(actor: Actor, id: string): Promise<UnitDetailDto> {
    const unit = await this.scoped(actor).leftJoinAndSelect('unit.head', 'head').andWhere('unit.id = :id', { id }).getOne();
    if (!unit) throw notFound('unit', id);
    const ancestorIds = unit.path.split('/').filter(Boolean).slice(0, -1);
    const ancestors = ancestorIds.length ? await this.dataSource.getRepository(Unit).createQueryBuilder('a').where('a.id IN (:...ids)', { ids: ancestorIds }).orderBy('a.depth').getMany() : [];
    const [childCount, userCount] = await Promise.all([
      this.dataSource.getRepository(Unit).countBy({ parentId: id }),
      this.dataSource.getRepository(User).countBy({ unitId: id }),
    ]);
    return { ...toUnitDto(unit), ancestors: ancestors.map(unitRef), childCount, userCount };
  }

  /** Creates a unit under an existing, active parent (or as a root). */
  async create(actor: Actor, dto: CreateUnitDto): Promise<UnitDetailDto> {
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await lockTree(tx, 'exclusive'); // a parent moved meanwhile would leave a stale path
      await this.assertCodeFree(tx, dto.code);
      const parent = dto.parentId ? await this.parentFor(tx, dto.parentId) : null;
      const unit = tx.create(Unit, {
        id,
        code: dto.code,
        nameVi: dto.nameVi,
        nameEn: dto.nameEn || null,
        level: dto.level,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: parent ? parent.depth + 1 : 0,
        headUserId: null,
        active: true,
      });
      await tx.insert(Unit, unit);
      await this.audit.record(tx, actor, { action: 'UNIT_CREATED', subjectType: 'unit', subjectId: id, summary: { after: auditView(unit) } });
    });
    return this.get(actor, id);
  }

  /**
   * Renames, re-levels, moves (with its whole subtree), changes the head of, or
   * (de)activates a unit. Each kind of change is its own audit event.
   */
  async update(actor: Actor, id: string, dto: UpdateUnitDto): Promise<UnitDetailDto> {
    await this.dataSource.transaction(async (tx) => {
      await lockTree(tx, 'exclusive');
      const unit = await tx.getRepository(Unit).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
      if (!unit) throw notFound('unit', id);
      const before = auditView(unit);

      // The head first: naming them locks their user row (the foreign key), which must happen before this transaction holds the audit chain.
      if (dto.headUserId !== undefined && dto.headUserId !== unit.headUserId) await this.changeHead(tx, actor, unit, dto.headUserId);
      if (dto.parentId !== undefined && dto.parentId !== unit.parentId) await this.move(tx, actor, unit, dto.parentId);
      if (dto.active !== undefined && dto.active !== unit.active) {
        await tx.update(Unit, { id }, { active: dto.active });
        await this.audit.record(tx, actor, {
          action: dto.active ? 'UNIT_ACTIVATED' : 'UNIT_DEACTIVATED',
          subjectType: 'unit',
          subjectId: id,
          summary: { before: { active: unit.active }, after: { active: dto.active } },
        });
      }
      const details: Partial<Unit> = {};
      if (dto.nameVi !== undefined && dto.nameVi !== unit.nameVi) details.nameVi = dto.nameVi;
      if (dto.nameEn !== undefined && (dto.nameEn || null) !== unit.nameEn) details.nameEn = dto.nameEn || null;
      if (dto.level !== undefined && dto.level !== unit.level) details.level = dto.level;
      if (Object.keys(details).length > 0) {
        await tx.update(Unit, { id }, details);
        await this.audit.record(tx, actor, {
          action: 'UNIT_UPDATED',
          subjectType: 'unit',
          subjectId: id,
          summary: { before: Object.fromEntries(Object.keys(details).map((k) => [k, before[k]])), after: details },
        });
      }
    });
    return this.get(actor, id);
  }

  /** Deletes a unit that has no child units, no users and no open tasks; otherwise 409 (deactivate it instead). */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await lockTree(tx, 'exclusive');
      const unit = await tx.getRepository(Unit).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw notFound('unit', id);
      const children = await tx.getRepository(Unit).countBy({ parentId: id });
      if (children > 0) {
        throw conflict({ vi: `đơn vị ${unit.code} còn ${children} đơn vị trực thuộc; hãy chuyển hoặc xoá chúng trước, hoặc ngừng hoạt động đơn vị.`, en: `unit ${unit.code} still has ${children} child unit(s); move or delete them first, or deactivate the unit.` }, { rule: 'hasChildren', children });
      }
      const users = await tx.getRepository(User).countBy({ unitId: id });
      if (users > 0) {
        throw conflict({ vi: `đơn vị ${unit.code} còn ${users} người dùng; hãy chuyển họ sang đơn vị khác, hoặc ngừng hoạt động đơn vị.`, en: `unit ${unit.code} still has ${users} user(s); move them to another unit, or deactivate the unit.` }, { rule: 'hasUsers', users });
      }
      const { openTasks, tasks } = await this.taskCounts(tx, id);
      if (openTasks > 0) {
        throw conflict({ vi: `đơn vị ${unit.code} còn ${openTasks} nhiệm vụ chưa hoàn thành; hãy ngừng hoạt động đơn vị thay vì xoá.`, en: `unit ${unit.code} has ${openTasks} open task(s); deactivate it instead of deleting it.` }, { rule: 'hasOpenTasks', openTasks });
      }
      if (tasks > 0) {
        throw conflict({ vi: `đơn vị ${unit.code} đã chủ trì ${tasks} nhiệm vụ; hồ sơ của chúng phải được giữ lại, hãy ngừng hoạt động đơn vị thay vì xoá.`, en: `unit ${unit.code} led ${tasks} task(s) whose records must be kept; deactivate it instead of deleting it.` }, { rule: 'hasTasks', tasks });
      }
      await tx.delete(Unit, { id });
      await this.audit.record(tx, actor, { action: 'UNIT_DELETED', subjectType: 'unit', subjectId: id, summary: { before: auditView(unit) } });
    });
  }

  /** A query builder over units restricted to the actor's scope (alias `unit`). */
  scoped(actor: Actor): SelectQueryBuilder<Unit> {
    const { sql, params } = scopeCondition(scopeOf(actor), 'unit');
    return this.dataSource.getRepository(Unit).createQueryBuilder('unit').where(sql, params);
  }

  /** Tasks led by the unit, and how many of them are still open (any of them keeps the unit). */
  private async taskCounts(manager: EntityManager, unitId: string): Promise<{ openTasks: number; tasks: number }> {
    const [counts] = await manager.query<{ openTasks: number; tasks: number }[]>(
      `SELECT count(*) FILTER (WHERE status NOT IN ('DONE', 'CANCELLED'))::int AS "openTasks", count(*)::int AS tasks FROM tasks WHERE lead_unit_id = $1`,
      [unitId],
    );
    return counts;
  }

  private async assertCodeFree(manager: EntityManager, code: string): Promise<void> {
    if (await manager.getRepository(Unit).existsBy({ code })) {
      throw conflict({ vi: `mã đơn vị ${code} đã tồn tại.`, en: `unit code ${code} already exists.` }, { field: 'code' });
    }
  }

  private async parentFor(manager: EntityManager, parentId: string): Promise<Unit> {
    const parent = await manager.getRepository(Unit).findOneBy({ id: parentId });
    if (!parent) throw invalidField('parentId', 'exists', { vi: 'parentId không phải là đơn vị đã có', en: 'parentId is not an existing unit' });
    if (!parent.active) throw invalidField('parentId', 'active', { vi: 'đơn vị cấp trên đã ngừng hoạt động', en: 'the parent unit is inactive' });
    return parent;
  }

  private async move(manager: EntityManager, actor: Actor, unit: Unit, parentId: string | null): Promise<void> {
    const parent = parentId ? await this.parentFor(manager, parentId) : null;
    if (parent && parent.path.startsWith(unit.path)) {
      throw invalidField('parentId', 'noCycle', {
        vi: 'không thể chuyển một đơn vị vào chính nó hoặc đơn vị trực thuộc của nó',
        en: 'a unit cannot be moved under itself or one of its own sub-units',
      });
    }
    const newPath = `${parent?.path ?? '/'}${unit.id}/`;
    const depthDelta = (parent ? parent.depth + 1 : 0) - unit.depth;
    await manager.query(
      `UPDATE units SET path = $1 || substr(path, length($2) + 1), depth = depth + $3, parent_id = CASE WHEN id = $4 THEN $5::uuid ELSE parent_id END
       WHERE path LIKE $2 || '%'`,
      [newPath, unit.path, depthDelta, unit.id, parent?.id ?? null],
    );
    await this.audit.record(manager, actor, {
      action: 'UNIT_MOVED',
      subjectType: 'unit',
      subjectId: unit.id,
      summary: { before: { parentId: unit.parentId }, after: { parentId: parent?.id ?? null } },
    });
    unit.parentId = parent?.id ?? null;
    unit.path = newPath;
  }

  private async changeHead(manager: EntityManager, actor: Actor, unit: Unit, headUserId: string | null): Promise<void> {
    if (headUserId) {
      const user = await manager.getRepository(User).findOneBy({ id: headUserId });
      if (!user || user.unitId !== unit.id || !user.active) {
        throw invalidField('headUserId', 'memberOfUnit', {
          vi: 'người đứng đầu phải là người dùng đang hoạt động của chính đơn vị này',
          en: 'the head must be an active user of this unit',
        });
      }
    }
    await manager.update(Unit, { id: unit.id }, { headUserId });
    await this.audit.record(manager, actor, {
      action: 'UNIT_HEAD_CHANGED',
      subjectType: 'unit',
      subjectId: unit.id,
      summary: { before: { headUserId: unit.headUserId }, after: { headUserId } },
    });
    unit.headUserId = headUserId;
  }
}
