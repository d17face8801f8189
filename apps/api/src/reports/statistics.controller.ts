import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestLanguage, Roles } from '@dondoc/auth';
import { Role, type Actor, type Language } from '@dondoc/common';
import { TABLE_CONTENT_TYPES } from '@dondoc/tabular';
import { StatisticsDto, StatisticsExportQueryDto, StatisticsQueryDto, StatisticsService, statisticsFileName, writeStatistics } from '@dondoc/tasks';

/** The official statistic set: the figures, and the same table as a report file. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/statistics')
@Roles(Role.ADMIN, Role.AUDITOR, Role.LEADER, Role.HEAD, Role.OFFICER)
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ApiOperation({
    summary:
      'The official statistic set at a cut-off (asOf, default now): each task’s state — done on time, done late, in progress within the deadline, overdue — against the original and the current due time, ' +
      'per unit (rolled up), head, programme, template, level or assigner, with the figures around them. Only tasks led within your scope count.',
  })
  @ApiOkResponse({ type: StatisticsDto })
  @ApiBadRequestResponse({ description: 'A filter is wrong (unknown unitId or outside your scope, `to` before `from`, an unknown groupBy or basis, asOf not a date-time): `details` names the field.' })
  get(@CurrentActor() actor: Actor, @Query() query: StatisticsQueryDto, @RequestLanguage() language: Language): Promise<StatisticsDto> {
    return this.statistics.statistics(actor, query, language);
  }

  @Get('export')
  @ApiOperation({ summary: 'The same table as an official report (XLSX or CSV): title, cut-off time (Asia/Ho_Chi_Minh), scope, headers in Vietnamese (English with lang=en), a totals row.' })
  @ApiProduces(TABLE_CONTENT_TYPES.xlsx, TABLE_CONTENT_TYPES.csv)
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'], description: 'Language of the title, scope and headers (as every answer’s: default your language, else Vietnamese)' })
  @ApiBadRequestResponse({ description: 'As the statistics, and an unknown format.' })
  async export(@CurrentActor() actor: Actor, @Query() query: StatisticsExportQueryDto, @RequestLanguage() language: Language): Promise<StreamableFile> {
    const { format, ...filters } = query;
    const stats = await this.statistics.statistics(actor, filters, language);
    return new StreamableFile(writeStatistics(stats, format, language), { type: TABLE_CONTENT_TYPES[format], disposition: `attachment; filename="${statisticsFileName(stats, format)}"` });
  }
}
