/**
 * Quarters as the scorecards name them (`2026-Q3`), in Vietnam's time. The web app offers
 * calendar quarters; a deployment on the reporting periods of Nghị định 09/2019 names its quarters
 * the same way, so a quarter typed into the URL works either way.
 */
export const QUARTER_PATTERN = /^(20\d{2})-Q([1-4])$/;

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export interface QuarterName {
  year: number;
  q: 1 | 2 | 3 | 4;
}

/** `2026-Q3` → { year: 2026, q: 3 }; undefined for anything else (the API takes 2000–2099). */
export function parseQuarter(name: string | null | undefined): QuarterName | undefined {
  const match = QUARTER_PATTERN.exec(name ?? '');
  return match ? { year: Number(match[1]), q: Number(match[2]) as QuarterName['q'] } : undefined;
}

export function quarterName({ year, q }: QuarterName): string {
  return `${year}-Q${q}`;
}

/** The quarter `steps` before (negative: after). */
export function shiftQuarter(quarter: QuarterName, steps: number): QuarterName {
  const index = quarter.year * 4 + (quarter.q - 1) - steps;
  return { year: Math.floor(index / 4), q: ((index % 4) + 1) as QuarterName['q'] };
}

/** The calendar quarter an instant falls in, in Vietnam. */
export function quarterAt(instant: Date): QuarterName {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return { year: local.getUTCFullYear(), q: (Math.floor(local.getUTCMonth() / 3) + 1) as QuarterName['q'] };
}

/** The last quarter that has ended (the one whose scorecards were published last): the default. */
export function lastFinishedQuarter(now: Date): string {
  return quarterName(shiftQuarter(quarterAt(now), 1));
}

/** The quarters offered in the picker: the current one and the `count - 1` before it, newest first. */
export function recentQuarters(now: Date, count = 8): string[] {
  const current = quarterAt(now);
  return Array.from({ length: count }, (_, i) => quarterName(shiftQuarter(current, i)));
}
