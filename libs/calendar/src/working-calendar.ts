import { CalendarVietnamese } from 'date-chinese';

/** What an override decides for its date. */
export type DayKind = 'HOLIDAY' | 'WORKDAY';

/** A dated decision of the government (or of the administrator) that beats the rules for that date. */
export interface CalendarOverride {
  /** YYYY-MM-DD in Asia/Ho_Chi_Minh. */
  date: string;
  kind: DayKind;
  /** The deciding document's number, e.g. "Thông báo 6150/TB-BNV". */
  document: string | null;
  note: string | null;
}

/** Why a day is off (or worked against the weekly pattern). */
export type DayReason =
  | 'NEW_YEAR'
  | 'TET'
  | 'HUNG_KINGS'
  | 'REUNIFICATION'
  | 'LABOUR'
  | 'NATIONAL_DAY'
  | 'SUBSTITUTE'
  | 'OVERRIDE_HOLIDAY'
  | 'OVERRIDE_WORKDAY';

/** One notable day of a year: a day off on a weekday, a worked rest day, or a date named by an override. */
export interface CalendarDay {
  date: string;
  working: boolean;
  reason: DayReason;
  name: { vi: string; en: string };
  source: 'RULE' | 'OVERRIDE';
  document: string | null;
  note: string | null;
}

export interface WorkingCalendarOptions {
  /** Weekly rest days, 0 Sunday … 6 Saturday; default [0, 6]. */
  restDays?: number[];
  /** When a term ends on its last working day, 'HH:mm' in Asia/Ho_Chi_Minh; default '17:00'. */
  endOfDay?: string;
  /** When the working day starts, 'HH:mm'; default '08:00'. */
  startOfDay?: string;
}

/** The version of the rules below; bump it when they change, so calendar_days is recomputed at the next start. */
export const CALENDAR_RULES_VERSION = 1;

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving time since 1975), so plain arithmetic is exact. */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

type Name = { vi: string; en: string };

/** A holiday given by the Labour Code 2019 Art. 112 for a year, before substitutes. */
interface RuleHoliday {
  day: number;
  reason: DayReason;
  name: Name;
}

/** Everything the calendar knows about one Gregorian year, computed once per instance. */
interface YearData {
  /** Days off or worked against the weekly pattern, by day number. */
  exceptions: Map<number, CalendarDay>;
  /** cumulative[i] = working days from 1 Jan up to and including day i of the year (0-based). */
  cumulative: Int32Array;
  firstDay: number;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; throws on a date that does not exist. */
export function dayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`Not a real date: ${date}`);
  }
  return ms / DAY_MS;
}

/** The YYYY-MM-DD date of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** True when the text is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** An instant written in Asia/Ho_Chi_Minh time with its offset, e.g. 2026-02-24T17:00:00+07:00. */
export function formatInstant(instant: number | Date): string {
  const ms = toInstant(instant);
  const local = new Date(ms + OFFSET_MS).toISOString();
  return `${local.slice(0, ms % 1000 === 0 ? 19 : 23)}+07:00`;
}

function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function minutesOf(time: string, option: string): number {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new RangeError(`${option} must be HH:mm, got ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function toInstant(value: number | Date): number {
  const ms = typeof value === 'number' ? value : value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Not a valid instant');
  return ms;
}

function gregorianDay(g: { year: number; month: number; day: number }): number {
  return Date.UTC(g.year, g.month - 1, g.day) / DAY_MS;
}

/**
 * The first day (mùng 1 Tết) of the Vietnamese lunar year that starts in a Gregorian year, and the 10th day of its
 * (regular, non-leap) 3rd month. The Vietnamese calendar is computed for UTC+7 and differs from the Chinese one in
 * some years (2007: 17 Feb in Viet Nam, 18 Feb in China).
 */
export function lunarDays(gregorianYear: number): { tetDay1: number; hungKings: number } {
  const newYear = new CalendarVietnamese().fromJDE(new CalendarVietnamese().newYear(gregorianYear));
  const [cycle, year] = newYear.get() as [number, number];
  const tetDay1 = gregorianDay(newYear.toGregorian(gregorianYear));
  // In a year with a leap 3rd month (2031, 2050, …) the commemoration is on the regular 3rd month: leap = false.
  const hungKings = gregorianDay(
    new CalendarVietnamese().set(cycle, year, 3, false as unknown as number, 10).toGregorian(gregorianYear),
  );
  return { tetDay1, hungKings };
}

const TET_NAMES: Name[] = [
  { vi: 'Tết Nguyên đán (ngày cuối năm âm lịch)', en: 'Lunar New Year (New Year’s Eve)' },
  { vi: 'Tết Nguyên đán (mùng 1)', en: 'Lunar New Year (day 1)' },
  { vi: 'Tết Nguyên đán (mùng 2)', en: 'Lunar New Year (day 2)' },
  { vi: 'Tết Nguyên đán (mùng 3)', en: 'Lunar New Year (day 3)' },
  { vi: 'Tết Nguyên đán (mùng 4)', en: 'Lunar New Year (day 4)' },
];

/** The statutory holidays of Labour Code 2019 Art. 112 (1) for one Gregorian year, sorted. */
function ruleHolidays(year: number): RuleHoliday[] {
  const fixed = (month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;
  const { tetDay1, hungKings } = lunarDays(year);
  const holidays: RuleHoliday[] = [
    { day: fixed(1, 1), reason: 'NEW_YEAR', name: { vi: 'Tết Dương lịch', en: 'New Year’s Day' } },
    ...TET_NAMES.map((name, index) => ({ day: tetDay1 - 1 + index, reason: 'TET' as const, name })),
    { day: hungKings, reason: 'HUNG_KINGS', name: { vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', en: 'Hùng Kings’ Commemoration' } },
    { day: fixed(4, 30), reason: 'REUNIFICATION', name: { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day' } },
    { day: fixed(5, 1), reason: 'LABOUR', name: { vi: 'Ngày Quốc tế Lao động (1/5)', en: 'International Labour Day' } },
    // Art. 112 gives 2 Sep and "one adjacent day, before or after", chosen yearly by the Prime Minister. Until the
    // year's decision is entered as overrides, the rule takes the day before, 1 Sep.
    { day: fixed(9, 1), reason: 'NATIONAL_DAY', name: { vi: 'Quốc khánh (ngày liền kề, 1/9)', en: 'National Day (adjacent day, 1 Sep)' } },
    { day: fixed(9, 2), reason: 'NATIONAL_DAY', name: { vi: 'Quốc khánh (2/9)', en: 'National Day' } },
  ];
  return holidays.sort((a, b) => a.day - b.day);
}

/**
 * The Vietnamese working-day calendar (Asia/Ho_Chi_Minh): a weekly pattern, the statutory holidays of the Labour
 * Code 2019 Art. 112 with substitute days ("nghỉ bù", Art. 112 (3)) for holidays on a weekly rest day, and dated
 * overrides that beat the rules for their date. Pure: no IO, no clock.
 *
 * Overrides and rules: an override decides its own date and nothing else. In a year the government has decided, the
 * decision is taken as given for the dates it names, and the rules (holidays, substitutes) still apply to the dates it
 * does not name — so a decision that gives fewer days than the rules must also name the rule days that are worked.
 * Substitutes are computed from the rules alone, so a decided day off that coincides with the rule's substitute (Mon
 * 27 Apr 2026 for Hùng Kings on Sun 26 Apr) does not push the substitute further.
 */
export class WorkingCalendar {
  readonly restDays: readonly number[];
  readonly endOfDay: string;
  readonly startOfDay: string;
  private readonly rest: boolean[];
  private readonly endMinutes: number;
  private readonly startMinutes: number;
  private readonly overrides = new Map<number, CalendarOverride>();
  private readonly years = new Map<number, YearData>();

  constructor(overrides: CalendarOverride[], options: WorkingCalendarOptions = {}) {
    this.restDays = [...(options.restDays ?? [0, 6])];
    if (this.restDays.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
      throw new RangeError('restDays must be integers 0 (Sunday) … 6 (Saturday)');
    }
    if (this.restDays.length >= 7) throw new RangeError('restDays must leave at least one working day in the week');
    this.rest = Array.from({ length: 7 }, (_, day) => this.restDays.includes(day));
    this.endOfDay = options.endOfDay ?? '17:00';
    this.startOfDay = options.startOfDay ?? '08:00';
    this.endMinutes = minutesOf(this.endOfDay, 'endOfDay');
    this.startMinutes = minutesOf(this.startOfDay, 'startOfDay');
    if (this.startMinutes >= this.endMinutes) throw new RangeError('startOfDay must be before endOfDay');
    for (const override of overrides) this.overrides.set(dayNumber(override.date), { ...override });
  }

  /** True when the date (YYYY-MM-DD, Asia/Ho_Chi_Minh) is a working day. */
  isWorkingDay(date: string): boolean {
    return this.isWorking(dayNumber(date));
  }

  /** The Asia/Ho_Chi_Minh date (YYYY-MM-DD) of an instant. */
  dateOf(instant: number | Date): string {
    return dateOfDayNumber(this.localDay(toInstant(instant)));
  }

  /** Every day off on a weekday, every worked rest day and every date named by an override in a year, sorted. */
  year(year: number): CalendarDay[] {
    return [...this.yearData(year).exceptions.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Whether each day of a year is a working day, in order from 1 Jan (for the SQL table calendar_days). */
  workingDays(year: number): { date: string; working: boolean }[] {
    const data = this.yearData(year);
    return Array.from(data.cumulative, (_, index) => {
      const day = data.firstDay + index;
      return { date: dateOfDayNumber(day), working: this.isWorking(day) };
    });
  }

  /**
   * The end of a term of working days (Civil Code 2015 Art. 147–148): counting starts on the day after `from`'s
   * date, and the term ends at endOfDay of its last working day. A term of 0 working days ends at endOfDay of `from`'s
   * date when that is a working day not yet over, otherwise at endOfDay of the next working day.
   */
  addWorkingDays(from: number | Date, workingDays: number): Date {
    if (!Number.isInteger(workingDays) || workingDays < 0) {
      throw new RangeError(`workingDays must be a non-negative integer, got ${workingDays}`);
    }
    const start = toInstant(from);
    let day = this.localDay(start);
    if (workingDays === 0) {
      while (!this.isWorking(day) || this.endInstant(day) < start) day++;
      return new Date(this.endInstant(day));
    }
    for (let counted = 0; counted < workingDays; ) {
      day++;
      if (this.isWorking(day)) counted++;
    }
    return new Date(this.endInstant(day));
  }

  /** Working days strictly after `from`'s date up to and including `to`'s date; 0 when `to` is not after `from`. */
  workingDaysBetween(from: number | Date, to: number | Date): number {
    const start = toInstant(from);
    const end = toInstant(to);
    if (end <= start) return 0;
    const first = this.localDay(start);
    const last = this.localDay(end);
    if (last <= first) return 0;
    return this.ordinal(last) - this.ordinal(first);
  }

  /**
   * `at` itself when it falls on a working day within [startOfDay, until); otherwise startOfDay of the next working
   * day — the same day when `at` is before startOfDay of a working day. Used to hold notifications for office hours.
   */
  nextWorkingTime(at: number | Date, until = '20:00'): Date {
    const instant = toInstant(at);
    const untilMinutes = minutesOf(until, 'until');
    let day = this.localDay(instant);
    const minutes = Math.floor((instant + OFFSET_MS - day * DAY_MS) / 60_000);
    if (this.isWorking(day)) {
      if (minutes < this.startMinutes) return new Date(this.startInstant(day));
      if (minutes < untilMinutes) return new Date(instant);
    }
    do day++;
    while (!this.isWorking(day));
    return new Date(this.startInstant(day));
  }

  private localDay(instant: number): number {
    return Math.floor((instant + OFFSET_MS) / DAY_MS);
  }

  private endInstant(day: number): number {
    return day * DAY_MS - OFFSET_MS + this.endMinutes * 60_000;
  }

  private startInstant(day: number): number {
    return day * DAY_MS - OFFSET_MS + this.startMinutes * 60_000;
  }

  private isWorking(day: number): boolean {
    const exception = this.yearData(yearOf(day)).exceptions.get(day);
    return exception ? exception.working : !this.rest[weekday(day)];
  }

  /** Working days from 1 Jan 2000 (or before it, negative) up to and including the day; only differences matter. */
  private ordinal(day: number): number {
    const year = yearOf(day);
    const data = this.yearData(year);
    let ordinal = data.cumulative[day - data.firstDay];
    for (let y = 2000; y < year; y++) ordinal += this.total(y);
    for (let y = year; y < 2000; y++) ordinal -= this.total(y);
    return ordinal;
  }

  private total(year: number): number {
    const cumulative = this.yearData(year).cumulative;
    return cumulative[cumulative.length - 1];
  }

  private yearData(year: number): YearData {
    const cached = this.years.get(year);
    if (cached) return cached;
    const exceptions = this.rulesOf(year);
    for (const [day, override] of this.overrides) {
      if (yearOf(day) !== year) continue;
      const rule = exceptions.get(day);
      const own = override.kind === 'HOLIDAY'
        ? { reason: 'OVERRIDE_HOLIDAY' as const, name: { vi: 'Ngày nghỉ theo quyết định', en: 'Day off by decision' } }
        : { reason: 'OVERRIDE_WORKDAY' as const, name: { vi: 'Ngày làm việc theo quyết định (làm bù)', en: 'Working day by decision (make-up day)' } };
      // An override that confirms a rule holiday keeps the holiday's name (Tết stays Tết), with the decision's document.
      const named = rule && rule.working === (override.kind === 'WORKDAY') ? { reason: rule.reason, name: rule.name } : own;
      exceptions.set(day, {
        date: override.date,
        working: override.kind === 'WORKDAY',
        ...named,
        source: 'OVERRIDE',
        document: override.document,
        note: override.note,
      });
    }
    const firstDay = Date.UTC(year, 0, 1) / DAY_MS;
    const length = Date.UTC(year + 1, 0, 1) / DAY_MS - firstDay;
    const cumulative = new Int32Array(length);
    let running = 0;
    for (let index = 0; index < length; index++) {
      const day = firstDay + index;
      const exception = exceptions.get(day);
      if (exception ? exception.working : !this.rest[weekday(day)]) running++;
      cumulative[index] = running;
    }
    const data = { exceptions, cumulative, firstDay };
    this.years.set(year, data);
    return data;
  }

  /** The rule holidays of a year that fall on a working weekday, and their substitute days. */
  private rulesOf(year: number): Map<number, CalendarDay> {
    const holidays = ruleHolidays(year);
    const taken = new Set(holidays.map((holiday) => holiday.day));
    const days = new Map<number, CalendarDay>();
    const add = (day: number, reason: DayReason, name: Name) =>
      days.set(day, { date: dateOfDayNumber(day), working: false, reason, name, source: 'RULE', document: null, note: null });
    for (const holiday of holidays) {
      if (!this.rest[weekday(holiday.day)]) {
        add(holiday.day, holiday.reason, holiday.name);
        continue;
      }
      // Art. 112 (3): made up on the next working day — after any holidays and substitutes already taken, so a run
      // of holidays (Tết) pushes its substitutes past its end.
      let substitute = holiday.day + 1;
      while (this.rest[weekday(substitute)] || taken.has(substitute)) substitute++;
      taken.add(substitute);
      const on = dateOfDayNumber(holiday.day);
      add(substitute, 'SUBSTITUTE', {
        vi: `Nghỉ bù ${holiday.name.vi} (${on.slice(8, 10)}/${on.slice(5, 7)})`,
        en: `Substitute day off for ${holiday.name.en} (${on})`,
      });
    }
    return days;
  }
}
