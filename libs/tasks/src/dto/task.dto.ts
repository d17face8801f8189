import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsTerm, MultiLine, OptionalNotNull, PageQueryDto, toBoolean, trim } from '@dondoc/common';
import { UNIT_LEVELS, type UnitLevel } from '@dondoc/organisation';
import { TASK_STATUSES, type TaskStatus } from '@dondoc/workflows/task/task.types';
import { AGAINST, BASES, DRILL_STATES, RISKS, type Against, type Basis, type DrillState, type Risk } from '../statistics/task-state-at.sql';

/** A date-time with its time (a bare date would be read as UTC midnight). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `a,b` or repeated parameters as a list. */
const commaList = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value);

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const JSON_POINTER = /^(\/[^/]*)*$/;

export class MilestoneDto {
  @ApiProperty({ example: 'Hoàn thành thử nghiệm tại 3 xã' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({ example: '2027-03-31T17:00:00+07:00' })
  @IsISO8601({ strict: true })
  dueAt!: string;
}

export class AssignTaskDto {
  @ApiProperty({ example: 'Đưa dịch vụ công trực tuyến cấp xã vào vận hành' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @MultiLine()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ example: 'Kế hoạch hành động Nghị quyết 57 năm 2026' })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  program?: string;

  @ApiProperty({ example: 'chuyen-doi-so-90d', description: 'The template key; the task gets its current version.' })
  @IsString()
  @MaxLength(60)
  templateKey!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  leadUnitId!: string;

  @ApiPropertyOptional({ type: [String], description: 'Units that coordinate (phối hợp)' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coordinatingUnitIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The focal officer (cán bộ đầu mối): a user of the lead unit.' })
  @OptionalNotNull()
  @IsUUID()
  focalOfficerId?: string;

  @ApiPropertyOptional({ example: '2026-12-31T17:00:00+07:00', description: 'The due time; or give `duration`; neither: the template’s default term from now.' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({
    example: '10wd',
    description:
      'Instead of `dueAt`: a term from now, as a duration (90d, 36h, P7D) or in working days (10wd: from the day after, ending at 17:00 of the last working day, Asia/Ho_Chi_Minh; recomputed when an administrator changes a day within it).',
  })
  @OptionalNotNull()
  @IsTerm(1)
  duration?: string;

  @ApiPropertyOptional({ type: [MilestoneDto] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];

  @ApiPropertyOptional({ default: false, description: 'A key task (nhiệm vụ trọng tâm): counted apart in the statistics (`key=true`).' })
  @OptionalNotNull()
  @IsBoolean()
  key?: boolean;
}

export class BulkAssignDto {
  @ApiProperty({ type: [AssignTaskDto], description: 'A plan’s list of tasks: all are valid, or none is assigned.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AssignTaskDto)
  tasks!: AssignTaskDto[];
}

/** The most tasks one plan assignment takes (`POST /api/assignments`). */
export const MAX_PLAN_TASKS = 10_000;

export class AssignPlanDto {
  @ApiProperty({ type: [AssignTaskDto], description: `A plan’s list of tasks (at most ${MAX_PLAN_TASKS.toLocaleString('en')}): all are valid, or none is assigned.` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PLAN_TASKS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AssignTaskDto)
  tasks!: AssignTaskDto[];
}

export const TASK_SORTS = ['dueAt', '-dueAt', 'createdAt', '-createdAt', 'code', 'risk'] as const;

export class TaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks led by this unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks led by this unit or any unit under it' })
  @IsOptional()
  @IsUUID()
  withinUnitId?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ description: 'Flagged overdue (true; a task done late keeps the flag), or not (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Open: ASSIGNED, IN_PROGRESS or EVIDENCE_SUBMITTED (true), or DONE/CANCELLED (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ description: 'Due this week (true), or not (false): the current due time falls from Monday 00:00 to Sunday 24:00 of the current week, Asia/Ho_Chi_Minh' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dueThisWeek?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  program?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks of this plan assignment (`POST /api/assignments`)' })
  @IsOptional()
  @IsUUID()
  assignmentId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Due before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueTo?: string;

  @ApiPropertyOptional({ description: 'Done tasks whose product stopped working (after-care)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  regressed?: boolean;

  @ApiPropertyOptional({ description: 'Tasks whose latest evidence counts active users on a figure attested by the head of the unit (true), or not (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  attested?: boolean;

  @ApiPropertyOptional({ description: 'Search code and title' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Key tasks (true), or the others (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  key?: boolean;

  @ApiPropertyOptional({ description: 'Risk colours, comma-separated (RED,AMBER): see `risk` of a task', example: 'RED,AMBER' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayMaxSize(RISKS.length)
  @IsIn(RISKS, { each: true })
  risk?: Risk[];

  @ApiPropertyOptional({ description: 'Tasks of this template (by key, any version)' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  templateKey?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks assigned by this user' })
  @IsOptional()
  @IsUUID()
  assignedBy?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tasks whose lead unit this user heads' })
  @IsOptional()
  @IsUUID()
  headId?: string;

  // ----- the statistics' drill-down: with any of these, the list holds exactly the tasks a statistic counts -----

  @ApiPropertyOptional({ format: 'date-time', description: 'Drill-down: the statistic’s cut-off (default now); only tasks assigned by then, led within your scope' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME)
  asOf?: string;

  @ApiPropertyOptional({ enum: BASES, description: 'Drill-down: what `from`/`to` bound (default assigned)' })
  @IsOptional()
  @IsIn(BASES)
  basis?: Basis;

  @ApiPropertyOptional({ format: 'date-time', description: 'Drill-down: period start (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Drill-down: period end (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE_TIME)
  to?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS, description: 'The lead unit’s level' })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: UnitLevel;

  @ApiPropertyOptional({ enum: DRILL_STATES, description: 'Drill-down: the state at `asOf`, against the `against` due time' })
  @IsOptional()
  @IsIn(DRILL_STATES)
  state?: DrillState;

  @ApiPropertyOptional({ enum: AGAINST, default: 'current', description: 'Drill-down: the due time `state` is judged against' })
  @IsOptional()
  @IsIn(AGAINST)
  against?: Against;

  @ApiPropertyOptional({
    enum: TASK_SORTS,
    default: 'dueAt',
    description: 'Soonest due first by default. `risk`: RED, AMBER, GREY, BLUE, ORANGE, GREEN, then cancelled (as each task’s `risk` says), each soonest due first',
  })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort: (typeof TASK_SORTS)[number] = 'dueAt';
}

/** The filters of the task list that pick a tab, which the counts count one by one. */
export const TAB_FILTERS = ['status', 'overdue', 'open', 'dueThisWeek'] as const;

/** `GET /api/tasks/counts`: the task list's filters, but those that pick a tab, and no paging or sort. */
export class TaskCountsQueryDto extends OmitType(TaskQueryDto, [...TAB_FILTERS, 'sort', 'page', 'pageSize'] as const) {}

// ----- actions ----------------------------------------------------------------------------------

export class ProgressDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 40 })
  @IsInt()
  @Min(0)
  @Max(100)
  percent!: number;

  @ApiProperty({ example: 'Đã triển khai thử nghiệm tại 12/30 xã.' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  note!: string;
}

export class ExtensionRequestDto {
  @ApiPropertyOptional({ example: '2027-01-31T17:00:00+07:00', description: 'The new due time; or give `extendBy` (exactly one of the two).' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  newDueAt?: string;

  @ApiPropertyOptional({
    example: '5wd',
    description: 'Instead of `newDueAt`: how much later than the current due time, as a duration (10d, 36h) or in working days (5wd: ending at 17:00 of the fifth working day after the current due date). The new due time is then an instant: it no longer moves with the calendar.',
  })
  @OptionalNotNull()
  @IsTerm(1)
  extendBy?: string;

  @ApiProperty()
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  reason!: string;
}

export class DecisionDto {
  @ApiProperty({ description: 'true to approve, false to reject (a comment is then required)' })
  @IsBoolean()
  approve!: boolean;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MaxLength(4_000)
  comment?: string;
}

export class ExtensionDecisionDto extends DecisionDto {
  @ApiPropertyOptional({ description: 'Approving: the delay has an objective cause (natural disaster, a change of policy…); the quarterly scorecard then does not count it against the unit. Ignored on rejection.' })
  @OptionalNotNull()
  @IsBoolean()
  objectiveCause?: boolean;
}

export class ExplanationRequestDto {
  @ApiProperty({ example: 'Đề nghị giải trình lý do chậm triển khai.' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  question!: string;

  @ApiProperty({ example: '2026-12-05T17:00:00+07:00' })
  @IsISO8601({ strict: true })
  deadline!: string;
}

export class ExplanationAnswerDto {
  @ApiProperty()
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  answer!: string;
}

export class BeyondAuthorityDto {
  @ApiProperty({ example: 'Cần cơ chế đặc thù về đấu thầu, vượt thẩm quyền của UBND xã.' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  reason!: string;
}

export const BEYOND_AUTHORITY_DECISIONS = ['DIRECTION', 'EXTEND', 'REASSIGN', 'CANCEL', 'RETURN'] as const;

export class BeyondAuthorityDecisionDto {
  @ApiProperty({ enum: BEYOND_AUTHORITY_DECISIONS, description: 'DIRECTION: give direction; EXTEND: new due time; REASSIGN: another lead unit; CANCEL; RETURN: back to the unit.' })
  @IsIn(BEYOND_AUTHORITY_DECISIONS)
  decision!: (typeof BEYOND_AUTHORITY_DECISIONS)[number];

  @ApiProperty({ description: 'The direction, or the reason of the decision.' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  comment!: string;

  @ApiPropertyOptional({ description: 'EXTEND: the new due time' })
  // Checked whenever it is sent, not only with EXTEND: whatever reaches the service is well-formed.
  @ValidateIf((o: BeyondAuthorityDecisionDto) => o.decision === 'EXTEND' || o.newDueAt !== undefined)
  @IsISO8601({ strict: true })
  newDueAt?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'REASSIGN: the new lead unit' })
  @ValidateIf((o: BeyondAuthorityDecisionDto) => o.decision === 'REASSIGN' || o.newLeadUnitId !== undefined)
  @IsUUID()
  newLeadUnitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'REASSIGN: the new focal officer (a user of the new unit)' })
  @OptionalNotNull()
  @IsUUID()
  newFocalOfficerId?: string;
}

export class OperatingProductDto {
  @ApiProperty({ example: 'https://dichvucong.minhchau.gov.vn' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2_000)
  url!: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @MultiLine()
  @IsString()
  @MaxLength(2_000)
  description?: string;

  @ApiPropertyOptional({ example: 'Dịch vụ công trực tuyến', description: 'Text every healthy answer must contain.' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  expectText?: string;

  @ApiPropertyOptional({ example: '/status', description: 'A JSON field every healthy answer must have (RFC 6901 pointer)…' })
  @OptionalNotNull()
  @Matches(JSON_POINTER)
  @MaxLength(300)
  expectJsonPointer?: string;

  @ApiPropertyOptional({ example: 'ok', description: '…with this value.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(300)
  expectJsonValue?: string;
}

export class VerifiedDataDto {
  @ApiProperty({ example: 'https://data.minhchau.gov.vn/ho-so-2026.csv' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(2_000)
  datasetUrl!: string;

  @ApiPropertyOptional({ description: 'Expected SHA-256 (hex)' })
  @OptionalNotNull()
  @Matches(/^[a-fA-F0-9]{64}$/)
  sha256?: string;

  @ApiPropertyOptional({ description: 'Expected number of records' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  recordCount?: number;

  @ApiPropertyOptional({ enum: ['csv', 'json'] })
  @OptionalNotNull()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';

  @ApiPropertyOptional({ example: '/data', description: 'For a JSON data API: where the records (an array) or their count (a number) are.' })
  @OptionalNotNull()
  @Matches(JSON_POINTER)
  @MaxLength(300)
  jsonPointer?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @MultiLine()
  @IsString()
  @MaxLength(2_000)
  description?: string;
}

export class RealUsersDto {
  @ApiPropertyOptional({ description: 'A metrics URL returning the active users at a JSON pointer' })
  @OptionalNotNull()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2_000)
  metricsUrl?: string;

  @ApiPropertyOptional({ example: '/activeUsers' })
  @OptionalNotNull()
  @Matches(JSON_POINTER)
  @MaxLength(300)
  jsonPointer?: string;

  @ApiPropertyOptional({ description: 'Or a figure attested by the head of the unit (only the head may submit it; shown as “attested”).' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  attestedActiveUsers?: number;

  @ApiProperty({ example: '2026-11-01T00:00:00+07:00' })
  @IsISO8601({ strict: true })
  periodFrom!: string;

  @ApiProperty({ example: '2026-11-30T23:59:59+07:00' })
  @IsISO8601({ strict: true })
  periodTo!: string;
}

export class MeasurableEffectDto {
  @ApiProperty({ example: 'Tỷ lệ hồ sơ nộp trực tuyến' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  kpi!: string;

  @ApiProperty({ example: '%' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  unit!: string;

  @ApiProperty({ example: 20 }) @IsNumber({ allowNaN: false, allowInfinity: false }) baseline!: number;
  @ApiProperty({ example: 60 }) @IsNumber({ allowNaN: false, allowInfinity: false }) target!: number;
  @ApiProperty({ example: 64 }) @IsNumber({ allowNaN: false, allowInfinity: false }) achieved!: number;

  @ApiProperty({ enum: ['INCREASE', 'DECREASE'] })
  @IsIn(['INCREASE', 'DECREASE'])
  direction!: 'INCREASE' | 'DECREASE';

  @ApiProperty({ example: 'Số hồ sơ trực tuyến / tổng số hồ sơ, theo tháng' })
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  method!: string;

  @ApiPropertyOptional({ description: 'Where the achieved value is read (a number at sourceJsonPointer); without it, the declared value is checked.' })
  @OptionalNotNull()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2_000)
  sourceUrl?: string;

  @ApiPropertyOptional({ example: '/kpi/achieved' })
  @OptionalNotNull()
  @Matches(JSON_POINTER)
  @MaxLength(300)
  sourceJsonPointer?: string;
}

export class SupportingDocumentDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title!: string;

  @ApiProperty({ enum: ['DOCUMENT', 'PLAN', 'MINUTES', 'DECISION', 'OTHER'] })
  @IsIn(['DOCUMENT', 'PLAN', 'MINUTES', 'DECISION', 'OTHER'])
  kind!: 'DOCUMENT' | 'PLAN' | 'MINUTES' | 'DECISION' | 'OTHER';

  @ApiPropertyOptional() @OptionalNotNull() @IsUrl(URL_OPTIONS) @MaxLength(2_000) url?: string;
}

/** Evidence of a working result, one object per criterion; documents are supporting material only. */
export class EvidenceDto {
  @ApiPropertyOptional({ type: OperatingProductDto }) @OptionalNotNull() @IsObject() @ValidateNested() @Type(() => OperatingProductDto) operatingProduct?: OperatingProductDto;
  @ApiPropertyOptional({ type: VerifiedDataDto }) @OptionalNotNull() @IsObject() @ValidateNested() @Type(() => VerifiedDataDto) verifiedData?: VerifiedDataDto;
  @ApiPropertyOptional({ type: RealUsersDto }) @OptionalNotNull() @IsObject() @ValidateNested() @Type(() => RealUsersDto) realUsers?: RealUsersDto;
  @ApiPropertyOptional({ type: MeasurableEffectDto }) @OptionalNotNull() @IsObject() @ValidateNested() @Type(() => MeasurableEffectDto) measurableEffect?: MeasurableEffectDto;

  @ApiPropertyOptional({ type: [SupportingDocumentDto], description: 'Never satisfy a criterion.' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SupportingDocumentDto)
  supportingDocuments?: SupportingDocumentDto[];
}

export class CriterionRejectionsDto {
  @ApiPropertyOptional() @OptionalNotNull() @MultiLine() @IsString() @MinLength(1) @MaxLength(2_000) OPERATING_PRODUCT?: string;
  @ApiPropertyOptional() @OptionalNotNull() @MultiLine() @IsString() @MinLength(1) @MaxLength(2_000) VERIFIED_DATA?: string;
  @ApiPropertyOptional() @OptionalNotNull() @MultiLine() @IsString() @MinLength(1) @MaxLength(2_000) REAL_USERS?: string;
  @ApiPropertyOptional() @OptionalNotNull() @MultiLine() @IsString() @MinLength(1) @MaxLength(2_000) MEASURABLE_EFFECT?: string;
}

export class ReviewDto {
  @ApiProperty({ description: 'true: the task is done; false: back in progress with the reasons' })
  @IsBoolean()
  approve!: boolean;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @MultiLine()
  @IsString()
  @MaxLength(4_000)
  comment?: string;

  @ApiPropertyOptional({ type: CriterionRejectionsDto, description: 'When rejecting: the reason for each criterion that fails.' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => CriterionRejectionsDto)
  rejections?: CriterionRejectionsDto;
}

export class CloseAfterCareDto {
  @ApiProperty({ example: 'Sản phẩm đã được bàn giao cho đơn vị vận hành' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  reason!: string;
}

export class CancelDto {
  @ApiProperty()
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  reason!: string;
}
