/**
 * Publishing a quarter's scorecards. The Temporal Schedule `quarterly-scorecards` starts the
 * workflow at 07:00 the day after each quarter's cut-off (no input: the quarter is derived from
 * the instant the schedule meant, never the clock); an administrator's `POST
 * /api/reports/scorecards` starts it with the quarter (and a reason, for a correction).
 */
export interface ScorecardsInput {
  /** The quarter (`2026-Q3`); absent when the schedule started the run. */
  quarter?: string;
  /** A correction: new versions of the scorecards whose content changed, with this reason. */
  reason?: string | null;
  /** Who asked (an administrator), as the audit trail records them; absent for the schedule. */
  actor?: unknown;
}

export interface ScorecardsOutcome {
  quarter: string;
  published: number;
  unchanged: number;
}

export interface ScorecardsActivities {
  /** The quarter a scheduled run is for, and when it issues: 07:00 of the first working day after the cut-off. */
  scorecardIssueTime(input: { scheduledAt: string }): Promise<{ quarter: string; issueAt: string }>;
  /** Publishes the quarter's scorecards (idempotent: a subject with a scorecard keeps it unless a reason corrects it). */
  publishScorecards(input: { quarter: string; reason: string | null; actor?: unknown }): Promise<ScorecardsOutcome>;
}

export const SCORECARDS_SCHEDULE_ID = 'quarterly-scorecards';
