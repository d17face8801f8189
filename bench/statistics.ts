/**
 * Benchmark of the official statistic set at national scale (issue 12 §2 "Speed", issue 13 P3):
 * `GET /api/reports/statistics` for the whole country ≤ 200 ms p95 and for a province ≤ 50 ms p95
 * on 1,000,000 task rows and 50,000 units.
 *
 *   npx tsx bench/statistics.ts            1,000,000 tasks, 50,000 units
 *   npx tsx bench/statistics.ts --quick    100,000 tasks, 5,000 units (a few minutes)
 *   options: --rounds N (default 3), --requests N per round (default 30; a round stops after --round-cap seconds,
 *            default 60, with at least 5 requests, and the JSON gives each round's n), --keep (keep the data directory),
 *            --explain (write EXPLAIN (ANALYZE, BUFFERS) of the statistics' queries to bench/results/statistics-explain.txt),
 *            --hold (after seeding, keep PostgreSQL and the API running until Ctrl-C, to explain queries),
 *            DONDOC_SKIP_BUILD=1 (use dist/ as built)
 *
 * Like `npm start`: builds the API (dist/), starts an embedded PostgreSQL on a free port in a
 * throwaway directory, runs the migrations, then the API itself (createApiApp from dist/, in this
 * process, listening on a free port, as the test stack does). The statistics never call Temporal,
 * so no Temporal server is started: the API's Temporal connection is lazy and points at a closed
 * port. The data set is written with set-based SQL (bench/statistics-seed.ts); the statistics
 * snapshot is counted three times as the worker counts it (StatisticsService.refreshSnapshot), then
 * each scenario is measured through HTTP with an administrator's token, after warm-up, in rounds of
 * requests (the scenarios interleaved round by round) while the snapshot is refreshed every minute
 * in the background, as the worker does: the overview without asOf is read from the snapshot, the
 * same with asOf=now is counted live. In the same run, two references: the ceiling (the
 * bare `SELECT count(*) FROM tasks`, an index-only scan) and the statistics' own SQL alone (the
 * queries the service sends for the same request, captured and replayed in order without HTTP,
 * Nest or the figures' assembly). Prints a table and writes bench/results/statistics.json.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freePort, PROJECT_ROOT, startPostgres, type PostgresHandle } from '../libs/dev-stack/src';
import { seedStatistics, type SeedCounts } from './statistics-seed';
import { figure, loadAverage, median, r1, r2, roundFigures, runBenchmark, timed, type Figure, type RoundFigures } from './figures';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
    requests: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
    hold: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    'round-cap': { type: 'string', default: '60' },
  },
});
const QUICK = args.quick ?? false;
const SCALE = QUICK ? { tasks: 100_000, units: 5_000 } : { tasks: 1_000_000, units: 50_000 };
const ROUNDS = Math.max(3, Number(args.rounds));
const REQUESTS = Math.max(10, Number(args.requests));
const WARM_UP = 3;
const ROUND_CAP_MS = Number(args['round-cap'] ?? 60) * 1000;
const BUDGET = { country: 200, province: 50 };
/** The worker's default STATISTICS_SNAPSHOT_INTERVAL_MS: the measurement counts a snapshot this often, as the worker would. */
const SNAPSHOT_INTERVAL_MS = 60_000;
const ADMIN = { email: 'admin@bench.dondoc.vn', password: 'Bench-admin-password-2026' };

const log = (line: string) => process.stderr.write(`[bench statistics] ${line}\n`);
const load = () => loadAverage(loadavg);

// ----- figures ------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  what: string;
  budgetP95?: number;
  run: () => Promise<void>;
  rounds: RoundFigures[];
}

// ----- the stack ----------------------------------------------------------------------------------

function build(): void {
  if (process.env.DONDOC_SKIP_BUILD === '1') {
    log('build skipped (DONDOC_SKIP_BUILD=1)');
    return;
  }
  log('building the API (npm run build:api)…');
  const result = spawnSync('npm', ['run', 'build:api', '--silent'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed; see above');
}

function migrate(databaseUrl: string): void {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist/libs/database/src/migrate.js')], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`migrations failed:\n${result.stdout}\n${result.stderr}`);
}

interface DistApi {
  createApiApp: () => Promise<import('@nestjs/platform-express').NestExpressApplication>;
}
interface DistTasks {
  StatisticsService: new (...args: never[]) => {
    statistics(actor: unknown, query: Record<string, unknown>, language: 'vi' | 'en'): Promise<{ source: string }>;
    refreshSnapshot(): Promise<{ id: string; asOf: Date; tasks: number } | null>;
  };
}

async function main(): Promise<void> {
  const started = new Date();
  build();
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-bench-statistics-'));
  chmodSync(dir, 0o755); // PostgreSQL may run as another OS user (when run as root)
  let postgres: PostgresHandle | undefined;
  let app: Awaited<ReturnType<DistApi['createApiApp']>> | undefined;
  // Ctrl-C at any point: stop what this script started and remove the throwaway directory.
  const interrupted = async () => {
    await app?.close().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  if (!args.hold) process.once('SIGINT', () => void interrupted());
  try {
    postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: await freePort(), superuserPassword: randomBytes(12).toString('hex') });
    log(`PostgreSQL on 127.0.0.1:${postgres.port}, data in ${dir}`);
    migrate(postgres.url);

    Object.assign(process.env, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      DATABASE_URL: postgres.url,
      // Nothing the statistics do calls Temporal; the connection is lazy and never made.
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      TEMPORAL_TASK_QUEUE: `bench-${randomBytes(4).toString('hex')}`,
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      PUBLIC_URL: 'http://bench.dondoc.test',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_ACCESS_TTL_SECONDS: '21600',
      AUTH_RATE_LIMIT_IP_PER_MINUTE: '100000',
      AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE: '100000',
      // The statistics snapshot as the worker keeps it (its defaults): counted every minute below, read while at most 150 s old.
      STATISTICS_SNAPSHOT_INTERVAL_MS: String(SNAPSHOT_INTERVAL_MS),
      STATISTICS_SNAPSHOT_MAX_AGE_MS: '150000',
    });
    // The compiled API (tsc emits the decorator metadata Nest's injection reads).
    await import('reflect-metadata');
    const { createApiApp } = (await import(join(PROJECT_ROOT, 'dist/apps/api/src/setup-app.js'))) as DistApi;
    const { StatisticsService } = (await import(join(PROJECT_ROOT, 'dist/libs/tasks/src/index.js'))) as DistTasks;
    app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    log(`API on ${baseUrl} (first administrator created, calendar days filled)`);

    // ----- data ---------------------------------------------------------------------------------
    const seeder = new Client({ connectionString: postgres.superuserUrl.replace(/\/postgres$/, '/dondoc') });
    await seeder.connect();
    const seedStart = Date.now();
    const counts: SeedCounts = await seedStatistics(seeder, SCALE, started, log);
    const seedSeconds = r1((Date.now() - seedStart) / 1000);
    const { rows: sizes } = await seeder.query<{ tasks: string; tasks_total: string; events_total: string; statistics_index: string; server: string; shared_buffers: string }>(`SELECT
        pg_size_pretty(pg_relation_size('tasks')) AS tasks, pg_size_pretty(pg_total_relation_size('tasks')) AS tasks_total,
        pg_size_pretty(pg_total_relation_size('task_events')) AS events_total, pg_size_pretty(pg_relation_size('"IDX_tasks_statistics"')) AS statistics_index,
        current_setting('server_version') AS server, current_setting('shared_buffers') AS shared_buffers`);
    log(`seeded in ${seedSeconds} s: ${JSON.stringify(counts)} ${JSON.stringify(sizes[0])}`);

    // The scenarios' subjects: the province with the most tasks, a commune of it with a typical count, last Monday.
    const { rows: picks } = await seeder.query<{ province: string; province_tasks: number; commune: string; commune_tasks: number }>(`
      WITH p AS (SELECT u.id, u.path, (SELECT count(*) FROM tasks t JOIN units x ON x.id = t.lead_unit_id WHERE x.path LIKE u.path || '%')::int AS n
                 FROM units u WHERE u.level = 'province' ORDER BY n DESC LIMIT 1),
           c AS (SELECT u.id, count(t.id)::int AS n FROM units u JOIN p ON u.path LIKE p.path || '%' JOIN tasks t ON t.lead_unit_id = u.id
                 WHERE u.level = 'commune' GROUP BY u.id)
      SELECT p.id AS province, p.n AS province_tasks,
             (SELECT id FROM c ORDER BY n, id OFFSET (SELECT count(*) / 2 FROM c) LIMIT 1) AS commune,
             (SELECT n FROM c ORDER BY n, id OFFSET (SELECT count(*) / 2 FROM c) LIMIT 1) AS commune_tasks
      FROM p`);
    const { province, commune } = picks[0];
    const { rows: adminRows } = await seeder.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [ADMIN.email]);
    await seeder.end();
    const lastMonday = new Date(started);
    lastMonday.setUTCDate(lastMonday.getUTCDate() - ((lastMonday.getUTCDay() + 6) % 7 || 7));
    const pastAsOf = `${lastMonday.toISOString().slice(0, 10)}T17:00:00+07:00`;

    // ----- clients ------------------------------------------------------------------------------
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    /** A GET of `path` (a function: computed at each request) that must answer 200, and, when told, from the snapshot or live. */
    const get = (path: string | (() => string), source?: 'snapshot' | 'live') => async () => {
      const url = typeof path === 'string' ? path : path();
      const res = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${body.slice(0, 500)}`);
      if (source && (JSON.parse(body) as { source: string }).source !== source) throw new Error(`GET ${url} answered ${(JSON.parse(body) as { source: string }).source}, not ${source}`);
    };
    const now = () => encodeURIComponent(new Date().toISOString());
    const dataSource = app.get(DataSource);
    const service = app.get(StatisticsService);
    const actor = { type: 'USER', id: adminRows[0].id, email: ADMIN.email, roles: ['ADMIN'], unitId: null, unitPath: null, language: 'vi', sessionId: null, requestId: null };
    /** The SQL the service sends for a query, captured once (TypeORM logs every query it sends through its logger). */
    const captureSql = async (query: Record<string, unknown>): Promise<[string, unknown[] | undefined][]> => {
      const captured: [string, unknown[] | undefined][] = [];
      const logger = dataSource.logger;
      const original: unknown = Reflect.get(logger, 'logQuery');
      logger.logQuery = (sql: string, parameters?: unknown[]) => void captured.push([sql, parameters]);
      try {
        await service.statistics(actor, query, 'vi');
      } finally {
        Reflect.set(logger, 'logQuery', original);
      }
      return captured;
    };
    const sqlAlone = (queries: [string, unknown[] | undefined][]) => async () => {
      for (const [sql, parameters] of queries) await dataSource.query(sql, parameters);
    };

    // The snapshot, counted as the worker counts it (three times: the figure is their median).
    const snapshotBuilds: number[] = [];
    for (let i = 0; i < 3; i++) snapshotBuilds.push(await timed(async () => void (await service.refreshSnapshot())));
    log(`snapshot counted in ${snapshotBuilds.map((ms) => Math.round(ms)).join(', ')} ms`);

    const country = { groupBy: 'unit' };
    const provinceQuery = { groupBy: 'unit', unitId: province };
    const countrySql = await captureSql(country);
    const provinceSql = await captureSql(provinceQuery);
    const countryLiveSql = await captureSql({ ...country, asOf: new Date().toISOString() });
    if (args.explain || args.hold) {
      // The plans of the statistics' queries, as PostgreSQL ran them (second run: warm cache).
      const lines: string[] = [];
      for (const [label, queries] of [['country', countrySql], ['province', provinceSql], ['country live', countryLiveSql]] as const) {
        for (const [sql, parameters] of queries) {
          await dataSource.query(sql, parameters);
          const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters);
          lines.push(`-- ${label}\n${sql}\n-- parameters: ${JSON.stringify(parameters ?? []).slice(0, 2000)}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}\n`);
        }
      }
      mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
      writeFileSync(join(PROJECT_ROOT, 'bench/results/statistics-explain.txt'), lines.join('\n'));
      log('plans written to bench/results/statistics-explain.txt');
    }
    if (args.hold) {
      log(`holding: superuser ${postgres.superuserUrl.replace(/\/postgres$/, '/dondoc')}, API ${baseUrl}, province ${province}, commune ${commune}; Ctrl-C to stop`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      return;
    }
    const scenarios: Scenario[] = [
      { name: 'country', what: 'GET /api/reports/statistics?groupBy=unit (whole country, from the snapshot)', budgetP95: BUDGET.country, run: get('/api/reports/statistics?groupBy=unit', 'snapshot'), rounds: [] },
      { name: 'province', what: 'GET /api/reports/statistics?groupBy=unit&unitId=<province> (from the snapshot)', budgetP95: BUDGET.province, run: get(`/api/reports/statistics?groupBy=unit&unitId=${province}`, 'snapshot'), rounds: [] },
      { name: 'commune', what: 'GET /api/reports/statistics?groupBy=unit&unitId=<commune> (from the snapshot)', run: get(`/api/reports/statistics?groupBy=unit&unitId=${commune}`, 'snapshot'), rounds: [] },
      { name: 'countryLive', what: 'GET /api/reports/statistics?groupBy=unit&asOf=<now> (whole country, counted live)', run: get(() => `/api/reports/statistics?groupBy=unit&asOf=${now()}`, 'live'), rounds: [] },
      { name: 'provinceLive', what: 'GET /api/reports/statistics?groupBy=unit&unitId=<province>&asOf=<now> (counted live)', run: get(() => `/api/reports/statistics?groupBy=unit&unitId=${province}&asOf=${now()}`, 'live'), rounds: [] },
      { name: 'provinceByHead', what: 'GET /api/reports/statistics?groupBy=head&unitId=<province>', run: get(`/api/reports/statistics?groupBy=head&unitId=${province}`), rounds: [] },
      { name: 'countryLastMonday', what: `GET /api/reports/statistics?groupBy=unit&asOf=${pastAsOf}`, run: get(`/api/reports/statistics?groupBy=unit&asOf=${encodeURIComponent(pastAsOf)}`), rounds: [] },
      { name: 'drillDown', what: 'GET /api/tasks?state=OVERDUE&withinUnitId=<province> (first page)', run: get(`/api/tasks?state=OVERDUE&withinUnitId=${province}`), rounds: [] },
      { name: 'countryService', what: 'StatisticsService.statistics, whole country (no HTTP)', run: async () => void (await service.statistics(actor, country, 'vi')), rounds: [] },
      { name: 'countrySql', what: `the statistics' ${countrySql.length} SQL queries alone, whole country (snapshot)`, run: sqlAlone(countrySql), rounds: [] },
      { name: 'countryLiveSql', what: `the statistics' ${countryLiveSql.length} SQL queries alone, whole country counted live`, run: sqlAlone(countryLiveSql), rounds: [] },
      { name: 'provinceSql', what: `the statistics' ${provinceSql.length} SQL queries alone, province`, run: sqlAlone(provinceSql), rounds: [] },
      { name: 'countTasks', what: 'SELECT count(*) FROM tasks (index-only scan: the ceiling)', run: async () => void (await dataSource.query('SELECT count(*) FROM tasks')), rounds: [] },
    ];

    // ----- measurement --------------------------------------------------------------------------
    const loadBefore = load();
    // The worker's refresh, running through the measurement as it would in production (a refresh never runs twice at once).
    let refreshing: Promise<unknown> | undefined;
    const refreshes: number[] = [];
    const refresher = setInterval(() => {
      refreshing ??= timed(async () => void (await service.refreshSnapshot()))
        .then((ms) => refreshes.push(ms))
        .finally(() => (refreshing = undefined));
    }, SNAPSHOT_INTERVAL_MS);
    log(`measuring: ${WARM_UP} warm-up requests, then ${ROUNDS} rounds × ${REQUESTS} requests per scenario (load average ${loadBefore.join(' ')})`);
    for (const s of scenarios) for (let i = 0; i < WARM_UP; i++) await s.run();
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of scenarios) {
        const samples: number[] = [];
        // A scenario far above its budget would keep the run going for an hour: a round stops after ROUND_CAP_MS (at least 5 requests), and says so.
        const roundStart = Date.now();
        for (let i = 0; i < REQUESTS && (i < 5 || Date.now() - roundStart < ROUND_CAP_MS); i++) samples.push(await timed(s.run));
        s.rounds.push(roundFigures(samples));
      }
      log(`round ${round + 1}/${ROUNDS} done (load average ${load().join(' ')})`);
    }
    clearInterval(refresher);
    await refreshing;
    const loadAfter = load();

    // Per query of the country's statistics: where the time goes.
    const perQuery: { ms: number; sql: string }[] = [];
    for (const [sql, parameters] of [...countrySql, ...countryLiveSql]) {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push(await timed(async () => void (await dataSource.query(sql, parameters))));
      perQuery.push({ ms: r1(median(samples)), sql: sql.replace(/\s+/g, ' ').slice(0, 160) });
    }

    // ----- report -------------------------------------------------------------------------------
    const results = Object.fromEntries(
      scenarios.map((s) => [
        s.name,
        {
          what: s.what,
          requestsPerRound: REQUESTS,
          p50: figure(s.rounds.map((r) => r.p50)),
          p95: figure(s.rounds.map((r) => r.p95)),
          min: r1(Math.min(...s.rounds.map((r) => r.min))),
          max: r1(Math.max(...s.rounds.map((r) => r.max))),
          ...(s.budgetP95 ? { budgetP95: s.budgetP95, withinBudget: median(s.rounds.map((r) => r.p95)) <= s.budgetP95 } : {}),
          rounds: s.rounds.map((r) => ({ n: r.n, p50: r1(r.p50), p95: r1(r.p95), min: r1(r.min), max: r1(r.max) })),
        },
      ]),
    );
    // Ratios per round (same round, same machine), then their median, min and max.
    const ratio = (a: string, b: string, key: 'p50' | 'p95' = 'p50') => {
      const sa = scenarios.find((s) => s.name === a)!;
      const sb = scenarios.find((s) => s.name === b)!;
      const values = sa.rounds.map((r, i) => r[key] / sb.rounds[i][key]);
      return { median: r2(median(values)), min: r2(Math.min(...values)), max: r2(Math.max(...values)) };
    };
    const ratios = {
      countryHttpToCeiling: { what: 'country p50 ÷ SELECT count(*) FROM tasks p50', ...ratio('country', 'countTasks') },
      countrySnapshotToLive: { what: 'country from the snapshot p50 ÷ country counted live p50', ...ratio('country', 'countryLive') },
      provinceSnapshotToLive: { what: 'province from the snapshot p50 ÷ province counted live p50', ...ratio('province', 'provinceLive') },
      countryLiveSqlToCeiling: { what: 'country counted live, SQL alone p50 ÷ SELECT count(*) p50', ...ratio('countryLiveSql', 'countTasks') },
      countryHttpToSql: { what: 'country p50 ÷ its SQL alone p50 (HTTP, Nest and assembly overhead)', ...ratio('country', 'countrySql') },
      countryServiceToSql: { what: 'country service call p50 ÷ its SQL alone p50 (assembly overhead)', ...ratio('countryService', 'countrySql') },
      countrySqlToCeiling: { what: 'country SQL alone p50 ÷ SELECT count(*) p50', ...ratio('countrySql', 'countTasks') },
      provinceHttpToSql: { what: 'province p50 ÷ its SQL alone p50', ...ratio('province', 'provinceSql') },
      pastToNow: { what: 'country as of last Monday p50 ÷ country counted live now p50', ...ratio('countryLastMonday', 'countryLive') },
    };
    const report = {
      benchmark: 'statistics',
      date: started.toISOString(),
      quick: QUICK,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: sizes[0].server, sharedBuffers: sizes[0].shared_buffers, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      scale: { ...counts, provinceTasks: picks[0].province_tasks, communeTasks: picks[0].commune_tasks, seedSeconds, tasksHeap: sizes[0].tasks, tasksWithIndexes: sizes[0].tasks_total, eventsWithIndexes: sizes[0].events_total, statisticsIndex: sizes[0].statistics_index },
      method: `${WARM_UP} warm-up requests, then ${ROUNDS} rounds × ${REQUESTS} sequential requests per scenario, scenarios interleaved per round; per round p50/p95 (nearest rank), min, max; each figure the median of the rounds with their min and max. Milliseconds.`,
      snapshot: {
        what: 'StatisticsService.refreshSnapshot: the statistic set per lead unit, rolled up over every subtree (ms)',
        builds: figure(snapshotBuilds),
        duringMeasurement: refreshes.map((ms) => r1(ms)),
        intervalMs: SNAPSHOT_INTERVAL_MS,
      },
      results,
      ratios,
      countryQueries: perQuery,
    };
    mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench/results/statistics.json'), `${JSON.stringify(report, null, 2)}\n`);

    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (f: Figure) => `${f.median} [${f.min}–${f.max}]`;
    console.log(`\nStatistics benchmark — ${counts.tasks.toLocaleString('en')} tasks, ${counts.units.toLocaleString('en')} units, ${counts.events.toLocaleString('en')} events${QUICK ? ' (quick)' : ''}`);
    console.log(`${cpus().length} cores, PostgreSQL ${sizes[0].server} (shared_buffers ${sizes[0].shared_buffers}), Node ${process.version}; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}`);
    console.log(`province: ${picks[0].province_tasks.toLocaleString('en')} tasks; commune: ${picks[0].commune_tasks} tasks; ms, median of ${ROUNDS} rounds [min–max of rounds]\n`);
    console.log(`${pad('scenario', 20)}${pad('n', 10)}${pad('p50', 24)}${pad('p95', 24)}${pad('min', 9)}${pad('max', 9)}budget p95`);
    for (const s of scenarios) {
      const r = results[s.name] as { p50: Figure; p95: Figure; min: number; max: number; budgetP95?: number; withinBudget?: boolean };
      console.log(`${pad(s.name, 20)}${pad(s.rounds.map((x) => x.n).join('/'), 10)}${pad(num(r.p50), 24)}${pad(num(r.p95), 24)}${pad(String(r.min), 9)}${pad(String(r.max), 9)}${r.budgetP95 ? `${r.budgetP95} ${r.withinBudget ? 'met' : 'MISSED'}` : ''}`);
    }
    console.log(`\nsnapshot counted in ${num(figure(snapshotBuilds))} ms (median [min–max] of 3); during the measurement, every ${SNAPSHOT_INTERVAL_MS / 1000} s: ${refreshes.map((ms) => Math.round(ms)).join(', ')} ms`);
    console.log('\nratios (per round, median [min–max]):');
    for (const [name, r] of Object.entries(ratios)) console.log(`  ${pad(name, 22)}${r.median} [${r.min}–${r.max}]  ${r.what}`);
    console.log('\ncountry queries, from the snapshot then counted live (median of 5, ms):');
    for (const q of perQuery) console.log(`  ${String(q.ms).padStart(8)}  ${q.sql}`);
    console.log(`\nwritten to bench/results/statistics.json`);
  } finally {
    await app?.close();
    await postgres?.stop();
    if (args.keep) log(`data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);
