import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { MailModule } from '@dondoc/notifications';
import { ActivityAlert } from './activity-alert.entity';
import { ActivityAlertsService } from './activity-alerts.service';
import { DiagnosticRun } from './diagnostic-run.entity';
import { DiagnosticRunsService } from './diagnostic-runs.service';

/** The worker's side of diagnostics: recording diagnostic runs (row, email, outcome) and activity alerts. No Temporal client. */
@Module({
  imports: [TypeOrmModule.forFeature([DiagnosticRun, ActivityAlert]), AuditModule, MailModule],
  providers: [DiagnosticRunsService, ActivityAlertsService],
  exports: [DiagnosticRunsService, ActivityAlertsService],
})
export class DiagnosticRecordingModule {}
