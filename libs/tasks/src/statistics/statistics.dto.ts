import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { toBoolean } from '@dondoc/common';
import { PersonRefDto, UNIT_LEVELS, UnitRefDto, type UnitLevel } from '@dondoc/organisation';
import { BASES, type Basis } from './task-state-at.sql';

export const GROUP_BYS = ['unit', 'head', 'program', 'template', 'level', 'assigner'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** A date-time with its time (a bare date would be read as UTC midnight). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The filters the statistics and their drill-down (`GET /api/tasks`) share. */
export class StatisticsFiltersDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'The cut-off: each task’s state at this instant (default now). Tasks assigned after it are not counted.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME)
  asOf?: string;

  @ApiPropertyOptional({ enum: BASES, default: 'assigned', description: 'What `from`/`to` bound: the assignment time, or the original due time.' })
  @IsOptional()
  @IsIn(BASES)
  basis?: Basis;

  @ApiPropertyOptional({ format: 'date-time', description: 'Period start (inclusive), on `basis`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Period end (exclusive), on `basis`; after `from`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME)
  to?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  program?: string;

  @ApiPropertyOptional({ description: 'Key tasks only (true), or the others (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  key?: boolean;

  @ApiPropertyOptional({ enum: UNIT_LEVELS, description: 'The level of the lead unit' })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: UnitLevel;
}

export class StatisticsQueryDto extends StatisticsFiltersDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks led by this unit or any unit under it (within your scope)' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({
    enum: GROUP_BYS,
    default: 'unit',
    description:
      'unit: one row per unit directly below `unitId` (without it: the top units of your scope), each rolling up its subtree, and a row for the tasks `unitId` leads itself; ' +
      'head: the head of the lead unit, with their overdue tasks; program; template (by key); level (of the lead unit); assigner.',
  })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy: GroupBy = 'unit';
}

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

export class StatisticsExportQueryDto extends StatisticsQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: (typeof EXPORT_FORMATS)[number] = 'xlsx';
}

/** The states' shares of the tasks already due (in %, one decimal; null when none is due). */
export class PercentOfDueDto {
  @ApiProperty({ nullable: true, type: Number }) doneOnTime!: number | null;
  @ApiProperty({ nullable: true, type: Number }) doneLate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) overdue!: number | null;
}

/** The states' shares of all counted tasks (in %, one decimal; null when none is counted). */
export class PercentOfAllDto extends PercentOfDueDto {
  @ApiProperty({ nullable: true, type: Number }) inProgressWithinDeadline!: number | null;
}

export class StateCountsDto {
  @ApiProperty({ description: 'Done by this due time (delivered at or before it)' }) doneOnTime!: number;
  @ApiProperty({ description: 'Done after this due time' }) doneLate!: number;
  @ApiProperty({ description: 'Not done, the due time not yet come' }) inProgressWithinDeadline!: number;
  @ApiProperty({ description: 'Not done, the due time passed' }) overdue!: number;
  @ApiProperty({ description: 'Tasks whose due time had come by the cut-off (done or not): the base of `percentOfDue`' }) alreadyDue!: number;
  @ApiProperty({ type: () => PercentOfAllDto, description: 'Each state over all counted tasks, in % (one decimal; null when none)' }) percentOfAll!: PercentOfAllDto;
  @ApiProperty({ type: () => PercentOfDueDto, description: 'Each state among the tasks already due, over them, in %' }) percentOfDue!: PercentOfDueDto;
}

export class DaysLateDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Average working days late of the late tasks (done late and overdue), one decimal' }) average!: number | null;
  @ApiProperty({ nullable: true, type: Number }) maximum!: number | null;
}

export class OverdueTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ description: 'Working days late against the current due time' }) daysLate!: number;
  @ApiProperty({ description: 'Working days late against the original due time' }) daysLateOriginal!: number;
}

export class StatisticsRowDto {
  @ApiProperty({ nullable: true, type: String, description: 'The group: a unit id, a head’s user id, a program, a template key, a level, an assigner’s id (null: none)' }) group!: string | null;
  @ApiProperty({ description: 'The group’s name, in the reader’s language' }) label!: string;
  @ApiPropertyOptional({ type: UnitRefDto, nullable: true }) unit?: UnitRefDto | null;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true }) person?: PersonRefDto | null;
  @ApiProperty({ description: 'The row includes the tasks of the units under its unit' }) rollsUp!: boolean;
  @ApiProperty({ description: 'Units the row covers' }) unitCount!: number;
  @ApiProperty({ description: 'Tasks counted (assigned by the cut-off, not cancelled by it)' }) total!: number;
  @ApiProperty({ description: 'Key tasks among them' }) key!: number;
  @ApiProperty({ description: 'Cancelled by the cut-off: listed apart, never done' }) cancelled!: number;
  @ApiProperty({ type: StateCountsDto, description: 'Against the due time set at assignment' }) original!: StateCountsDto;
  @ApiProperty({ type: StateCountsDto, description: 'Against the due time in force at the cut-off (extended)' }) current!: StateCountsDto;
  @ApiProperty({ description: 'Open, within the current due time, due within the template’s AMBER working days' }) dueSoon!: number;
  @ApiProperty({ description: 'Open and not yet acknowledged at the cut-off' }) notAcknowledged!: number;
  @ApiProperty({ type: Object, description: '{ original: DaysLate, current: DaysLate }' }) daysLate!: { original: DaysLateDto; current: DaysLateDto };
  @ApiProperty({ type: Object, description: 'Tasks that reached each escalation level by the cut-off: "1" the head notified at the due time, "2"… approved ladder levels' }) escalations!: Record<string, number>;
  @ApiProperty({ type: Object, description: '{ count, workingDaysGranted }: extensions approved (and matters beyond authority decided EXTEND) by the cut-off' }) extensions!: { count: number; workingDaysGranted: number };
  @ApiProperty({ type: Object, description: '{ requested, answered, unanswered, late }: explanation requests by the cut-off; late: not answered by their deadline' }) explanations!: { requested: number; answered: number; unanswered: number; late: number };
  @ApiProperty({ description: 'Evidence submissions rejected by the reviewer by the cut-off' }) evidenceRejections!: number;
  @ApiProperty({ type: Object, description: '{ verified, attested }: tasks done by the cut-off whose REAL_USERS criterion was read from a metrics source, or attested by the head' }) realUsers!: { verified: number; attested: number };
  @ApiProperty({ description: 'Tasks whose product regressed after completion (after-care) by the cut-off' }) regressed!: number;
  @ApiProperty({ type: Object, description: '{ caused, suffered }: working days of blockers by the cut-off — caused by the row’s units as blocking units (null for program, template and assigner rows), suffered by its tasks' })
  blockedDays!: { caused: number | null; suffered: number };
  @ApiProperty({ nullable: true, type: String, description: 'The `GET /api/tasks` query string returning the row’s tasks (add `state` and `against` for one figure)' }) drillDown!: string | null;
  @ApiPropertyOptional({ type: [OverdueTaskDto], description: 'groupBy=head: the overdue tasks (against the current due time), most late first, at most 100' }) overdueTasks?: OverdueTaskDto[];
}

export class StatisticsDto {
  @ApiProperty({ format: 'date-time', description: 'The cut-off the figures are counted at: `asOf` when given; otherwise now, or the snapshot’s cut-off (`source`)' }) asOf!: string;
  @ApiProperty({
    enum: ['live', 'snapshot'],
    description:
      'live: counted from the tasks for this request; snapshot: read from the latest statistics snapshot (counted by the worker every STATISTICS_SNAPSHOT_INTERVAL_MS, at most STATISTICS_SNAPSHOT_MAX_AGE_MS old), which answers the unit rows without asOf, period, programme or level',
  })
  source!: 'live' | 'snapshot';
  @ApiProperty({ enum: GROUP_BYS }) groupBy!: GroupBy;
  @ApiProperty({ type: Object, description: 'The filters applied, as given' }) filters!: Record<string, unknown>;
  @ApiProperty({ description: 'What the figures cover, in the reader’s language' }) scope!: string;
  @ApiProperty({ type: [StatisticsRowDto] }) rows!: StatisticsRowDto[];
  @ApiProperty({ type: StatisticsRowDto, description: 'Every task counted (blocked days caused: all blocking units of the scope)' }) totals!: StatisticsRowDto;
}
