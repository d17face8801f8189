import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@dondoc/auth';
import { Role, uuidParam, type Actor } from '@dondoc/common';
import { DiagnosticRunDto, DiagnosticsService, StartDiagnosticDto } from '@dondoc/diagnostics';

@ApiTags('diagnostics')
@ApiBearerAuth()
@Controller('diagnostics')
@Roles(Role.ADMIN)
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start an end-to-end check: a workflow writes a row and sends an email (administrators).',
  })
  @ApiAcceptedResponse({ type: DiagnosticRunDto })
  start(@CurrentActor() actor: Actor, @Body() dto: StartDiagnosticDto): Promise<DiagnosticRunDto> {
    return this.diagnostics.start(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The result of a check, as written by the worker.' })
  @ApiOkResponse({ type: DiagnosticRunDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidParam('id')) id: string): Promise<DiagnosticRunDto> {
    return this.diagnostics.get(id);
  }
}
