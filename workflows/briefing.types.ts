/**
 * The weekly briefing (giao ban hằng tuần): one workflow per pack issued. The Temporal Schedule
 * `weekly-briefing` starts it every Monday 08:00 Asia/Ho_Chi_Minh with no input (its week is the
 * schedule's time: `TemporalScheduledStartTime`, a backfill's too); an administrator's
 * `POST /api/reports/briefings` starts it with the week, and a reason for a new version.
 */
export interface BriefingInput {
  /** `2026-W48`; absent: the week of the schedule's scheduled start time. */
  week?: string;
  /** The version to issue (the API's); absent: the week's first, or the one already issued. */
  version?: number;
  /** Why a week is issued again (a new version); null or absent for the first. */
  reason?: string | null;
  /** The administrator who asked (absent: dondoc itself, on schedule). */
  requestedBy?: BriefingRequester | null;
}

export interface BriefingRequester {
  userId: string;
  email: string | null;
  /** The HTTP request, for the audit trail. */
  requestId: string | null;
}

export interface BriefingResult {
  briefingId: string;
  week: string;
  version: number;
  contentHash: string;
  /** false: the pack was there already (a repeated run, a retried request). */
  created: boolean;
}

export interface BriefingActivities {
  /** When the week's pack is issued (Monday 08:00, or 08:00 of the next working day), from the working-day calendar. */
  briefingIssueTime(input: { week: string }): Promise<{ issueAt: number; mondayOff: boolean }>;
  /**
   * Counts the week's pack at its cut-off and stores it, with its audit event and its emails, in
   * one transaction — or returns the pack already issued: the week's latest when no reason is
   * given, the asked version when it exists. Never changes a pack.
   */
  issueBriefing(input: { week: string; version: number | null; reason: string | null; requestedBy: BriefingRequester | null; workflowId: string }): Promise<BriefingResult>;
}
