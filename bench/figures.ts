/** What every benchmark computes and how it ends: medians, figures over runs, rounding, the script's exit. */

export const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export const r1 = (x: number): number => Math.round(x * 10) / 10;
export const r2 = (x: number): number => Math.round(x * 100) / 100;

/** A figure over runs (or rounds): the median of their values, with their min and max. */
export interface Figure {
  median: number;
  min: number;
  max: number;
}
export const figure = (values: number[], round = r1): Figure => ({ median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)) });

/** One round of timed requests: its count, p50 and p95 (nearest rank), fastest and slowest (ms). */
export interface RoundFigures {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}
export function roundFigures(samples: number[]): RoundFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Milliseconds `run` took. */
export async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The load average, rounded: printed with every run (the machine may be shared). */
export const loadAverage = (loadavg: () => number[]): number[] => loadavg().map((l) => Math.round(l * 100) / 100);

/** Runs a benchmark's main and exits: 0 when it finished, 1 with the error otherwise. */
export function runBenchmark(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
