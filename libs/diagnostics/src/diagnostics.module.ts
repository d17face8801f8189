import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dondoc/audit';
import { TemporalModule } from '@dondoc/temporal';
import { DiagnosticRecordingModule } from './diagnostic-recording.module';
import { DiagnosticRun } from './diagnostic-run.entity';
import { DiagnosticsService } from './diagnostics.service';

/** Diagnostics as the API offers them: starting a run and reading it, and (re-exported) the activity alerts. */
@Module({
  imports: [TypeOrmModule.forFeature([DiagnosticRun]), TemporalModule, AuditModule, DiagnosticRecordingModule],
  providers: [DiagnosticsService],
  exports: [DiagnosticsService, DiagnosticRecordingModule],
})
export class DiagnosticsModule {}
