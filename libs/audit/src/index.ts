export * from './audit-event.entity';
export * from './audit-hash';
export * from './audit.module';
export * from './audit.service';
export * from './dto/audit-query.dto';
