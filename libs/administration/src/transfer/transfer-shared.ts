/** What the import and export use cases share: the file columns, the result, per-row problems. */
import { createHash } from 'node:crypto';
import { validationFailed, type Bilingual, type FieldProblem } from '@dondoc/common';
import type { Unit } from '@dondoc/organisation';
import type { UploadedTable } from '@dondoc/tabular';

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
export class Problems {
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

export const fileDigest = (file: UploadedTable): string => createHash('sha256').update(file.buffer).digest('hex');

export function pick(source: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (source as Record<string, unknown>)[key]]));
}

export function unitView(unit: Unit): Record<string, unknown> {
  return { code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn, level: unit.level, parentId: unit.parentId, active: unit.active };
}
