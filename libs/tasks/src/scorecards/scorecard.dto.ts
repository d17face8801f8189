import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MultiLine, OptionalNotNull, PageQueryDto, toBoolean, trim } from '@dondoc/common';
import { PersonRefDto, UnitRefDto } from '@dondoc/organisation';
import { BANDS, type Band } from './scorecard-formula';
import { SCORECARD_KINDS, type ScorecardKind } from './scorecard.entity';

const QUARTER = /^\d{4}-Q[1-4]$/;

export class ScorecardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-Q4', description: 'The quarter (YYYY-Qn): calendar quarters, or the reporting periods of Nghị định 09/2019 (SCORECARD_QUARTERS)' })
  @IsOptional()
  @Matches(QUARTER, { message: 'quarter must read YYYY-Qn' })
  quarter?: string;

  @ApiPropertyOptional({ enum: SCORECARD_KINDS, description: 'A unit’s (collective) scorecards, its head’s, or a leader’s on the units they direct' })
  @IsOptional()
  @IsIn(SCORECARD_KINDS)
  kind?: ScorecardKind;

  @ApiPropertyOptional({ format: 'uuid', description: 'The unit rated (or headed, or directed)' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The head or leader rated (their user id)' })
  @IsOptional()
  @IsUUID()
  headId?: string;

  @ApiPropertyOptional({ default: false, description: 'Every version, not only the latest of each scorecard' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  allVersions?: boolean;
}

export class BandLabelDto {
  @ApiProperty() vi!: string;
  @ApiProperty() en!: string;
}

export class ScorecardSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-Q3' }) quarter!: string;
  @ApiProperty({ enum: SCORECARD_KINDS }) kind!: ScorecardKind;
  @ApiProperty({ type: UnitRefDto, description: 'The unit rated, headed or directed' }) unit!: UnitRefDto;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'The head or leader rated; null for a unit' }) user!: PersonRefDto | null;
  @ApiProperty({ description: 'Version of this scorecard (a correction adds one)' }) version!: number;
  @ApiProperty({ description: 'The formula version it was computed with' }) formulaVersion!: number;
  @ApiProperty({ description: 'Tasks due in the quarter (by their original due time) it counts' }) tasksDue!: number;
  @ApiProperty({ description: 'Points for task results' }) results!: number;
  @ApiProperty({ description: 'Of how many (70 by default)' }) resultsOf!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The evaluator’s general points; null until entered' }) general!: number | null;
  @ApiProperty({ description: 'Of how many (30 by default)' }) generalOf!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'results + general; null (pending) until the general points are entered' }) total!: number | null;
  @ApiProperty({ enum: BANDS, nullable: true }) band!: Band | null;
  @ApiProperty({ type: BandLabelDto, nullable: true, description: 'Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành nhiệm vụ' }) bandLabel!: BandLabelDto | null;
  @ApiProperty({ description: 'The collective rule lowered the band: more than the formula’s share of the tasks late' }) bandCapped!: boolean;
  @ApiProperty({ enum: ['PENDING', 'EVALUATED'] }) status!: 'PENDING' | 'EVALUATED';
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of its content (all but the general points)' }) contentHash!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why this version was made (a correction)' }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ScorecardPageDto {
  @ApiProperty({ type: [ScorecardSummaryDto] }) items!: ScorecardSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class EventRefDto {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ description: 'The entry’s number in the task’s timeline' }) seq!: number;
  @ApiProperty({ example: 'EVIDENCE_ACCEPTED' }) type!: string;
}

export class LineTaskDto {
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ description: 'Points this task earned on the line' }) points!: number;
  @ApiProperty({ description: 'Of how many' }) of!: number;
  @ApiProperty({ type: BandLabelDto, description: 'Why, in words an evaluator can check' }) reason!: BandLabelDto;
  @ApiProperty({ type: [EventRefDto], description: 'The timeline entries behind it' }) events!: EventRefDto[];
}

export class ScorecardLineDto {
  @ApiProperty() points!: number;
  @ApiProperty() of!: number;
  @ApiProperty({ example: '20 × 3/4 = 15' }) arithmetic!: string;
  @ApiProperty({ type: [LineTaskDto] }) tasks!: LineTaskDto[];
}

export class ScorecardLinesDto {
  @ApiProperty({ type: ScorecardLineDto, description: 'Tasks done / tasks due' }) quantity!: ScorecardLineDto;
  @ApiProperty({ type: ScorecardLineDto, description: 'Done with accepted evidence (attested real users weighted; −25% per rejection or regression)' }) quality!: ScorecardLineDto;
  @ApiProperty({ type: ScorecardLineDto, description: 'Done on time against the original due time (−25% per started step of lateness; excused delays not counted)' }) progress!: ScorecardLineDto;
}

export class ScorecardVersionRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() contentHash!: string;
}

export class ScorecardFormulaResultsDto {
  @ApiProperty({ example: 20, minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  quantity!: number;

  @ApiProperty({ example: 25, minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  quality!: number;

  @ApiProperty({ example: 25, minimum: 0, maximum: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  progress!: number;
}

export class ScorecardBandsDto {
  @ApiProperty({ example: 90 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  excellent!: number;

  @ApiProperty({ example: 70 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  good!: number;

  @ApiProperty({ example: 50 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  completed!: number;
}

/** The formula as administrators edit it (every field; a new version). */
export class ScorecardFormulaInputDto {
  @ApiProperty({ example: 30, description: 'General points, entered by the evaluator' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  generalPoints!: number;

  @ApiProperty({ type: ScorecardFormulaResultsDto, description: 'The results’ points; with generalPoints they add up to 100' })
  @IsObject()
  @ValidateNested()
  @Type(() => ScorecardFormulaResultsDto)
  results!: ScorecardFormulaResultsDto;

  @ApiProperty({ example: 0.5, description: 'Share of its quality points a task earns when its real users were attested rather than read from a metrics source' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  attestedWeight!: number;

  @ApiProperty({ example: 0.25, description: 'Share of a task’s quality points lost per evidence rejection and per regression' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  qualityDeduction!: number;

  @ApiProperty({ example: 0.25, description: 'Share of a late task’s progress points lost per started step of lateness' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  lateDeduction!: number;

  @ApiProperty({ example: 5, description: 'The step of lateness, in working days' })
  @IsInt()
  @Min(1)
  @Max(260)
  lateStepWorkingDays!: number;

  @ApiProperty({ type: ScorecardBandsDto, description: 'Lowest total of the bands excellent, good and completed' })
  @IsObject()
  @ValidateNested()
  @Type(() => ScorecardBandsDto)
  bands!: ScorecardBandsDto;

  @ApiProperty({ example: 0.2, description: 'The collective rule: “completed” or better allows at most this share of tasks late' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  maxLateShare!: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why (the decision it follows)' })
  @OptionalNotNull()
  @MultiLine()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ScorecardFormulaDto {
  @ApiProperty() version!: number;
  @ApiProperty({ type: ScorecardFormulaInputDto, description: 'The weights, percentages and bands (without note)' }) formula!: Omit<ScorecardFormulaInputDto, 'note'>;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ScorecardPeriodDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'The cut-off (exclusive)' }) to!: string;
}

export class ScorecardDto extends ScorecardSummaryDto {
  @ApiProperty({ format: 'date-time', description: 'Each task counted as it stood at this instant' }) cutOff!: string;
  @ApiProperty({ type: ScorecardPeriodDto }) period!: ScorecardPeriodDto;
  @ApiProperty({ type: ScorecardFormulaInputDto, description: 'The formula it was computed with (its version: formulaVersion)' }) formula!: Omit<ScorecardFormulaInputDto, 'note'>;
  @ApiProperty({ description: 'Tasks late and not excused' }) late!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'late / tasksDue' }) lateShare!: number | null;
  @ApiProperty({ type: ScorecardLinesDto, description: 'The three lines, each with its arithmetic and, per task, the points, the reason and the timeline entries (task, seq, event) behind them' }) lines!: ScorecardLinesDto;
  @ApiProperty({ nullable: true, type: String }) generalComment!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) evaluatedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) evaluatedAt!: string | null;
  @ApiProperty({ type: [ScorecardVersionRefDto], description: 'Every version of this scorecard, first to latest' }) versions!: ScorecardVersionRefDto[];
}

export class ScorecardGeneralDto {
  @ApiProperty({ example: 27, minimum: 0, description: 'The general points (political quality, ethics, discipline…), at most the formula’s generalPoints' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  points!: number;

  @ApiProperty({ maxLength: 4000, description: 'The evaluator’s comment' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  comment!: string;
}

export class ScorecardCorrectionDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the scorecard is corrected (told to the unit)' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Compute with this formula version (default: the one the scorecard used)' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  formulaVersion?: number;
}

export class IssueScorecardsDto {
  @ApiProperty({ example: '2026-Q3', description: 'The quarter (YYYY-Qn)' })
  @IsString()
  @Matches(QUARTER, { message: 'quarter must read YYYY-Qn' })
  quarter!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'A correction of the quarter: every scorecard whose content changed gets a new version with this reason. Without it only units, heads and leaders with no scorecard yet get one.' })
  @OptionalNotNull()
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export class ScorecardIssueDto {
  @ApiProperty({ example: '2026-Q3' }) quarter!: string;
  @ApiProperty({ description: 'The Temporal workflow publishing them' }) workflowId!: string;
}

export const SCORECARD_EXPORT_FORMATS = ['xlsx', 'pdf'] as const;

export class ScorecardExportQueryDto {
  @ApiPropertyOptional({ enum: SCORECARD_EXPORT_FORMATS, default: 'xlsx', description: 'pdf: the print view, printed by headless Chromium (only where CHROMIUM_PATH is configured; otherwise 400)' })
  @IsOptional()
  @IsIn(SCORECARD_EXPORT_FORMATS)
  format: (typeof SCORECARD_EXPORT_FORMATS)[number] = 'xlsx';
}
