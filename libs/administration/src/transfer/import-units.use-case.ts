import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditEntry } from '@dondoc/audit';
import type { Actor } from '@dondoc/common';
import { lockTree, REBUILD_PATHS_SQL, Unit, UNIT_CODE, UNIT_LEVELS, type UnitLevel } from '@dondoc/organisation';
import { parseBoolean, readTable, type TableRow, type UploadedTable } from '@dondoc/tabular';
import { fileDigest, pick, Problems, UNIT_COLUMNS, unitView, type ImportResult } from './transfer-shared';

/** Imports units (CSV or XLSX): every row is checked first and nothing changes if any is wrong; then all rows in one transaction, audited row by row. */
@Injectable()
export class ImportUnits {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async execute(actor: Actor, file: UploadedTable, dryRun: boolean): Promise<ImportResult> {
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
}
