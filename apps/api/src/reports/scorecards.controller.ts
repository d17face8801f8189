import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequestLanguage, Roles } from '@dondoc/auth';
import { Role, uuidParam, type Actor, type Language } from '@dondoc/common';
import { TABLE_CONTENT_TYPES } from '@dondoc/tabular';
import {
  IssueScorecardsDto,
  ScorecardCorrectionDto,
  ScorecardDto,
  ScorecardExportQueryDto,
  ScorecardFormulaDto,
  ScorecardFormulaInputDto,
  ScorecardGeneralDto,
  ScorecardIssueDto,
  ScorecardPageDto,
  ScorecardQueryDto,
  ScorecardsService,
} from '@dondoc/tasks';

/** The quarterly scorecards of units, heads and leaders: read, evaluated, corrected, exported. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/scorecards')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get()
  @Roles(Role.ADMIN, Role.AUDITOR, Role.LEADER, Role.HEAD)
  @ApiOperation({
    summary:
      'Published quarterly scorecards (the latest version of each unless allVersions): units (collective), heads of units, leaders on the units they direct. Heads see their unit’s and those below it; leaders those of the units they direct; auditors and administrators all.',
  })
  @ApiOkResponse({ type: ScorecardPageDto })
  @ApiBadRequestResponse({ description: 'A filter is wrong (quarter not YYYY-Qn, an unknown kind, ids not uuids): `details` names the field.' })
  list(@CurrentActor() actor: Actor, @Query() query: ScorecardQueryDto): Promise<ScorecardPageDto> {
    return this.scorecards.list(actor, query);
  }

  @Post()
  @Roles(Role.ADMIN)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Publish a quarter’s scorecards now (administrators), as the quarterly schedule does at 07:00 of the first working day after the cut-off: every unit with tasks due in it, its head, every leader on the units they direct. Idempotent: existing scorecards stay. With a reason: a correction — a new version of every scorecard whose content changed, its unit told. Runs in the background (the workflow named in the answer); Location lists the quarter’s scorecards.',
  })
  @ApiAcceptedResponse({ type: ScorecardIssueDto })
  @ApiBadRequestResponse({ description: 'quarter not YYYY-Qn, or outside 2000–2099; a reason too long.' })
  async issue(@CurrentActor() actor: Actor, @Body() dto: IssueScorecardsDto, @Res({ passthrough: true }) res: Response): Promise<ScorecardIssueDto> {
    const issued = await this.scorecards.issue(actor, dto);
    res.location(`/api/reports/scorecards?quarter=${issued.quarter}`);
    return issued;
  }

  @Get('formulas')
  @Roles(Role.ADMIN, Role.AUDITOR, Role.LEADER, Role.HEAD)
  @ApiOperation({ summary: 'The scorecard formula’s versions, latest first: weights, deductions, bands. A scorecard keeps the version it was computed with.' })
  @ApiOkResponse({ type: [ScorecardFormulaDto] })
  formulas(): Promise<ScorecardFormulaDto[]> {
    return this.scorecards.formulas();
  }

  @Post('formulas')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'A new version of the formula (administrators; audited). Scorecards published before keep theirs; the next publications use it.' })
  @ApiCreatedResponse({ type: ScorecardFormulaDto })
  @ApiBadRequestResponse({ description: 'A field is wrong, or the parts do not add up to 100, or the bands do not descend: `details` names the field and the rule.' })
  createFormula(@CurrentActor() actor: Actor, @Body() dto: ScorecardFormulaInputDto): Promise<ScorecardFormulaDto> {
    return this.scorecards.createFormula(actor, dto);
  }

  @Get(':id')
  @Roles(Role.ADMIN, Role.AUDITOR, Role.LEADER, Role.HEAD)
  @ApiOperation({ summary: 'One scorecard: the three lines with their arithmetic and, for each task, the points, why, and the timeline entries (task, seq, event) behind them; the general points; total and band (pending until the general points are entered); its versions.' })
  @ApiOkResponse({ type: ScorecardDto })
  @ApiNotFoundResponse({ description: 'No such scorecard within your scope.' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ScorecardDto> {
    return this.scorecards.get(actor, id);
  }

  @Get(':id/export')
  @Roles(Role.ADMIN, Role.AUDITOR, Role.LEADER, Role.HEAD)
  @ApiOperation({
    summary:
      'The scorecard as a file: an XLSX workbook (the scorecard sheet and the per-task sheet), or its print view as an A4 PDF printed by headless Chromium (format=pdf, where CHROMIUM_PATH is configured). Vietnamese; English with lang=en.',
  })
  @ApiProduces(TABLE_CONTENT_TYPES.xlsx, 'application/pdf')
  @ApiBadRequestResponse({ description: 'An unknown format, or pdf on a server without Chromium (`pdfUnavailable`).' })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'], description: 'Language of the workbook (default your language, else Vietnamese)' })
  @ApiNotFoundResponse({ description: 'No such scorecard within your scope.' })
  async export(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() query: ScorecardExportQueryDto, @RequestLanguage() language: Language): Promise<StreamableFile> {
    const file = await this.scorecards.exportFile(actor, id, query.format, language);
    return new StreamableFile(file.content, { type: file.type, disposition: `attachment; filename="${file.fileName}"` });
  }

  @Put(':id/general')
  @Roles(Role.LEADER)
  @ApiOperation({ summary: 'Enter the evaluator’s general points with a comment (a leader over the unit, never the person rated; audited). The total and band follow. Only on the latest version.' })
  @ApiOkResponse({ type: ScorecardDto })
  @ApiBadRequestResponse({ description: 'points not a number from 0 to the formula’s general points, a comment missing or too long.' })
  @ApiForbiddenResponse({ description: 'You are not a leader over this unit, or you are the person rated.' })
  @ApiNotFoundResponse({ description: 'No such scorecard within your scope.' })
  @ApiConflictResponse({ description: 'The scorecard was corrected: score the latest version.' })
  enterGeneral(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ScorecardGeneralDto): Promise<ScorecardDto> {
    return this.scorecards.enterGeneral(actor, id, dto);
  }

  @Post(':id/corrections')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Correct one scorecard (administrators): recomputed at the quarter’s cut-off (with its formula version, or the one given) as a new version with the reason; the unit’s head and the person rated are emailed. The general points carry over.' })
  @ApiCreatedResponse({ type: ScorecardDto })
  @ApiBadRequestResponse({ description: 'A reason missing or too long, a formula version not a whole number.' })
  @ApiNotFoundResponse({ description: 'No such scorecard, or no such formula version.' })
  @ApiConflictResponse({ description: 'Recomputing gives the same as the latest version: nothing to correct.' })
  correct(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: ScorecardCorrectionDto): Promise<ScorecardDto> {
    return this.scorecards.correct(actor, id, dto);
  }
}
