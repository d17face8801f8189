import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@dondoc/config';
import { dataSourceOptions } from './data-source-options';
import { TypeOrmNestLogger } from './typeorm-logger';

/** The application's connection pool to PostgreSQL. Migrations are run separately, never here. */
@Module({})
export class DatabaseModule {
  /** `appName` shows in pg_stat_activity (dondoc-api, dondoc-worker). */
  static forRoot(appName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions({ ...config.database, applicationName: `dondoc-${appName}` }),
            logger: new TypeOrmNestLogger(),
            maxQueryExecutionTime: 2_000,
            retryAttempts: 5,
            retryDelay: 2_000,
          }),
        }),
      ],
    };
  }
}
