import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { TemporalModule } from '@dondoc/temporal';
import { ActivityAlert } from './activity-alert.entity';
import { ActivityAlertsService } from './activity-alerts.service';
import { DiagnosticRun } from './diagnostic-run.entity';
import { DiagnosticsService } from './diagnostics.service';

@Module({
  imports: [TypeOrmModule.forFeature([DiagnosticRun, ActivityAlert]), TemporalModule, AuditModule],
  providers: [DiagnosticsService, ActivityAlertsService],
  exports: [DiagnosticsService, ActivityAlertsService],
})
export class DiagnosticsModule {}
