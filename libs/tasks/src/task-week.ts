/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving time since 1975). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The week `now` falls in, as Vietnam counts it: from Monday 00:00 to the next Monday 00:00,
 * Asia/Ho_Chi_Minh (`from` included, `to` excluded). "Due this week" means a due time in it.
 */
export function weekInVietnam(now: Date): { from: Date; to: Date } {
  const local = now.getTime() + VIETNAM_OFFSET_MS;
  const midnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const from = midnight - sinceMonday * DAY_MS - VIETNAM_OFFSET_MS;
  return { from: new Date(from), to: new Date(from + 7 * DAY_MS) };
}
