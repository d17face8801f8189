import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule } from '@dondoc/config';
import { DatabaseModule } from '@dondoc/database';
import { DiagnosticRun } from '@dondoc/diagnostics';
import { LoggingModule } from '@dondoc/logging';
import { MailModule } from '@dondoc/notifications';
import { DiagnosticActivitiesService } from './activities/diagnostic.activities';
import { TemporalWorkerService } from './temporal-worker.service';

/** The worker process: a Nest application context hosting the Temporal Worker and its activities. */
@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(),
        LoggingModule.forRoot('worker'),
        DatabaseModule.forRoot('worker'),
        TypeOrmModule.forFeature([DiagnosticRun]),
        MailModule,
      ],
      providers: [DiagnosticActivitiesService, TemporalWorkerService],
    };
  }
}
