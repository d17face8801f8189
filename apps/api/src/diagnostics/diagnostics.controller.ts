import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@dondoc/auth';
import { Role, uuidParam, type Actor } from '@dondoc/common';
import { ActivityAlertsService, DiagnosticRunDto, DiagnosticsService, StartDiagnosticDto } from '@dondoc/diagnostics';
import { TaskWorkflowsService } from '@dondoc/tasks';

class ActivityAlertDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty() activityType!: string;
  @ApiProperty({ description: 'Attempts so far' }) attempts!: number;
  @ApiProperty() lastError!: string;
  @ApiProperty({ format: 'date-time' }) firstFailedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastFailedAt!: string;
}

class ActivityAlertsDto {
  @ApiProperty({ type: [ActivityAlertDto] }) items!: ActivityAlertDto[];
  @ApiProperty() total!: number;
}

class OrphanWorkflowDto {
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ format: 'date-time' }) startTime!: string;
}

class OrphanWorkflowsDto {
  @ApiProperty({ description: 'Running task workflows read from Temporal' }) checked!: number;
  @ApiProperty({ type: [OrphanWorkflowDto], description: 'Those without a task row (there should be none)' }) items!: OrphanWorkflowDto[];
}

@ApiTags('diagnostics')
@ApiBearerAuth()
@Controller('diagnostics')
@Roles(Role.ADMIN)
export class DiagnosticsController {
  constructor(
    private readonly diagnostics: DiagnosticsService,
    private readonly alerts: ActivityAlertsService,
    private readonly taskWorkflows: TaskWorkflowsService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start an end-to-end check: a workflow writes a row and sends an email (administrators).',
  })
  @ApiAcceptedResponse({ type: DiagnosticRunDto })
  start(@CurrentActor() actor: Actor, @Body() dto: StartDiagnosticDto): Promise<DiagnosticRunDto> {
    return this.diagnostics.start(actor, dto);
  }

  @Get('activity-alerts')
  @ApiOperation({ summary: 'Activities that keep failing (ACTIVITY_ALERT_ATTEMPTS or more attempts), the longest-failing first.' })
  @ApiOkResponse({ type: ActivityAlertsDto })
  async activityAlerts(): Promise<ActivityAlertsDto> {
    const [alerts, total] = await this.alerts.list(200);
    return {
      total,
      items: alerts.map((a) => ({ ...a, firstFailedAt: a.firstFailedAt.toISOString(), lastFailedAt: a.lastFailedAt.toISOString() })),
    };
  }

  @Get('orphan-workflows')
  @ApiOperation({ summary: 'Running task workflows without a task row (a failed assignment must leave none).' })
  @ApiOkResponse({ type: OrphanWorkflowsDto })
  orphanWorkflows(): Promise<OrphanWorkflowsDto> {
    return this.taskWorkflows.orphans();
  }

  @Get(':id')
  @ApiOperation({ summary: 'The result of a check, as written by the worker.' })
  @ApiOkResponse({ type: DiagnosticRunDto })
  @ApiNotFoundResponse()
  get(@Param('id', uuidParam('id')) id: string): Promise<DiagnosticRunDto> {
    return this.diagnostics.get(id);
  }
}
