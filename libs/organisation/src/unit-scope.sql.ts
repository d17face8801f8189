import { scopeCondition, type Scope } from '@dondoc/common';

/**
 * SQL conditions on the unit tree for other contexts' queries: a task list filters by the units
 * it names without naming the `units` table itself. Each is an EXISTS on `units` with its own
 * alias and parameter prefix, for TypeORM query builders (`qb.andWhere(sql, params)`).
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** The unit whose id is the SQL expression `unitId` lies within the scope. */
export function unitInScopeSql(scope: Scope, unitId: string, prefix: string): SqlCondition {
  if (scope.all) return { sql: 'TRUE', params: {} };
  const alias = `${prefix}_unit`;
  const { sql, params } = scopeCondition(scope, alias, prefix);
  return { sql: `EXISTS (SELECT 1 FROM units ${alias} WHERE ${alias}.id = ${unitId} AND ${sql})`, params };
}

/** Any of the units whose ids are the SQL array expression `unitIds` lies within the scope. */
export function anyUnitInScopeSql(scope: Scope, unitIds: string, prefix: string): SqlCondition {
  if (scope.all) return { sql: 'TRUE', params: {} };
  const alias = `${prefix}_unit`;
  const { sql, params } = scopeCondition(scope, alias, prefix);
  return { sql: `EXISTS (SELECT 1 FROM units ${alias} WHERE ${alias}.id = ANY(${unitIds}) AND ${sql})`, params };
}

/** `text` escaped for a LIKE pattern (backslash, the default escape character, then `%` and `_`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The unit whose id is the SQL expression `unitId` is `withinUnitId` or lies under it. When the
 * caller knows `withinUnitId`'s path, it passes it: the prefix is then a parameter, which the
 * `units.path` pattern index can use (a path read in the query cannot).
 */
export function unitWithinSql(unitId: string, withinUnitId: string, prefix: string, withinPath?: string): SqlCondition {
  const alias = `${prefix}_unit`;
  if (withinPath !== undefined) {
    return {
      sql: `EXISTS (SELECT 1 FROM units ${alias} WHERE ${alias}.id = ${unitId} AND ${alias}.path LIKE :${prefix}Prefix)`,
      params: { [`${prefix}Prefix`]: `${escapeLike(withinPath)}%` },
    };
  }
  const root = `${prefix}_root`;
  return {
    sql: `EXISTS (SELECT 1 FROM units ${alias} JOIN units ${root} ON ${root}.id = :${prefix}Within WHERE ${alias}.id = ${unitId} AND ${alias}.path LIKE ${root}.path || '%')`,
    params: { [`${prefix}Within`]: withinUnitId },
  };
}
