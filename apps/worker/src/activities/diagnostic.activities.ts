import { Injectable } from '@nestjs/common';
import { DiagnosticRunsService } from '@dondoc/diagnostics';
import type { DiagnosticActivities } from '@dondoc/workflows/diagnostic.types';

/** The diagnostic workflow's activities: the run's row, email and outcome, each idempotent (Temporal may retry freely). */
@Injectable()
export class DiagnosticActivitiesService implements DiagnosticActivities {
  constructor(private readonly runs: DiagnosticRunsService) {}

  recordDiagnosticRun: DiagnosticActivities['recordDiagnosticRun'] = (input) => this.runs.record(input);

  sendDiagnosticEmail: DiagnosticActivities['sendDiagnosticEmail'] = ({ runId }) => this.runs.sendEmail(runId);

  markDiagnosticFailed: DiagnosticActivities['markDiagnosticFailed'] = ({ runId, reason }) => this.runs.markFailed(runId, reason);
}
