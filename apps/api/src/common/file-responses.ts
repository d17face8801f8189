import { StreamableFile } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { TABLE_CONTENT_TYPES, type TableFormat } from '@dondoc/tabular';
import { toBoolean } from '@dondoc/common';

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: TableFormat = 'csv';
}

export class ImportQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Check the file and report what would change, without changing anything.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun: boolean = false;
}

export class UserImportQueryDto extends ImportQueryDto {
  @ApiPropertyOptional({ default: true, description: 'Email new users a one-time link to set their password.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  sendInvitations: boolean = true;
}

export class ImportResultDto {
  @ApiProperty() rows!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() dryRun!: boolean;
  @ApiPropertyOptional() invitationsQueued?: number;
}

export const FILE_UPLOAD_BODY = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '.csv (UTF-8) or .xlsx' } } },
};

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** A file download named `<name>-<date>.<format>`. */
export function download(buffer: Buffer, name: string, format: TableFormat): StreamableFile {
  const date = new Date().toISOString().slice(0, 10);
  return new StreamableFile(buffer, { type: TABLE_CONTENT_TYPES[format], disposition: `attachment; filename="${name}-${date}.${format}"`, length: buffer.length });
}
