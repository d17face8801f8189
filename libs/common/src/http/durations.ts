/**
 * Durations as dondoc stores them: whole seconds. People write them as `7d`, `36h`, `1d12h`,
 * `90m`, `30s`, `2w`, or ISO 8601 (`P7D`, `PT30S`); `0` is allowed where the rule permits it.
 */

const UNITS: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };
const COMPACT = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Seconds in a duration text, or undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  const match = COMPACT.exec(value.toLowerCase()) ?? ISO.exec(value.toUpperCase());
  if (!match || match.slice(1).every((part) => part === undefined) || value === 'P' || value.toUpperCase().endsWith('T')) return undefined;
  const [w, d, h, m, s] = match.slice(1).map((part) => Number(part ?? 0));
  const seconds = w * UNITS.w + d * UNITS.d + h * UNITS.h + m * UNITS.m + s * UNITS.s;
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/** The compact text of a number of seconds (`1d12h`, `30s`, `0`). */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0';
  let rest = seconds;
  let text = '';
  for (const [unit, size] of Object.entries(UNITS)) {
    if (unit === 'w') continue; // weeks read less naturally than days in a ladder
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

/**
 * A term: a duration in seconds, or a number of working days (`10wd`, also `10WD`), counted in the
 * working-day calendar (Civil Code 2015 Art. 147–148) outside workflow code.
 */
export type Term = { seconds: number } | { workingDays: number };

const WORKING_DAYS = /^(\d{1,6})wd$/i;

/** The term a text says (`10wd` → working days; `90d`, `36h`, `P7D`… → seconds), or undefined if it is none. */
export function parseTerm(text: string): Term | undefined {
  const value = text.trim();
  const match = WORKING_DAYS.exec(value);
  if (match) return { workingDays: Number(match[1]) };
  const seconds = parseDuration(value);
  return seconds === undefined ? undefined : { seconds };
}

/** The text of a term (`10wd`, `1d12h`, `0`). */
export function formatTerm(term: Term): string {
  return 'workingDays' in term ? `${term.workingDays}wd` : formatDuration(term.seconds);
}
