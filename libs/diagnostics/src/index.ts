export * from './diagnostic-run.entity';
export * from './diagnostics.module';
export * from './diagnostics.service';
export * from './dto/start-diagnostic.dto';
