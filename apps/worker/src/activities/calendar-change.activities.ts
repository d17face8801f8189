import { Injectable } from '@nestjs/common';
import { DueRecalculationService } from '@dondoc/tasks';
import type { CalendarChangeActivities } from '@dondoc/workflows/calendar-change.types';
import { heartbeating } from './heartbeat';

/** The recalculation of a calendar change: telling the affected task workflows page by page, then marking it done. */
@Injectable()
export class CalendarChangeActivitiesService implements CalendarChangeActivities {
  constructor(private readonly recalculation: DueRecalculationService) {}

  recalculateDuePage: CalendarChangeActivities['recalculateDuePage'] = ({ revision, after }) => heartbeating(() => this.recalculation.recalculatePage(revision, after));

  markCalendarChangeRecalculated: CalendarChangeActivities['markCalendarChangeRecalculated'] = ({ revision, tasks }) =>
    heartbeating(() => this.recalculation.markRecalculated(revision, tasks));
}
