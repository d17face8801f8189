import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from '@dondoc/auth';
import { AllExceptionsFilter } from '@dondoc/common';
import { AppConfigModule } from '@dondoc/config';
import { DatabaseModule } from '@dondoc/database';
import { DiagnosticsModule } from '@dondoc/diagnostics';
import { LoggingModule } from '@dondoc/logging';
import { UsersModule } from '@dondoc/users';
import { AuthController } from './auth/auth.controller';
import { FirstAdminService } from './bootstrap/first-admin.service';
import { DiagnosticsController } from './diagnostics/diagnostics.controller';
import { HealthModule } from './health/health.module';

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
        UsersModule,
        AuthModule,
        HealthModule,
        DiagnosticsModule,
      ],
      controllers: [AuthController, DiagnosticsController],
      providers: [FirstAdminService, { provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
