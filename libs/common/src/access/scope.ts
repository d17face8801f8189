import type { Actor } from './actor';
import { hasRole } from './actor';
import { Role } from './role';

/**
 * The units whose data an actor may read: everything (administrators, auditors, the system),
 * whole subtrees (heads and leaders: their unit and every unit under it), or single units
 * (officers: their own unit).
 */
export type Scope = { all: true } | { all: false; subtreePaths: string[]; unitIds: string[] };

export function scopeOf(actor: Actor): Scope {
  if (actor.type === 'SYSTEM' || hasRole(actor, Role.ADMIN, Role.AUDITOR)) return { all: true };
  const subtreePaths: string[] = [];
  const unitIds: string[] = [];
  if (actor.unitId && actor.unitPath) {
    if (hasRole(actor, Role.HEAD, Role.LEADER)) subtreePaths.push(actor.unitPath);
    else if (hasRole(actor, Role.OFFICER)) unitIds.push(actor.unitId);
  }
  return { all: false, subtreePaths, unitIds };
}

/**
 * SQL condition restricting `unitAlias` (a units row) to the scope, with its parameters, for
 * TypeORM query builders: `qb.andWhere(sql, params)`. Applied on the server to every list,
 * count, report and export.
 */
export function scopeCondition(scope: Scope, unitAlias: string, paramPrefix = 'scope'): { sql: string; params: Record<string, unknown> } {
  if (scope.all) return { sql: 'TRUE', params: {} };
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope.unitIds.length) {
    parts.push(`${unitAlias}.id IN (:...${paramPrefix}Ids)`);
    params[`${paramPrefix}Ids`] = scope.unitIds;
  }
  if (scope.subtreePaths.length) {
    parts.push(`${unitAlias}.path LIKE ANY(:${paramPrefix}Paths)`);
    params[`${paramPrefix}Paths`] = scope.subtreePaths.map((path) => `${path}%`);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}
