import type { components, operations } from '@/lib/api/schema';

/** The official statistic set (GET /api/reports/statistics). */
export type Statistics = components['schemas']['StatisticsDto'];
export type StatisticsRow = components['schemas']['StatisticsRowDto'];
export type StateCounts = components['schemas']['StateCountsDto'];
/** The statistics' query. */
export type StatisticsQuery = NonNullable<operations['StatisticsController_get']['parameters']['query']>;
export type UnitLevel = NonNullable<StatisticsQuery['level']>;
export type Basis = NonNullable<StatisticsQuery['basis']>;
/** A state at the cut-off, as the task list's drill-down names it. */
export type TaskState = NonNullable<NonNullable<operations['TasksController_list']['parameters']['query']>['state']>;
export type Against = 'original' | 'current';
export type Unit = components['schemas']['UnitDto'];
