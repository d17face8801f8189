/**
 * Load on the API (issue 13): `autocannon` on `GET /api/tasks` and `GET /api/tasks/:id`.
 *
 *   npx tsx bench/api-load.ts            10,000 tasks, 100 connections for 60 s per route, 3 runs
 *   npx tsx bench/api-load.ts --quick    1,000 tasks, 100 connections for 10 s, 3 runs
 *   options: --tasks N, --seconds N, --runs N, --connections N, --keep, DONDOC_SKIP_BUILD=1
 *
 * npm start's whole stack (scripts/start.ts on free ports and a throwaway directory); the tasks
 * are assigned through the API (bulk) to the communes of a province and recorded by their
 * workflows before the load starts. Each route is loaded as the administrator (the whole country
 * in scope): the task list's first page (20, by due time) and task pages picked in turn from all
 * the tasks. Per run: latency p50/p90/p99/max (ms), requests/s, errors (non-2xx, socket errors,
 * timeouts); each figure the median of the runs [min–max]. Writes bench/results/api-load.json;
 * nothing is asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client as PgClient } from 'pg';
import { PROJECT_ROOT, waitUntil } from '../libs/dev-stack/src';
import { figure, loadAverage, r1, runBenchmark, type Figure } from './figures';
import { benchDirectory, buildOnce, call, freePorts, onInterrupt, signIn, startStack, tearDown, type Stack } from './stack';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    tasks: { type: 'string' },
    seconds: { type: 'string' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});
const QUICK = args.quick ?? false;
const TASKS = Number(args.tasks ?? (QUICK ? 1_000 : 10_000));
const SECONDS = Number(args.seconds ?? (QUICK ? 10 : 60));
const RUNS = Math.max(1, Number(args.runs));
const CONNECTIONS = Number(args.connections);
const PLAN = 500;

const log = (line: string) => process.stderr.write(`[bench api-load] ${line}\n`);
const load = () => loadAverage(loadavg);

async function seed(stack: Stack, token: string, pg: PgClient): Promise<string[]> {
  const province = (await call(stack.api, token, 'POST', '/units', { code: 'TAI-P', nameVi: 'Tỉnh đo tải API', level: 'province' })) as { id: string };
  const communes: string[] = [];
  for (let i = 1; i <= 20; i++) {
    communes.push(((await call(stack.api, token, 'POST', '/units', { code: `TAI-X${String(i).padStart(3, '0')}`, nameVi: `Xã đo tải API ${i}`, level: 'commune', parentId: province.id })) as { id: string }).id);
  }
  await call(stack.api, token, 'POST', '/templates', {
    key: 'tai-api',
    nameVi: 'Mẫu đo tải API',
    nameEn: 'API load template',
    defaultDuration: '90d',
    reminders: ['30d', '7d', '1d'],
    acknowledgementReminder: null,
    escalation: { levels: [], decisionReminderEvery: '2d', explanationDeadline: '5d' },
    evidence: { required: ['OPERATING_PRODUCT'], reviewer: { type: 'ASSIGNER' }, probe: { probes: 2, window: '1s', maxLatencyMs: 2000 }, afterCare: null },
  });
  for (let from = 0; from < TASKS; from += PLAN) {
    const tasks = Array.from({ length: Math.min(PLAN, TASKS - from) }, (_, k) => ({ templateKey: 'tai-api', title: `Nhiệm vụ đo tải API #${from + k}`, leadUnitId: communes[(from + k) % communes.length] }));
    await call(stack.api, token, 'POST', '/tasks/bulk', { tasks });
  }
  await waitUntil(
    `${TASKS} tasks recorded ASSIGNED`,
    async () => (await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM task_events WHERE type = 'ASSIGNED'`)).rows[0].n >= TASKS,
    Math.max(600_000, TASKS * 200),
    500,
  );
  return (await pg.query<{ id: string }>('SELECT id FROM tasks ORDER BY id')).rows.map((row) => row.id);
}

interface Load {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  errors: number;
}

async function loadRoute(stack: Stack, token: string, path: (i: number) => string): Promise<Load> {
  let i = 0;
  const result = await autocannon({
    url: stack.api.replace(/\/api$/, ''),
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path(i++) }) }],
  });
  return { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, rps: result.requests.average, errors: result.non2xx + result.errors + result.timeouts };
}

async function main(): Promise<void> {
  const date = new Date();
  buildOnce(log);
  const dir = benchDirectory('api-load');
  const ports = await freePorts();
  let stack: Stack | undefined;
  let pg: PgClient | undefined;
  onInterrupt(async () => await stack?.stop(), dir, args.keep ?? false);
  try {
    log(`npm start in ${dir}…`);
    stack = await startStack(dir, ports, {});
    const token = await signIn(stack.api);
    pg = new PgClient({ connectionString: stack.databaseUrl });
    pg.on('error', () => undefined);
    await pg.connect();
    log(`assigning ${TASKS} tasks…`);
    const ids = await seed(stack, token, pg);
    const routes = {
      list: { what: 'GET /api/tasks?pageSize=20 (the whole country, by due time)', path: () => '/api/tasks?pageSize=20' },
      page: { what: 'GET /api/tasks/:id (task pages in turn)', path: (i: number) => `/api/tasks/${ids[i % ids.length]}` },
    };
    const runs: Record<keyof typeof routes, Load[]> = { list: [], page: [] };
    const loadBefore = load();
    for (let run = 1; run <= RUNS; run++) {
      const fresh = await signIn(stack.api);
      for (const [name, route] of Object.entries(routes) as [keyof typeof routes, (typeof routes)[keyof typeof routes]][]) {
        const figures = await loadRoute(stack, fresh, route.path);
        runs[name].push(figures);
        log(`run ${run}/${RUNS} ${name}: p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${r1(figures.rps)} req/s, errors ${figures.errors} (load ${load().join(' ')})`);
      }
    }
    const loadAfter = load();
    const over = (loads: Load[], pick: (l: Load) => number): Figure => figure(loads.map(pick));
    const results = Object.fromEntries(
      (Object.keys(routes) as (keyof typeof routes)[]).map((name) => [
        name,
        { what: routes[name].what, p50: over(runs[name], (l) => l.p50), p90: over(runs[name], (l) => l.p90), p99: over(runs[name], (l) => l.p99), max: over(runs[name], (l) => l.max), rps: over(runs[name], (l) => l.rps), errors: over(runs[name], (l) => l.errors), each: runs[name] },
      ]),
    );
    const report = {
      benchmark: 'api-load',
      date: date.toISOString(),
      quick: QUICK,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadAfter },
      method: `${RUNS} runs per route of autocannon, ${CONNECTIONS} connections for ${SECONDS} s, on npm start's stack with ${TASKS} tasks; ms and requests/s, median of the runs [min–max].`,
      results,
    };
    mkdirSync(join(PROJECT_ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(PROJECT_ROOT, 'bench/results/api-load.json'), `${JSON.stringify(report, null, 2)}\n`);
    const num = (f: Figure) => (f.min === f.max ? `${f.median}` : `${f.median} [${f.min}–${f.max}]`);
    console.log(`\nAPI load — ${TASKS.toLocaleString('en')} tasks, ${CONNECTIONS} connections × ${SECONDS} s, ${RUNS} run(s)${QUICK ? ' (quick)' : ''}`);
    console.log(`${cpus().length} cores, Node ${process.version}; load average ${loadBefore.join(' ')} → ${loadAfter.join(' ')}; ms, median [min–max]\n`);
    for (const [name, r] of Object.entries(results)) {
      console.log(`  ${name.padEnd(6)}p50 ${num(r.p50).padEnd(16)}p90 ${num(r.p90).padEnd(16)}p99 ${num(r.p99).padEnd(18)}max ${num(r.max).padEnd(18)}req/s ${num(r.rps).padEnd(22)}errors ${num(r.errors)}   ${r.what}`);
    }
    console.log('\nwritten to bench/results/api-load.json');
  } finally {
    await tearDown({ pg, stack, dir, keep: args.keep ?? false, log });
  }
}

runBenchmark(main);
