/**
 * The SQL of the statistics snapshot (migration StatisticsSnapshots): the official statistic set
 * at one cut-off, counted by the worker per lead unit and key flag with the live count's own SQL
 * (`StatisticsService.refreshSnapshot`), rolled up here over every unit's subtree, and read back
 * in the live count's row shapes (StateRow, FigureRow) for the unit rows of a report.
 */

/** The key tasks' flag in the packed code of the state rows (StatisticsService's STATE_CODES and flags). */
export const CODE_KEY = 1024;

/** The advisory lock of a refresh: one process counts a snapshot at a time. */
export const SNAPSHOT_LOCK = 7_316_120_001;

/**
 * The latest finished snapshot no older than `$1` ms, counted on the calendar revision in force,
 * with no unit changed after the last change it saw (a unit moved, renamed or re-headed since
 * retires it until the next refresh).
 */
export const USABLE_SNAPSHOT_SQL = `SELECT s.id, s.as_of AS "asOf" FROM statistics_snapshots s
  WHERE s.finished_at IS NOT NULL AND s.as_of >= now() - make_interval(secs => $1 / 1000.0)
    AND s.calendar_revision = (SELECT cs.revision FROM calendar_state cs WHERE cs.id = 1)
    AND NOT EXISTS (SELECT 1 FROM units u WHERE u.updated_at > s.units_changed_at)
  ORDER BY s.id DESC LIMIT 1`;

/** A unit's ancestors and itself, from its path (`/rootId/…/thisId/`). */
const ANCESTORS = `unnest(string_to_array(trim(both '/' from u.path), '/'))`;

/** Snapshot `$1`'s per-unit state rows added up over every unit's subtree (the maxima of the maxima). */
export const SNAPSHOT_ROLL_UP_STATES_SQL = `INSERT INTO statistics_snapshot_states (snapshot_id, unit_id, subtree, code, n, sum_lo, n_lo, max_lo, sum_lc, n_lc, max_lc)
  SELECT $1, CAST(a.id AS uuid), true, s.code, sum(s.n), sum(s.sum_lo), sum(s.n_lo), max(s.max_lo), sum(s.sum_lc), sum(s.n_lc), max(s.max_lc)
  FROM statistics_snapshot_states s JOIN units u ON u.id = s.unit_id CROSS JOIN LATERAL ${ANCESTORS} AS a(id)
  WHERE s.snapshot_id = $1 AND NOT s.subtree GROUP BY a.id, s.code`;

/** Snapshot `$1`'s per-unit figure rows added up over every unit's subtree (a task has one lead unit: its counts add up). */
export const SNAPSHOT_ROLL_UP_FIGURES_SQL = `INSERT INTO statistics_snapshot_figures (snapshot_id, unit_id, subtree, key, type, level, events, tasks, days)
  SELECT $1, CAST(a.id AS uuid), true, f.key, f.type, f.level, sum(f.events), sum(f.tasks), sum(f.days)
  FROM statistics_snapshot_figures f JOIN units u ON u.id = f.unit_id CROSS JOIN LATERAL ${ANCESTORS} AS a(id)
  WHERE f.snapshot_id = $1 AND NOT f.subtree GROUP BY a.id, f.key, f.type, f.level`;

/**
 * The rows a report reads, parameters: `$1` the snapshot, `$2` one group for every row (or null:
 * each unit its own), `$3` units read with their subtree, `$4` units read alone, `$5` the key
 * flag (or null: both).
 */
const SELECTED = `snapshot_id = $1 AND ((subtree AND unit_id = ANY(CAST($3 AS uuid[]))) OR (NOT subtree AND unit_id = ANY(CAST($4 AS uuid[]))))`;

/** State rows (StateRow) of snapshot `$1` by group and code; see SELECTED. */
export const SNAPSHOT_STATES_SQL = `SELECT COALESCE(CAST($2 AS text), CAST(unit_id AS text)) AS grp, code, sum(n)::int AS n,
    sum(sum_lo)::int AS sum_lo, sum(n_lo)::int AS n_lo, max(max_lo) AS max_lo, sum(sum_lc)::int AS sum_lc, sum(n_lc)::int AS n_lc, max(max_lc) AS max_lc
  FROM statistics_snapshot_states WHERE ${SELECTED} AND (CAST($5 AS boolean) IS NULL OR (code & ${CODE_KEY} <> 0) = CAST($5 AS boolean))
  GROUP BY 1, code`;

/** Figure rows (FigureRow) of snapshot `$1` by group, type and level; see SELECTED. */
export const SNAPSHOT_FIGURES_SQL = `SELECT COALESCE(CAST($2 AS text), CAST(unit_id AS text)) AS grp, type, level,
    sum(events)::int AS events, sum(tasks)::int AS tasks, sum(days)::int AS days
  FROM statistics_snapshot_figures WHERE ${SELECTED} AND (CAST($5 AS boolean) IS NULL OR key = CAST($5 AS boolean))
  GROUP BY 1, type, level`;
