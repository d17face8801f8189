import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MultiLine, trim } from '@dondoc/common';
import type { DayKind, DayReason } from '../working-calendar';

export const DAY_KINDS: readonly DayKind[] = ['HOLIDAY', 'WORKDAY'];
export const DAY_REASONS: readonly DayReason[] = [
  'NEW_YEAR',
  'TET',
  'HUNG_KINGS',
  'REUNIFICATION',
  'LABOUR',
  'NATIONAL_DAY',
  'SUBSTITUTE',
  'OVERRIDE_HOLIDAY',
  'OVERRIDE_WORKDAY',
];
/** The years the calendar answers for. */
export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2200;

export class CalendarYearQueryDto {
  @ApiProperty({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR, example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(CALENDAR_MIN_YEAR)
  @Max(CALENDAR_MAX_YEAR)
  year!: number;
}

export class DeadlineQueryDto {
  @ApiProperty({ format: 'date-time', example: '2026-02-12T10:00:00+07:00', description: 'The event the term starts from; counting starts on the next day' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ minimum: 0, maximum: 3650, example: 3 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  workingDays!: number;
}

export class PutOverrideDto {
  @ApiProperty({ enum: DAY_KINDS, description: 'HOLIDAY: a day off (Tết, a swapped day); WORKDAY: a rest day that is worked (make-up Saturday)' })
  @IsIn(DAY_KINDS)
  kind!: DayKind;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 100, example: '12729/VPCP-KGVX', description: 'The deciding document’s number' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  document?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000, example: 'Làm bù cho thứ Sáu 02/01/2026' })
  @IsOptional()
  @MultiLine()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CalendarOverrideDto {
  @ApiProperty({ format: 'date', example: '2026-01-10' }) date!: string;
  @ApiProperty({ enum: DAY_KINDS }) kind!: DayKind;
  @ApiProperty({ nullable: true, type: String }) document!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) updatedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class BilingualNameDto {
  @ApiProperty() vi!: string;
  @ApiProperty() en!: string;
}

export class CalendarDayDto {
  @ApiProperty({ format: 'date', example: '2027-02-05' }) date!: string;
  @ApiProperty({ description: 'false: a day off; true: a worked rest day (or a date an override keeps working)' }) working!: boolean;
  @ApiProperty({ enum: DAY_REASONS }) reason!: DayReason;
  @ApiProperty({ type: BilingualNameDto }) name!: BilingualNameDto;
  @ApiProperty({ enum: ['RULE', 'OVERRIDE'], description: 'RULE: Labour Code 2019 Art. 112; OVERRIDE: a dated decision' }) source!: 'RULE' | 'OVERRIDE';
  @ApiProperty({ nullable: true, type: String }) document!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class CalendarSettingsDto {
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  @ApiProperty({ type: [Number], example: [0, 6], description: 'Weekly rest days, 0 Sunday … 6 Saturday (CALENDAR_REST_DAYS)' }) restDays!: number[];
  @ApiProperty({ example: '08:00', description: 'CALENDAR_START_OF_DAY' }) startOfDay!: string;
  @ApiProperty({ example: '17:00', description: 'A term in working days ends at this time of its last day (CALENDAR_END_OF_DAY)' }) endOfDay!: string;
  @ApiProperty({ example: '20:00', description: 'Notifications after this time wait for the next working day’s start (NOTIFY_UNTIL)' }) notifyUntil!: string;
}

export class CalendarYearDto {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ type: CalendarSettingsDto }) settings!: CalendarSettingsDto;
  @ApiProperty({ type: [CalendarDayDto], description: 'Every day off on a weekday, every worked rest day and every date named by an override, in date order' })
  days!: CalendarDayDto[];
}

export class DeadlineDto {
  @ApiProperty({ format: 'date-time', example: '2026-02-12T10:00:00+07:00', description: 'The start, in Asia/Ho_Chi_Minh (+07:00)' }) from!: string;
  @ApiProperty({ example: 3 }) workingDays!: number;
  @ApiProperty({ format: 'date-time', example: '2026-02-24T17:00:00+07:00', description: 'The end of the term, in Asia/Ho_Chi_Minh (+07:00)' }) dueAt!: string;
  @ApiProperty({ type: [CalendarDayDto], description: 'The holidays and substitute days off the term passes over (weekly rest days are not listed)' })
  daysOff!: CalendarDayDto[];
}
