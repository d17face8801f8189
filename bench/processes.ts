/**
 * The processes of a stack npm start runs (scripts/start.ts records their pids in <dataDir>/run):
 * CPU time and memory of each part as a whole process tree, read from /proc (Linux).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PARTS = ['worker', 'api', 'temporal', 'postgres'] as const;
export type Part = (typeof PARTS)[number];
export const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export interface ProcessSample {
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

/** Every process's parent and CPU ticks, from /proc/<pid>/stat (the fields after the command's closing parenthesis). */
export function processTable(): Map<number, ProcessSample> {
  const table = new Map<number, ProcessSample>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is the state (field 3): ppid is field 4, utime…cstime fields 14–17.
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

/** `root` and its descendants. */
function tree(table: Map<number, ProcessSample>, root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) for (const [pid, p] of table) if (p.ppid === pids[i]) pids.push(pid);
  return pids.filter((pid) => table.has(pid));
}

/** A /proc file's "Name: N kB" line, in MB (0 when the process has ended). */
export function kbField(path: string, name: string): number {
  try {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface TreeSample {
  ticks: number;
  rssMb: number;
  pssMb: number;
}

/**
 * A process tree's CPU ticks, RSS and PSS. CPU counts each live process's own time and the time of
 * the children it has reaped (cutime, cstime), so a PostgreSQL backend or autovacuum worker that
 * ends during a round still counts. RSS adds up every process's resident pages and so counts shared
 * memory (PostgreSQL's shared buffers) once per process touching it; PSS shares such pages out
 * among those processes: the memory the part really holds.
 */
export function sampleTree(table: Map<number, ProcessSample>, root: number): TreeSample {
  const pids = tree(table, root);
  return {
    ticks: pids.reduce((sum, pid) => sum + table.get(pid)!.ticks, 0),
    rssMb: pids.reduce((sum, pid) => sum + kbField(`/proc/${pid}/status`, 'VmRSS'), 0),
    pssMb: pids.reduce((sum, pid) => sum + kbField(`/proc/${pid}/smaps_rollup`, 'Pss'), 0),
  };
}

/** The whole machine: busy CPU ticks (all but idle and I/O wait, every core) and memory in use (total − available). */
export function sampleMachine(): { ticks: number; usedMb: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3] - cpu[4];
  return { ticks: busy, usedMb: kbField('/proc/meminfo', 'MemTotal') - kbField('/proc/meminfo', 'MemAvailable') };
}

/**
 * The pids npm start recorded (scripts/start.ts `remember`): read again each time, as a crashed API
 * or worker comes back under a new pid. `given`: parts started elsewhere (an external PostgreSQL or
 * Temporal server has no file there).
 */
export function partPids(dataDir: string, given: Partial<Record<Part, number>> = {}): Record<Part, number> {
  return Object.fromEntries(PARTS.map((part) => [part, given[part] ?? (JSON.parse(readFileSync(join(dataDir, 'run', `${part}.json`), 'utf8')) as { pid: number }).pid])) as Record<Part, number>;
}

/** Each part's CPU time so far, in seconds (its whole process tree, reaped children included). */
export function partCpuSeconds(pids: Record<Part, number>): Record<Part, number> {
  const table = processTable();
  return Object.fromEntries(PARTS.map((part) => [part, sampleTree(table, pids[part]).ticks / CLOCK_TICKS])) as Record<Part, number>;
}
