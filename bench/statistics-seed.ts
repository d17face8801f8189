/**
 * The national data set of the statistics benchmark, written straight into PostgreSQL with
 * set-based SQL (generate_series, INSERT … SELECT): a unit tree (root → ministries and 63
 * provinces → departments and districts → communes, heads for most units), templates, tasks over
 * three years in every state with their timelines, and blockers. Every column satisfies the
 * entities' constraints; the secondary indexes are dropped during the load and rebuilt from their
 * own definitions afterwards, then the tables are vacuumed and analysed (the steady state
 * autovacuum reaches on a live system: visibility map set, statistics current).
 */
import type { Client } from 'pg';

export interface SeedScale {
  tasks: number;
  units: number;
}

export interface SeedCounts {
  units: number;
  provinces: number;
  communes: number;
  users: number;
  tasks: number;
  events: number;
  blockers: number;
}

const PROVINCES = 63;
const YEARS = 3;

/** Drops the secondary indexes of the tables (not the constraints' own) and returns the statements that rebuild them. */
async function dropSecondaryIndexes(client: Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const r of rows) await client.query(`DROP INDEX "${r.name}"`);
  return rows.map((r) => r.def);
}

/**
 * Seeds the database `client` is connected to (as a superuser: foreign-key triggers are skipped
 * during the load, the rows being consistent by construction). `now` is the instant the data
 * set's "present" is built around.
 */
export async function seedStatistics(client: Client, scale: SeedScale, now: Date, log: (line: string) => void): Promise<SeedCounts> {
  const t0 = Date.now();
  const step = (what: string) => log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET max_parallel_maintenance_workers = 2`);
  await client.query(`SELECT setseed(0.42)`);
  const rebuild = await dropSecondaryIndexes(client, ['tasks', 'task_events', 'task_blockers', 'units', 'users']);

  // ----- the unit tree ---------------------------------------------------------------------------
  const ministries = Math.max(2, Math.round(scale.units * 0.0008));
  const perProvince = Math.floor((scale.units - 1 - ministries) / PROVINCES); // the province itself included
  const departments = Math.max(2, Math.round(perProvince * 0.025));
  const districts = Math.max(2, Math.round(perProvince * 0.015));
  const communes = perProvince - 1 - departments - districts;
  await client.query(`
    INSERT INTO units (id, code, name_vi, name_en, level, parent_id, path, depth)
    SELECT id, 'VN', 'Chính phủ', 'Government', 'central', NULL, '/' || id || '/', 0 FROM (SELECT gen_random_uuid() AS id) g`);
  await client.query(
    `WITH r AS (SELECT id, path FROM units WHERE code = 'VN'), g AS (SELECT gen_random_uuid() AS id, i FROM generate_series(1, $1) i)
     INSERT INTO units (id, code, name_vi, name_en, level, parent_id, path, depth)
     SELECT g.id, 'BO' || lpad(g.i::text, 2, '0'), 'Bộ ' || g.i, 'Ministry ' || g.i, 'ministry', r.id, r.path || g.id || '/', 1 FROM g, r`,
    [ministries],
  );
  await client.query(
    `WITH r AS (SELECT id, path FROM units WHERE code = 'VN'), g AS (SELECT gen_random_uuid() AS id, i FROM generate_series(1, $1) i)
     INSERT INTO units (id, code, name_vi, name_en, level, parent_id, path, depth)
     SELECT g.id, 'T' || lpad(g.i::text, 2, '0'), 'Tỉnh ' || g.i, 'Province ' || g.i, 'province', r.id, r.path || g.id || '/', 1 FROM g, r`,
    [PROVINCES],
  );
  for (const [prefix, name, nameEn, level, count] of [
    ['S', 'Sở ', 'Department ', 'department', departments],
    ['H', 'Huyện ', 'District ', 'other', districts],
  ] as const) {
    await client.query(
      `WITH g AS (SELECT gen_random_uuid() AS id, p.id AS parent, p.path AS ppath, p.code AS pcode, i FROM units p, generate_series(1, $1) i WHERE p.level = 'province')
       INSERT INTO units (id, code, name_vi, name_en, level, parent_id, path, depth)
       SELECT id, pcode || '-${prefix}' || lpad(i::text, 3, '0'), '${name}' || i || ' — ' || pcode, '${nameEn}' || i || ' — ' || pcode, '${level}', parent, ppath || id || '/', 2 FROM g`,
      [count],
    );
  }
  await client.query(
    `WITH d AS (SELECT id, path, parent_id, code, row_number() OVER (PARTITION BY parent_id ORDER BY code) - 1 AS k FROM units WHERE level = 'other'),
     g AS (SELECT gen_random_uuid() AS id, p.id AS province, p.code AS pcode, i FROM units p, generate_series(1, $1) i WHERE p.level = 'province')
     INSERT INTO units (id, code, name_vi, name_en, level, parent_id, path, depth)
     SELECT g.id, g.pcode || '-X' || lpad(g.i::text, 4, '0'), 'Xã ' || g.i || ' — ' || g.pcode, 'Commune ' || g.i || ' — ' || g.pcode, 'commune', d.id, d.path || g.id || '/', 3
     FROM g JOIN d ON d.parent_id = g.province AND d.k = g.i % $2`,
    [communes, districts],
  );
  // Heads for most units (a user of the unit each), and a few officers per province.
  await client.query(`
    INSERT INTO users (id, email, name, password_hash, language, roles, unit_id)
    SELECT gen_random_uuid(), 'head.' || lower(u.code) || '@bench.dondoc.vn', 'Thủ trưởng ' || u.name_vi, '!', 'vi', '{OFFICER}', u.id
    FROM units u WHERE u.level IN ('central', 'ministry', 'province') OR random() < 0.9`);
  await client.query(`UPDATE units u SET head_user_id = p.id FROM users p WHERE p.unit_id = u.id AND p.email LIKE 'head.%'`);
  step(`units: ${ministries} ministries, ${PROVINCES} provinces × (${departments} departments, ${districts} districts, ${communes} communes)`);

  // ----- templates --------------------------------------------------------------------------------
  await client.query(`
    INSERT INTO task_templates (id, key, version, name_vi, name_en, description, definition)
    SELECT gen_random_uuid(), 'MAU-' || lpad(i::text, 2, '0'), 1, 'Mẫu nhiệm vụ ' || i, 'Task template ' || i, 'Mẫu dùng cho benchmark',
      jsonb_build_object('reminderOffsets', jsonb_build_array(604800, 259200, 0), 'ackReminderEvery', 86400, 'ackReminderMax', 3,
        'ladder', jsonb_build_array(jsonb_build_object('level', 2, 'afterDue', 259200, 'decider', jsonb_build_object('kind', 'HEAD_OF_PARENT'), 'openExplanation', true),
                                    jsonb_build_object('level', 3, 'afterDue', 1296000, 'decider', jsonb_build_object('kind', 'ROLE', 'role', 'LEADER'), 'openExplanation', false)),
        'decisionReminderEvery', 172800, 'explanationDeadline', 432000, 'requiredCriteria', jsonb_build_array('DOCUMENT', 'REAL_USERS'),
        'minActiveUsers', 100, 'kpiDirection', 'INCREASE', 'reviewer', jsonb_build_object('kind', 'ASSIGNER'), 'amberWorkingDays', CASE WHEN i % 4 = 0 THEN 5 ELSE 3 END)
    FROM generate_series(1, 12) i`);

  // ----- tasks ------------------------------------------------------------------------------------
  // Each task draws its lead unit (communes most, then departments, districts, provinces, ministries),
  // its assignment over three years, a term of 10–90 days, and its fate: cancelled (4 %), done on
  // time or late, or still open (the stragglers stay open long after their due time); an extension
  // for about 10 %; acknowledged for most. Only what has happened by `now` is written.
  // Pools to draw from by number (a hash join on (pool, n): arrays of 50,000 ids read per row would be detoasted per row).
  await client.query(`
    CREATE TEMP TABLE pool AS
    SELECT kind, (row_number() OVER (PARTITION BY kind ORDER BY id) - 1)::int AS n, id FROM (
      SELECT CASE WHEN level IN ('province', 'central') THEN 'province' WHEN level = 'other' THEN 'district' ELSE level END AS kind, id FROM units
      UNION ALL SELECT 'assigner', head_user_id FROM units WHERE level IN ('central', 'ministry', 'province')) u`);
  await client.query(`CREATE INDEX ON pool (kind, n)`);
  await client.query(`ANALYZE pool`);
  await client.query(`CREATE TEMP TABLE pool_size AS SELECT kind, count(*)::int AS size FROM pool GROUP BY kind`);
  await client.query(`
    CREATE TEMP TABLE plans AS
    SELECT (row_number() OVER (ORDER BY key))::int AS t, id, definition || jsonb_build_object('templateId', id, 'templateKey', key, 'templateVersion', version) AS plan FROM task_templates`);
  await client.query(
    `INSERT INTO tasks (id, code, title, description, program, template_id, key, amber_working_days, lead_unit_id, coordinating_unit_ids,
        focal_officer_id, assigned_by, assigned_at, original_due_at, due_at, due_changed_at, status, acknowledged_at, overdue, overdue_since,
        escalation_level, progress_percent, completed_at, delivered_at, real_users, completed_on_time_original, completed_on_time_extended,
        cancelled_at, cancel_reason, regressed, participant_ids, milestones, definition, state, workflow_id, last_event_seq)
     SELECT id, code, title, description, program, template_id, key, (plan ->> 'amberWorkingDays')::int, lead, coordinating,
        NULL, assigned_by, assigned_at, original_due_at, due_at, due_changed_at,
        CASE WHEN cancelled_at IS NOT NULL THEN 'CANCELLED' WHEN completed_at IS NOT NULL THEN 'DONE'
             WHEN acknowledged_at IS NULL THEN 'ASSIGNED' WHEN r_sub < 0.05 THEN 'EVIDENCE_SUBMITTED' ELSE 'IN_PROGRESS' END,
        acknowledged_at,
        CASE WHEN completed_at IS NOT NULL THEN delivered_at > due_at WHEN cancelled_at IS NOT NULL THEN false ELSE due_at <= $2 END,
        CASE WHEN cancelled_at IS NULL AND completed_at IS NULL AND due_at <= $2 THEN due_at END,
        CASE WHEN cancelled_at IS NULL AND completed_at IS NULL AND due_at <= $2 THEN LEAST(3, 1 + floor(extract(epoch FROM $2 - due_at) / 1296000))::int ELSE 0 END,
        CASE WHEN completed_at IS NOT NULL THEN 100 WHEN cancelled_at IS NULL AND acknowledged_at IS NOT NULL THEN (r_sub * 90)::int END,
        completed_at, delivered_at,
        CASE WHEN completed_at IS NULL THEN NULL WHEN r_sub < 0.55 THEN 'verified' WHEN r_sub < 0.85 THEN 'attested' END,
        CASE WHEN completed_at IS NOT NULL THEN delivered_at <= original_due_at END,
        CASE WHEN completed_at IS NOT NULL THEN delivered_at <= due_at END,
        cancelled_at, CASE WHEN cancelled_at IS NOT NULL THEN 'Không còn phù hợp với chỉ đạo mới' END,
        completed_at IS NOT NULL AND r_sub > 0.99,
        ARRAY[assigned_by], '[]'::jsonb,
        jsonb_build_object('taskId', id, 'code', code, 'title', title, 'description', description, 'program', program, 'leadUnitId', lead,
          'coordinatingUnitIds', to_jsonb(coordinating), 'focalOfficerId', NULL, 'assignedBy', assigned_by, 'assignedAt', assigned_at,
          'dueAt', original_due_at, 'milestones', '[]'::jsonb, 'plan', plan, 'key', key),
        NULL, 'task-' || id, 0
     FROM (
       SELECT *, original_due_at + CASE WHEN extended THEN make_interval(days => 5 + (r_ext * 25)::int) ELSE interval '0' END AS due_at,
              CASE WHEN extended THEN extension_at END AS due_changed_at,
              CASE WHEN NOT cancelled AND NOT straggler AND finish_at <= $2 THEN finish_at END AS completed_at,
              CASE WHEN NOT cancelled AND NOT straggler AND finish_at <= $2 THEN GREATEST(assigned_at + interval '1 hour', finish_at - make_interval(hours => (r_sub * 60)::int)) END AS delivered_at,
              CASE WHEN cancelled AND cancel_at <= $2 THEN cancel_at END AS cancelled_at,
              CASE WHEN r_ack < 0.93 AND ack_at <= $2 THEN ack_at END AS acknowledged_at
       FROM (
         SELECT *, r_ext < 0.10 AND extension_at <= $2 AS extended,
                r_fate < 0.04 AS cancelled, r_fate >= 0.96 AS straggler
         FROM (
           SELECT *, assigned_at + make_interval(days => term) AS original_due_at,
                  assigned_at + make_interval(days => term) * 0.6 AS extension_at,
                  assigned_at + make_interval(days => term) * (0.2 + r_fin * 0.7) AS cancel_at,
                  -- finishing: 70 % within the original term (0.3–1.0 of it), the rest up to 80 % past it
                  assigned_at + make_interval(days => term) * CASE WHEN r_fin < 0.7 THEN 0.3 + r_fin ELSE 1.0 + (r_fin - 0.7) * 2.67 END AS finish_at,
                  assigned_at + make_interval(hours => 1 + (r_ack * 70)::int) AS ack_at
           FROM (
             SELECT gen_random_uuid() AS id, 'NV-' || lpad(d.i::text, 8, '0') AS code,
                    'Nhiệm vụ ' || d.i || ': triển khai dịch vụ công trực tuyến toàn trình' AS title,
                    'Chỉ đạo của Thủ tướng Chính phủ tại phiên họp Ban Chỉ đạo; đơn vị chủ trì báo cáo kết quả thực hiện, kèm minh chứng hệ thống vận hành và số người dùng thực.' AS description,
                    CASE WHEN d.r_prog < 0.7 THEN 'Chương trình ' || (1 + (d.r_prog * 20)::int) END AS program,
                    pl.id AS template_id, pl.plan, d.r_key < 0.1 AS key, lu.id AS lead,
                    CASE WHEN co.id IS NOT NULL THEN ARRAY[co.id] ELSE '{}'::uuid[] END AS coordinating, ab.id AS assigned_by,
                    $2::timestamptz - make_interval(secs => d.r_at * ${YEARS} * 365 * 86400) AS assigned_at,
                    10 + (d.r_term * 80)::int AS term,
                    d.r_ext, d.r_fate, d.r_fin, d.r_ack, d.r_sub
             FROM (
               SELECT i, 1 + floor(random() * 12)::int AS t, random() AS r_prog, random() AS r_key, random() AS r_at, random() AS r_term, random() AS r_co,
                      random() AS r_ext, random() AS r_fate, random() AS r_fin, random() AS r_ack, random() AS r_sub, random() AS r_pick, random() AS r_pick2,
                      CASE WHEN r_lead < 0.60 THEN 'commune' WHEN r_lead < 0.85 THEN 'department' WHEN r_lead < 0.93 THEN 'district' WHEN r_lead < 0.98 THEN 'province' ELSE 'ministry' END AS kind
               FROM (SELECT i, random() AS r_lead FROM generate_series(1, $1) i) g
             ) d
             JOIN pool_size ls ON ls.kind = d.kind
             JOIN pool lu ON lu.kind = d.kind AND lu.n = floor(d.r_pick * ls.size)::int
             JOIN pool_size ds ON ds.kind = 'department'
             LEFT JOIN pool co ON d.r_co < 0.3 AND co.kind = 'department' AND co.n = floor(d.r_pick2 * ds.size)::int
             JOIN pool_size aks ON aks.kind = 'assigner'
             JOIN pool ab ON ab.kind = 'assigner' AND ab.n = d.i % aks.size
             JOIN plans pl ON pl.t = d.t
           ) a
         ) b
       ) c
     ) d`,
    [scale.tasks, now.toISOString()],
  );
  step(`${scale.tasks.toLocaleString('en')} tasks`);

  // ----- timelines --------------------------------------------------------------------------------
  // The events each task's history would hold by now, numbered in time order: assignment,
  // acknowledgement, reminders, the extension, overdue and the escalation ladder with its
  // explanations, evidence (rejected once for some), acceptance, cancellation, regression.
  await client.query(
    `INSERT INTO task_events (task_id, seq, type, at, actor_id, request_id, from_status, to_status, data)
     SELECT t.id, e.seq, e.type, e.at, e.actor, NULL, e.from_status, e.to_status, e.data
     FROM (SELECT t.*, COALESCE(t.completed_at, t.cancelled_at, $1::timestamptz) AS ended, random() AS r1, random() AS r2 FROM tasks t) t
     CROSS JOIN LATERAL (
       SELECT row_number() OVER (ORDER BY v.at, v.ord)::int AS seq, v.* FROM (VALUES
         (1, 'ASSIGNED', t.assigned_at, t.assigned_by, NULL, 'ASSIGNED', jsonb_build_object('dueAt', t.original_due_at), true),
         (2, 'ACK_REMINDER', t.assigned_at + interval '1 day', NULL, 'ASSIGNED', 'ASSIGNED', '{}'::jsonb, t.acknowledged_at IS NULL OR t.acknowledged_at > t.assigned_at + interval '1 day'),
         (3, 'ACKNOWLEDGED', t.acknowledged_at, NULL, 'ASSIGNED', 'IN_PROGRESS', '{}'::jsonb, t.acknowledged_at IS NOT NULL),
         (4, 'PROGRESS_REPORTED', t.assigned_at + (t.original_due_at - t.assigned_at) * 0.4, NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('percent', 40), t.acknowledged_at IS NOT NULL AND t.r1 < 0.5),
         (5, 'REMINDER', t.original_due_at - interval '7 days', NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('offset', 604800), true),
         (6, 'REMINDER', t.original_due_at - interval '3 days', NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('offset', 259200), true),
         (7, 'EXTENSION_REQUESTED', t.due_changed_at - interval '1 day', NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('requestedDueAt', t.due_at), t.due_changed_at IS NOT NULL),
         (8, 'EXTENSION_APPROVED', t.due_changed_at, t.assigned_by, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('previousDueAt', t.original_due_at, 'newDueAt', t.due_at), t.due_changed_at IS NOT NULL),
         (9, 'REMINDER', t.due_at, NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('offset', 0), true),
         (10, 'OVERDUE', t.due_at, NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('level', 1), true),
         (11, 'ESCALATION_PROPOSED', t.due_at + interval '3 days', NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('level', 2), true),
         (12, 'ESCALATION_APPROVED', t.due_at + interval '4 days', t.assigned_by, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('level', 2), t.r1 < 0.6),
         (13, 'EXPLANATION_REQUESTED', t.due_at + interval '4 days', NULL, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('deadline', t.due_at + interval '9 days'), t.r1 < 0.6),
         (14, 'EXPLANATION_ANSWERED', t.due_at + interval '6 days', NULL, 'IN_PROGRESS', 'IN_PROGRESS', '{}'::jsonb, t.r1 < 0.42),
         (15, 'EXPLANATION_OVERDUE', t.due_at + interval '9 days', NULL, 'IN_PROGRESS', 'IN_PROGRESS', '{}'::jsonb, t.r1 >= 0.42 AND t.r1 < 0.6),
         (16, 'ESCALATION_APPROVED', t.due_at + interval '15 days', t.assigned_by, 'IN_PROGRESS', 'IN_PROGRESS', jsonb_build_object('level', 3), t.r1 < 0.25),
         (17, 'EVIDENCE_SUBMITTED', t.delivered_at - interval '3 days', NULL, 'IN_PROGRESS', 'EVIDENCE_SUBMITTED', '{}'::jsonb, t.delivered_at IS NOT NULL AND t.r2 < 0.08 AND t.delivered_at - interval '3 days' > t.assigned_at),
         (18, 'EVIDENCE_REJECTED', t.delivered_at - interval '2 days', t.assigned_by, 'EVIDENCE_SUBMITTED', 'IN_PROGRESS', jsonb_build_object('reasons', jsonb_build_array('DOCUMENT')), t.delivered_at IS NOT NULL AND t.r2 < 0.08 AND t.delivered_at - interval '3 days' > t.assigned_at),
         (19, 'EVIDENCE_SUBMITTED', t.delivered_at, NULL, 'IN_PROGRESS', 'EVIDENCE_SUBMITTED', '{}'::jsonb, t.delivered_at IS NOT NULL),
         (20, 'EVIDENCE_VERIFIED', t.completed_at - interval '1 minute', NULL, 'EVIDENCE_SUBMITTED', 'EVIDENCE_SUBMITTED', '{}'::jsonb, t.completed_at IS NOT NULL),
         (21, 'EVIDENCE_ACCEPTED', t.completed_at, t.assigned_by, 'EVIDENCE_SUBMITTED', 'DONE', '{}'::jsonb, t.completed_at IS NOT NULL),
         (22, 'CANCELLED', t.cancelled_at, t.assigned_by, 'IN_PROGRESS', 'CANCELLED', jsonb_build_object('reason', t.cancel_reason), t.cancelled_at IS NOT NULL),
         (23, 'REGRESSED', t.completed_at + interval '30 days', NULL, 'DONE', 'DONE', '{}'::jsonb, t.regressed AND t.completed_at + interval '30 days' <= $1::timestamptz)
       ) v(ord, type, at, actor, from_status, to_status, data, happened)
       WHERE v.happened AND v.at >= t.assigned_at AND (v.at <= t.ended OR v.type IN ('ACKNOWLEDGED', 'EVIDENCE_ACCEPTED', 'CANCELLED', 'REGRESSED', 'EVIDENCE_VERIFIED'))
         AND v.at <= $1::timestamptz
     ) e`,
    [now.toISOString()],
  );
  await client.query(`UPDATE tasks t SET last_event_seq = e.n FROM (SELECT task_id, max(seq) AS n FROM task_events GROUP BY task_id) e WHERE e.task_id = t.id`);
  step('timelines');

  // ----- blockers ---------------------------------------------------------------------------------
  // About 2 % of tasks wait on a department for a while; most blockers were resolved since.
  await client.query(
    `INSERT INTO task_blockers (task_id, id, lead_unit_id, blocking_unit_id, coordinating, reason, awaited, since, declared_at, declared_by, status, resolved_at, resolved_by, recorded_seq)
     SELECT t.id, 'B1', t.lead_unit_id, (SELECT p.id FROM pool p WHERE p.kind = 'department' AND p.n = (hashtext(t.id::text) & 1048575) % (SELECT size FROM pool_size WHERE kind = 'department')), random() < 0.7,
            NULL, 'Ý kiến thẩm định của đơn vị phối hợp', s.since, s.since + interval '1 day', t.assigned_by,
            CASE WHEN s.since + interval '12 days' <= LEAST($1::timestamptz, COALESCE(t.completed_at, t.cancelled_at, $1::timestamptz)) THEN 'RESOLVED' ELSE 'OPEN' END,
            CASE WHEN s.since + interval '12 days' <= LEAST($1::timestamptz, COALESCE(t.completed_at, t.cancelled_at, $1::timestamptz)) THEN s.since + interval '12 days' END,
            CASE WHEN s.since + interval '12 days' <= LEAST($1::timestamptz, COALESCE(t.completed_at, t.cancelled_at, $1::timestamptz)) THEN t.assigned_by END,
            t.last_event_seq
     FROM tasks t CROSS JOIN LATERAL (SELECT t.assigned_at + (t.original_due_at - t.assigned_at) * 0.3 AS since) s
     WHERE random() < 0.02 AND s.since + interval '1 day' <= $1::timestamptz`,
    [now.toISOString()],
  );
  step('blockers');

  await client.query(`RESET session_replication_role`);
  for (const def of rebuild) await client.query(def);
  step(`${rebuild.length} indexes rebuilt`);
  await client.query(`RESET synchronous_commit`);
  for (const table of ['units', 'users', 'task_templates', 'tasks', 'task_events', 'task_blockers']) await client.query(`VACUUM (ANALYZE) ${table}`);
  step('vacuumed and analysed');
  const { rows } = await client.query<SeedCounts>(`SELECT
      (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM units WHERE level = 'province') AS provinces,
      (SELECT count(*)::int FROM units WHERE level = 'commune') AS communes, (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM task_events) AS events, (SELECT count(*)::int FROM task_blockers) AS blockers`);
  return rows[0];
}
