import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { AuditModule } from '@dondoc/audit';
import { AuthModule } from '@dondoc/auth';
import { CalendarModule } from '@dondoc/calendar';
import { AllExceptionsFilter, sha256Hex } from '@dondoc/common';
import { AppConfig, AppConfigModule } from '@dondoc/config';
import { DatabaseModule } from '@dondoc/database';
import { DiagnosticsModule } from '@dondoc/diagnostics';
import { LoggingModule } from '@dondoc/logging';
import { NotificationsModule } from '@dondoc/notifications';
import { AdministrationModule } from '@dondoc/administration';
import { normaliseEmail, OrganisationModule } from '@dondoc/organisation';
import { ScorecardsModule, TasksModule } from '@dondoc/tasks';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { PostgresThrottlerStorage } from './auth/postgres-throttler.storage';
import { CalendarController } from './calendar/calendar.controller';
import { REFRESH_COOKIE } from './auth/refresh-cookie';
import { DecisionsController } from './decisions/decisions.controller';
import { ScorecardsController } from './reports/scorecards.controller';
import { BriefingsController } from './reports/briefings.controller';
import { StatisticsController } from './reports/statistics.controller';
import { DiagnosticsController } from './diagnostics/diagnostics.controller';
import { HealthModule } from './health/health.module';
import { NotificationsController } from './notifications/notifications.controller';
import { AcknowledgeLinksController } from './tasks/acknowledge-links.controller';
import { AssignmentsController } from './tasks/assignments.controller';
import { TasksController } from './tasks/tasks.controller';
import { TemplatesController } from './templates/templates.controller';
import { UnitsController } from './units/units.controller';
import { UsersController } from './users/users.controller';
import { WebAppModule } from './web/web-app.module';

/**
 * The tracker of the per-account limit: the email being tried (whether or not it exists), the
 * one-time link being used, or the refresh token being exchanged (in the body or the cookie).
 */
function accountTracker(req: Record<string, unknown>): string {
  const body = req.body as { email?: unknown; token?: unknown; refreshToken?: unknown } | undefined;
  const cookie = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  if (typeof body?.email === 'string') return `account:${normaliseEmail(body.email)}`;
  if (typeof body?.token === 'string') return `link:${body.token.split('.')[0]}`;
  if (typeof body?.refreshToken === 'string') return `refresh:${sha256Hex(body.refreshToken)}`;
  if (typeof cookie === 'string') return `refresh:${sha256Hex(cookie)}`;
  return `address:${String(req.ip)}`;
}

/** The HTTP API. Built by `forRoot()` so configuration is validated when the app is created. */
@Module({})
export class AppModule {
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(),
        LoggingModule.forRoot('api'),
        DatabaseModule.forRoot('api'),
        // Applied (with ThrottlerGuard) to the sign-in and password-link routes only.
        // Counted in PostgreSQL, so that the limits hold across every API process (PostgresThrottlerStorage).
        ThrottlerModule.forRootAsync({
          inject: [AppConfig, DataSource],
          useFactory: (config: AppConfig, dataSource: DataSource) => ({
            storage: new PostgresThrottlerStorage(dataSource),
            throttlers: [
              { name: 'address', ttl: 60_000, limit: config.auth.rateLimitIpPerMinute },
              { name: 'account', ttl: 60_000, limit: config.auth.rateLimitAccountPerMinute, getTracker: accountTracker },
            ],
          }),
        }),
        AuthModule,
        AuditModule,
        OrganisationModule,
        AdministrationModule,
        NotificationsModule,
        TasksModule,
        ScorecardsModule,
        CalendarModule,
        HealthModule,
        DiagnosticsModule,
        WebAppModule.forRoot(),
      ],
      controllers: [AuthController, UnitsController, UsersController, TemplatesController, AcknowledgeLinksController, TasksController, AssignmentsController, DecisionsController, NotificationsController, AuditController, DiagnosticsController, CalendarController, StatisticsController, ScorecardsController, BriefingsController],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
