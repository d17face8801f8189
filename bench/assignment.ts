/**
 * P2 — assignment throughput against the Temporal server's own ceiling (issue 13).
 *
 *   npx tsx bench/assignment.ts             10,000 tasks per run
 *   npx tsx bench/assignment.ts --quick     500 tasks per run (a few minutes)
 *   options: --tasks N, --runs N (default 3), --keep (keep the data directory), DONDOC_SKIP_BUILD=1,
 *            --temporal=dev (default) or --temporal=postgres
 *
 * Starts the whole stack as `npm start` does — scripts/start.ts itself, on free ports and a
 * throwaway data directory (embedded PostgreSQL, the Temporal dev server with its SQLite file,
 * the mail sink, the API and the worker) — and measures, in the same run on the same machine:
 *
 * - plan: `POST /api/assignments`, the whole run in one request (up to 10,000 tasks), answered 202
 *   at once while the assignment's workflow starts the task workflows, from the request until every
 *   task's workflow has recorded ASSIGNED in PostgreSQL (tasks/s);
 * - bulk: `POST /api/tasks/bulk` in plans of 500 (the route's limit), one after the other, likewise;
 * - single: `POST /api/tasks` at concurrency 8, likewise;
 * - bulk serial: the same bulk plans with TASK_START_CONCURRENCY=1 (a second stack start on the
 *   same data): how the API started its workflows before they were started 16 at a time;
 * - the ceiling: raw `client.workflow.start` of a trivial workflow type (no worker polls its queue,
 *   so only the start is measured) at concurrency 32 on the same Temporal server (starts/s).
 * - the limit under both: the disk's synced-write rate in the data directory (bench/fsync.ts), each run;
 * - where the time goes: the CPU time of the API, the worker, the Temporal server and PostgreSQL
 *   (each a process tree, bench/processes.ts) per task of each scenario.
 *
 * With --temporal=postgres the benchmark starts the production shape itself — embedded PostgreSQL
 * and the Temporal server binary on it with 4 history shards (libs/dev-stack temporal-postgres.ts)
 * — and npm start uses both (DATABASE_URL, TEMPORAL_ADDRESS): dondoc's tables and Temporal's on one
 * PostgreSQL, as the production shape has them; the ceiling then measures that server.
 *
 * Each figure is the median of --runs runs with min and max; the ratios are per run, then their
 * median. Prints a table and writes bench/results/assignment.json. Figures are never asserted.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import pLimit from 'p-limit';
import { Client as PgClient } from 'pg';
import { PROJECT_ROOT, startPostgres, startTemporalOnPostgres, TEMPORAL_SERVER_VERSION, waitUntil } from '../libs/dev-stack/src';
import { figure, loadAverage, r1, r2, runBenchmark, type Figure } from './figures';
import { fsyncRate } from './fsync';
import { partCpuSeconds, partPids, PARTS, type Part } from './processes';
import { benchDirectory, buildOnce, call, freePorts, onInterrupt, signIn, startStack, tearDown, type Stack, type StackPorts } from './stack';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    tasks: { type: 'string' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    temporal: { type: 'string', default: 'dev' },
  },
});
if (args.temporal !== 'dev' && args.temporal !== 'postgres') throw new Error(`--temporal must be dev or postgres, not ${args.temporal}`);
const TEMPORAL = args.temporal;
const TASKS = Number(args.tasks ?? (args.quick ? 500 : 10_000));
if (!Number.isInteger(TASKS) || TASKS < 1) throw new Error(`--tasks must be a positive whole number, not ${args.tasks}`);
const RUNS = Math.max(3, Number(args.runs));
const PLAN = 500;
/** The most tasks `POST /api/assignments` takes in one request. */
const MAX_PLAN = 10_000;
const SINGLE_CONCURRENCY = 8;
const CEILING_CONCURRENCY = 32;

const log = (line: string) => process.stderr.write(`[bench assignment] ${line}\n`);
const load = () => loadAverage(loadavg);

// ----- the API --------------------------------------------------------------------------------------

/** A province with its communes (the lead units) and the benchmark's template: due in 90 days, reminders in days (the timers sleep). */
async function setUp(api: string, token: string): Promise<string[]> {
  const province = (await call(api, token, 'POST', '/units', { code: 'BENCH-P', nameVi: 'Tỉnh thử tải', level: 'province' })) as { id: string };
  const communes: string[] = [];
  for (let i = 1; i <= 20; i++) {
    communes.push(((await call(api, token, 'POST', '/units', { code: `BENCH-X${String(i).padStart(3, '0')}`, nameVi: `Xã thử tải ${i}`, level: 'commune', parentId: province.id })) as { id: string }).id);
  }
  await call(api, token, 'POST', '/templates', {
    key: 'bench',
    nameVi: 'Mẫu đo tải',
    nameEn: 'Benchmark template',
    defaultDuration: '90d',
    reminders: ['30d', '7d', '1d'],
    acknowledgementReminder: { every: '3d', max: 2 },
    escalation: { levels: [], decisionReminderEvery: '2d', explanationDeadline: '5d' },
    evidence: { required: ['OPERATING_PRODUCT'], reviewer: { type: 'ASSIGNER' }, probe: { probes: 2, window: '1s', maxLatencyMs: 2000 }, afterCare: null },
  });
  return communes;
}

const taskBody = (communes: string[], run: string, i: number) => ({ templateKey: 'bench', title: `Nhiệm vụ đo tải ${run} #${i}`, leadUnitId: communes[i % communes.length] });

/** Waits until `n` tasks whose title carries `run` have recorded ASSIGNED (the workflow's first event, written by its activity). */
async function untilRecorded(pg: PgClient, run: string, n: number): Promise<void> {
  await waitUntil(
    `${n} tasks of ${run} recorded ASSIGNED`,
    async () => {
      const { rows } = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE e.type = 'ASSIGNED' AND t.title LIKE $1`,
        [`Nhiệm vụ đo tải ${run} #%`],
      );
      return rows[0].n >= n;
    },
    Math.max(600_000, n * 500),
    250,
  );
}

type Mode = 'plan' | 'bulk' | 'single';

/**
 * One run: one plan assignment (202 at once, the workflows started in the background), bulk plans
 * one after the other, or single POSTs at concurrency 8. Tasks/s until the API had answered every
 * request (`answered`), and until every task's workflow recorded ASSIGNED (`recorded`); the CPU
 * time each part spent meanwhile, in milliseconds per task (`cpu`).
 */
async function assignRun(api: string, token: string, pg: PgClient, communes: string[], mode: Mode, pids: () => Record<Part, number>): Promise<{ answered: number; recorded: number; cpu: Record<Part, number> }> {
  const run = randomUUID().slice(0, 8);
  const cpuBefore = partCpuSeconds(pids());
  const started = performance.now();
  if (mode === 'plan') {
    for (let from = 0; from < TASKS; from += MAX_PLAN) {
      const tasks = Array.from({ length: Math.min(MAX_PLAN, TASKS - from) }, (_, k) => taskBody(communes, run, from + k));
      await call(api, token, 'POST', '/assignments', { tasks });
    }
  } else if (mode === 'bulk') {
    for (let from = 0; from < TASKS; from += PLAN) {
      const tasks = Array.from({ length: Math.min(PLAN, TASKS - from) }, (_, k) => taskBody(communes, run, from + k));
      await call(api, token, 'POST', '/tasks/bulk', { tasks });
    }
  } else {
    const limit = pLimit(SINGLE_CONCURRENCY);
    await Promise.all(Array.from({ length: TASKS }, (_, i) => limit(() => call(api, token, 'POST', '/tasks', taskBody(communes, run, i)))));
  }
  const answered = TASKS / ((performance.now() - started) / 1000);
  await untilRecorded(pg, run, TASKS);
  const recorded = TASKS / ((performance.now() - started) / 1000);
  const cpuAfter = partCpuSeconds(pids());
  return { answered, recorded, cpu: Object.fromEntries(PARTS.map((part) => [part, ((cpuAfter[part] - cpuBefore[part]) * 1000) / TASKS])) as Record<Part, number> };
}

/** Starts/s of raw `workflow.start` of a trivial workflow at concurrency 32 (nothing polls its queue: the start alone). */
async function ceilingRun(temporalAddress: string): Promise<number> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new TemporalClient({ connection });
    const queue = `bench-ceiling-${randomUUID()}`;
    const limit = pLimit(CEILING_CONCURRENCY);
    const started = performance.now();
    await Promise.all(Array.from({ length: TASKS }, (_, i) => limit(() => client.workflow.start('benchNoop', { workflowId: `${queue}-${i}`, taskQueue: queue, args: [] }))));
    const seconds = (performance.now() - started) / 1000;
    // Nothing will ever run them: terminate, so the server does not keep them open.
    await Promise.all(Array.from({ length: TASKS }, (_, i) => limit(() => client.workflow.getHandle(`${queue}-${i}`).terminate('benchmark ceiling run'))));
    return TASKS / seconds;
  } finally {
    await connection.close();
  }
}

// ----- the Temporal server ---------------------------------------------------------------------------

/** The Temporal server under the stack, with what npm start is told about it and how to stop what was started here. */
interface TemporalUnderTest {
  name: string;
  /** For the report's method. */
  shape: string;
  env: Record<string, string>;
  /** The processes started here (npm start records its own). */
  pids: Partial<Record<Part, number>>;
  stop(): Promise<void>;
}

/**
 * dev: npm start's own dev server (nothing to start here). postgres: embedded PostgreSQL and the
 * Temporal server on it, on the ports npm start would give its own (so Stack.databaseUrl and
 * temporalAddress name them); the app keeps its `dondoc` role and database.
 */
async function startTemporal(kind: 'dev' | 'postgres', dir: string, ports: StackPorts): Promise<TemporalUnderTest> {
  if (kind === 'dev') return { name: 'dev-sqlite', shape: 'embedded defaults: Temporal dev server on SQLite, embedded PostgreSQL', env: {}, pids: {}, stop: () => Promise.resolve() };
  log(`embedded PostgreSQL and the Temporal server ${TEMPORAL_SERVER_VERSION} on it…`);
  const postgres = await startPostgres({ dataDir: join(dir, 'postgres'), port: ports.postgres });
  const superuser = new URL(postgres.superuserUrl);
  const shards = 4;
  // The server's warnings (many while it starts and stops) go to a file, not between the figures.
  const serverLog = join(dir, 'temporal-postgres.log');
  log(`its log: ${serverLog}${args.keep ? '' : ' (kept with --keep)'}`);
  try {
    const temporal = await startTemporalOnPostgres({
      postgres: { host: superuser.hostname, port: Number(superuser.port), user: decodeURIComponent(superuser.username), password: decodeURIComponent(superuser.password) },
      port: ports.temporal,
      historyShards: shards,
      dataDir: join(dir, 'temporal-postgres'),
      onLog: (line) => appendFileSync(serverLog, `${line}\n`),
    });
    return {
      name: `postgres (${shards} shards)`,
      shape: `the Temporal server ${TEMPORAL_SERVER_VERSION} with ${shards} history shards on the embedded PostgreSQL that also holds dondoc's database`,
      env: { DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: temporal.address },
      pids: { postgres: postgres.pid, temporal: temporal.pid },
      stop: async () => {
        await temporal.stop();
        await postgres.stop();
      },
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

// ----- main -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const date = new Date();
  buildOnce(log);
  const dir = benchDirectory('assignment');
  const ports = await freePorts();
  let stack: Stack | undefined;
  let pg: PgClient | undefined;
  let temporal: TemporalUnderTest | undefined;
  onInterrupt(async () => {
    await stack?.stop();
    await temporal?.stop();
  }, dir, args.keep ?? false);
  /** A connection to the stack's database (the tasks' ASSIGNED events). */
  const connect = async (url: string) => {
    await pg?.end();
    pg = new PgClient({ connectionString: url });
    // The stack's PostgreSQL stops with it: a connection it ends is no error here.
    pg.on('error', () => undefined);
    await pg.connect();
    return pg;
  };
  try {
    const figures = {
      plan: [] as number[],
      bulk: [] as number[],
      single: [] as number[],
      bulkSerial: [] as number[],
      ceiling: [] as number[],
      fsync: [] as number[],
      planAnswered: [] as number[],
      bulkAnswered: [] as number[],
      singleAnswered: [] as number[],
      bulkSerialAnswered: [] as number[],
    };
    type Scenario = 'plan' | 'bulk' | 'single' | 'bulkSerial';
    const cpu: Record<Scenario, Record<Part, number>[]> = { plan: [], bulk: [], single: [], bulkSerial: [] };
    const add = (name: Scenario, run: { answered: number; recorded: number; cpu: Record<Part, number> }) => {
      figures[name].push(run.recorded);
      figures[`${name}Answered`].push(run.answered);
      cpu[name].push(run.cpu);
    };
    temporal = await startTemporal(TEMPORAL, dir, ports);
    log(`npm start in ${dir} on Temporal ${temporal.name} (TASK_START_CONCURRENCY default)…`);
    stack = await startStack(dir, ports, temporal.env);
    const pids = () => partPids(dir, temporal!.pids);
    let token = await signIn(stack.api);
    const communes = await setUp(stack.api, token);
    let db = await connect(stack.databaseUrl);
    log(`measuring ${RUNS} runs of ${TASKS} tasks each (load average ${load().join(' ')})`);
    const loadBefore = load();
    for (let run = 1; run <= RUNS; run++) {
      figures.fsync.push(fsyncRate(dir));
      figures.ceiling.push(await ceilingRun(stack.temporalAddress));
      add('plan', await assignRun(stack.api, token, db, communes, 'plan', pids));
      add('bulk', await assignRun(stack.api, token, db, communes, 'bulk', pids));
      add('single', await assignRun(stack.api, token, db, communes, 'single', pids));
      log(`run ${run}/${RUNS}: ceiling ${r1(figures.ceiling.at(-1)!)}/s, plan ${r1(figures.plan.at(-1)!)}/s, bulk ${r1(figures.bulk.at(-1)!)}/s, single ${r1(figures.single.at(-1)!)}/s (load ${load().join(' ')})`);
    }
    await pg?.end();
    pg = undefined;
    await stack.stop();
    log('npm start again with TASK_START_CONCURRENCY=1 (workflows started one by one, as before)…');
    // Fresh ports for the servers that may still be letting go of theirs (the API, the mail sink and
    // its mailbox, the UI); PostgreSQL and Temporal keep their data directories.
    const again = await freePorts();
    stack = await startStack(dir, { ...ports, api: again.api, ui: again.ui, smtp: again.smtp, mailbox: again.mailbox }, { ...temporal.env, TASK_START_CONCURRENCY: '1' });
    token = await signIn(stack.api);
    db = await connect(stack.databaseUrl);
    for (let run = 1; run <= RUNS; run++) {
      add('bulkSerial', await assignRun(stack.api, token, db, communes, 'bulk', pids));
      log(`serial run ${run}/${RUNS}: bulk ${r1(figures.bulkSerial.at(-1)!)}/s`);
    }
    const loadAfter = load();

    const ratio = (a: number[], b: number[]) => figure(a.map((x, i) => x / b[i]), r2);
    const results = {
      plan: { what: `POST /api/assignments, ${Math.min(TASKS, MAX_PLAN).toLocaleString('en')} tasks a request (202 at once, workflows started in the background), until every task recorded ASSIGNED (tasks/s)`, ...figure(figures.plan), runs: figures.plan.map(r1) },
      bulk: { what: `POST /api/tasks/bulk, plans of ${PLAN} one after the other, until every task recorded ASSIGNED (tasks/s)`, ...figure(figures.bulk), runs: figures.bulk.map(r1) },
      single: { what: `POST /api/tasks at concurrency ${SINGLE_CONCURRENCY}, until every task recorded ASSIGNED (tasks/s)`, ...figure(figures.single), runs: figures.single.map(r1) },
      bulkSerial: { what: 'bulk with TASK_START_CONCURRENCY=1: workflows started one by one, as before (tasks/s)', ...figure(figures.bulkSerial), runs: figures.bulkSerial.map(r1) },
      planAnswered: { what: 'plan, until the API had answered (rows written, the assignment started) (tasks/s)', ...figure(figures.planAnswered), runs: figures.planAnswered.map(r1) },
      bulkAnswered: { what: 'bulk, until the API had answered every plan (workflows started, rows written) (tasks/s)', ...figure(figures.bulkAnswered), runs: figures.bulkAnswered.map(r1) },
      singleAnswered: { what: 'single, until the API had answered every request (tasks/s)', ...figure(figures.singleAnswered), runs: figures.singleAnswered.map(r1) },
      bulkSerialAnswered: { what: 'bulk serial, until the API had answered every plan (tasks/s)', ...figure(figures.bulkSerialAnswered), runs: figures.bulkSerialAnswered.map(r1) },
      fsync: { what: 'synced 8 kB writes (fdatasync) in the data directory, one after the other (per second): the disk behind every durable commit', ...figure(figures.fsync), runs: figures.fsync.map(r1) },
      ceiling: { what: `raw client.workflow.start of a trivial workflow at concurrency ${CEILING_CONCURRENCY}, same server (starts/s)`, ...figure(figures.ceiling), runs: figures.ceiling.map(r1) },
    };
    const ratios = {
      planToCeiling: { what: 'plan ÷ ceiling (target ≥ 0.5)', ...ratio(figures.plan, figures.ceiling) },
      bulkToCeiling: { what: 'bulk ÷ ceiling', ...ratio(figures.bulk, figures.ceiling) },
      ceilingToFsync: { what: 'ceiling ÷ fsync rate: workflow starts per synced write (group commit makes it > 1)', ...ratio(figures.ceiling, figures.fsync) },
      bulkToFsync: { what: 'bulk ÷ fsync rate: tasks recorded per synced write', ...ratio(figures.bulk, figures.fsync) },
      singleToCeiling: { what: 'single ÷ ceiling', ...ratio(figures.single, figures.ceiling) },
      bulkToSerial: { what: 'bulk ÷ bulk with workflows started one by one', ...ratio(figures.bulk, figures.bulkSerial) },
    };
    const report = {
      benchmark: 'assignment',
      date: date.toISOString(),
      quick: args.quick ?? false,
      temporal: temporal.name,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      method: `${RUNS} runs of ${TASKS} tasks per scenario on one npm start stack (${temporal.shape}); each figure the median of the runs with min and max; ratios per run, then their median.`,
      results,
      ratios,
      cpuPerTask: {
        what: 'CPU milliseconds per task of each part (its whole process tree) while the scenario ran, median of the runs [min–max]: where the time goes',
        ...Object.fromEntries((Object.keys(cpu) as Scenario[]).map((scenario) => [scenario, Object.fromEntries(PARTS.map((part) => [part, figure(cpu[scenario].map((c) => c[part]))]))])),
      },
    };
    mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench/results/assignment.json'), `${JSON.stringify(report, null, 2)}\n`);

    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (f: Figure) => `${f.median} [${f.min}–${f.max}]`;
    console.log(`\nAssignment benchmark — ${TASKS.toLocaleString('en')} tasks per run, ${RUNS} runs${args.quick ? ' (quick)' : ''}, Temporal ${temporal.name}`);
    console.log(`${cpus().length} cores, Node ${process.version}; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}; per second, median [min–max]\n`);
    for (const [name, r] of Object.entries(results)) console.log(`  ${pad(name, 20)}${pad(num(r), 26)}${r.what}`);
    console.log('\nratios (per run, median [min–max]):');
    for (const [name, r] of Object.entries(ratios)) console.log(`  ${pad(name, 18)}${pad(num(r), 22)}${r.what}`);
    console.log('\nCPU ms per task, median [min–max] (each part’s process tree):');
    console.log(`  ${pad('', 12)}${PARTS.map((part) => pad(part, 22)).join('')}`);
    for (const scenario of Object.keys(cpu) as Scenario[]) {
      console.log(`  ${pad(scenario, 12)}${PARTS.map((part) => pad(num(figure(cpu[scenario].map((c) => c[part]))), 22)).join('')}`);
    }
    console.log('\nwritten to bench/results/assignment.json');
  } finally {
    // npm start before the servers it runs on, both before tearDown (its stop of the stack is then a no-op) removes the directory.
    await stack?.stop().catch(() => undefined);
    await temporal?.stop().catch(() => undefined);
    await tearDown({ pg, stack, dir, keep: args.keep ?? false, log });
  }
}

runBenchmark(main);
