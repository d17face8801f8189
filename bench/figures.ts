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
