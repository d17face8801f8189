import { dateOfDayNumber, dayNumber, type WorkingCalendar } from '@dondoc/calendar';

/**
 * The scorecard's quarters, in Asia/Ho_Chi_Minh: calendar quarters (1 January to 31 March…), or the
 * reporting periods of Nghị định 09/2019/NĐ-CP Art. 12 (15 December to 14 March for the first
 * quarter, 15 March to 14 June for the second…). A quarter is named `2026-Q3` either way.
 */
export type QuarterMode = 'calendar' | 'nd09';

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/** The scorecards' time of day: 07:00 of the first working day after the quarter's cut-off. */
export const SCORECARD_ISSUE_TIME = '07:00';

export interface Quarter {
  /** `2026-Q3`. */
  name: string;
  /** First instant (00:00 Asia/Ho_Chi_Minh of its first day). */
  from: Date;
  /** The cut-off: the first instant after it (00:00 of the day after its last day). */
  to: Date;
  /** Its first and last day, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const midnight = (date: string): Date => new Date(`${date}T00:00:00+07:00`);
const dayBefore = (date: string): string => dateOfDayNumber(dayNumber(date) - 1);

/** The first day of quarter `q` of `year`. */
function startDay(year: number, q: number, mode: QuarterMode): string {
  if (mode === 'calendar') return `${year}-${pad(3 * q - 2)}-01`;
  return q === 1 ? `${year - 1}-12-15` : `${year}-${pad(3 * q - 3)}-15`;
}

/** The quarter named `2026-Q3`; undefined for another text. */
export function parseQuarter(name: string, mode: QuarterMode): Quarter | undefined {
  const match = QUARTER_PATTERN.exec(name);
  if (!match) return undefined;
  const [year, q] = [Number(match[1]), Number(match[2])];
  const firstDay = startDay(year, q, mode);
  const next = q === 4 ? startDay(year + 1, 1, mode) : startDay(year, q + 1, mode);
  return { name, from: midnight(firstDay), to: midnight(next), firstDay, lastDay: dayBefore(next) };
}

/** The quarter an instant falls in. */
export function quarterAt(instant: Date, mode: QuarterMode): Quarter {
  const local = new Date(instant.getTime() + 7 * 3_600_000);
  const year = local.getUTCFullYear();
  for (const candidate of [`${year + 1}-Q1`, `${year}-Q4`, `${year}-Q3`, `${year}-Q2`, `${year}-Q1`]) {
    const quarter = parseQuarter(candidate, mode)!;
    if (quarter.from <= instant) return quarter;
  }
  return parseQuarter(`${year - 1}-Q4`, mode)!;
}

/** The quarter before. */
export function previousQuarter(quarter: Quarter, mode: QuarterMode): Quarter {
  return quarterAt(new Date(quarter.from.getTime() - 1), mode);
}

/**
 * The quarter a scheduled run is for: the last one whose cut-off has passed at the instant the
 * schedule meant (never the wall clock), so a late, repeated or backfilled run scores the same one.
 */
export function quarterEndedBy(scheduledAt: Date, mode: QuarterMode): Quarter {
  return previousQuarter(quarterAt(scheduledAt, mode), mode);
}

/** 07:00 of the first working day on or after the day after the quarter's last day. */
export function scorecardIssueInstant(quarter: Quarter, calendar: Pick<WorkingCalendar, 'isWorkingDay'>): Date {
  let day = dayNumber(quarter.lastDay) + 1;
  while (!calendar.isWorkingDay(dateOfDayNumber(day))) day++;
  return new Date(`${dateOfDayNumber(day)}T${SCORECARD_ISSUE_TIME}:00+07:00`);
}

/** The Temporal Schedule's calendar spec: 07:00 of the day after each quarter's cut-off (the workflow then waits for a working day). */
export function scorecardScheduleCalendar(mode: QuarterMode): { month: ('JANUARY' | 'APRIL' | 'JULY' | 'OCTOBER' | 'MARCH' | 'JUNE' | 'SEPTEMBER' | 'DECEMBER')[]; dayOfMonth: number; hour: number; minute: number } {
  return mode === 'calendar'
    ? { month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'], dayOfMonth: 1, hour: 7, minute: 0 }
    : { month: ['MARCH', 'JUNE', 'SEPTEMBER', 'DECEMBER'], dayOfMonth: 15, hour: 7, minute: 0 };
}
