import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, type AuditEntry } from '@dondoc/audit';
import { LANGUAGES, Role, validationFailed, type Actor, type Bilingual, type FieldProblem, type Language } from '@dondoc/common';
import { NotificationDispatcher, type Notification } from '@dondoc/notifications';
import { parseBoolean, readTable, writeTable, type TableFormat, type TableRow, type UploadedTable } from '@dondoc/tabular';
import { normaliseEmail, User } from '@dondoc/users';
import { PHONE } from './dto/user.dto';
import { UNIT_CODE } from './dto/unit.dto';
import { Unit, UNIT_LEVELS, type UnitLevel } from './unit.entity';
import { lockTree, REBUILD_PATHS_SQL, UnitsService } from './units.service';
import { storedRoles, UsersAdminService } from './users-admin.service';

export const UNIT_COLUMNS = { required: ['code', 'name_vi', 'level'], optional: ['name_en', 'parent_code', 'active'] };
export const USER_COLUMNS = { required: ['email', 'name', 'roles'], optional: ['phone', 'language', 'unit_code', 'active'] };
const MAX_REPORTED_PROBLEMS = 500;

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  invitationsQueued?: number;
}

/** Collects per-row problems; the import goes ahead only when there are none. */
class Problems {
  readonly list: FieldProblem[] = [];
  add(row: number, field: string, rule: string, message: Bilingual): void {
    this.list.push({ row, field, rule, message });
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, MAX_REPORTED_PROBLEMS);
    if (this.list.length > shown.length) {
      shown.push({ field: 'file', rule: 'more', message: { vi: `… và ${this.list.length - shown.length} lỗi khác`, en: `… and ${this.list.length - shown.length} more problem(s)` } });
    }
    throw validationFailed(shown);
  }
}

const fileDigest = (file: UploadedTable): string => createHash('sha256').update(file.buffer).digest('hex');

/**
 * Bulk import and export of units and users (CSV or XLSX, the same columns both ways). An
 * import checks every row first and changes nothing if any row is wrong; then it applies all
 * rows in one transaction, audited row by row.
 */
@Injectable()
export class OrganisationTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly units: UnitsService,
    private readonly users: UsersAdminService,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  async importUnits(actor: Actor, file: UploadedTable, dryRun: boolean): Promise<ImportResult> {
    const rows = await readTable(file, UNIT_COLUMNS);
    return this.dataSource.transaction(async (tx) => {
      await lockTree(tx, 'exclusive');
      const existing = await tx.getRepository(Unit).find();
      const plan = this.planUnits(rows, existing);
      if (dryRun) return { rows: rows.length, ...plan.counts, dryRun };

      const entries: AuditEntry[] = [];
      // Insert new units parents-first, so every parent exists when its children arrive.
      for (const unit of plan.creates) {
        entries.push({ action: 'UNIT_CREATED', subjectType: 'unit', subjectId: unit.id, summary: { after: unitView(unit), import: file.originalname } });
      }
      for (let i = 0; i < plan.creates.length; i += 1_000) await tx.insert(Unit, plan.creates.slice(i, i + 1_000));
      for (const { id, before, after } of plan.updates) {
        await tx.update(Unit, { id }, after);
        entries.push({ action: 'UNIT_UPDATED', subjectType: 'unit', subjectId: id, summary: { before, after, import: file.originalname } });
      }
      await tx.query(REBUILD_PATHS_SQL);
      const sha256 = fileDigest(file);
      entries.push({
        action: 'UNITS_IMPORTED',
        subjectType: 'import',
        subjectId: sha256,
        summary: { file: file.originalname, sha256, rows: rows.length, ...plan.counts },
      });
      await this.audit.recordMany(tx, actor, entries);
      return { rows: rows.length, ...plan.counts, dryRun };
    });
  }

  async importUsers(actor: Actor, file: UploadedTable, options: { dryRun: boolean; sendInvitations: boolean }): Promise<ImportResult> {
    const rows = await readTable(file, USER_COLUMNS);
    const { result, queued } = await this.dataSource.transaction(async (tx) => {
      await lockTree(tx, 'exclusive');
      const plan = await this.planUsers(tx, rows);
      if (options.dryRun) return { result: { rows: rows.length, ...plan.counts, dryRun: true }, queued: [] as Notification[] };

      const entries: AuditEntry[] = [];
      const created: User[] = [];
      for (const row of plan.rows) {
        if (row.existing) {
          const changes = row.changes;
          if (Object.keys(changes).length === 0) continue;
          await tx.update(User, { id: row.existing.id }, changes);
          entries.push({ action: 'USER_UPDATED', subjectType: 'user', subjectId: row.existing.id, summary: { before: pick(row.existing, Object.keys(changes)), after: changes, import: file.originalname } });
        } else {
          const user = tx.create(User, { id: randomUUID(), passwordHash: null, ...row.fields } as Partial<User>);
          created.push(user);
          entries.push({ action: 'USER_CREATED', subjectType: 'user', subjectId: user.id, summary: { after: { ...row.fields, roles: row.roles }, import: file.originalname } });
        }
      }
      for (let i = 0; i < created.length; i += 1_000) await tx.insert(User, created.slice(i, i + 1_000));
      const idByEmail = new Map([...plan.rows.filter((r) => r.existing).map((r) => [r.email, r.existing!.id] as const), ...created.map((u) => [u.email, u.id] as const)]);
      const headChanges = [...plan.heads]
        .map(([unitId, email]) => ({ unit: plan.unitsById.get(unitId)!, headUserId: email ? idByEmail.get(email)! : null }))
        .filter(({ unit, headUserId }) => unit.headUserId !== headUserId);
      // Heads leave first, so that heads swapping or moving units never meet the one-unit-per-head index.
      const leaving = headChanges.filter(({ unit }) => unit.headUserId !== null).map(({ unit }) => unit.id);
      if (leaving.length > 0) await tx.update(Unit, { id: In(leaving) }, { headUserId: null });
      for (const { unit, headUserId } of headChanges) {
        if (headUserId) await tx.update(Unit, { id: unit.id }, { headUserId });
        entries.push({ action: 'UNIT_HEAD_CHANGED', subjectType: 'unit', subjectId: unit.id, summary: { before: { headUserId: unit.headUserId }, after: { headUserId }, import: file.originalname } });
      }
      const invited = options.sendInvitations ? created.filter((user) => user.active) : [];
      const queued: Notification[] = [];
      for (const user of invited) queued.push(...(await this.users.invite(tx, actor, user)));
      const sha256 = fileDigest(file);
      entries.push({
        action: 'USERS_IMPORTED',
        subjectType: 'import',
        subjectId: sha256,
        summary: { file: file.originalname, sha256, rows: rows.length, ...plan.counts, invitations: invited.length },
      });
      await this.audit.recordMany(tx, actor, entries);
      return { result: { rows: rows.length, ...plan.counts, dryRun: false, invitationsQueued: queued.length }, queued };
    });
    // Small imports are delivered at once; large ones are picked up by the worker's sweeper.
    if (queued.length <= 50) await this.dispatcher.dispatch(queued);
    return result;
  }

  /** The actor's units in the import format. */
  async exportUnits(actor: Actor, format: TableFormat): Promise<Buffer> {
    const units = await this.units.scoped(actor).leftJoinAndSelect('unit.parent', 'parent').orderBy('unit.depth').addOrderBy('unit.code').getMany();
    await this.audit.record(this.dataSource.manager, actor, { action: 'UNITS_EXPORTED', subjectType: 'export', summary: { format, rows: units.length } });
    return writeTable(
      format,
      [...UNIT_COLUMNS.required.slice(0, 2), 'name_en', 'level', 'parent_code', 'active'],
      units.map((u) => ({ code: u.code, name_vi: u.nameVi, name_en: u.nameEn, level: u.level, parent_code: u.parent?.code ?? '', active: u.active })),
      'units',
    );
  }

  /** The actor's users in the import format. */
  async exportUsers(actor: Actor, format: TableFormat): Promise<Buffer> {
    const users = await this.users.scoped(actor).orderBy('user.email').getMany();
    await this.audit.record(this.dataSource.manager, actor, { action: 'USERS_EXPORTED', subjectType: 'export', summary: { format, rows: users.length } });
    return writeTable(
      format,
      ['email', 'name', 'phone', 'language', 'unit_code', 'roles', 'active'],
      users.map((u) => {
        const row = u as User & { unit?: Unit | null; headOf?: Unit | null };
        const roles = [...u.roles, ...(row.headOf ? [Role.HEAD] : [])].sort();
        return { email: u.email, name: u.name, phone: u.phone, language: u.language, unit_code: row.unit?.code ?? '', roles: roles.join(';'), active: u.active };
      }),
      'users',
    );
  }

  /** Validates every unit row against the file and the database; what to create and update. */
  private planUnits(rows: TableRow[], existing: Unit[]) {
    const problems = new Problems();
    const byCode = new Map(existing.map((unit) => [unit.code, unit]));
    const parsed = new Map<string, { row: number; code: string; nameVi: string; nameEn: string | null; level: UnitLevel; parentCode: string | null; active: boolean | undefined }>();
    for (const { row, values } of rows) {
      const code = values.code.toUpperCase();
      if (!UNIT_CODE.test(code)) problems.add(row, 'code', 'matches', { vi: 'code phải gồm chữ, số, dấu . _ - (tối đa 50 ký tự)', en: 'code must be letters, digits, . _ - (at most 50 characters)' });
      else if (parsed.has(code)) problems.add(row, 'code', 'uniqueInFile', { vi: `mã ${code} lặp lại ở dòng ${parsed.get(code)!.row}`, en: `code ${code} repeats row ${parsed.get(code)!.row}` });
      if (!values.name_vi) problems.add(row, 'name_vi', 'isNotEmpty', { vi: 'name_vi là bắt buộc', en: 'name_vi is required' });
      else if (values.name_vi.length > 300) problems.add(row, 'name_vi', 'maxLength', { vi: 'name_vi dài quá 300 ký tự', en: 'name_vi is longer than 300 characters' });
      if ((values.name_en ?? '').length > 300) problems.add(row, 'name_en', 'maxLength', { vi: 'name_en dài quá 300 ký tự', en: 'name_en is longer than 300 characters' });
      const level = values.level.toLowerCase() as UnitLevel;
      if (!UNIT_LEVELS.includes(level)) problems.add(row, 'level', 'isIn', { vi: `level phải là một trong: ${UNIT_LEVELS.join(', ')}`, en: `level must be one of: ${UNIT_LEVELS.join(', ')}` });
      const active = parseBoolean(values.active ?? '');
      if (active === null) problems.add(row, 'active', 'isBoolean', { vi: 'active phải là true/false (có/không)', en: 'active must be true/false (yes/no)' });
      const parentCode = (values.parent_code ?? '').toUpperCase() || null;
      if (parentCode && parentCode === code) problems.add(row, 'parent_code', 'notSelf', { vi: 'một đơn vị không thể là cấp trên của chính nó', en: 'a unit cannot be its own parent' });
      if (!parsed.has(code)) parsed.set(code, { row, code, nameVi: values.name_vi, nameEn: values.name_en || null, level, parentCode, active: active ?? undefined });
    }
    // Parents must exist in the file or the database, and the resulting tree must have no cycle.
    const codeById = new Map(existing.map((unit) => [unit.id, unit.code]));
    const parentOf = new Map(existing.map((unit) => [unit.code, unit.parentId ? codeById.get(unit.parentId) ?? null : null]));
    for (const entry of parsed.values()) parentOf.set(entry.code, entry.parentCode);
    for (const entry of parsed.values()) {
      if (entry.parentCode && !parsed.has(entry.parentCode) && !byCode.has(entry.parentCode)) {
        problems.add(entry.row, 'parent_code', 'exists', { vi: `không có đơn vị mã ${entry.parentCode} trong tệp hoặc trong hệ thống`, en: `no unit with code ${entry.parentCode} in the file or in dondoc` });
        continue;
      }
      const seen = new Set<string>([entry.code]);
      for (let code = entry.parentCode; code; code = parentOf.get(code) ?? null) {
        if (seen.has(code)) {
          problems.add(entry.row, 'parent_code', 'noCycle', { vi: `parent_code tạo thành vòng lặp (${[...seen, code].join(' → ')})`, en: `parent_code makes a cycle (${[...seen, code].join(' → ')})` });
          break;
        }
        seen.add(code);
      }
    }
    problems.throwIfAny();

    // Order new units parents-first; ids and provisional paths now, real paths after insertion.
    const idOf = new Map(existing.map((unit) => [unit.code, unit.id]));
    const creates: Unit[] = [];
    const updates: { id: string; before: Record<string, unknown>; after: Partial<Unit> }[] = [];
    let pending = [...parsed.values()];
    let unchanged = 0;
    while (pending.length > 0) {
      const ready = pending.filter((entry) => !entry.parentCode || idOf.has(entry.parentCode));
      if (ready.length === 0) throw new Error('unit import: unresolved parents after validation');
      const placed = new Set(ready);
      pending = pending.filter((entry) => !placed.has(entry));
      for (const entry of ready) {
        const parentId = entry.parentCode ? idOf.get(entry.parentCode) ?? null : null;
        const current = byCode.get(entry.code);
        if (!current) {
          const id = randomUUID();
          idOf.set(entry.code, id);
          creates.push(Object.assign(new Unit(), { id, code: entry.code, nameVi: entry.nameVi, nameEn: entry.nameEn, level: entry.level, parentId, path: `/${id}/`, depth: 0, headUserId: null, active: entry.active ?? true }));
          continue;
        }
        const after: Partial<Unit> = {};
        if (current.nameVi !== entry.nameVi) after.nameVi = entry.nameVi;
        if (current.nameEn !== entry.nameEn) after.nameEn = entry.nameEn;
        if (current.level !== entry.level) after.level = entry.level;
        if (current.parentId !== parentId) after.parentId = parentId;
        if (entry.active !== undefined && current.active !== entry.active) after.active = entry.active;
        if (Object.keys(after).length === 0) unchanged++;
        else updates.push({ id: current.id, before: pick(current, Object.keys(after)), after });
      }
    }
    return { creates, updates, counts: { created: creates.length, updated: updates.length, unchanged } };
  }

  /** Validates every user row; what to create and update, and who heads which unit. */
  private async planUsers(manager: EntityManager, rows: TableRow[]) {
    const problems = new Problems();
    const units = await manager.getRepository(Unit).find();
    const unitsByCode = new Map(units.map((unit) => [unit.code, unit]));
    const unitsById = new Map(units.map((unit) => [unit.id, unit]));
    const emails = rows.map((r) => normaliseEmail(r.values.email)).filter((email) => isEmail(email));
    const existingUsers = emails.length ? await manager.getRepository(User).createQueryBuilder('u').where('u.email IN (:...emails)', { emails }).getMany() : [];
    const existingByEmail = new Map(existingUsers.map((user) => [user.email, user]));
    const seen = new Map<string, number>();
    const headRowByUnit = new Map<string, number>();
    const planned: {
      email: string;
      roles: Role[];
      existing?: User;
      fields: Pick<User, 'email' | 'name' | 'phone' | 'language' | 'unitId' | 'roles' | 'active'>;
      changes: Partial<User>;
      unitId: string | null;
    }[] = [];

    for (const { row, values } of rows) {
      const email = normaliseEmail(values.email);
      if (!isEmail(email)) problems.add(row, 'email', 'isEmail', { vi: 'email không hợp lệ', en: 'email is not a valid address' });
      else if (seen.has(email)) problems.add(row, 'email', 'uniqueInFile', { vi: `email lặp lại ở dòng ${seen.get(email)}`, en: `email repeats row ${seen.get(email)}` });
      seen.set(email, seen.get(email) ?? row);
      if (!values.name || values.name.length > 200) problems.add(row, 'name', 'length', { vi: 'name là bắt buộc (tối đa 200 ký tự)', en: 'name is required (at most 200 characters)' });
      const phone = values.phone || null;
      if (phone && !PHONE.test(phone)) problems.add(row, 'phone', 'matches', { vi: 'phone không phải số điện thoại hợp lệ', en: 'phone is not a valid phone number' });
      const language = (values.language || 'vi').toLowerCase() as Language;
      if (!LANGUAGES.includes(language)) problems.add(row, 'language', 'isIn', { vi: 'language phải là vi hoặc en', en: 'language must be vi or en' });
      const roles = [...new Set(values.roles.split(/[;,|\s]+/).filter(Boolean).map((role) => role.toUpperCase()))] as Role[];
      const unknown = roles.filter((role) => !Object.values(Role).includes(role));
      if (roles.length === 0 || unknown.length > 0) {
        problems.add(row, 'roles', 'isEnum', { vi: `roles phải là một hoặc nhiều trong: ${Object.values(Role).join(', ')} (cách nhau bởi ;)`, en: `roles must be one or more of: ${Object.values(Role).join(', ')} (separated by ;)` });
      }
      const active = parseBoolean(values.active ?? '');
      if (active === null) problems.add(row, 'active', 'isBoolean', { vi: 'active phải là true/false (có/không)', en: 'active must be true/false (yes/no)' });
      const unitCode = (values.unit_code ?? '').toUpperCase();
      const unit = unitCode ? unitsByCode.get(unitCode) : undefined;
      if (unitCode && !unit) problems.add(row, 'unit_code', 'exists', { vi: `không có đơn vị mã ${unitCode}`, en: `no unit with code ${unitCode}` });
      if (!unitCode && roles.some((role) => [Role.OFFICER, Role.HEAD, Role.LEADER].includes(role))) {
        problems.add(row, 'unit_code', 'requiredForRole', { vi: 'unit_code là bắt buộc với vai trò OFFICER, HEAD, LEADER', en: 'unit_code is required for the roles OFFICER, HEAD, LEADER' });
      }
      const existing = existingByEmail.get(email);
      // As in the API: nobody joins an inactive unit, and a head is an active user.
      if (unit && !unit.active && unit.id !== existing?.unitId) {
        problems.add(row, 'unit_code', 'active', { vi: `đơn vị ${unit.code} đã ngừng hoạt động`, en: `unit ${unit.code} is inactive` });
      }
      if (roles.includes(Role.HEAD) && (active ?? existing?.active ?? true) === false) {
        problems.add(row, 'active', 'activeHead', { vi: 'người đứng đầu phải là người dùng đang hoạt động', en: 'a head must be an active user' });
      }
      if (roles.includes(Role.HEAD) && unit) {
        if (headRowByUnit.has(unit.id)) {
          problems.add(row, 'roles', 'oneHeadPerUnit', { vi: `đơn vị ${unit.code} đã có người đứng đầu ở dòng ${headRowByUnit.get(unit.id)}`, en: `unit ${unit.code} already has a head in row ${headRowByUnit.get(unit.id)}` });
        }
        headRowByUnit.set(unit.id, row);
      }
      const fields = { email, name: values.name, phone, language, unitId: unit?.id ?? null, roles: storedRoles(roles), active: active ?? existing?.active ?? true };
      const changes: Partial<User> = {};
      if (existing) {
        for (const key of ['name', 'phone', 'language', 'unitId', 'active'] as const) {
          if (existing[key] !== fields[key]) (changes as Record<string, unknown>)[key] = fields[key];
        }
        if ([...existing.roles].sort().join() !== [...fields.roles].sort().join()) changes.roles = fields.roles;
      }
      planned.push({ email, roles, existing, fields, changes, unitId: unit?.id ?? null });
    }

    // A unit whose current head is not in the file keeps that head: a HEAD row for it would be a second head.
    const plannedByEmail = new Map(planned.map((p) => [p.email, p]));
    const heads = new Map<string, string | null>();
    const currentHeads = new Map(
      (await manager.query<{ id: string; email: string }[]>('SELECT u.id, u.email FROM users u JOIN units ON units.head_user_id = u.id')).map((h) => [h.id, h]),
    );
    for (const unit of units.filter((u) => u.headUserId)) {
      const current = currentHeads.get(unit.headUserId!);
      const row = current && plannedByEmail.get(current.email);
      if (row) {
        if (!row.roles.includes(Role.HEAD) || row.unitId !== unit.id) heads.set(unit.id, null);
      } else if (headRowByUnit.has(unit.id)) {
        problems.add(headRowByUnit.get(unit.id)!, 'roles', 'oneHeadPerUnit', {
          vi: `đơn vị ${unit.code} đã có người đứng đầu (${current?.email ?? unit.headUserId}); hãy đổi người đứng đầu thay vì thêm người thứ hai`,
          en: `unit ${unit.code} already has a head (${current?.email ?? unit.headUserId}); change the head instead of adding a second one`,
        });
      }
    }
    problems.throwIfAny();
    const plannedByRow = new Map(rows.map((r, i) => [r.row, planned[i]])); // every row was planned, in order
    for (const [unitId, row] of headRowByUnit) heads.set(unitId, plannedByRow.get(row)!.email);

    const created = planned.filter((p) => !p.existing).length;
    const updated = planned.filter((p) => p.existing && Object.keys(p.changes).length > 0).length;
    return { rows: planned, heads, unitsById, counts: { created, updated, unchanged: planned.length - created - updated } };
  }
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (source as Record<string, unknown>)[key]]));
}

function unitView(unit: Unit): Record<string, unknown> {
  return { code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn, level: unit.level, parentId: unit.parentId, active: unit.active };
}
