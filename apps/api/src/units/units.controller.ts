import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@dondoc/auth';
import { invalidField, Role, uuidParam, type Actor } from '@dondoc/common';
import { ExportUnits, ImportUnits } from '@dondoc/administration';
import { CreateUnitDto, UnitDetailDto, UnitDirectoryEntryDto, UnitDirectoryQueryDto, UnitPageDto, UnitQueryDto, UnitsService, UpdateUnitDto } from '@dondoc/organisation';
import type { UploadedTable } from '@dondoc/tabular';
import { download, ExportQueryDto, FILE_UPLOAD_BODY, ImportQueryDto, ImportResultDto, MAX_UPLOAD_BYTES } from '../common/file-responses';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly exportUnits: ExportUnits,
    private readonly importUnits: ImportUnits,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Units within your scope (everyone; officers see their unit, heads and leaders their subtree).' })
  @ApiOkResponse({ type: UnitPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: UnitQueryDto): Promise<UnitPageDto> {
    return this.units.list(actor, query);
  }

  @Post()
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Create a unit (administrators). 409 if the code exists.' })
  @ApiCreatedResponse({ type: UnitDetailDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<UnitDetailDto> {
    return this.units.create(actor, dto);
  }

  // Before ':id', so that 'directory' is not taken for an id.
  @Get('directory')
  @ApiOperation({
    summary:
      'Look up any active unit by code or name (everyone, whatever their scope): to name another unit, such as the unit a blocker waits on. Returns only what identifies a unit — id, code, names, level and the parent\'s names — at most `limit` (1–50, default 20), an exact code first, then by code. `q` (1–100 characters) is required; 400 naming the field otherwise.',
  })
  @ApiOkResponse({ type: [UnitDirectoryEntryDto] })
  directory(@Query() query: UnitDirectoryQueryDto): Promise<UnitDirectoryEntryDto[]> {
    return this.units.directory(query);
  }

  @Get('export')
  @ApiOperation({ summary: 'Export the units within your scope (CSV or XLSX, the import format).' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    return download(await this.exportUnits.execute(actor, query.format), 'units', query.format);
  }

  @Post('import')
  @Roles(Role.ADMIN)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_UPLOAD_BODY)
  @ApiOperation({
    summary: 'Import units from CSV/XLSX (administrators): columns code, name_vi, name_en, level, parent_code, active. Every row is checked; if any is wrong nothing is imported and each error names its row and column. Existing codes are updated.',
  })
  @ApiOkResponse({ type: ImportResultDto })
  import(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedTable | undefined, @Query() query: ImportQueryDto): Promise<ImportResultDto> {
    if (!file) throw invalidField('file', 'isDefined', { vi: 'cần gửi tệp trong trường file', en: 'send the file in the field "file"' });
    return this.importUnits.execute(actor, file, query.dryRun);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit with its ancestors; 404 outside your scope.' })
  @ApiOkResponse({ type: UnitDetailDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<UnitDetailDto> {
    return this.units.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Rename, move (with its subtree), change the head of, or (de)activate a unit (administrators).' })
  @ApiOkResponse({ type: UnitDetailDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUnitDto): Promise<UnitDetailDto> {
    return this.units.update(actor, id, dto);
  }

  @Delete(':id')
  @Roles(Role.ADMIN)
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a unit with no sub-units, users or open tasks (administrators); 409 otherwise — deactivate it instead.' })
  remove(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.units.remove(actor, id);
  }
}
