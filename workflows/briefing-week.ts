/**
 * The weeks of the weekly briefing (giao ban hằng tuần): ISO 8601 weeks (Monday to Sunday) of
 * Asia/Ho_Chi_Minh dates, and the instant a week's pack is issued — Monday 08:00, or 08:00 of the
 * next working day when that Monday is a day off. Pure: the workflow derives its week from the
 * schedule's time with it, the worker and the API compute the cut-off with it (the working-day
 * calendar passed in as a predicate).
 */

/** Asia/Ho_Chi_Minh is UTC+7 all year. */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The hour (Asia/Ho_Chi_Minh) at which a briefing is issued, and its cut-off. */
export const BRIEFING_HOUR = 8;

/** How far past its Monday a week's issue may be pushed by days off (Tết is the longest run: about nine days). */
const MAX_DAYS_OFF = 60;

/** An ISO 8601 week: `2026-W48`. */
export interface IsoWeek {
  year: number;
  week: number;
}

export const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or NaN when it is no real date. */
function dayNumberOf(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) return NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return NaN;
  return ms / DAY_MS;
}

const dateOfDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** 0 Monday … 6 Sunday (1970-01-01 was a Thursday). */
const isoWeekday = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** `2026-W48`. */
export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of a day number: the week of its Thursday, numbered within the Thursday's year. */
function isoWeekOfDay(day: number): IsoWeek {
  const thursday = day - isoWeekday(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1) / DAY_MS;
  return { year, week: Math.floor((thursday - firstDay) / 7) + 1 };
}

/** The ISO week of a YYYY-MM-DD date; null when it is no real date. */
export function isoWeekOfDate(date: string): IsoWeek | null {
  const day = dayNumberOf(date);
  return Number.isNaN(day) ? null : isoWeekOfDay(day);
}

/** The Asia/Ho_Chi_Minh date (YYYY-MM-DD) of an instant (ms). */
export function vietnamDateOf(instant: number): string {
  return dateOfDayNumber(Math.floor((instant + OFFSET_MS) / DAY_MS));
}

/** The ISO week of the Asia/Ho_Chi_Minh date of an instant (ms): the schedule's Monday 08:00 is in its own week. */
export function isoWeekOfInstant(instant: number): IsoWeek {
  return isoWeekOfDay(Math.floor((instant + OFFSET_MS) / DAY_MS));
}

/** 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53. */
export function weeksInYear(year: number): number {
  return isoWeekOfDay(Date.UTC(year, 11, 28) / DAY_MS).week;
}

/** `2026-W48` → { year, week }; null when it is not an ISO week that exists (W53 only in long years). */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = ISO_WEEK_PATTERN.exec(text);
  if (!match) return null;
  const [year, week] = [Number(match[1]), Number(match[2])];
  if (year < 1 || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

/** The Monday (YYYY-MM-DD) of an ISO week. */
export function mondayOf({ year, week }: IsoWeek): string {
  const jan4 = Date.UTC(year, 0, 4) / DAY_MS;
  return dateOfDayNumber(jan4 - isoWeekday(jan4) + 7 * (week - 1));
}

/** The week before. */
export function previousWeek(week: IsoWeek): IsoWeek {
  return isoWeekOfDay(dayNumberOf(mondayOf(week)) - 7);
}

/** The instant (ms) of `hour`:00 on a date in Asia/Ho_Chi_Minh. */
export function vietnamInstant(date: string, hour: number): number {
  return dayNumberOf(date) * DAY_MS - OFFSET_MS + hour * 3_600_000;
}

/** When a week's briefing is issued, and so its cut-off. */
export interface IssueTime {
  /** The working day it is issued on (YYYY-MM-DD, Asia/Ho_Chi_Minh). */
  date: string;
  /** 08:00 of that day (ms): the instant the pack is counted at. */
  at: number;
  /** Whether the week's Monday was a day off (the issue moved to the next working day). */
  mondayOff: boolean;
}

/**
 * Monday 08:00 of the week, or 08:00 of the first working day after it when that Monday is a day
 * off (a holiday, a Tết break). `isWorkingDay` is the working-day calendar on YYYY-MM-DD dates.
 */
export function issueTimeOf(week: IsoWeek, isWorkingDay: (date: string) => boolean): IssueTime {
  const monday = dayNumberOf(mondayOf(week));
  for (let day = monday; day <= monday + MAX_DAYS_OFF; day++) {
    const date = dateOfDayNumber(day);
    if (isWorkingDay(date)) return { date, at: vietnamInstant(date, BRIEFING_HOUR), mondayOff: day !== monday };
  }
  throw new RangeError(`no working day within ${MAX_DAYS_OFF} days of ${formatIsoWeek(week)}'s Monday`);
}
