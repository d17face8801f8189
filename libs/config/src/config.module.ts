import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';
import { validateEnv } from './env.schema';

/** Validated environment for every app. */
@Module({})
export class AppConfigModule {
  /**
   * Validates `process.env` now (not at import time), so a bad value stops start-up with a
   * `ConfigValidationError` naming the variable, before any connection is attempted.
   */
  static forRoot(): DynamicModule {
    const env = validateEnv(process.env);
    return {
      module: AppConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, cache: true, validate: () => env })],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
