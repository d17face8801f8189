import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@dondoc/auth';
import { intParam, Role, type Actor } from '@dondoc/common';
import { CreateTemplateDto, TemplateDto, TemplateQueryDto, TemplateRulesDto, TemplatesService } from '@dondoc/tasks';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'The current version of every task template.' })
  @ApiOkResponse({ type: [TemplateDto] })
  list(@Query() query: TemplateQueryDto): Promise<TemplateDto[]> {
    return this.templates.list(query.includeArchived);
  }

  @Post()
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Create a template (version 1). Durations accept 7d, 36h, 30s, P7D… (administrators).' })
  @ApiCreatedResponse({ type: TemplateDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTemplateDto): Promise<TemplateDto> {
    return this.templates.create(actor, dto);
  }

  @Get(':key')
  @ApiOperation({ summary: 'The current version of a template, with the list of its versions.' })
  @ApiOkResponse({ type: TemplateDto })
  get(@Param('key') key: string): Promise<TemplateDto> {
    return this.templates.get(key);
  }

  @Put(':key')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Edit a template: adds a version; running tasks keep theirs (administrators).' })
  @ApiOkResponse({ type: TemplateDto })
  update(@CurrentActor() actor: Actor, @Param('key') key: string, @Body() dto: TemplateRulesDto): Promise<TemplateDto> {
    return this.templates.update(actor, key, dto);
  }

  @Delete(':key')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Archive a template: no new task may use it; running tasks are unaffected (administrators).' })
  @ApiOkResponse({ type: TemplateDto })
  archive(@CurrentActor() actor: Actor, @Param('key') key: string): Promise<TemplateDto> {
    return this.templates.archive(actor, key);
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'One version of a template.' })
  @ApiOkResponse({ type: TemplateDto })
  version(@Param('key') key: string, @Param('version', intParam('version')) version: number): Promise<TemplateDto> {
    return this.templates.getVersion(key, version);
  }
}
