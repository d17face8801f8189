import { formatIsoWeek, isoWeekOfDate, issueTimeOf, mondayOf, parseIsoWeek, previousWeek, vietnamInstant, type IsoWeek } from '@dondoc/workflows/briefing-week';

/**
 * The weeks a pack may be issued for: the working-day calendar covers 2000–2100 and a cut-off
 * needs some months of it ahead (the statistics' AMBER limits), so from the first week of 2000
 * to mid-2100.
 */
export const FIRST_BRIEFING_MONDAY = '2000-01-03';
export const LAST_BRIEFING_MONDAY = '2100-05-24';

/** A week as the API takes it: an ISO week (`2026-W48`) or any date of it (`2026-11-25`); null when it is neither. */
export function weekOfInput(text: string): IsoWeek | null {
  return /^\d{4}-W\d{2}$/.test(text) ? parseIsoWeek(text) : /^\d{4}-\d{2}-\d{2}$/.test(text) ? isoWeekOfDate(text) : null;
}

/** Whether the week lies within the calendar's range (see FIRST_BRIEFING_MONDAY). */
export function weekInRange(week: IsoWeek): boolean {
  const monday = mondayOf(week);
  return monday >= FIRST_BRIEFING_MONDAY && monday <= LAST_BRIEFING_MONDAY;
}

/** The instants of a week's pack, from the working-day calendar. */
export interface BriefingTimes {
  week: string;
  /** Monday 00:00 Asia/Ho_Chi_Minh. */
  weekStart: Date;
  /** Monday 08:00, or 08:00 of the next working day. */
  cutOff: Date;
  /** The previous week's cut-off, by the same rule. */
  previousCutOff: Date;
  mondayOff: boolean;
}

/** A week's cut-off and the previous week's (what changed lies between them). */
export function briefingTimes(week: IsoWeek, isWorkingDay: (date: string) => boolean): BriefingTimes {
  const issue = issueTimeOf(week, isWorkingDay);
  return {
    week: formatIsoWeek(week),
    weekStart: new Date(vietnamInstant(mondayOf(week), 0)),
    cutOff: new Date(issue.at),
    previousCutOff: new Date(issueTimeOf(previousWeek(week), isWorkingDay).at),
    mondayOff: issue.mondayOff,
  };
}
