import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AuditQueryDto, AuditService, type AuditEvent } from '@dondoc/audit';
import { CurrentActor, Roles } from '@dondoc/auth';
import { Role, type Actor, type Page } from '@dondoc/common';
import { writeTable } from '@dondoc/tabular';
import { download, ExportQueryDto } from '../common/file-responses';

class AuditEventDto {
  @ApiProperty() seq!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['USER', 'SYSTEM', 'ANONYMOUS'] }) actorType!: string;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail!: string | null;
  @ApiProperty({ example: 'UNIT_MOVED' }) action!: string;
  @ApiProperty({ example: 'unit' }) subjectType!: string;
  @ApiProperty({ nullable: true, type: String }) subjectId!: string | null;
  @ApiProperty({ description: '{ before?, after?, …details }' }) summary!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class ChainVerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty() checked!: number;
  @ApiProperty({ nullable: true, type: String }) lastSeq!: string | null;
  @ApiPropertyOptional({ description: 'The first event whose link is broken' }) firstBrokenSeq?: string;
  @ApiPropertyOptional({ enum: ['hash mismatch', 'previous hash mismatch', 'missing event'] }) reason?: string;
}

class AuditExportQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: ExportQueryDto['format'] = 'csv';
}

const toDto = (event: AuditEvent): AuditEventDto => ({ ...event, occurredAt: event.occurredAt.toISOString() });

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles(Role.ADMIN, Role.AUDITOR)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit events, newest first, filtered by actor, action, subject, request or time (administrators, auditors).' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const page: Page<AuditEvent> = await this.audit.list(query);
    return { ...page, items: page.items.map(toDto) };
  }

  @Get('export')
  @ApiOperation({ summary: 'Export the matching audit events, oldest first, with their hashes (CSV or XLSX).' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentActor() actor: Actor, @Query() query: AuditExportQueryDto): Promise<StreamableFile> {
    const rows: Record<string, string>[] = [];
    for await (const batch of this.audit.stream(query)) {
      for (const e of batch) {
        rows.push({
          seq: e.seq,
          occurred_at: e.occurredAt.toISOString(),
          actor_type: e.actorType,
          actor_id: e.actorId ?? '',
          actor_email: e.actorEmail ?? '',
          action: e.action,
          subject_type: e.subjectType,
          subject_id: e.subjectId ?? '',
          summary: JSON.stringify(e.summary),
          request_id: e.requestId ?? '',
          prev_hash: e.prevHash,
          hash: e.hash,
        });
      }
    }
    const columns = ['seq', 'occurred_at', 'actor_type', 'actor_id', 'actor_email', 'action', 'subject_type', 'subject_id', 'summary', 'request_id', 'prev_hash', 'hash'];
    const format = query.format === 'xlsx' ? 'xlsx' : 'csv';
    const file = download(await writeTable(format, columns, rows, 'audit'), 'audit', format);
    await this.audit.record(this.audit.manager, actor, { action: 'AUDIT_EXPORTED', subjectType: 'export', summary: { format, rows: rows.length, filters: { ...query, page: undefined, pageSize: undefined } } });
    return file;
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain of the whole trail and report the first broken link (administrators, auditors).' })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(): Promise<ChainVerificationDto> {
    return this.audit.verify();
  }
}
