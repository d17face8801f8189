import { Injectable } from '@nestjs/common';
import { CalendarService } from '@dondoc/calendar';
import { reminderTimesFor, workingDayDue } from '@dondoc/tasks';
import type { CalendarActivities } from '@dondoc/workflows/task/task.types';
import { heartbeating } from './heartbeat';

/** Counting in the working-day calendar for the task workflow (which never reads the calendar itself). */
@Injectable()
export class CalendarActivitiesService implements CalendarActivities {
  constructor(private readonly calendar: CalendarService) {}

  computeWorkingDayDue: CalendarActivities['computeWorkingDayDue'] = (input) => heartbeating(async () => workingDayDue(await this.calendar.current(), input));

  computeWorkingDayReminders: CalendarActivities['computeWorkingDayReminders'] = ({ dueAt, reminderWorkingDays }) =>
    heartbeating(async () => reminderTimesFor(await this.calendar.current(), Date.parse(dueAt), reminderWorkingDays));
}
