/**
 * P4 — scale-out: two API processes and two workers against one Temporal server and one PostgreSQL (issue 13).
 *
 *   npx tsx bench/scale-out.ts            plans of 10,000 tasks, reminders of 1,000 tasks, 3 runs
 *   npx tsx bench/scale-out.ts --quick    plans of 1,000 tasks, reminders of 200 tasks, 3 runs (about ten minutes)
 *   options: --runs N (default 3), --tasks N (the plan), --reminder-tasks N, --keep (keep the data
 *            directory), DONDOC_SKIP_BUILD=1
 *
 * Starts the whole stack as `npm start` does (scripts/start.ts on free ports and a throwaway data
 * directory: one API, one worker) with bench/reminders.ts's SMTP server, which notes when each
 * Message-ID arrives. Each run measures every scenario with npm start's 1 API + 1 worker, then
 * starts a second API and a second worker from `dist/` with the environment npm start gave its own
 * (bench/stack.ts startApp) and measures them again with 2 + 2, so that each ratio is taken in the
 * same run on the same machine:
 *
 * (a) assignment: one plan through `POST /api/assignments` (2 + 2: half the plan to each API, at
 *     once), tasks/s until every task's workflow has recorded its assignment (`recorded` = `total`
 *     in `GET /api/assignments/:id`), and until every workflow was started (status STARTED).
 * (b) reminders: bench/reminders.ts's dondoc workload (seconds-scale template: three reminders and
 *     the overdue notice of every task within a window), its plans shared between the APIs: lost,
 *     duplicates, lateness p50/p95/p99/max, and the p99 of its parts (the event recorded late, the
 *     outbox row to the arrival). With 2 + 2 twice: both workers alive, and the second
 *     worker SIGKILLed a third of the way into the window and not restarted (npm start restarts
 *     only its own): what losing a worker adds to p99 when another one is running.
 * (c) sign-in limits across API processes: wrong-password attempts alternating between the APIs,
 *     for one account (each attempt from another address), and from one address (each attempt for
 *     another account); the stack runs with small limits (LIMITS) and `TRUST_PROXY=loopback`, so
 *     that X-Forwarded-For names the address. How many attempts were let through (401) before the
 *     429s: the limit itself when the counts are shared (PostgreSQL), twice it when each process
 *     counts its own.
 * (d) schedules: the Temporal schedules (`client.schedule.list()`) with both workers running, and
 *     how many exist under each id.
 * (e) effectively-once email with two mailers: of (b)'s emails (and any other sent meanwhile), the
 *     notifications whose Message-ID arrived more than once (one row and one Message-ID per
 *     idempotency key), and arrivals no notification row names.
 *
 * Each figure is the median of the runs with min and max; ratios per run, then their median.
 * Prints a table and writes bench/results/scale-out.json; nothing is asserted.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { freePort, PROJECT_ROOT, waitUntil } from '../libs/dev-stack/src';
import { figure, loadAverage, r1, r2, runBenchmark, type Figure } from './figures';
import { Arrivals, dondocRun, FULL_WINDOW, QUICK_WINDOW, setUp, type RunFigures, type Workload, type World } from './reminders';
import { appEnvironment, benchDirectory, buildOnce, call, freePorts, onInterrupt, signIn, startApp, startStack, tearDown, type App, type Stack } from './stack';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    tasks: { type: 'string' },
    'reminder-tasks': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const QUICK = args.quick ?? false;
const wholeNumber = (name: string, value: string | undefined, fallback: number): number => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, not ${value}`);
  return n;
};
const RUNS = wholeNumber('runs', args.runs, 3);
const PLAN_TASKS = wholeNumber('tasks', args.tasks, QUICK ? 1_000 : 10_000);
const REMINDERS: Workload = { tasks: wholeNumber('reminder-tasks', args['reminder-tasks'], QUICK ? 200 : 1_000), ...(QUICK ? QUICK_WINDOW : FULL_WINDOW) };
/** Small sign-in limits for (c), per minute; the account's below the address's, so that each scenario meets its own first. */
const LIMITS = { account: 4, address: 6 };

const log = (line: string) => process.stderr.write(`[bench scale-out] ${line}\n`);
const load = () => loadAverage(loadavg);

// ----- (a) assignment -------------------------------------------------------------------------------

interface AssignmentView {
  id: string;
  status: 'STARTING' | 'STARTED';
  total: number;
  started: number;
  recorded: number;
}

/** One plan of PLAN_TASKS tasks shared between the APIs; tasks/s until every workflow was started, and until every one recorded its assignment. */
async function assignmentRun(apis: string[], token: string, world: World): Promise<{ started: number; recorded: number }> {
  const run = randomUUID().slice(0, 8);
  const share = Math.ceil(PLAN_TASKS / apis.length);
  const began = performance.now();
  const plans = await Promise.all(
    apis.map(async (api, k) => {
      const from = k * share;
      const tasks = Array.from({ length: Math.min(share, PLAN_TASKS - from) }, (_, j) => ({
        templateKey: 'nhac-viec',
        title: `Phân công ${run} #${from + j}`,
        leadUnitId: world.communes[(from + j) % world.communes.length].id,
      }));
      return { api, id: ((await call(api, token, 'POST', '/assignments', { tasks })) as AssignmentView).id };
    }),
  );
  let startedS: number | undefined;
  await waitUntil(
    `the plan ${run} recorded`,
    async () => {
      const views = await Promise.all(plans.map(async ({ api, id }) => (await call(api, token, 'GET', `/assignments/${id}`)) as AssignmentView));
      if (startedS === undefined && views.every((view) => view.status === 'STARTED')) startedS = (performance.now() - began) / 1000;
      return views.every((view) => view.recorded === view.total);
    },
    Math.max(600_000, PLAN_TASKS * 500),
    250,
  );
  const recordedS = (performance.now() - began) / 1000;
  return { started: PLAN_TASKS / (startedS ?? recordedS), recorded: PLAN_TASKS / recordedS };
}

/** Until the outbox has sent everything (the plan's assignment emails), so that the next scenario does not share the machine with them. */
async function untilOutboxEmpty(pg: PgClient): Promise<void> {
  const waiting = async () => (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE status IN ('PENDING', 'SENDING')`)).rows[0].n;
  await waitUntil('the outbox to empty', async () => (await waiting()) === 0, 600_000, 500);
}

// ----- (c) sign-in limits ----------------------------------------------------------------------------

/** Addresses from the benchmarking range (198.18.0.0/15, RFC 2544), a new one for each use: no limit's window carries over between trials. */
let addresses = 0;
const nextAddress = () => {
  addresses += 1;
  return `198.18.${addresses >> 8}.${addresses & 255}`;
};

interface LimitFigures {
  /** Attempts answered 401 (wrong password: let through) before and between the 429s, over all APIs. */
  letThrough: number;
  /** Per API, the attempt (counted over all APIs, from 1) of its first 429; null when it never refused. */
  firstRefused: (number | null)[];
}

/**
 * 2 × limit + 2 wrong-password attempts, one after the other, alternating between the APIs: for
 * one account (each attempt from a new address), or from one address (each for a new account).
 */
async function limitRun(apis: string[], kind: 'account' | 'address'): Promise<LimitFigures> {
  const run = randomUUID().slice(0, 8);
  const address = nextAddress();
  const figures: LimitFigures = { letThrough: 0, firstRefused: apis.map(() => null) };
  for (let i = 0; i < 2 * LIMITS[kind] + 2; i++) {
    const k = i % apis.length;
    const res = await fetch(`${apis[k]}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': kind === 'account' ? nextAddress() : address },
      body: JSON.stringify({ email: kind === 'account' ? `limit-${run}@scale.bench` : `limit-${run}-${i}@scale.bench`, password: 'not-the-password' }),
    });
    await res.arrayBuffer();
    if (res.status === 429) figures.firstRefused[k] ??= i + 1;
    else if (res.status === 401) figures.letThrough += 1;
    else throw new Error(`POST /auth/login → ${res.status}, expected 401 or 429`);
  }
  return figures;
}

// ----- (d) schedules, (e) emails twice -------------------------------------------------------------

/** The Temporal schedules of dondoc's namespace, and how many under each id. */
async function schedules(env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const client = new TemporalClient({ connection, namespace: env.TEMPORAL_NAMESPACE ?? 'default' });
    const counts: Record<string, number> = {};
    for await (const schedule of client.schedule.list()) counts[schedule.scheduleId] = (counts[schedule.scheduleId] ?? 0) + 1;
    return counts;
  } finally {
    await connection.close();
  }
}

/** Over every email so far: notifications (one per idempotency key) whose Message-ID arrived more than once, the extra arrivals, and Message-IDs no notification has. */
async function emailsTwice(pg: PgClient, arrivals: Arrivals): Promise<{ keys: number; extra: number; unknown: number }> {
  const { rows } = await pg.query<{ message_id: string }>('SELECT message_id FROM notifications');
  const known = new Set(rows.map((row) => row.message_id));
  const counts = rows.map((row) => arrivals.byMessageId.get(row.message_id)?.length ?? 0);
  return {
    keys: counts.filter((n) => n > 1).length,
    extra: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    unknown: [...arrivals.byMessageId.keys()].filter((id) => !known.has(id)).length,
  };
}

// ----- a run -------------------------------------------------------------------------------------------

interface RemindersFigures extends RunFigures {
  /** (e) over the scenario: notifications received more than once, their extra arrivals, arrivals of no notification. */
  twiceByKey: number;
  extraArrivals: number;
  unknownArrivals: number;
}

interface PhaseFigures {
  assignment: { started: number; recorded: number };
  account: LimitFigures;
  address: LimitFigures;
  schedules: Record<string, number>;
  reminders: RemindersFigures;
  /** 2 + 2 only: the second worker killed a third of the way into the window. */
  remindersKilled?: RemindersFigures;
}

interface Context {
  token: string;
  world: World;
  arrivals: Arrivals;
  pg: PgClient;
  env: NodeJS.ProcessEnv;
}

/** The reminders workload with (e) counted over it. */
async function remindersRun(c: Context, apis: string[], crash?: () => Promise<undefined>): Promise<RemindersFigures> {
  const before = await emailsTwice(c.pg, c.arrivals);
  const figures = await dondocRun(REMINDERS, c.token, c.world, c.arrivals, c.pg, { apis, crash, log });
  const after = await emailsTwice(c.pg, c.arrivals);
  return { ...figures, twiceByKey: after.keys - before.keys, extraArrivals: after.extra - before.extra, unknownArrivals: after.unknown - before.unknown };
}

/** Every scenario with the APIs given (and, with `worker`, the second worker, killed in the last reminders run). */
async function phase(c: Context, apis: string[], worker?: App): Promise<PhaseFigures> {
  const name = apis.length === 1 ? '1+1' : '2+2';
  const assignment = await assignmentRun(apis, c.token, c.world);
  log(`  ${name} (a) assignment: ${r1(assignment.recorded)} tasks/s recorded, ${r1(assignment.started)} started (load ${load().join(' ')})`);
  await untilOutboxEmpty(c.pg);
  const listed = await schedules(c.env);
  log(`  ${name} (d) schedules: ${Object.keys(listed).length ? JSON.stringify(listed) : 'none'}`);
  const account = await limitRun(apis, 'account');
  const address = await limitRun(apis, 'address');
  log(`  ${name} (c) sign-in: account let through ${account.letThrough} (limit ${LIMITS.account}), address ${address.letThrough} (limit ${LIMITS.address})`);
  const reminders = await remindersRun(c, apis);
  log(`  ${name} (b) reminders: lost ${reminders.lost}, duplicates ${reminders.duplicates}, p99 ${reminders.p99} s`);
  if (!worker) return { assignment, account, address, schedules: listed, reminders };
  const remindersKilled = await remindersRun(c, apis, () => {
    process.kill(worker.pid, 'SIGKILL');
    log(`  the second worker (pid ${worker.pid}) killed (SIGKILL); not restarted`);
    return Promise.resolve(undefined);
  });
  log(`  ${name} (b) reminders, a worker killed: lost ${remindersKilled.lost}, duplicates ${remindersKilled.duplicates}, p99 ${remindersKilled.p99} s`);
  return { assignment, account, address, schedules: listed, reminders, remindersKilled };
}

// ----- main --------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const date = new Date();
  buildOnce(log);
  const dir = benchDirectory('scale-out');
  const ports = await freePorts();
  const arrivals = new Arrivals();
  const smtpPort = await freePort();
  let stack: Stack | undefined;
  let pg: PgClient | undefined;
  /** The second API and worker while they run. */
  let extras: App[] = [];
  const stopExtras = async () => {
    await Promise.all(extras.map((app) => app.stop()));
    extras = [];
  };
  onInterrupt(async () => {
    await stopExtras();
    await stack?.stop();
  }, dir, args.keep ?? false);
  try {
    await arrivals.start(smtpPort);
    log(`npm start in ${dir}, emails to the benchmark's SMTP server on ${smtpPort}…`);
    stack = await startStack(dir, ports, {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_RATE_LIMIT_ACCOUNT_PER_MINUTE: String(LIMITS.account),
      AUTH_RATE_LIMIT_IP_PER_MINUTE: String(LIMITS.address),
      TRUST_PROXY: 'loopback',
      // One sign-in for the whole benchmark (the address limit is small).
      JWT_ACCESS_TTL_SECONDS: '86400',
    });
    const env = appEnvironment(stack);
    const token = await signIn(stack.api);
    const world = await setUp(stack.api, token, REMINDERS.offsets);
    pg = new PgClient({ connectionString: stack.databaseUrl });
    pg.on('error', () => undefined);
    await pg.connect();
    const c: Context = { token, world, arrivals, pg, env };

    const runs: { one: PhaseFigures; two: PhaseFigures }[] = [];
    const loadBefore = load();
    log(`${RUNS} run(s): plans of ${PLAN_TASKS} tasks; reminders of ${REMINDERS.tasks} tasks at ${REMINDERS.offsets.join('/')} s before due times spread over ${REMINDERS.spreadS} s (load ${loadBefore.join(' ')})`);
    for (let run = 1; run <= RUNS; run++) {
      log(`run ${run}/${RUNS}: npm start's API and worker…`);
      const one = await phase(c, [stack.api]);
      log(`run ${run}/${RUNS}: a second API and a second worker…`);
      const api = await startApp('api', { ...env, PORT: String(await freePort()) });
      extras.push(api);
      const worker = await startApp('worker', env);
      extras.push(worker);
      const two = await phase(c, [stack.api, api.api!], worker);
      await stopExtras();
      runs.push({ one, two });
    }
    const loadAfter = load();

    const over = (pick: (r: (typeof runs)[number]) => number, round = r1): Figure => figure(runs.map(pick), round);
    const reminderRows = (pick: (r: (typeof runs)[number]) => RemindersFigures) => ({
      lost: over((r) => pick(r).lost, r2),
      duplicates: over((r) => pick(r).duplicates, r2),
      twiceByKey: over((r) => pick(r).twiceByKey, r2),
      unknownArrivals: over((r) => pick(r).unknownArrivals, r2),
      lateP50: over((r) => pick(r).p50, r2),
      lateP95: over((r) => pick(r).p95, r2),
      lateP99: over((r) => pick(r).p99, r2),
      lateMax: over((r) => pick(r).max, r2),
      timerLateP99: over((r) => pick(r).timerP99 ?? NaN, r2),
      outboxP99: over((r) => pick(r).outboxP99 ?? NaN, r2),
      each: runs.map(pick),
    });
    const firstRefused = (pick: (r: (typeof runs)[number]) => LimitFigures, k: number) => {
      const values = runs.map((r) => pick(r).firstRefused[k]).filter((v): v is number => v !== null);
      return values.length ? figure(values, r2) : null;
    };
    const limitRows = (phaseOf: (r: (typeof runs)[number]) => PhaseFigures, apis: number) =>
      Object.fromEntries(
        (['account', 'address'] as const).map((kind) => [
          kind,
          { limit: LIMITS[kind], attempts: 2 * LIMITS[kind] + 2, letThrough: over((r) => phaseOf(r)[kind].letThrough, r2), firstRefusedAt: Array.from({ length: apis }, (_, k) => firstRefused((r) => phaseOf(r)[kind], k)) },
        ]),
      ) as Record<'account' | 'address', { limit: number; attempts: number; letThrough: Figure; firstRefusedAt: (Figure | null)[] }>;
    const results = {
      assignment: {
        what: `one plan of ${PLAN_TASKS} tasks through POST /api/assignments (2+2: half to each API, at once), tasks/s until every task recorded its assignment, and until every workflow was started`,
        recorded: { one: over((r) => r.one.assignment.recorded), two: over((r) => r.two.assignment.recorded), ratio: over((r) => r.two.assignment.recorded / r.one.assignment.recorded, r2) },
        started: { one: over((r) => r.one.assignment.started), two: over((r) => r.two.assignment.started), ratio: over((r) => r.two.assignment.started / r.one.assignment.started, r2) },
      },
      reminders: {
        what: `${REMINDERS.tasks} tasks × ${REMINDERS.offsets.length + 2} emails, seconds late (received − due; timer: the event recorded − due; outbox: received − the row written); twiceByKey: notifications (idempotency keys) received more than once over the scenario`,
        one: reminderRows((r) => r.one.reminders),
        two: reminderRows((r) => r.two.reminders),
        twoKilled: reminderRows((r) => r.two.remindersKilled!),
        p99AddedByKill: over((r) => r.two.remindersKilled!.p99 - r.two.reminders.p99, r2),
      },
      signInLimits: { one: limitRows((r) => r.one, 1), two: limitRows((r) => r.two, 2) },
      schedules: { one: runs.map((r) => r.one.schedules), two: runs.map((r) => r.two.schedules) },
    };
    const report = {
      benchmark: 'scale-out',
      date: date.toISOString(),
      quick: QUICK,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      method: `${RUNS} run(s) on one npm start stack (embedded defaults: the Temporal dev server on SQLite, embedded PostgreSQL); in each, every scenario with npm start's API and worker, then with a second API and a second worker started from dist/ with the same environment. The second worker is SIGKILLed a third of the way into the last reminders window and not restarted. Sign-in limits set to ${LIMITS.account} per account and ${LIMITS.address} per address a minute, TRUST_PROXY=loopback. Each figure the median of the runs [min–max]; ratios per run, then their median.`,
      results,
    };
    mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench/results/scale-out.json'), `${JSON.stringify(report, null, 2)}\n`);

    const num = (f: Figure | null) => (f ? (f.min === f.max ? `${f.median}` : `${f.median} [${f.min}–${f.max}]`) : '—');
    const row = (cells: string[], widths: number[]) => console.log(`  ${cells.map((cell, i) => cell.padEnd(widths[i])).join('')}`);
    console.log(`\nScale-out benchmark — 1 API + 1 worker against 2 + 2 on one Temporal server and one PostgreSQL, ${RUNS} run(s)${QUICK ? ' (quick)' : ''}`);
    console.log(`${cpus().length} cores, Node ${process.version}; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}; median [min–max]\n`);
    console.log(`(a) assignment, one plan of ${PLAN_TASKS.toLocaleString('en')} tasks, tasks/s`);
    const a = results.assignment;
    row(['', '1 + 1', '2 + 2', '2+2 ÷ 1+1'], [30, 22, 22, 18]);
    row(['until every task recorded', num(a.recorded.one), num(a.recorded.two), num(a.recorded.ratio)], [30, 22, 22, 18]);
    row(['until every workflow started', num(a.started.one), num(a.started.two), num(a.started.ratio)], [30, 22, 22, 18]);
    console.log(`\n(b) reminders, ${REMINDERS.tasks.toLocaleString('en')} tasks × ${REMINDERS.offsets.length + 2} emails, seconds late (timer: the event recorded late; outbox: its row to the arrival); (e) emails twice by idempotency key`);
    const widths = [25, 6, 6, 11, 21, 21, 21, 21, 21, 21];
    row(['', 'lost', 'dup', '(e) twice', 'p50', 'p95', 'p99', 'max', 'timer p99', 'outbox p99'], widths);
    for (const [name, r] of [
      ['1 + 1', results.reminders.one],
      ['2 + 2', results.reminders.two],
      ['2 + 2, a worker killed', results.reminders.twoKilled],
    ] as const) {
      row([name, num(r.lost), num(r.duplicates), num(r.twiceByKey), num(r.lateP50), num(r.lateP95), num(r.lateP99), num(r.lateMax), num(r.timerLateP99), num(r.outboxP99)], widths);
    }
    console.log(`  p99 added by killing one of two workers: ${num(results.reminders.p99AddedByKill)} s (target ≤ 2 s); arrivals of no notification: ${runs.reduce((n, r) => n + r.one.reminders.unknownArrivals + r.two.reminders.unknownArrivals + r.two.remindersKilled!.unknownArrivals, 0)}`);
    console.log('\n(c) sign-in limits: wrong-password attempts one after the other, alternating between the APIs');
    const lw = [26, 8, 10, 16, 22, 22];
    row(['', 'limit', 'attempts', 'let through', 'API 1: first 429 at', 'API 2: first 429 at'], lw);
    for (const [name, rows] of [
      ['1 + 1', results.signInLimits.one],
      ['2 + 2', results.signInLimits.two],
    ] as const) {
      for (const kind of ['account', 'address'] as const) {
        const r = rows[kind];
        row([`${name}, per ${kind}`, String(r.limit), String(r.attempts), num(r.letThrough), num(r.firstRefusedAt[0]), r.firstRefusedAt.length > 1 ? num(r.firstRefusedAt[1]) : ''], lw);
      }
    }
    console.log('\n(d) Temporal schedules, by id (how many under each)');
    for (const [name, lists] of [
      ['1 + 1', results.schedules.one],
      ['2 + 2', results.schedules.two],
    ] as const) {
      const seen = [...new Set(lists.map((list) => JSON.stringify(list)))];
      console.log(`  ${name.padEnd(8)}${seen.map((list) => (list === '{}' ? 'none (dondoc creates no schedule yet)' : list)).join(' / ')}`);
    }
    console.log('\nwritten to bench/results/scale-out.json');
  } finally {
    await stopExtras();
    await tearDown({ pg, stack, dir, keep: args.keep ?? false, log });
    await arrivals.stop();
  }
}

runBenchmark(main);
