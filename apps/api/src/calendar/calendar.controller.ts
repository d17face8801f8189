import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@dondoc/auth';
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  CalendarOverrideDto,
  CalendarService,
  CalendarYearDto,
  CalendarYearQueryDto,
  DeadlineDto,
  DeadlineQueryDto,
  isIsoDate,
  PutOverrideDto,
  type CalendarOverrideRecord,
} from '@dondoc/calendar';
import { invalidField, Role, type Actor } from '@dondoc/common';

/** `:date` as a real YYYY-MM-DD within the calendar's years, else a 400 naming it. */
const dateParam: PipeTransform<string, string> = {
  transform: (value: string) => {
    const year = Number(value.slice(0, 4));
    if (!isIsoDate(value) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
      throw invalidField('date', 'isDate', {
        vi: `date phải là một ngày có thật dạng YYYY-MM-DD, năm từ ${CALENDAR_MIN_YEAR} đến ${CALENDAR_MAX_YEAR}`,
        en: `date must be a real date written YYYY-MM-DD, in a year from ${CALENDAR_MIN_YEAR} to ${CALENDAR_MAX_YEAR}`,
      });
    }
    return value;
  },
};

const toDto = (row: CalendarOverrideRecord): CalendarOverrideDto => ({
  date: row.date,
  kind: row.kind,
  document: row.document,
  note: row.note,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({
    summary:
      'The working-day calendar of a year (Asia/Ho_Chi_Minh): its settings, every day off on a weekday, every worked rest day and every date an override names, with reason, document and note.',
  })
  @ApiOkResponse({ type: CalendarYearDto })
  year(@Query() query: CalendarYearQueryDto): Promise<CalendarYearDto> {
    return this.calendar.yearView(query.year);
  }

  @Get('deadline')
  @ApiOperation({
    summary:
      'The due instant of a term in working days (Civil Code 2015 Art. 147–148): counting starts the day after `from`; the term ends at the end of day (CALENDAR_END_OF_DAY, 17:00) of its last working day. 0 working days: the end of `from`’s working day, or of the next one.',
  })
  @ApiOkResponse({ type: DeadlineDto })
  deadline(@Query() query: DeadlineQueryDto): Promise<DeadlineDto> {
    return this.calendar.deadlineView(new Date(query.from), query.workingDays);
  }

  @Get('overrides')
  @ApiOperation({ summary: 'The dated decisions (days off, worked days) of a year, with their documents.' })
  @ApiOkResponse({ type: [CalendarOverrideDto] })
  async overrides(@Query() query: CalendarYearQueryDto): Promise<CalendarOverrideDto[]> {
    return (await this.calendar.listOverrides(query.year)).map(toDto);
  }

  @Put('overrides/:date')
  @Roles(Role.ADMIN)
  @ApiOperation({
    summary:
      'Record the government’s decision for a date: HOLIDAY (a day off) or WORKDAY (a worked rest day), with the document’s number; audited (administrators). Answers once the change is committed and its recalculation started: the due times of the open tasks whose term in working days contains the date follow within seconds (each task’s timeline shows DUE_RECALCULATED).',
  })
  @ApiParam({ name: 'date', example: '2027-02-12', description: 'YYYY-MM-DD' })
  @ApiOkResponse({ type: CalendarOverrideDto })
  async put(@CurrentActor() actor: Actor, @Param('date', dateParam) date: string, @Body() dto: PutOverrideDto): Promise<CalendarOverrideDto> {
    return toDto(await this.calendar.upsertOverride(actor, date, dto));
  }

  @Delete('overrides/:date')
  @Roles(Role.ADMIN)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Remove the override of a date: the rules apply to it again; audited (administrators). Answers once the change is committed and its recalculation started: the due times it moves follow within seconds (DUE_RECALCULATED in the timeline).',
  })
  @ApiParam({ name: 'date', example: '2027-02-12', description: 'YYYY-MM-DD' })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('date', dateParam) date: string): Promise<void> {
    await this.calendar.deleteOverride(actor, date);
  }
}
