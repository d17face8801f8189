import { DynamicModule, Module } from '@nestjs/common';
import { CalendarModule } from '@dondoc/calendar';
import { AppConfigModule } from '@dondoc/config';
import { DatabaseModule } from '@dondoc/database';
import { DiagnosticRecordingModule } from '@dondoc/diagnostics';
import { LoggingModule } from '@dondoc/logging';
import { NotificationsModule } from '@dondoc/notifications';
import { DirectoryModule } from '@dondoc/organisation';
import { TemporalModule } from '@dondoc/temporal';
import { AssignmentStartsModule, DueRecalculationModule, BriefingsModule, EvidenceChecksModule, ScorecardsModule, StatisticsModule, TaskRecordingModule } from '@dondoc/tasks';
import { AssignmentActivitiesService } from './activities/assignment.activities';
import { BriefingActivitiesService } from './activities/briefing.activities';
import { CalendarChangeActivitiesService } from './activities/calendar-change.activities';
import { CalendarActivitiesService } from './activities/calendar.activities';
import { DiagnosticActivitiesService } from './activities/diagnostic.activities';
import { EvidenceActivitiesService } from './activities/evidence.activities';
import { ScorecardsActivitiesService } from './activities/scorecards.activities';
import { TaskActivitiesService } from './activities/task.activities';
import { OutboxMailer } from './outbox-mailer.service';
import { ReportSchedules } from './report-schedules.service';
import { StatisticsSnapshotRefresher } from './statistics-snapshot-refresher.service';
import { TemporalWorkerService } from './temporal-worker.service';
import { UnstartedWorkSweeper } from './unstarted-work-sweeper.service';

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
        NotificationsModule,
        DirectoryModule,
        TaskRecordingModule,
        EvidenceChecksModule,
        DiagnosticRecordingModule,
        CalendarModule,
        DueRecalculationModule,
        AssignmentStartsModule,
        StatisticsModule,
        ScorecardsModule,
        BriefingsModule,
        TemporalModule,
      ],
      providers: [AssignmentActivitiesService, BriefingActivitiesService, CalendarActivitiesService, CalendarChangeActivitiesService, UnstartedWorkSweeper, DiagnosticActivitiesService, TaskActivitiesService, EvidenceActivitiesService, ScorecardsActivitiesService, OutboxMailer, ReportSchedules, StatisticsSnapshotRefresher, TemporalWorkerService],
    };
  }
}
