import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@dondoc/auth';
import { invalidField, Role, uuidParam, type Actor } from '@dondoc/common';
import { CreateUserDto, ExportUsers, ImportUsers, UpdateUserDto, UserDto, UserPageDto, UserQueryDto, UsersAdminService } from '@dondoc/administration';
import type { UploadedTable } from '@dondoc/tabular';
import { download, ExportQueryDto, FILE_UPLOAD_BODY, ImportResultDto, MAX_UPLOAD_BYTES, UserImportQueryDto } from '../common/file-responses';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersAdminService,
    private readonly exportUsers: ExportUsers,
    private readonly importUsers: ImportUsers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Users of the units within your scope.' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: UserQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }

  @Post()
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Create a user (administrators) and email them a one-time link to set a password. 409 for a used email or a second head.' })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, dto);
  }

  @Get('export')
  @ApiOperation({ summary: 'Export the users within your scope (CSV or XLSX, the import format).' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    return download(await this.exportUsers.execute(actor, query.format), 'users', query.format);
  }

  @Post('import')
  @Roles(Role.ADMIN)
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_UPLOAD_BODY)
  @ApiOperation({
    summary: 'Import users from CSV/XLSX (administrators): columns email, name, phone, language, unit_code, roles (separated by ;), active. All-or-nothing; errors name row and column. New users get an invitation email.',
  })
  @ApiOkResponse({ type: ImportResultDto })
  import(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedTable | undefined, @Query() query: UserImportQueryDto): Promise<ImportResultDto> {
    if (!file) throw invalidField('file', 'isDefined', { vi: 'cần gửi tệp trong trường file', en: 'send the file in the field "file"' });
    return this.importUsers.execute(actor, file, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user; 404 outside your scope.' })
  @ApiOkResponse({ type: UserDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<UserDto> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: 'Change a user: details, unit, roles (HEAD makes them head of their unit), or deactivate (administrators).' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/password-reset')
  @Roles(Role.ADMIN)
  @HttpCode(202)
  @ApiOperation({ summary: 'Email the user a one-time link (valid 24 hours) to choose a new password (administrators).' })
  @ApiAcceptedResponse()
  requestPasswordReset(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.users.requestPasswordReset(actor, id);
  }
}
