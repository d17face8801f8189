/**
 * P1 — reminders: precision and durability, against BullMQ and pg-boss (issue 13).
 *
 *   npx tsx bench/reminders.ts            10,000 tasks per run, 3 runs of each scenario
 *   npx tsx bench/reminders.ts --quick    200 tasks, one run of each (a smoke: a few minutes)
 *   options: --tasks N, --runs N, --keep (keep the data directory), --only dondoc-crash,pgboss (some
 *   scenarios), --dump (every email's instants to bench/results/reminders-<scenario>-<run>.json), DONDOC_SKIP_BUILD=1;
 *   REDIS_URL (default redis://127.0.0.1:6379) for BullMQ, skipped with a message when none answers
 *
 * Starts the whole stack as `npm start` does (scripts/start.ts on free ports and a throwaway data
 * directory), with the benchmark's own SMTP server, which notes when each Message-ID arrives. N
 * tasks are assigned at once (bulk plans of 500) to the communes of a province, each with its focal
 * officer, with a seconds-scale template: three reminders before the due time (to the officer) and
 * the overdue notice (to the head and the officer), due times spread over a window so that every
 * notification falls within about two minutes. For every expected email:
 * - lateness: received by the SMTP server − its scheduled instant (the due time minus the reminder's
 *   offset, or the due time), p50/p95/p99/max; split into the timer firing late (the event's time in
 *   the timeline − the instant) and the outbox (received − the row's creation);
 * - lost: expected − received; duplicates: the same task × kind × recipient received twice.
 * The crash run does the same, SIGKILLs the worker a third of the way into the window, and npm
 * start starts a new one 15 s later (DONDOC_RESTART_BACKOFF_MS): lost, duplicates, and the time
 * from that restart until every email due before it has arrived (drain).
 *
 * The peers get the same jobs (same keys, same instants) and the same crash: BullMQ delayed jobs
 * and pg-boss `startAfter` jobs, each delivering into a ledger with a unique key (see
 * bench/reminder-peers.ts for their production settings). Each figure is the median of the runs
 * with min and max. Prints a table and writes bench/results/reminders.json; nothing is asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { SMTPServer } from 'smtp-server';
import { eachLine, exited, freePort, PROJECT_ROOT, stopChild, waitUntil } from '../libs/dev-stack/src';
import { figure, loadAverage, percentile, r1, r2, runBenchmark, type Figure } from './figures';
import { enqueue, LEDGER_SQL, redisAnswers, type Peer, type PeerJob } from './reminder-peers';
import { benchDirectory, buildOnce, call, freePorts, onInterrupt, signIn, startStack, tearDown, type Stack } from './stack';

/**
 * The dondoc workload of a run: `tasks` tasks, reminders `offsets` seconds before the due time,
 * due times spread over `spreadS` seconds (bench/scale-out.ts runs it too).
 */
export interface Workload {
  tasks: number;
  offsets: number[];
  spreadS: number;
}
/** The quick window (every email within about 30 s) and the full one (about two minutes). */
export const QUICK_WINDOW = { offsets: [15, 10, 5], spreadS: 10 };
export const FULL_WINDOW = { offsets: [90, 60, 30], spreadS: 30 };
const COMMUNES = 20;
const PLAN = 500;
/** Assignment must be over before the first reminder: budgeted at this rate, plus a margin. */
const ASSIGN_BUDGET_PER_S = 20;
const RESTART_AFTER_MS = 15_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The reminders to the officer, then the overdue notice to the head and the officer. */
const emailsPerTask = (w: Workload) => w.offsets.length + 2;

const log = (line: string) => process.stderr.write(`[bench reminders] ${line}\n`);
const load = () => loadAverage(loadavg);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

// ----- what a run measures ---------------------------------------------------------------------------

/** One delivery expected: its instant, and when it arrived (each arrival), with dondoc's split. */
interface Expected {
  key: string;
  at: number;
  received: number[];
  timerLateMs?: number;
  outboxMs?: number;
  /** dondoc: when the event was recorded in the timeline, and when its outbox row was written. */
  eventAt?: number;
  queuedAt?: number;
}

/** With --dump: every email's instants, relative to the restart (or the window's start), for reading where the time went. */
function dump(name: string, expected: Expected[], origin: number): void {
  const rel = (x: number | undefined) => (x === undefined ? null : r2((x - origin) / 1000));
  const rows = expected.map((e) => ({ at: rel(e.at), eventAt: rel(e.eventAt), queuedAt: rel(e.queuedAt), received: e.received.map(rel) })).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
  mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, `bench/results/reminders-${name}.json`), `${JSON.stringify({ origin: new Date(origin).toISOString(), rows })}\n`);
}

export interface RunFigures {
  expected: number;
  lost: number;
  duplicates: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  timerP50?: number;
  timerP99?: number;
  outboxP50?: number;
  outboxP99?: number;
  drainS?: number;
}

function summarise(expected: Expected[], restartAt?: number): RunFigures {
  const received = expected.filter((e) => e.received.length > 0);
  const lateness = received.map((e) => (Math.min(...e.received) - e.at) / 1000).sort((a, b) => a - b);
  const sorted = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined).map((x) => x / 1000).sort((a, b) => a - b);
  const timer = sorted(expected.map((e) => e.timerLateMs));
  const outbox = sorted(expected.map((e) => e.outboxMs));
  const backlog = restartAt === undefined ? [] : received.filter((e) => e.at < restartAt).map((e) => Math.max(...e.received));
  return {
    expected: expected.length,
    lost: expected.length - received.length,
    duplicates: expected.reduce((n, e) => n + Math.max(0, e.received.length - 1), 0),
    p50: r2(percentile(lateness, 50)),
    p95: r2(percentile(lateness, 95)),
    p99: r2(percentile(lateness, 99)),
    max: r2(lateness.at(-1) ?? NaN),
    ...(timer.length ? { timerP50: r2(percentile(timer, 50)), timerP99: r2(percentile(timer, 99)) } : {}),
    ...(outbox.length ? { outboxP50: r2(percentile(outbox, 50)), outboxP99: r2(percentile(outbox, 99)) } : {}),
    ...(restartAt !== undefined ? { drainS: r2(backlog.length ? (Math.max(...backlog) - restartAt) / 1000 : 0) } : {}),
  };
}

/** The window of a run: the first reminder at `first`, due times from `dueBase` over the workload's spread. */
function timeline(first: number, w: Workload) {
  const dueBase = first + Math.max(...w.offsets) * 1000;
  const end = dueBase + w.spreadS * 1000;
  return { first, dueBase, end, killAt: first + (end - first) / 3, dueOf: (i: number) => dueBase + (i % w.spreadS) * 1000 };
}

// ----- the SMTP server that notes arrivals -------------------------------------------------------------

export class Arrivals {
  readonly byMessageId = new Map<string, number[]>();
  private server?: SMTPServer;

  async start(port: number): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 16_384) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          const id = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1];
          if (id) this.byMessageId.set(id, [...(this.byMessageId.get(id) ?? []), Date.now()]);
          callback();
        });
      },
    });
    this.server.on('error', () => undefined); // a killed worker resets its connections
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

// ----- dondoc --------------------------------------------------------------------------------------------

export interface World {
  communes: { id: string; officer: string }[];
}

/** A province, its communes each with a head and a focal officer, and the seconds-scale template (reminders `offsets` seconds before the due time). */
export async function setUp(api: string, token: string, offsets: number[]): Promise<World> {
  const province = (await call(api, token, 'POST', '/units', { code: 'NHAC-P', nameVi: 'Tỉnh đo nhắc việc', level: 'province' })) as { id: string };
  const communes: World['communes'] = [];
  for (let i = 1; i <= COMMUNES; i++) {
    const code = `NHAC-X${String(i).padStart(3, '0')}`;
    const unit = (await call(api, token, 'POST', '/units', { code, nameVi: `Xã đo nhắc việc ${i}`, level: 'commune', parentId: province.id })) as { id: string };
    await call(api, token, 'POST', '/users', { email: `chu.tich.${i}@nhac.bench`, name: `Chủ tịch xã ${i}`, unitId: unit.id, roles: ['HEAD'], sendInvitation: false });
    const officer = (await call(api, token, 'POST', '/users', { email: `can.bo.${i}@nhac.bench`, name: `Cán bộ xã ${i}`, unitId: unit.id, roles: ['OFFICER'], sendInvitation: false })) as { id: string };
    communes.push({ id: unit.id, officer: officer.id });
  }
  await call(api, token, 'POST', '/templates', {
    key: 'nhac-viec',
    nameVi: 'Mẫu đo nhắc việc',
    nameEn: 'Reminder benchmark template',
    defaultDuration: '1d',
    reminders: offsets.map((s) => `${s}s`),
    acknowledgementReminder: null,
    escalation: { levels: [], decisionReminderEvery: '2d', explanationDeadline: '5d' },
    evidence: { required: ['OPERATING_PRODUCT'], reviewer: { type: 'ASSIGNER' }, probe: { probes: 2, window: '1s', maxLatencyMs: 2000 }, afterCare: null },
    notifications: { workingHoursOnly: false },
  });
  return { communes };
}

/** How a dondoc run is driven. */
export interface DondocRunOptions {
  /** The APIs the plans go to: each its share, all at once (one after the other within each). */
  apis: string[];
  /** Called a third of the way into the window to kill a worker; resolves with the instant a new one started, or undefined when none does. */
  crash?: () => Promise<number | undefined>;
  /** Every email's instants to bench/results/ (--dump). */
  dump?: boolean;
  log: (line: string) => void;
}

/** One run of the workload on a dondoc stack: assigns the tasks, waits for every email and measures each one's lateness. */
export async function dondocRun(w: Workload, token: string, world: World, arrivals: Arrivals, pg: PgClient, options: DondocRunOptions): Promise<RunFigures> {
  const run = randomUUID().slice(0, 8);
  const t = timeline(Date.now() + (w.tasks / ASSIGN_BUDGET_PER_S) * 1000 + 10_000, w);
  const started = Date.now();
  const plan = (from: number) =>
    Array.from({ length: Math.min(PLAN, w.tasks - from) }, (_, k) => {
      const i = from + k;
      const commune = world.communes[i % world.communes.length];
      return { templateKey: 'nhac-viec', title: `Nhắc việc ${run} #${i}`, leadUnitId: commune.id, focalOfficerId: commune.officer, dueAt: new Date(t.dueOf(i)).toISOString() };
    });
  const { apis } = options;
  await Promise.all(
    apis.map(async (api, lane) => {
      for (let from = lane * PLAN; from < w.tasks; from += PLAN * apis.length) await call(api, token, 'POST', '/tasks/bulk', { tasks: plan(from) });
    }),
  );
  options.log(`  ${w.tasks} tasks assigned in ${r1((Date.now() - started) / 1000)} s; first reminder in ${r1((t.first - Date.now()) / 1000)} s`);
  if (Date.now() > t.first) throw new Error('assignment ran past the first reminder: lower --tasks or raise ASSIGN_BUDGET_PER_S');

  let restartAt: number | undefined;
  if (options.crash) {
    await sleep(t.killAt - Date.now());
    restartAt = await options.crash();
  }

  // Every expected email: from the outbox rows of the run's REMINDER and OVERDUE events (the key is the workflow, the event's seq, the recipient).
  const rowsOf = async () =>
    (
      await pg.query<{ message_id: string; at: Date; created_at: Date; type: string; offset_s: number | null; due_at: Date }>(
        `SELECT n.message_id, e.at, n.created_at, e.type, (e.data->>'offsetSeconds')::int AS offset_s, t.due_at
           FROM tasks t
           JOIN notifications n ON n.task_id = t.id
           JOIN task_events e ON e.task_id = t.id AND e.seq = split_part(n.idempotency_key, ':', 2)::int
          WHERE t.title LIKE $1 AND e.type IN ('REMINDER', 'OVERDUE')`,
        [`Nhắc việc ${run} #%`],
      )
    ).rows;
  const expectedCount = w.tasks * emailsPerTask(w);
  const deadline = t.end + 120_000 + (options.crash ? RESTART_AFTER_MS : 0);
  let rows = await rowsOf();
  while (Date.now() < deadline) {
    rows = await rowsOf();
    if (rows.length >= expectedCount && rows.every((row) => arrivals.byMessageId.has(row.message_id))) break;
    await sleep(1_000);
  }
  await sleep(2_000); // anything sent twice arrives now
  rows = await rowsOf();
  const expected: Expected[] = rows.map((row) => {
    const at = row.due_at.getTime() - (row.type === 'REMINDER' ? (row.offset_s ?? 0) * 1000 : 0);
    const received = arrivals.byMessageId.get(row.message_id) ?? [];
    return {
      key: row.message_id,
      at,
      received,
      timerLateMs: row.at.getTime() - at,
      outboxMs: received.length ? Math.min(...received) - row.created_at.getTime() : undefined,
      eventAt: row.at.getTime(),
      queuedAt: row.created_at.getTime(),
    };
  });
  // Events never recorded have no row: lost too.
  for (let i = expected.length; i < expectedCount; i++) expected.push({ key: `missing-${i}`, at: t.end, received: [] });
  if (options.dump) dump(`dondoc${options.crash ? '-crash' : ''}-${run}`, expected, restartAt ?? t.first);
  return summarise(expected, restartAt);
}

// ----- the peers -------------------------------------------------------------------------------------------

async function startPeerWorker(peer: Peer, run: string, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'reminder-peers.ts'), 'worker', peer, run], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    eachLine(child.stdout, (line) => line === 'ready' && resolve());
    eachLine(child.stderr, (line) => log(`  ${peer} worker: ${line}`));
    void exited(child).then(() => reject(new Error(`the ${peer} worker exited during start-up`)));
  });
  return child;
}

async function peerRun(peer: Peer, w: Workload, databaseUrl: string, pg: PgClient, crash: boolean): Promise<RunFigures> {
  const run = randomUUID().slice(0, 8);
  const t = timeline(Date.now() + 5_000, w);
  const jobs: PeerJob[] = [];
  for (let i = 0; i < w.tasks; i++) {
    const due = t.dueOf(i);
    // Keys without ':' (BullMQ's own separator in its Redis keys).
    for (const offset of w.offsets) jobs.push({ key: `t${i}.reminder-${offset}.officer`, at: due - offset * 1000 });
    jobs.push({ key: `t${i}.overdue.head`, at: due }, { key: `t${i}.overdue.officer`, at: due });
  }
  let worker = await startPeerWorker(peer, run, databaseUrl);
  await enqueue(peer, run, jobs, { redis: REDIS_URL, database: databaseUrl });
  let restartAt: number | undefined;
  try {
    if (crash) {
      await sleep(t.killAt - Date.now());
      worker.kill('SIGKILL');
      await exited(worker);
      await sleep(RESTART_AFTER_MS);
      restartAt = Date.now();
      worker = await startPeerWorker(peer, run, databaseUrl);
    }
    const delivered = async () => (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_ledger WHERE system = $1 AND run = $2', [peer, run])).rows[0].n;
    const deadline = t.end + 120_000;
    while (Date.now() < deadline && (await delivered()) < jobs.length) await sleep(500);
    await sleep(2_000);
  } finally {
    await stopChild(worker, 'SIGTERM', 5_000, { groupFirst: false });
  }
  const { rows } = await pg.query<{ key: string; received_ms: number; deliveries: number }>('SELECT key, received_ms, deliveries FROM bench_ledger WHERE system = $1 AND run = $2', [peer, run]);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  // The ledger keeps the first arrival; later ones only count (their time is not needed: lateness is the first's).
  const expected: Expected[] = jobs.map((job) => {
    const row = byKey.get(job.key);
    return { key: job.key, at: job.at, received: row ? Array.from({ length: row.deliveries }, () => row.received_ms) : [] };
  });
  return summarise(expected, restartAt);
}

// ----- main ------------------------------------------------------------------------------------------------

const SCENARIOS = ['dondoc', 'dondoc-crash', 'bullmq', 'bullmq-crash', 'pgboss', 'pgboss-crash'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** A crash of npm start's worker: SIGKILL, then npm start starts a new one RESTART_AFTER_MS later (DONDOC_RESTART_BACKOFF_MS). */
function killNpmStartWorker(stack: Stack): () => Promise<number> {
  return async () => {
    const pid = stack.workerPid();
    process.kill(pid, 'SIGKILL');
    log(`  worker ${pid} killed (SIGKILL); npm start starts a new one in ${RESTART_AFTER_MS / 1000} s`);
    await waitUntil('npm start to start a new worker', () => Promise.resolve(stack.workerPid() !== pid), 60_000, 100);
    return Date.now();
  };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      tasks: { type: 'string' },
      runs: { type: 'string' },
      keep: { type: 'boolean', default: false },
      only: { type: 'string' },
      dump: { type: 'boolean', default: false },
    },
  });
  const QUICK = args.quick ?? false;
  const TASKS = Number(args.tasks ?? (QUICK ? 200 : 10_000));
  if (!Number.isInteger(TASKS) || TASKS < 1) throw new Error(`--tasks must be a positive whole number, not ${args.tasks}`);
  const RUNS = Number(args.runs ?? (QUICK ? 1 : 3));
  const w: Workload = { tasks: TASKS, ...(QUICK ? QUICK_WINDOW : FULL_WINDOW) };
  const date = new Date();
  buildOnce(log);
  const dir = benchDirectory('reminders');
  const ports = await freePorts();
  const arrivals = new Arrivals();
  const smtpPort = await freePort();
  let stack: Stack | undefined;
  let pg: PgClient | undefined;
  onInterrupt(async () => await stack?.stop(), dir, args.keep ?? false);
  try {
    await arrivals.start(smtpPort);
    const redis = await redisAnswers(REDIS_URL);
    log(redis ? `Redis at ${REDIS_URL}: ${redis}` : `no Redis answers at ${REDIS_URL}: the BullMQ rows are skipped (set REDIS_URL)`);
    log(`npm start in ${dir}, emails to the benchmark's SMTP server on ${smtpPort}…`);
    stack = await startStack(dir, ports, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, DONDOC_RESTART_BACKOFF_MS: String(RESTART_AFTER_MS) });
    const token = await signIn(stack.api);
    const world = await setUp(stack.api, token, w.offsets);
    pg = new PgClient({ connectionString: stack.databaseUrl });
    pg.on('error', () => undefined);
    await pg.connect();
    await pg.query(LEDGER_SQL);

    const results = new Map<Scenario, RunFigures[]>(SCENARIOS.map((s) => [s, []]));
    const loadBefore = load();
    log(`${RUNS} run(s) of ${TASKS} tasks × ${emailsPerTask(w)} emails, reminders ${w.offsets.join('/')} s before due times spread over ${w.spreadS} s (load ${loadBefore.join(' ')})`);
    for (let run = 1; run <= RUNS; run++) {
      for (const scenario of SCENARIOS) {
        const crash = scenario.endsWith('-crash');
        const system = scenario.replace('-crash', '') as 'dondoc' | Peer;
        if (system === 'bullmq' && !redis) continue;
        if (args.only && !args.only.split(',').includes(scenario)) continue;
        log(`run ${run}/${RUNS}: ${scenario}…`);
        const figures =
          system === 'dondoc'
            ? await dondocRun(w, token, world, arrivals, pg, { apis: [stack.api], crash: crash ? killNpmStartWorker(stack) : undefined, dump: args.dump, log })
            : await peerRun(system, w, stack.databaseUrl, pg, crash);
        results.get(scenario)!.push(figures);
        log(`  ${scenario}: lost ${figures.lost}, duplicates ${figures.duplicates}, late p50 ${figures.p50} s, p99 ${figures.p99} s, max ${figures.max} s${figures.drainS !== undefined ? `, drained ${figures.drainS} s after the restart` : ''} (load ${load().join(' ')})`);
      }
    }
    const loadAfter = load();

    const over = (runs: RunFigures[], pick: (f: RunFigures) => number | undefined): Figure | null => {
      const values = runs.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
      return values.length ? figure(values, r2) : null;
    };
    const table = Object.fromEntries(
      [...results.entries()]
        .filter(([, runs]) => runs.length > 0)
        .map(([scenario, runs]) => [
          scenario,
          {
            runs: runs.length,
            expected: runs[0].expected,
            lost: over(runs, (f) => f.lost),
            duplicates: over(runs, (f) => f.duplicates),
            lateP50: over(runs, (f) => f.p50),
            lateP95: over(runs, (f) => f.p95),
            lateP99: over(runs, (f) => f.p99),
            lateMax: over(runs, (f) => f.max),
            timerLateP50: over(runs, (f) => f.timerP50),
            timerLateP99: over(runs, (f) => f.timerP99),
            outboxP50: over(runs, (f) => f.outboxP50),
            outboxP99: over(runs, (f) => f.outboxP99),
            drainS: over(runs, (f) => f.drainS),
            each: runs,
          },
        ]),
    );
    const report = {
      benchmark: 'reminders',
      date: date.toISOString(),
      quick: QUICK,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter, redis: redis ?? 'none' },
      method: `${RUNS} run(s) per scenario of ${TASKS} tasks × ${emailsPerTask(w)} emails (${w.offsets.length} reminders to the focal officer at ${w.offsets.join('/')} s before the due time, the overdue notice to the head and the officer), due times spread over ${w.spreadS} s; crash runs SIGKILL the worker a third of the way into the window and start a new one ${RESTART_AFTER_MS / 1000} s later. Lateness in seconds (received − scheduled); each figure the median of the runs [min–max]. dondoc on npm start's embedded defaults; the peers on the same machine (BullMQ: the Redis at REDIS_URL; pg-boss: the stack's PostgreSQL).`,
      results: table,
    };
    mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench/results/reminders.json'), `${JSON.stringify(report, null, 2)}\n`);

    const num = (f: Figure | null) => (f ? (f.min === f.max ? `${f.median}` : `${f.median} [${f.min}–${f.max}]`) : '—');
    console.log(`\nReminders benchmark — ${TASKS.toLocaleString('en')} tasks × ${emailsPerTask(w)} emails per run, ${RUNS} run(s)${QUICK ? ' (quick)' : ''}`);
    console.log(`${cpus().length} cores, Node ${process.version}; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}; Redis: ${redis ?? 'none (BullMQ skipped)'}; seconds late, median [min–max]\n`);
    const columns = ['scenario', 'lost', 'dup', 'p50', 'p95', 'p99', 'max', 'drain', 'timer p50/p99', 'outbox p50/p99'];
    const widths = [15, 8, 6, 16, 16, 16, 16, 16, 18, 18];
    console.log(`  ${columns.map((c, i) => c.padEnd(widths[i])).join('')}`);
    for (const [scenario, r] of Object.entries(table)) {
      const cells = [scenario, num(r.lost), num(r.duplicates), num(r.lateP50), num(r.lateP95), num(r.lateP99), num(r.lateMax), num(r.drainS), r.timerLateP50 ? `${num(r.timerLateP50)}/${num(r.timerLateP99)}` : '', r.outboxP50 ? `${num(r.outboxP50)}/${num(r.outboxP99)}` : ''];
      console.log(`  ${cells.map((c, i) => c.padEnd(widths[i])).join('')}`);
    }
    console.log('\nwritten to bench/results/reminders.json');
  } finally {
    await tearDown({ pg, stack, dir, keep: args.keep ?? false, log });
    await arrivals.stop();
  }
}

if (require.main === module) runBenchmark(main);
