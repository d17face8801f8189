/**
 * P3 — national scale on one box (issue 13): 200,000 open tasks sleeping on their timers plus
 * 1,000,000 historical task rows with their timelines, on npm start's whole stack.
 *
 *   npx tsx bench/national.ts            200,000 open tasks, 1,000,000 historical rows (hours on 2 cores)
 *   npx tsx bench/national.ts --quick    2,000 open tasks, 100,000 historical rows (about ten minutes)
 *   options: --open N, --history N (historical rows; the unit tree has one unit per 20 of them, at
 *            least 1,000), --rest N (seconds at rest, default 60, quick 20, cut into the rounds),
 *            --rounds N (default 3), --requests N (per scenario and round, default 50),
 *            --keep (keep the data directory), DONDOC_SKIP_BUILD=1
 *
 * scripts/start.ts itself on free ports and a throwaway data directory (embedded PostgreSQL, the
 * Temporal dev server on its SQLite file, the mail sink, the API, the worker). Then:
 *
 * 1. history: the statistics benchmark's national data set (bench/statistics-seed.ts) written
 *    straight into PostgreSQL — a unit tree of 63 provinces down to communes, the historical tasks
 *    over three years with their timelines and blockers. The seed's own fate leaves some of them
 *    open (stragglers, recent ones): rows without a workflow, read like the others;
 * 2. open tasks: real workflows, assigned through `POST /api/assignments` in plans of 10,000
 *    (the route's limit; 202 at once, the workflows started in the background) to 60 tasks per commune, the communes taken province by province in turn, on a
 *    template whose timers sleep for days; progress and the assignment rate are printed as they go;
 * 3. quiet: every open task has recorded ASSIGNED, no email is due in the outbox, and the worker has
 *    counted a statistics snapshot since;
 * 4. at rest, in rounds: RSS, PSS and CPU of the worker, the API, the Temporal dev server and
 *    PostgreSQL, each the process tree npm start recorded in <dataDir>/run/<name>.json, and of the
 *    whole machine;
 * 5. latency, in rounds of sequential requests as the administrator (the scenarios interleaved):
 *    `GET /api/tasks` of a province and of a commune (their first page, soonest due first), a task
 *    page of a random open task, the statistics of the country and of the province;
 * 6. storage: the Temporal dev server's SQLite file, the PostgreSQL database.
 *
 * Each figure is the median of the rounds with their min and max. Prints a table and a line per
 * target of the issue with the figure measured beside it, and writes bench/results/national.json.
 * Figures are never asserted.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { PROJECT_ROOT, waitUntil } from '../libs/dev-stack/src';
import { figure, loadAverage, r1, roundFigures, runBenchmark, timed, type Figure, type RoundFigures } from './figures';
import { CLOCK_TICKS, kbField, partPids, PARTS, processTable, sampleMachine, sampleTree, type Part, type TreeSample } from './processes';
import { seedStatistics, type SeedCounts } from './statistics-seed';
import { benchDirectory, buildOnce, call, freePorts, onInterrupt, signIn, startStack, tearDown, type Stack, type StackPorts } from './stack';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    open: { type: 'string' },
    history: { type: 'string' },
    rest: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    requests: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
  },
});
const QUICK = args.quick ?? false;
const wholeNumber = (name: string, value: string | undefined, fallback: number, least: number): number => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < least) throw new Error(`--${name} must be a whole number ≥ ${least}, not ${value}`);
  return n;
};
const OPEN = wholeNumber('open', args.open, QUICK ? 2_000 : 200_000, 1);
const HISTORY = wholeNumber('history', args.history, QUICK ? 100_000 : 1_000_000, 1);
/** The statistics benchmark's proportions (1,000,000 tasks on 50,000 units); a tree of at least 1,000 units has communes in every province. */
const UNITS = Math.max(1_000, Math.round(HISTORY / 20));
const REST_SECONDS = wholeNumber('rest', args.rest, QUICK ? 20 : 60, 3);
const ROUNDS = Math.max(3, wholeNumber('rounds', args.rounds, 3, 1));
const REQUESTS = wholeNumber('requests', args.requests, 50, 5);
const PER_COMMUNE = 60;
/** Tasks per plan assignment (`POST /api/assignments`, 202 at once; its limit). */
const PLAN = 10_000;
const WARM_UP = 3;
/** The issue's targets: the worker's RSS, the task list and a task page (p95), the statistics (p95, from the statistics issue). */
const TARGETS = { workerRssMb: 1536, tasksP95: 100, taskPageP95: 100, statisticsCountryP95: 200, statisticsProvinceP95: 50 };
/** What npm start gives its embedded PostgreSQL's superuser (libs/dev-stack startPostgres' default): the seed needs it to skip triggers. */
const SUPERUSER_PASSWORD = 'postgres';
const TEMPLATE = 'quoc-gia';

const log = (line: string) => process.stderr.write(`[bench national] ${line}\n`);
const load = () => loadAverage(loadavg);

// ----- processes at rest ------------------------------------------------------------------------------

interface RestRound {
  seconds: number;
  parts: Record<Part, { cpuPercent: number; rssMb: number; pssMb: number }>;
  machine: { cpuPercent: number; usedMb: number };
}

/**
 * One round at rest: CPU from the ticks at its start and end (% of one core: 200 % is both cores
 * busy), memory sampled every second and its highest value kept (the target is a ceiling).
 */
async function restRound(dataDir: string, seconds: number): Promise<RestRound> {
  const pids = partPids(dataDir);
  const started = performance.now();
  let table = processTable();
  const first = Object.fromEntries(PARTS.map((part) => [part, sampleTree(table, pids[part])])) as Record<Part, TreeSample>;
  const machineFirst = sampleMachine();
  const peak = Object.fromEntries(PARTS.map((part) => [part, { rssMb: first[part].rssMb, pssMb: first[part].pssMb }])) as Record<Part, { rssMb: number; pssMb: number }>;
  let usedMb = machineFirst.usedMb;
  let last = first;
  while (performance.now() - started < seconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, seconds * 1000 - (performance.now() - started))));
    table = processTable();
    last = Object.fromEntries(PARTS.map((part) => [part, sampleTree(table, pids[part])])) as Record<Part, TreeSample>;
    for (const part of PARTS) {
      peak[part].rssMb = Math.max(peak[part].rssMb, last[part].rssMb);
      peak[part].pssMb = Math.max(peak[part].pssMb, last[part].pssMb);
    }
    usedMb = Math.max(usedMb, sampleMachine().usedMb);
  }
  const elapsed = (performance.now() - started) / 1000;
  const percent = (ticks: number) => (ticks / CLOCK_TICKS / elapsed) * 100;
  return {
    seconds: elapsed,
    parts: Object.fromEntries(PARTS.map((part) => [part, { cpuPercent: percent(last[part].ticks - first[part].ticks), ...peak[part] }])) as RestRound['parts'],
    machine: { cpuPercent: percent(sampleMachine().ticks - machineFirst.ticks), usedMb },
  };
}

// ----- the data -------------------------------------------------------------------------------------

/** The seed needs a superuser (it loads with triggers off): npm start's embedded PostgreSQL, its database. */
const superuserUrl = (ports: StackPorts) => `postgres://postgres:${SUPERUSER_PASSWORD}@127.0.0.1:${ports.postgres}/dondoc`;

/** The open tasks' template: due in 90 days, reminders and the acknowledgement reminder in days, so every timer sleeps through the benchmark. */
async function createTemplate(api: string, token: string): Promise<void> {
  await call(api, token, 'POST', '/templates', {
    key: TEMPLATE,
    nameVi: 'Mẫu đo tải quốc gia',
    nameEn: 'National-scale benchmark template',
    defaultDuration: '90d',
    reminders: ['30d', '7d', '1d'],
    acknowledgementReminder: { every: '3d', max: 2 },
    escalation: { levels: [], decisionReminderEvery: '2d', explanationDeadline: '5d' },
    evidence: { required: ['OPERATING_PRODUCT'], reviewer: { type: 'ASSIGNER' }, probe: { probes: 2, window: '1s', maxLatencyMs: 2000 }, afterCare: null },
  });
}

/** The communes that receive the open tasks: one per 60 tasks (all of the tree's if it has fewer), taken from each province in turn. */
async function pickCommunes(pg: PgClient, wanted: number): Promise<string[]> {
  const { rows } = await pg.query<{ id: string }>(
    `SELECT id FROM (
       SELECT id, code, split_part(path, '/', 3) AS province, row_number() OVER (PARTITION BY split_part(path, '/', 3) ORDER BY code) AS k
       FROM units WHERE level = 'commune') c
     ORDER BY k, province LIMIT $1`,
    [wanted],
  );
  return rows.map((row) => row.id);
}

/** How many tasks assigned after `since` (the open ones: the history ends at `since`) have recorded ASSIGNED. */
async function recorded(pg: PgClient, since: Date): Promise<number> {
  const { rows } = await pg.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tasks t WHERE t.assigned_at > $1 AND EXISTS (SELECT 1 FROM task_events e WHERE e.task_id = t.id AND e.type = 'ASSIGNED')`,
    [since],
  );
  return rows[0].n;
}

interface Assignment {
  seconds: number;
  answeredPerSecond: number;
  recordedPerSecond: number;
}

/**
 * Assigns the open tasks in plan assignments, one after the other (as an administrator would
 * import a plan), then waits until every workflow has recorded ASSIGNED; the progress and the rates
 * so far are printed after each plan and every half minute of the wait.
 */
async function assignOpenTasks(api: string, token: string, pg: PgClient, communes: string[], since: Date): Promise<Assignment> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const progress = async (answered: number) => {
    const n = await recorded(pg, since);
    log(`${answered.toLocaleString('en')}/${OPEN.toLocaleString('en')} answered (${r1(answered / seconds())}/s), ${n.toLocaleString('en')} recorded ASSIGNED (${r1(n / seconds())}/s), ${Math.round(seconds())} s (load ${load().join(' ')})`);
  };
  for (let from = 0; from < OPEN; from += PLAN) {
    const tasks = Array.from({ length: Math.min(PLAN, OPEN - from) }, (_, k) => ({ templateKey: TEMPLATE, title: `Nhiệm vụ quốc gia #${from + k + 1}`, leadUnitId: communes[(from + k) % communes.length] }));
    await call(api, token, 'POST', '/assignments', { tasks });
    await progress(from + tasks.length);
  }
  const answeredPerSecond = OPEN / seconds();
  let lastReport = performance.now();
  await waitUntil(
    `${OPEN} open tasks recorded ASSIGNED`,
    async () => {
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        await progress(OPEN);
      }
      return (await recorded(pg, since)) >= OPEN;
    },
    Math.max(600_000, OPEN * 500),
    1_000,
  );
  return { seconds: seconds(), answeredPerSecond, recordedPerSecond: OPEN / seconds() };
}

/** No email is due in the outbox (IDX_notifications_due: rows still to send whose time has come). */
async function outboxDrained(pg: PgClient): Promise<boolean> {
  const { rows } = await pg.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE status IN ('PENDING', 'SENDING') AND GREATEST(created_at, send_after, next_attempt_at) <= now()`,
  );
  return rows[0].n === 0;
}

// ----- latency --------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  what: string;
  targetP95?: number;
  run: () => Promise<void>;
  rounds: RoundFigures[];
}

// ----- main -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const date = new Date();
  buildOnce(log);
  const dir = benchDirectory('national');
  const ports = await freePorts();
  let stack: Stack | undefined;
  let pg: PgClient | undefined;
  onInterrupt(async () => await stack?.stop(), dir, args.keep ?? false);
  try {
    log(`npm start in ${dir}…`);
    // A token that outlives the longest run (the default 15 minutes would end during a full assignment).
    stack = await startStack(dir, ports, { JWT_ACCESS_TTL_SECONDS: '21600' });
    const token = await signIn(stack.api);
    pg = new PgClient({ connectionString: stack.databaseUrl });
    // The stack's PostgreSQL stops with it: a connection it ends is no error here.
    pg.on('error', () => undefined);
    await pg.connect();

    // ----- history ----------------------------------------------------------------------------------
    log(`seeding ${HISTORY.toLocaleString('en')} historical tasks on ${UNITS.toLocaleString('en')} units…`);
    const seeder = new PgClient({ connectionString: superuserUrl(ports) });
    await seeder.connect();
    const seedStart = performance.now();
    let history: SeedCounts;
    try {
      history = await seedStatistics(seeder, { tasks: HISTORY, units: UNITS }, date, log);
    } finally {
      await seeder.end();
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const { rows: historyOpen } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE status NOT IN ('DONE', 'CANCELLED')`);
    log(`seeded in ${r1(seedSeconds)} s: ${JSON.stringify(history)}; ${historyOpen[0].n.toLocaleString('en')} of the rows open (no workflow)`);

    // ----- open tasks -------------------------------------------------------------------------------
    await createTemplate(stack.api, token);
    const communes = await pickCommunes(pg, Math.ceil(OPEN / PER_COMMUNE));
    if (communes.length * PER_COMMUNE < OPEN) log(`the tree has ${communes.length} communes: about ${Math.ceil(OPEN / communes.length)} tasks each`);
    log(`assigning ${OPEN.toLocaleString('en')} open tasks to ${communes.length.toLocaleString('en')} communes in plans of ${PLAN}…`);
    const assignment = await assignOpenTasks(stack.api, token, pg, communes, date);
    log(`assigned and recorded in ${Math.round(assignment.seconds)} s: ${r1(assignment.recordedPerSecond)} tasks/s (the API answered at ${r1(assignment.answeredPerSecond)}/s)`);

    // ----- quiet ------------------------------------------------------------------------------------
    const db = pg;
    await waitUntil('the outbox to send every email due', () => outboxDrained(db), 1_800_000, 2_000);
    const quietAt = new Date();
    const get = async (path: string): Promise<Response> => {
      const res = await fetch(`${stack!.api}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${(await res.text()).slice(0, 500)}`);
      return res;
    };
    log('waiting for the worker to count a statistics snapshot of every task (at most a minute and the count)…');
    await waitUntil(
      'a statistics snapshot counted after the assignment',
      async () => {
        const answer = (await (await get('/reports/statistics?groupBy=unit')).json()) as { source: string; asOf: string };
        return answer.source === 'snapshot' && new Date(answer.asOf) >= quietAt;
      },
      600_000,
      5_000,
    );

    // The subjects: the first commune that received open tasks and its province.
    const { rows: subjects } = await pg.query<{ province: string; province_open: number; province_tasks: number; commune_open: number; commune_tasks: number }>(
      `WITH c AS (SELECT id, path, split_part(path, '/', 3)::uuid AS province FROM units WHERE id = $1),
            p AS (SELECT u.id, u.path FROM units u JOIN c ON u.id = c.province)
       SELECT p.id AS province,
              (SELECT count(*) FILTER (WHERE t.assigned_at > $2)::int FROM tasks t JOIN units x ON x.id = t.lead_unit_id WHERE x.path LIKE p.path || '%') AS province_open,
              (SELECT count(*)::int FROM tasks t JOIN units x ON x.id = t.lead_unit_id WHERE x.path LIKE p.path || '%') AS province_tasks,
              (SELECT count(*) FILTER (WHERE t.assigned_at > $2)::int FROM tasks t WHERE t.lead_unit_id = c.id) AS commune_open,
              (SELECT count(*)::int FROM tasks t WHERE t.lead_unit_id = c.id) AS commune_tasks
       FROM c, p`,
      [communes[0], date],
    );
    const subject = subjects[0];
    const openIds = (await pg.query<{ id: string }>(`SELECT id FROM tasks WHERE assigned_at > $1`, [date])).rows.map((row) => row.id);
    log(`province: ${subject.province_open.toLocaleString('en')} open of ${subject.province_tasks.toLocaleString('en')} tasks; commune: ${subject.commune_open} open of ${subject.commune_tasks}`);

    // ----- at rest ----------------------------------------------------------------------------------
    const loadBefore = load();
    log(`at rest: ${ROUNDS} rounds of ${r1(REST_SECONDS / ROUNDS)} s (load average ${loadBefore.join(' ')})`);
    const rest: RestRound[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rest.push(await restRound(dir, REST_SECONDS / ROUNDS));
      const parts = rest.at(-1)!.parts;
      log(`rest round ${round + 1}/${ROUNDS}: ${PARTS.map((part) => `${part} ${Math.round(parts[part].rssMb)} MB ${r1(parts[part].cpuPercent)} %`).join(', ')}`);
    }
    const workerPeakMb = kbField(`/proc/${stack.workerPid()}/status`, 'VmHWM');

    // ----- latency ----------------------------------------------------------------------------------
    /** A GET that must answer 200 (the path computed at each request), and, for the statistics, from the snapshot. */
    const request = (path: () => string, snapshot = false) => async () => {
      const url = path();
      const body = await (await get(url)).text();
      if (snapshot && (JSON.parse(body) as { source: string }).source !== 'snapshot') throw new Error(`GET ${url} was counted live, not read from the snapshot`);
    };
    const randomOpen = () => openIds[Math.floor(Math.random() * openIds.length)];
    const scenarios: Scenario[] = [
      { name: 'tasksProvince', what: `GET /api/tasks?withinUnitId=<province> (first page, soonest due; ${subject.province_tasks.toLocaleString('en')} tasks)`, targetP95: TARGETS.tasksP95, run: request(() => `/tasks?withinUnitId=${subject.province}`), rounds: [] },
      { name: 'tasksCommune', what: `GET /api/tasks?withinUnitId=<commune> (first page, soonest due; ${subject.commune_tasks} tasks)`, targetP95: TARGETS.tasksP95, run: request(() => `/tasks?withinUnitId=${communes[0]}`), rounds: [] },
      { name: 'taskPage', what: 'GET /api/tasks/:id of a random open task', targetP95: TARGETS.taskPageP95, run: request(() => `/tasks/${randomOpen()}`), rounds: [] },
      { name: 'statisticsCountry', what: 'GET /api/reports/statistics?groupBy=unit (the country, from the snapshot)', targetP95: TARGETS.statisticsCountryP95, run: request(() => '/reports/statistics?groupBy=unit', true), rounds: [] },
      { name: 'statisticsProvince', what: 'GET /api/reports/statistics?groupBy=unit&unitId=<province> (from the snapshot)', targetP95: TARGETS.statisticsProvinceP95, run: request(() => `/reports/statistics?groupBy=unit&unitId=${subject.province}`, true), rounds: [] },
    ];
    log(`latency: ${WARM_UP} warm-up requests, then ${ROUNDS} rounds × ${REQUESTS} requests per scenario`);
    for (const s of scenarios) for (let i = 0; i < WARM_UP; i++) await s.run();
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of scenarios) {
        const samples: number[] = [];
        for (let i = 0; i < REQUESTS; i++) samples.push(await timed(s.run));
        s.rounds.push(roundFigures(samples));
      }
      log(`latency round ${round + 1}/${ROUNDS}: ${scenarios.map((s) => `${s.name} p95 ${r1(s.rounds.at(-1)!.p95)}`).join(', ')} ms (load ${load().join(' ')})`);
    }
    const loadAfter = load();

    // ----- storage ----------------------------------------------------------------------------------
    const fileMb = (path: string) => (existsSync(path) ? statSync(path).size / 2 ** 20 : 0);
    const sqlite = join(dir, 'temporal', 'temporal.db');
    const { rows: sizes } = await pg.query<{ db: string; tasks: string; events: string }>(
      `SELECT pg_database_size(current_database())::text AS db, pg_total_relation_size('tasks')::text AS tasks, pg_total_relation_size('task_events')::text AS events`,
    );
    const storage = {
      temporalSqliteMb: r1(fileMb(sqlite)),
      temporalWalMb: r1(fileMb(`${sqlite}-wal`)),
      postgresDatabaseMb: r1(Number(sizes[0].db) / 2 ** 20),
      tasksWithIndexesMb: r1(Number(sizes[0].tasks) / 2 ** 20),
      eventsWithIndexesMb: r1(Number(sizes[0].events) / 2 ** 20),
    };

    // ----- report -----------------------------------------------------------------------------------
    const atRest = {
      ...Object.fromEntries(
        PARTS.map((part) => [
          part,
          {
            rssMb: figure(rest.map((r) => r.parts[part].rssMb)),
            pssMb: figure(rest.map((r) => r.parts[part].pssMb)),
            cpuPercent: figure(rest.map((r) => r.parts[part].cpuPercent)),
          },
        ]),
      ),
      machine: { usedMb: figure(rest.map((r) => r.machine.usedMb)), cpuPercent: figure(rest.map((r) => r.machine.cpuPercent)) },
    } as Record<Part, { rssMb: Figure; pssMb: Figure; cpuPercent: Figure }> & { machine: { usedMb: Figure; cpuPercent: Figure } };
    const latency = Object.fromEntries(
      scenarios.map((s) => [
        s.name,
        {
          what: s.what,
          targetP95: s.targetP95,
          p50: figure(s.rounds.map((r) => r.p50)),
          p95: figure(s.rounds.map((r) => r.p95)),
          min: r1(Math.min(...s.rounds.map((r) => r.min))),
          max: r1(Math.max(...s.rounds.map((r) => r.max))),
          rounds: s.rounds.map((r) => ({ n: r.n, p50: r1(r.p50), p95: r1(r.p95), min: r1(r.min), max: r1(r.max) })),
        },
      ]),
    );
    const targets = [
      { what: "the worker's RSS at rest (MB; the highest of each round)", target: `≤ ${TARGETS.workerRssMb}`, measured: atRest.worker.rssMb },
      ...scenarios.map((s) => ({ what: `${s.name} p95 (ms)`, target: `≤ ${s.targetP95}`, measured: latency[s.name].p95 })),
    ];
    const report = {
      benchmark: 'national',
      date: date.toISOString(),
      quick: QUICK,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      scale: {
        openTasks: OPEN,
        communesWithOpenTasks: communes.length,
        history,
        historyRowsOpen: historyOpen[0].n,
        seedSeconds: r1(seedSeconds),
        province: { open: subject.province_open, tasks: subject.province_tasks },
        commune: { open: subject.commune_open, tasks: subject.commune_tasks },
      },
      assignment: { what: `POST /api/assignments, plans of ${PLAN} one after the other, until every workflow recorded ASSIGNED`, seconds: r1(assignment.seconds), recordedPerSecond: r1(assignment.recordedPerSecond), answeredPerSecond: r1(assignment.answeredPerSecond) },
      method: `At rest: ${ROUNDS} rounds of ${r1(REST_SECONDS / ROUNDS)} s once every open task recorded ASSIGNED, the outbox was empty and a statistics snapshot was counted; per round CPU (% of one core, the process tree's ticks incl. reaped children) and the highest RSS and PSS sampled each second (MB, the process tree). Latency: ${WARM_UP} warm-up requests, then ${ROUNDS} rounds × ${REQUESTS} sequential requests per scenario as the administrator, scenarios interleaved per round; per round p50/p95 (nearest rank). Each figure the median of the rounds with their min and max.`,
      atRest,
      workerPeakRssMb: r1(workerPeakMb),
      latency,
      storage,
      targets,
    };
    mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench/results/national.json'), `${JSON.stringify(report, null, 2)}\n`);

    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (f: Figure) => `${f.median} [${f.min}–${f.max}]`;
    console.log(`\nNational scale — ${OPEN.toLocaleString('en')} open tasks (workflows) on ${communes.length.toLocaleString('en')} communes, ${history.tasks.toLocaleString('en')} historical rows (${history.events.toLocaleString('en')} events), ${history.units.toLocaleString('en')} units${QUICK ? ' (quick)' : ''}`);
    console.log(`${cpus().length} cores, Node ${process.version}; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}; median of ${ROUNDS} rounds [min–max]`);
    console.log(`history seeded in ${r1(seedSeconds)} s; open tasks assigned and recorded in ${Math.round(assignment.seconds)} s: ${r1(assignment.recordedPerSecond)} tasks/s (the API answered ${r1(assignment.answeredPerSecond)}/s)\n`);
    console.log(`at rest, ${ROUNDS} × ${r1(REST_SECONDS / ROUNDS)} s   ${pad('RSS MB', 26)}${pad('PSS MB', 26)}CPU % of one core`);
    for (const part of PARTS) console.log(`  ${pad(part, 24)}${pad(num(atRest[part].rssMb), 26)}${pad(num(atRest[part].pssMb), 26)}${num(atRest[part].cpuPercent)}`);
    console.log(`  ${pad('machine (in use)', 24)}${pad(num(atRest.machine.usedMb), 52)}${num(atRest.machine.cpuPercent)}`);
    console.log(`  the worker's peak RSS since it started (VmHWM): ${r1(workerPeakMb)} MB\n`);
    console.log(`${pad('latency, ms', 22)}${pad('n', 12)}${pad('p50', 24)}${pad('p95', 24)}${pad('min', 9)}max`);
    for (const s of scenarios) {
      const r = latency[s.name];
      console.log(`  ${pad(s.name, 20)}${pad(s.rounds.map((x) => x.n).join('/'), 12)}${pad(num(r.p50), 24)}${pad(num(r.p95), 24)}${pad(String(r.min), 9)}${r.max}`);
    }
    console.log(`\nstorage: Temporal SQLite ${storage.temporalSqliteMb} MB (+ write-ahead log ${storage.temporalWalMb} MB), PostgreSQL database ${storage.postgresDatabaseMb} MB (tasks ${storage.tasksWithIndexesMb} MB, task_events ${storage.eventsWithIndexesMb} MB, with indexes)`);
    console.log('\ntargets (issue 13 P3), measured beside each:');
    for (const t of targets) console.log(`  ${pad(t.what, 58)}${pad(num(t.measured), 26)}target ${t.target}`);
    console.log('\nwritten to bench/results/national.json');
  } finally {
    await tearDown({ pg, stack, dir, keep: args.keep ?? false, log });
  }
}

runBenchmark(main);
