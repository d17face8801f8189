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

/**
 * Both units whose ids are the SQL expressions `a` and `b` lie under one person's charge, judged
 * on their materialised paths: both lie within `subtreePath` (a unit and everything under it), or
 * `lowestCommonPath` is the path of their lowest common unit (the lowest unit above or equal to
 * both, as `commonAncestorPath` finds it). Either path may be null (not held); neither gives FALSE.
 */
export function bothUnitsSql(a: string, b: string, prefix: string, paths: { subtreePath: string | null; lowestCommonPath: string | null }): SqlCondition {
  const first = `${prefix}_a`;
  const second = `${prefix}_b`;
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (paths.subtreePath) {
    conditions.push(`(${first}.path LIKE :${prefix}Subtree AND ${second}.path LIKE :${prefix}Subtree)`);
    params[`${prefix}Subtree`] = `${escapeLike(paths.subtreePath)}%`;
  }
  if (paths.lowestCommonPath) {
    // Both lie within it, and not both within one child of it: the ids after its path differ (one
    // of them is '' when that unit is the common unit itself), or both are the common unit.
    // `/r/c/` splits into '', r, c, '': the id after it is field 4.
    const next = `split_part(${first}.path, '/', :${prefix}Next) <> split_part(${second}.path, '/', :${prefix}Next)`;
    conditions.push(`(${first}.path LIKE :${prefix}Within AND ${second}.path LIKE :${prefix}Within AND (${next} OR ${first}.path = :${prefix}Common))`);
    params[`${prefix}Within`] = `${escapeLike(paths.lowestCommonPath)}%`;
    params[`${prefix}Common`] = paths.lowestCommonPath;
    params[`${prefix}Next`] = paths.lowestCommonPath.split('/').length;
  }
  if (conditions.length === 0) return { sql: 'FALSE', params: {} };
  return {
    sql: `EXISTS (SELECT 1 FROM units ${first} JOIN units ${second} ON ${second}.id = ${b} WHERE ${first}.id = ${a} AND (${conditions.join(' OR ')}))`,
    params,
  };
}
