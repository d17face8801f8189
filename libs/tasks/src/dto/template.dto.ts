import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDuration, IsTerm, MultiLine, OptionalNotNull, toBoolean, trim } from '@dondoc/common';
import { CRITERIA, type Criterion } from '@dondoc/workflows/task/task.types';

export const DECIDER_TYPES = ['ASSIGNER', 'PARENT_HEAD', 'STEERING_COMMITTEE', 'LEADER_GROUP'] as const;

export class DeciderDto {
  @ApiProperty({ enum: DECIDER_TYPES, description: 'PARENT_HEAD: head of the lead unit’s parent; STEERING_COMMITTEE: leaders of the root unit above the lead unit; LEADER_GROUP: named leaders; ASSIGNER: who assigned the task (reviewers only).' })
  @IsIn(DECIDER_TYPES)
  type!: (typeof DECIDER_TYPES)[number];

  @ApiPropertyOptional({ description: 'LEADER_GROUP: the group’s name', example: 'Tổ công tác Nghị quyết 57' })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ type: [String], description: 'LEADER_GROUP: its members (users with the LEADER role)' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds?: string[];
}

export class LadderLevelDto {
  @ApiProperty({ minimum: 2, example: 2, description: 'Level 1 is always the head of the lead unit at the due time.' })
  @IsInt()
  @Min(2)
  @Max(10)
  level!: number;

  @ApiProperty({ example: '7d', description: 'How long after the due time this level is proposed.' })
  @IsDuration(1)
  after!: string;

  @ApiProperty({ type: DeciderDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeciderDto)
  decider!: DeciderDto;

  @ApiPropertyOptional({ default: true, description: 'Approving this level asks the unit to explain.' })
  @OptionalNotNull()
  @IsBoolean()
  openExplanation?: boolean;
}

export class AcknowledgementReminderDto {
  @ApiProperty({ example: '1d', description: 'Remind a unit that has not acknowledged, every…' })
  @IsDuration(1)
  every!: string;

  @ApiProperty({ example: 3, description: '…at most this many times.' })
  @IsInt()
  @Min(1)
  @Max(50)
  max!: number;
}

export class EscalationDto {
  @ApiProperty({ type: [LadderLevelDto], description: 'Levels 2, 3, … in order, each later than the previous.' })
  @IsArray()
  @ArrayMaxSize(9)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LadderLevelDto)
  levels!: LadderLevelDto[];

  @ApiProperty({ example: '2d', description: 'A decision left open this long is re-notified (and again after each interval).' })
  @IsDuration(1)
  decisionReminderEvery!: string;

  @ApiProperty({ example: '5d', description: 'Deadline of an explanation opened by an approved escalation.' })
  @IsDuration(1)
  explanationDeadline!: string;
}

export class ProbeRulesDto {
  @ApiProperty({ example: 5, description: 'Probes of the operating product; all must be healthy.' })
  @IsInt()
  @Min(1)
  @Max(50)
  probes!: number;

  @ApiProperty({ example: '10m', description: 'The probes are spread over this window (0: back to back).' })
  @IsDuration(0)
  window!: string;

  @ApiProperty({ example: 5000, description: 'Slowest acceptable answer, in milliseconds.' })
  @IsInt()
  @Min(100)
  @Max(120_000)
  maxLatencyMs!: number;
}

export class AfterCareDto {
  @ApiProperty({ example: '7d', description: 'Probe the product this often after completion…' })
  @IsDuration(1)
  every!: string;

  @ApiProperty({ example: '84d', description: '…for this long (e.g. weekly for 12 weeks).' })
  @IsDuration(1)
  duration!: string;

  @ApiProperty({ example: 2, description: 'Consecutive failed probes that flag the task as regressed.' })
  @IsInt()
  @Min(1)
  @Max(20)
  failuresToRegress!: number;
}

export class EvidenceRulesDto {
  @ApiProperty({ enum: CRITERIA, isArray: true, description: 'The criteria a submission must verify; at least one.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CRITERIA, { each: true })
  required!: Criterion[];

  @ApiPropertyOptional({ example: 1000, description: 'Required with REAL_USERS: the minimum active users.' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  minActiveUsers?: number;

  @ApiPropertyOptional({ enum: ['INCREASE', 'DECREASE'], description: 'Required with MEASURABLE_EFFECT: which way the KPI must move.' })
  @OptionalNotNull()
  @IsIn(['INCREASE', 'DECREASE'])
  kpiDirection?: 'INCREASE' | 'DECREASE';

  @ApiProperty({ type: DeciderDto, description: 'Who reviews the evidence.' })
  @IsObject()
  @ValidateNested()
  @Type(() => DeciderDto)
  reviewer!: DeciderDto;

  @ApiPropertyOptional({ type: ProbeRulesDto, description: 'Default: 5 probes over 10 minutes, at most 5000 ms each.' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ProbeRulesDto)
  probe?: ProbeRulesDto;

  @ApiPropertyOptional({ default: true, description: 'Accept a number of active users attested by the head of the unit (marked “attested”).' })
  @OptionalNotNull()
  @IsBoolean()
  allowAttestedUsers?: boolean;

  @ApiPropertyOptional({ type: AfterCareDto, nullable: true, description: 'Keep probing the product after completion; default: every 7 days for 84 days, regressed after 2 failures.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => AfterCareDto)
  afterCare?: AfterCareDto | null;
}

/** When the emails of the template's tasks go out (the in-app inbox entry is immediate either way). */
export class NotificationRulesDto {
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description:
      'Hold emails that fall on a day off or at night (after NOTIFY_UNTIL, default 20:00) until 08:00 of the next working day (Asia/Ho_Chi_Minh). Absent or null: the system default NOTIFY_WORKING_HOURS_ONLY (true unless configured).',
  })
  @IsOptional()
  @IsBoolean()
  workingHoursOnly?: boolean | null;

  @ApiPropertyOptional({ default: true, description: 'The overdue notice to the head of the lead unit goes at once, whatever the hour.' })
  @OptionalNotNull()
  @IsBoolean()
  overdueToHeadAnyTime?: boolean;
}

export class ScorecardRulesDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'Its tasks count in the quarterly scorecard of every unit above the lead unit too (and of their heads): a province answers for the tasks of its communes. Default: only the lead unit’s scorecard (and a leader’s, on the units they direct) counts them.',
  })
  @OptionalNotNull()
  @IsBoolean()
  includeInParents?: boolean;
}

/** The rules of a template version (a new version is a whole new set of rules). */
export class TemplateRulesDto {
  @ApiProperty({ example: 'Nhiệm vụ chuyển đổi số (90 ngày)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameVi!: string;

  @ApiPropertyOptional({ example: 'Digital transformation task (90 days)' })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @MultiLine()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiProperty({
    example: '90d',
    description:
      'Term of a task assigned without a due time: a duration (90d, 36h, P7D) or working days (10wd: counted in the working-day calendar from the day after the assignment, ending at 17:00 of the last working day; the due time moves when an administrator changes a day within it).',
  })
  @IsTerm(1)
  defaultDuration!: string;

  @ApiPropertyOptional({ default: 3, minimum: 0, maximum: 60, description: 'Risk AMBER: an open task due within this many working days (Asia/Ho_Chi_Minh working-day calendar).' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(60)
  amberWorkingDays?: number;

  @ApiProperty({
    type: [String],
    example: ['7d', '3d', '1d', '0'],
    description: 'Reminders before the due time (0 = at the due time): durations, or working days (2wd: at the same time of day, two working days before). Escalation, decision and explanation intervals stay durations.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsTerm(0, { each: true })
  reminders!: string[];

  @ApiPropertyOptional({ type: AcknowledgementReminderDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AcknowledgementReminderDto)
  acknowledgementReminder?: AcknowledgementReminderDto | null;

  @ApiProperty({ type: EscalationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EscalationDto)
  escalation!: EscalationDto;

  @ApiProperty({ type: EvidenceRulesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceRulesDto)
  evidence!: EvidenceRulesDto;

  @ApiPropertyOptional({ type: NotificationRulesDto, description: 'When the emails of its tasks go out; default: office hours only (NOTIFY_WORKING_HOURS_ONLY), the overdue notice to the head at any time.' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => NotificationRulesDto)
  notifications?: NotificationRulesDto;

  @ApiPropertyOptional({ type: ScorecardRulesDto, description: 'How its tasks count in the quarterly scorecards; default: for the lead unit only.' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ScorecardRulesDto)
  scorecard?: ScorecardRulesDto;
}

export class CreateTemplateDto extends TemplateRulesDto {
  @ApiProperty({ example: 'chuyen-doi-so-90d', description: 'Stable identifier across versions: lower-case letters, digits, hyphens.' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,59}$/)
  key!: string;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeArchived?: boolean;
}

export class TemplateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty() nameVi!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'The rules, with durations as text (7d, 30s…)' }) rules!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [Number] }) versions!: number[];
}
