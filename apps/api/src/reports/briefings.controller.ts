import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequestLanguage, Roles } from '@dondoc/auth';
import { Role, uuidParam, type Actor, type Language } from '@dondoc/common';
import { TABLE_CONTENT_TYPES } from '@dondoc/tabular';
import { BriefingDto, BriefingExportQueryDto, BriefingPageDto, BriefingQueryDto, BriefingsService, IssueBriefingDto } from '@dondoc/tasks';

/** The weekly briefing packs (giao ban hằng tuần): issued every Monday 08:00 by a Temporal Schedule, read here, each reader their part. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/briefings')
@Roles(Role.ADMIN, Role.AUDITOR, Role.LEADER, Role.HEAD, Role.OFFICER)
export class BriefingsController {
  constructor(private readonly briefings: BriefingsService) {}

  @Get()
  @ApiOperation({ summary: 'The weekly briefing packs issued, newest week first (each week’s versions newest first): week, version, cut-off, who issued it and why, content hash. The figures are read one pack at a time.' })
  @ApiOkResponse({ type: BriefingPageDto })
  @ApiBadRequestResponse({ description: 'A bad week (not an ISO week or a date, outside 2000–2100), page or pageSize: `errors` names the field.' })
  list(@Query() query: BriefingQueryDto): Promise<BriefingPageDto> {
    return this.briefings.list(query);
  }

  @Post()
  @Roles(Role.ADMIN)
  @ApiOperation({
    summary:
      'Issue a week’s pack now (administrators), for a week whose cut-off (Monday 08:00 Asia/Ho_Chi_Minh, or 08:00 of the next working day) has passed: the same workflow the schedule runs, id `weekly-briefing-<week>-v<version>`. ' +
      'Without a reason, a week already issued answers 200 with its latest pack (nothing is counted again); with a reason a new version is counted at the same cut-off and sent to the recipients (201). ' +
      'The latest version’s own reason again is a retried request: 200 with that pack. Location: `/api/reports/briefings/<id>`.',
  })
  @ApiCreatedResponse({ type: BriefingDto, description: 'Issued by this request (a first version, or a new version with its reason).' })
  @ApiOkResponse({ type: BriefingDto, description: 'Already issued: the week’s latest pack (no reason, or the latest version’s reason).' })
  @ApiBadRequestResponse({ description: 'week is not an ISO week or a real date, lies outside 2000 – mid-2100, or its cut-off has not passed yet; a reason that is empty, too long or holds control characters: `errors` names the field.' })
  @ApiServiceUnavailableResponse({ description: 'Temporal unreachable, or the pack was not counted within TASK_ACTION_WAIT_MS (`ACTION_PENDING`, Retry-After): the same request again returns it.' })
  async issue(@CurrentActor() actor: Actor & { id: string }, @Body() dto: IssueBriefingDto, @RequestLanguage() language: Language, @Res({ passthrough: true }) res: Response): Promise<BriefingDto> {
    const { created, briefing } = await this.briefings.request(actor, dto, language);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    res.location(`/api/reports/briefings/${briefing.id}`);
    return briefing;
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One pack, frozen at its cut-off: the official statistic set for the whole scope and per first-level unit, each lead unit’s figures, what changed since the previous week’s cut-off, the most overdue tasks with their last action and who must act next, the matters waiting for the standing members, the heads with the most overdue tasks. ' +
      'Administrators and auditors (and leaders whose units hold every root) read it all; other readers their part: the units within their scope (`scope: part`, whole-scope totals null, `scopeTotals` their units’).',
  })
  @ApiOkResponse({ type: BriefingDto })
  @ApiNotFoundResponse({ description: 'No such pack.' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @RequestLanguage() language: Language): Promise<BriefingDto> {
    return this.briefings.get(actor, id, language);
  }

  @Get(':id/export')
  @ApiOperation({
    summary:
      'The pack as the XLSX file its email carries (your part of it): summary and statistics, changes, by unit, most overdue, decisions waiting, heads — headers in Vietnamese (English with lang=en). format=pdf: its print view as an A4 PDF printed by headless Chromium (where CHROMIUM_PATH is configured).',
  })
  @ApiProduces(TABLE_CONTENT_TYPES.xlsx, 'application/pdf')
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'], description: 'Language of the sheets (as every answer’s: default your language, else Vietnamese)' })
  @ApiNotFoundResponse({ description: 'No such pack.' })
  @ApiBadRequestResponse({ description: 'An unknown format; pdf on a server without Chromium (`pdfUnavailable`).' })
  async export(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: BriefingExportQueryDto, @RequestLanguage() language: Language): Promise<StreamableFile> {
    const { fileName, type, content } = await this.briefings.export(actor, id, language, query.format);
    return new StreamableFile(content, { type, disposition: `attachment; filename="${fileName}"` });
  }
}
