import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '@dondoc/auth';
import { ActivitiesHealthIndicator } from './activities.health';
import { MailHealthIndicator } from './mail.health';
import { TemporalHealthIndicator } from './temporal.health';

const TIMEOUT_MS = 3_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly mail: MailHealthIndicator,
    private readonly activities: ActivitiesHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness of the database, Temporal and mail; 503 names what is down. `activities` lists activities that keep failing (alerts; they do not make the status an error).',
  })
  @ApiOkResponse({ description: '`status: "ok"`; every part up.' })
  @ApiServiceUnavailableResponse({ description: '`status: "error"`; `error` lists the parts that are down.' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: TIMEOUT_MS }),
      () => this.temporal.check('temporal', TIMEOUT_MS),
      () => this.mail.check('mail', TIMEOUT_MS),
      () => this.activities.check('activities'),
    ]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: the parts a request needs — the database and Temporal; 503 names what is down. Mail is not one: emails wait in the outbox while the SMTP relay is down, so the API keeps serving (a load balancer or Kubernetes readiness probe).',
  })
  @ApiOkResponse({ description: '`status: "ok"`; the database and Temporal answer.' })
  @ApiServiceUnavailableResponse({ description: '`status: "error"`; `error` lists the parts that are down.' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database', { timeout: TIMEOUT_MS }), () => this.temporal.check('temporal', TIMEOUT_MS)]);
  }

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers; no dependency is asked, so an outage elsewhere never gets the API restarted (a Kubernetes liveness probe).' })
  @ApiOkResponse({ description: '`status: "ok"`.' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }
}
