/**
 * When the email of a task event may go out: at once, or held until the start of the next working
 * day when it falls on a day off or at night (DESIGN.md, Notifications). Only the email waits; the
 * in-app inbox entry is written at once.
 */
import type { WorkingCalendar } from '@dondoc/calendar';
import type { NotificationPlan, TaskEventType } from '@dondoc/workflows/task/task.types';

/** The system's side of the rule (configuration). */
export interface HoldPolicy {
  /** Whether a template that does not say holds emails outside working hours (NOTIFY_WORKING_HOURS_ONLY). */
  workingHoursOnly: boolean;
  /** End of the sending window of a working day, 'HH:mm' Asia/Ho_Chi_Minh (NOTIFY_UNTIL). */
  until: string;
}

export interface HoldQuestion {
  /** When the email would go (ms): the later of the event and its recording. */
  at: number;
  eventType: TaskEventType;
  /** The recipient is the head of the task's lead unit. */
  toHead: boolean;
  /** The template's say, from the task's plan (absent in plans made before it existed). */
  plan: NotificationPlan | undefined;
}

/**
 * The instant before which the email must not be sent, or null to send it at once: null when the
 * template (or, if it does not say, the configuration) lets emails go at any hour, for the overdue
 * notice to the head unless the template says otherwise, and when `at` is within working hours.
 */
export function emailHoldUntil(calendar: Pick<WorkingCalendar, 'nextWorkingTime'>, policy: HoldPolicy, question: HoldQuestion): Date | null {
  const { at, eventType, toHead, plan } = question;
  if (!(plan?.workingHoursOnly ?? policy.workingHoursOnly)) return null;
  if (eventType === 'OVERDUE' && toHead && (plan?.overdueToHeadAnyTime ?? true)) return null;
  const next = calendar.nextWorkingTime(at, policy.until);
  return next.getTime() > at ? next : null;
}
