import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MultiLine, PageQueryDto } from '@dondoc/common';
import { PersonRefDto, UnitRefDto } from '@dondoc/organisation';
import { StateCountsDto, StatisticsRowDto } from '../statistics/statistics.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// ------------------------------------------------------------------------------------------------
// The pack's content (stored as jsonb, hashed): every figure as of the cut-off.

/** Tasks by state against one due time (counts; the percentages are derived, see `stateCountsOf`). */
export class BriefingBasisDto {
  @ApiProperty() doneOnTime!: number;
  @ApiProperty() doneLate!: number;
  @ApiProperty() inProgressWithinDeadline!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty({ description: 'Done on time whose due time had come by the cut-off (for the percentages over tasks already due)' }) doneOnTimeDue!: number;
}

/** A unit's own tasks at the cut-off, counted as the official statistic set counts them (additive: a scope's figures are their sum). */
export class BriefingFiguresDto {
  @ApiProperty({ description: 'Tasks counted (assigned by the cut-off, not cancelled by it)' }) total!: number;
  @ApiProperty() key!: number;
  @ApiProperty({ description: 'Cancelled by the cut-off (not counted)' }) cancelled!: number;
  @ApiProperty() dueSoon!: number;
  @ApiProperty() notAcknowledged!: number;
  @ApiProperty({ type: BriefingBasisDto, description: 'Against the original due time' }) original!: BriefingBasisDto;
  @ApiProperty({ type: BriefingBasisDto, description: 'Against the due time in force at the cut-off' }) current!: BriefingBasisDto;
}

/** What changed between the previous week's cut-off (exclusive) and this one (inclusive), from the tasks and their timelines. */
export class BriefingChangesDto {
  @ApiProperty({ description: 'Tasks assigned' }) newTasks!: number;
  @ApiProperty({ description: 'Tasks completed (evidence accepted) that were delivered by their original due time' }) completedOnTime!: number;
  @ApiProperty({ description: 'Tasks completed that were delivered after their original due time' }) completedLate!: number;
  @ApiProperty({ description: 'Among the late ones: delivered within an extended due time' }) completedLateWithinExtension!: number;
  @ApiProperty({ description: 'Tasks cancelled' }) cancelled!: number;
  @ApiProperty({ description: 'Tasks overdue (current due time) at this cut-off that were not at the previous one' }) newlyOverdue!: number;
  @ApiProperty({ description: 'Escalation levels above 1 proposed' }) escalationsRaised!: number;
  @ApiProperty() escalationsApproved!: number;
  @ApiProperty() escalationsRejected!: number;
  @ApiProperty() extensionsRequested!: number;
  @ApiProperty() extensionsGranted!: number;
  @ApiProperty() extensionsRejected!: number;
  @ApiProperty() explanationsRequested!: number;
  @ApiProperty() explanationsAnswered!: number;
  @ApiProperty({ description: 'Explanations whose deadline passed unanswered (reported up)' }) explanationsOverdue!: number;
  @ApiProperty({ description: 'Explanations requested by the cut-off and still unanswered at it (open tasks)' }) explanationsUnanswered!: number;
  @ApiProperty({ description: 'Matters beyond authority raised' }) beyondAuthorityRaised!: number;
  @ApiProperty() beyondAuthorityDecided!: number;
  @ApiProperty() evidenceRejected!: number;
  @ApiProperty({ description: 'Done tasks whose product stopped working (after-care)' }) regressions!: number;
  @ApiProperty() recoveries!: number;
  @ApiProperty({ description: 'Blockers declared' }) blockersOpened!: number;
  @ApiProperty({ description: 'Blockers a leader confirmed as an objective cause' }) blockersConfirmed!: number;
}

/** One lead unit: its own tasks' figures and changes (a unit appears when it leads a counted task or one changed). */
export class BriefingUnitLineDto {
  @ApiProperty({ type: UnitRefDto }) unit!: UnitRefDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The first-level unit (below the root) it lies under; null for a root' }) firstLevelUnitId!: string | null;
  @ApiProperty({ type: BriefingFiguresDto }) figures!: BriefingFiguresDto;
  @ApiProperty({ type: BriefingChangesDto }) changes!: BriefingChangesDto;
}

export class BriefingUnitChangesDto {
  @ApiProperty({ type: UnitRefDto }) unit!: UnitRefDto;
  @ApiProperty({ description: 'The row covers the tasks of the units under it (false: the root leading itself)' }) rollsUp!: boolean;
  @ApiProperty({ type: BriefingChangesDto }) changes!: BriefingChangesDto;
}

export class BriefingStatisticsDto {
  @ApiProperty({ type: StatisticsRowDto, nullable: true, description: 'Every task of the scope (the official statistic set’s totals); null in a unit’s part (see `scopeTotals`)' })
  totals!: StatisticsRowDto | null;
  @ApiProperty({ type: [StatisticsRowDto], description: 'One row per first-level unit (below the root), each rolling up its subtree, and the root leading itself when it does' })
  firstLevel!: StatisticsRowDto[];
}

export class BriefingChangesSectionDto {
  @ApiProperty({ type: BriefingChangesDto, nullable: true, description: 'Every task of the scope; null in a unit’s part (see `scopeTotals`)' }) totals!: BriefingChangesDto | null;
  @ApiProperty({ type: [BriefingUnitChangesDto] }) firstLevel!: BriefingUnitChangesDto[];
}

export const NEXT_ACTIONS = ['DECIDE_ESCALATION', 'DECIDE_EXTENSION', 'DECIDE_BEYOND_AUTHORITY', 'REVIEW_EVIDENCE', 'DECIDE_BLOCKER', 'ANSWER_EXPLANATION', 'COMPLETE'] as const;
export type NextActionKind = (typeof NEXT_ACTIONS)[number];

export class BriefingLastActionDto {
  @ApiProperty({ description: 'The timeline event (e.g. PROGRESS_REPORTED, EXTENSION_REQUESTED)' }) type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true }) by!: PersonRefDto | null;
}

export class BriefingNextActionDto {
  @ApiProperty({
    enum: NEXT_ACTIONS,
    description:
      'What the task waits for at the cut-off, first what others must decide: an escalation level (its deciders), an extension or a matter beyond authority (the assigner or a leader over the unit), evidence to review (the reviewers), a blocker (a leader over both units); else the lead unit must answer an explanation or complete the task (its head is accountable).',
  })
  kind!: NextActionKind;
  @ApiProperty({ nullable: true, type: String, description: 'The request waited on (`P…`, `E…`, `B…`, `X…`, `BL…`, `evidence`)' }) requestId!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Since when' }) since!: string | null;
  @ApiProperty({ type: [PersonRefDto], description: 'Who must act (named people; for COMPLETE and ANSWER_EXPLANATION the unit’s head and focal officer)' }) people!: PersonRefDto[];
}

export class BriefingOverdueTaskDto {
  @ApiProperty({ description: '1 = the most working days late' }) rank!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: UnitRefDto, description: 'The lead unit' }) unit!: UnitRefDto;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'The head of the lead unit' }) head!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', description: 'The due time in force at the cut-off' }) dueAt!: string;
  @ApiProperty({ description: 'Working days late against it' }) daysLate!: number;
  @ApiProperty({ description: 'Working days late against the original due time' }) daysLateOriginal!: number;
  @ApiProperty({ type: BriefingLastActionDto, nullable: true, description: 'The last thing a person did on the task by the cut-off (null: nothing since assignment)' }) lastAction!: BriefingLastActionDto | null;
  @ApiProperty({ type: BriefingNextActionDto }) nextAction!: BriefingNextActionDto;
}

export const WAITING_KINDS = ['beyondAuthority', 'escalation'] as const;

export class BriefingDecisionDto {
  @ApiProperty({ enum: WAITING_KINDS, description: 'beyondAuthority: a matter beyond the unit’s authority; escalation: a level the steering committee’s standing members decide' }) kind!: (typeof WAITING_KINDS)[number];
  @ApiProperty() requestId!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Who raised it (null: dondoc proposed the level)' }) requestedBy!: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: Number }) level!: number | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: [PersonRefDto], description: 'Who decides it (escalation: its deciders; beyond authority: the assigner or a leader over the unit — the assigner named)' }) deciders!: PersonRefDto[];
  @ApiProperty({ description: 'Working days it has waited by the cut-off' }) waitingWorkingDays!: number;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty() taskCode!: string;
  @ApiProperty() taskTitle!: string;
  @ApiProperty({ type: UnitRefDto }) unit!: UnitRefDto;
}

export class BriefingHeadDto {
  @ApiProperty({ type: PersonRefDto }) person!: PersonRefDto;
  @ApiProperty({ type: UnitRefDto, nullable: true, description: 'The unit they head' }) unit!: UnitRefDto | null;
  @ApiProperty({ description: 'Their units’ tasks overdue against the current due time' }) overdue!: number;
  @ApiProperty({ description: 'Overdue against the original due time' }) overdueOriginal!: number;
  @ApiProperty({ description: 'Tasks counted' }) total!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The most working days late among them' }) maxDaysLate!: number | null;
}

export class BriefingContentDto {
  @ApiProperty({ description: 'The shape of this content (1)' }) schemaVersion!: 1;
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty({ format: 'date-time', description: 'Monday 00:00 Asia/Ho_Chi_Minh' }) weekStart!: string;
  @ApiProperty({ format: 'date-time', description: 'The figures’ cut-off: Monday 08:00 Asia/Ho_Chi_Minh, or 08:00 of the next working day when Monday is a day off' }) cutOff!: string;
  @ApiProperty({ format: 'date-time', description: 'The previous week’s cut-off: `changes` count from it (exclusive) to `cutOff` (inclusive)' }) previousCutOff!: string;
  @ApiProperty({ description: 'The week’s Monday was a day off: issued on the next working day' }) mondayOff!: boolean;
  @ApiProperty({ type: BriefingStatisticsDto }) statistics!: BriefingStatisticsDto;
  @ApiProperty({ type: BriefingChangesSectionDto }) changes!: BriefingChangesSectionDto;
  @ApiProperty({ type: [BriefingUnitLineDto], description: 'Each lead unit’s own figures and changes, by unit code' }) units!: BriefingUnitLineDto[];
  @ApiProperty({ description: 'How many of the most overdue tasks the pack lists (BRIEFING_MOST_OVERDUE)' }) mostOverdueLimit!: number;
  @ApiProperty({ type: [BriefingOverdueTaskDto], description: 'The most overdue tasks (current due time), most working days late first' }) mostOverdue!: BriefingOverdueTaskDto[];
  @ApiProperty({ type: [BriefingDecisionDto], description: 'Matters beyond authority and escalation levels for the standing members, undecided at the cut-off, oldest first' }) decisions!: BriefingDecisionDto[];
  @ApiProperty({ type: [BriefingHeadDto], description: 'Heads with the most overdue tasks, most first (at most `mostOverdueLimit`)' }) heads!: BriefingHeadDto[];
}

// ------------------------------------------------------------------------------------------------
// The routes.

export class BriefingScopeTotalsDto {
  @ApiProperty({ description: 'Tasks counted' }) total!: number;
  @ApiProperty({ type: StateCountsDto }) original!: StateCountsDto;
  @ApiProperty({ type: StateCountsDto }) current!: StateCountsDto;
  @ApiProperty({ type: BriefingChangesDto }) changes!: BriefingChangesDto;
}

export class BriefingSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-W48' }) week!: string;
  @ApiProperty({ description: '1, then one more for each regeneration of the week' }) version!: number;
  @ApiProperty({ format: 'date-time' }) weekStart!: string;
  @ApiProperty({ format: 'date-time' }) cutOff!: string;
  @ApiProperty({ format: 'date-time' }) previousCutOff!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'The administrator who issued it; null: dondoc, on schedule' }) issuedBy!: PersonRefDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the week was issued again' }) reason!: string | null;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of the whole pack’s content (the same figures give the same hash)' }) contentHash!: string;
  @ApiProperty() mondayOff!: boolean;
}

export class BriefingDto extends BriefingSummaryDto {
  @ApiProperty({ enum: ['all', 'part'], description: 'all: the whole pack (administrators, auditors, readers whose scope covers every unit); part: the reader’s units only' }) scope!: 'all' | 'part';
  @ApiProperty({ description: 'What the reader sees, in their language' }) scopeText!: string;
  @ApiProperty({ type: BriefingScopeTotalsDto, description: 'The tasks the reader sees (the sum of `content.units`)' }) scopeTotals!: BriefingScopeTotalsDto;
  @ApiProperty({ type: BriefingContentDto }) content!: BriefingContentDto;
}

export class BriefingPageDto {
  @ApiProperty({ type: [BriefingSummaryDto] }) items!: BriefingSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class BriefingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-W48', description: 'Only this week’s packs (an ISO week or a date of it)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  week?: string;
}

export class IssueBriefingDto {
  @ApiProperty({ example: '2026-W47', description: 'The week: an ISO week (`2026-W48`) or any date of it (`2026-11-25`), from 2000 to mid-2100; its cut-off must have passed' })
  @IsString()
  @MaxLength(20)
  week!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the week is issued again: required for a new version of a week already issued (without it, or with the latest version’s own reason, the existing pack is returned)' })
  @IsOptional()
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  reason?: string;
}

export const BRIEFING_EXPORT_FORMATS = ['xlsx', 'pdf'] as const;

export class BriefingExportQueryDto {
  @ApiPropertyOptional({ enum: BRIEFING_EXPORT_FORMATS, default: 'xlsx', description: 'pdf: the print view, printed by headless Chromium (only where CHROMIUM_PATH is configured; otherwise 400)' })
  @IsOptional()
  @IsIn(BRIEFING_EXPORT_FORMATS)
  format: (typeof BRIEFING_EXPORT_FORMATS)[number] = 'xlsx';
}
