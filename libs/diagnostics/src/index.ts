export * from './activity-alert.entity';
export * from './activity-alerts.service';
export * from './diagnostic-recording.module';
export * from './diagnostic-run.entity';
export * from './diagnostic-runs.service';
export * from './diagnostics.module';
export * from './diagnostics.service';
export * from './dto/start-diagnostic.dto';
