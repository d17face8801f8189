import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { AuthService, PasswordTokensService } from '@dondoc/auth';
import { conflict, hasRole, invalidField, notFound, Role, likeContains, scopeCondition, scopeOf, type Actor, type Language, type Page } from '@dondoc/common';
import type { Notification } from '@dondoc/notifications';
import { lockTree, lockUnits, normaliseEmail, Unit, unitRef, User, type StoredRole } from '@dondoc/organisation';
import type { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto } from './dto/user.dto';

/** Roles that act for a unit and so need one. */
const UNIT_ROLES: Role[] = [Role.OFFICER, Role.HEAD, Role.LEADER];

/** A user row with what the user list shows about their unit. */
type UserRow = User & { unit?: Unit | null; headOf?: Unit | null };

export function storedRoles(roles: Role[]): StoredRole[] {
  return roles.filter((role): role is StoredRole => role !== Role.HEAD);
}

export function toUserDto(user: UserRow): UserDto {
  const roles: Role[] = [...(user.roles as Role[])];
  if (user.headOf) roles.push(Role.HEAD);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    language: user.language,
    roles: roles.sort(),
    unit: user.unit ? unitRef(user.unit) : null,
    active: user.active,
    passwordSet: user.passwordHash !== null,
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

function auditView(user: User, isHead: boolean): Record<string, unknown> {
  return {
    email: user.email,
    name: user.name,
    phone: user.phone,
    language: user.language,
    unitId: user.unitId,
    roles: isHead ? [...user.roles, Role.HEAD].sort() : [...user.roles].sort(),
    active: user.active,
  };
}

/** People of the organisation: who they are, their unit and roles, within the actor's scope. */
@Injectable()
export class UsersAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly passwordTokens: PasswordTokensService,
    private readonly auth: AuthService,
  ) {}

  async list(actor: Actor, query: UserQueryDto): Promise<Page<UserDto>> {
    const qb = this.scoped(actor);
    if (query.unitId) qb.andWhere('user.unitId = :unitId', { unitId: query.unitId });
    if (query.withinUnitId) {
      qb.andWhere(`unit.path LIKE (SELECT w.path FROM units w WHERE w.id = :withinUnitId) || '%'`, { withinUnitId: query.withinUnitId });
    }
    if (query.role === Role.HEAD) qb.andWhere('headOf.id IS NOT NULL');
    else if (query.role) qb.andWhere(':role = ANY(user.roles)', { role: query.role });
    if (query.active !== undefined) qb.andWhere('user.active = :active', { active: query.active });
    if (query.q) {
      const q = likeContains(query.q);
      qb.andWhere(new Brackets((w) => w.where('user.name ILIKE :q', { q }).orWhere('user.email ILIKE :q')));
    }
    const [users, total] = await qb
      .orderBy('user.email', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: users.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
  }

  /** One user; 404 when unknown or outside the actor's scope. */
  async get(actor: Actor, id: string): Promise<UserDto> {
    const user = await this.scoped(actor).andWhere('user.id = :id', { id }).getOne();
    if (!user) throw notFound('user', id);
    return toUserDto(user);
  }

  /** Creates a user and, unless told otherwise, emails them a one-time link to set a password. */
  async create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    const user = await this.dataSource.transaction(async (tx) => {
      // Locks in the order lockTree describes: creations in one unit take turns on its row, so a
      // second head finds the first (409) rather than a deadlock.
      await lockTree(tx, 'shared');
      await lockUnits(tx, [dto.unitId]);
      const email = normaliseEmail(dto.email);
      if (await tx.getRepository(User).existsBy({ email })) {
        throw conflict({ vi: `email ${email} đã được dùng cho một người dùng khác.`, en: `email ${email} is already used by another user.` }, { field: 'email' });
      }
      const unit = await this.unitFor(tx, dto.unitId ?? null, dto.roles);
      const created = tx.create(User, {
        email,
        name: dto.name,
        phone: dto.phone ?? null,
        language: dto.language ?? 'vi',
        unitId: unit?.id ?? null,
        roles: storedRoles(dto.roles),
        passwordHash: null,
        active: true,
      });
      await tx.insert(User, created);
      await this.audit.record(tx, actor, { action: 'USER_CREATED', subjectType: 'user', subjectId: created.id, summary: { after: auditView(created, dto.roles.includes(Role.HEAD)) } });
      if (dto.roles.includes(Role.HEAD)) await this.makeHead(tx, actor, unit!, created.id);
      if (dto.sendInvitation !== false) await this.invite(tx, actor, created);
      return created;
    });
    return this.get(actor, user.id);
  }

  /** Changes a user's details, unit, roles or status; deactivation ends their sessions at once. */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserDto> {
    await this.dataSource.transaction(async (tx) => {
      await lockTree(tx, 'shared');
      const user = await tx.getRepository(User).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
      if (!user) throw notFound('user', id);
      const headOf = await tx.getRepository(Unit).findOneBy({ headUserId: id });
      const unitId = dto.unitId !== undefined ? dto.unitId : user.unitId;
      // The units whose head may change, before anything is written or audited (see lockTree).
      await lockUnits(tx, [headOf?.id, unitId]);
      const before = auditView(user, Boolean(headOf));
      const roles = dto.roles ?? ((headOf ? [...user.roles, Role.HEAD] : [...user.roles]));
      if (actor.id === id) this.assertNotLockingSelfOut(dto, roles);

      const unit = await this.unitFor(tx, unitId, roles, unitId === user.unitId);
      const wantsHead = roles.includes(Role.HEAD) && dto.active !== false;

      const changes: Partial<User> = {};
      if (dto.name !== undefined && dto.name !== user.name) changes.name = dto.name;
      if (dto.phone !== undefined && dto.phone !== user.phone) changes.phone = dto.phone;
      if (dto.language !== undefined && dto.language !== user.language) changes.language = dto.language;
      if (unitId !== user.unitId) changes.unitId = unitId;
      const nextRoles = storedRoles(roles);
      if ([...nextRoles].sort().join() !== [...user.roles].sort().join()) changes.roles = nextRoles;
      if (dto.active !== undefined && dto.active !== user.active) changes.active = dto.active;
      if (Object.keys(changes).length > 0) await tx.update(User, { id }, changes);
      // Before the first audit record takes the audit chain: a token refresh holds its session row while it waits for the chain.
      if (changes.active === false) await this.auth.revokeSessions(tx, id, 'USER_DEACTIVATED');
      // A head who leaves the unit, loses the role or is deactivated stops being its head.
      if (headOf && (!wantsHead || headOf.id !== unit?.id)) await this.clearHead(tx, actor, headOf);
      if (wantsHead && headOf?.id !== unit?.id) await this.makeHead(tx, actor, unit!, id);

      const after = auditView({ ...user, ...changes }, wantsHead);
      const changed = Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
      if (changed.length > 0) {
        const action = changes.active === false ? 'USER_DEACTIVATED' : changes.active === true ? 'USER_ACTIVATED' : 'USER_UPDATED';
        await this.audit.record(tx, actor, {
          action,
          subjectType: 'user',
          subjectId: id,
          summary: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])) },
        });
      }
    });
    return this.get(actor, id);
  }

  /** The signed-in user chooses the language dondoc speaks to them in (answers, emails, the web app); audited as any change of a user. */
  async setOwnLanguage(actor: Actor, language: Language): Promise<UserDto> {
    const id = actor.id!;
    await this.dataSource.transaction(async (tx) => {
      const user = await tx.getRepository(User).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
      if (!user) throw notFound('user', id);
      if (user.language === language) return;
      await tx.update(User, { id }, { language });
      await this.audit.record(tx, actor, { action: 'USER_UPDATED', subjectType: 'user', subjectId: id, summary: { before: { language: user.language }, after: { language } } });
    });
    return this.get(actor, id);
  }

  /** Emails the user a one-time link to choose a new password (administrators). */
  async requestPasswordReset(actor: Actor, id: string): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw notFound('user', id);
    if (!user.active) {
      throw conflict({ vi: 'người dùng đã bị vô hiệu hoá; hãy kích hoạt lại trước khi đặt lại mật khẩu.', en: 'the user is deactivated; reactivate them before resetting the password.' });
    }
    await this.auth.requestPasswordReset(actor, user);
  }

  /** Users within the actor's scope (alias `user`, with `unit` and `headOf` joined). */
  scoped(actor: Actor): SelectQueryBuilder<User> {
    const scope = scopeOf(actor);
    const { sql, params } = scopeCondition(scope, 'unit');
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .leftJoinAndMapOne('user.unit', Unit, 'unit', 'unit.id = user.unitId')
      .leftJoinAndMapOne('user.headOf', Unit, 'headOf', 'headOf.headUserId = user.id')
      .where(scope.all ? 'TRUE' : `(user.unitId IS NOT NULL AND ${sql})`, params);
  }

  /** Queues an invitation for a new user (used by create and by imports). */
  invite(manager: EntityManager, actor: Actor, user: Pick<User, 'id' | 'email' | 'name' | 'language'>): Promise<Notification[]> {
    return this.passwordTokens.issue(manager, actor, user, 'INVITE');
  }

  /** Makes `userId` head of `unit` (whose row the caller has locked); 409 if the unit already has another head. */
  async makeHead(manager: EntityManager, actor: Actor, unit: Unit, userId: string): Promise<void> {
    const current = await manager.getRepository(Unit).findOne({ where: { id: unit.id }, lock: { mode: 'for_no_key_update' } });
    if (current?.headUserId && current.headUserId !== userId) {
      const head = await manager.getRepository(User).findOneBy({ id: current.headUserId });
      throw conflict(
        {
          vi: `đơn vị ${unit.code} đã có người đứng đầu (${head?.name ?? current.headUserId}); hãy đổi người đứng đầu của đơn vị thay vì thêm người thứ hai.`,
          en: `unit ${unit.code} already has a head (${head?.name ?? current.headUserId}); change the unit's head instead of adding a second one.`,
        },
        { rule: 'oneHeadPerUnit', unitId: unit.id, headUserId: current.headUserId },
      );
    }
    if (current?.headUserId === userId) return;
    await manager.update(Unit, { id: unit.id }, { headUserId: userId });
    await this.audit.record(manager, actor, {
      action: 'UNIT_HEAD_CHANGED',
      subjectType: 'unit',
      subjectId: unit.id,
      summary: { before: { headUserId: current?.headUserId ?? null }, after: { headUserId: userId } },
    });
  }

  private async clearHead(manager: EntityManager, actor: Actor, unit: Unit): Promise<void> {
    await manager.update(Unit, { id: unit.id }, { headUserId: null });
    await this.audit.record(manager, actor, {
      action: 'UNIT_HEAD_CHANGED',
      subjectType: 'unit',
      subjectId: unit.id,
      summary: { before: { headUserId: unit.headUserId }, after: { headUserId: null } },
    });
  }

  /** The unit the roles need: required for OFFICER, HEAD and LEADER, and it must exist (and be active when newly chosen). */
  private async unitFor(manager: EntityManager, unitId: string | null, roles: Role[], unchanged = false): Promise<Unit | null> {
    if (!unitId) {
      const needing = roles.filter((role) => UNIT_ROLES.includes(role));
      if (needing.length > 0) {
        throw invalidField('unitId', 'requiredForRole', {
          vi: `unitId là bắt buộc với vai trò ${needing.join(', ')}`,
          en: `unitId is required for the role ${needing.join(', ')}`,
        });
      }
      return null;
    }
    const unit = await manager.getRepository(Unit).findOneBy({ id: unitId });
    if (!unit) throw invalidField('unitId', 'exists', { vi: 'unitId không phải là đơn vị đã có', en: 'unitId is not an existing unit' });
    if (!unit.active && !unchanged) throw invalidField('unitId', 'active', { vi: 'đơn vị đã ngừng hoạt động', en: 'the unit is inactive' });
    return unit;
  }

  /** An administrator may not deactivate themselves or drop their own ADMIN role (no lock-out). */
  private assertNotLockingSelfOut(dto: UpdateUserDto, roles: Role[]): void {
    if (dto.active === false || !hasRole({ roles }, Role.ADMIN)) {
      throw conflict({
        vi: 'không thể tự vô hiệu hoá hoặc tự bỏ vai trò quản trị của chính mình; hãy nhờ một quản trị viên khác.',
        en: 'you cannot deactivate yourself or remove your own ADMIN role; ask another administrator.',
      });
    }
  }
}
