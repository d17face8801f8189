import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService, type AuditEntry } from '@dondoc/audit';
import { LANGUAGES, Role, type Actor, type Language } from '@dondoc/common';
import { lockTree, normaliseEmail, Unit, User } from '@dondoc/organisation';
import { parseBoolean, readTable, type TableRow, type UploadedTable } from '@dondoc/tabular';
import { PHONE } from '../dto/user.dto';
import { storedRoles, UsersAdminService } from '../users-admin.service';
import { fileDigest, pick, Problems, USER_COLUMNS, type ImportResult } from './transfer-shared';

/** Imports users (CSV or XLSX) with the API's rules (one head per unit, heads may swap units; a head is an active user; nobody joins an inactive unit); new users are invited. */
@Injectable()
export class ImportUsers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersAdminService,
  ) {}

  async execute(actor: Actor, file: UploadedTable, options: { dryRun: boolean; sendInvitations: boolean }): Promise<ImportResult> {
    const rows = await readTable(file, USER_COLUMNS);
    return this.dataSource.transaction(async (tx) => {
      await lockTree(tx, 'exclusive');
      const plan = await this.planUsers(tx, rows);
      if (options.dryRun) return { rows: rows.length, ...plan.counts, dryRun: true };

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
      let invitationsQueued = 0;
      for (const user of invited) invitationsQueued += (await this.users.invite(tx, actor, user)).length;
      const sha256 = fileDigest(file);
      entries.push({
        action: 'USERS_IMPORTED',
        subjectType: 'import',
        subjectId: sha256,
        summary: { file: file.originalname, sha256, rows: rows.length, ...plan.counts, invitations: invited.length },
      });
      await this.audit.recordMany(tx, actor, entries);
      return { rows: rows.length, ...plan.counts, dryRun: false, invitationsQueued };
    });
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
