import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The append-only, hash-chained audit trail. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
