import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MultiLine, OptionalNotNull, trim } from '@dondoc/common';
import { PersonRefDto, UnitRefDto } from '@dondoc/organisation';

/** `POST /api/tasks/:id/blockers`: the lead unit declares that it waits on another unit. */
export class DeclareBlockerDto {
  @ApiProperty({ format: 'uuid', description: 'The unit waited on: one of the task’s coordinating units, or another active unit (then `reason` is required). Not the lead unit.' })
  @IsUUID()
  blockingUnitId!: string;

  @ApiProperty({ example: 'Dữ liệu dân cư đã làm sạch của 12 xã', description: 'What the lead unit waits for.' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(1_000)
  awaited!: string;

  @ApiPropertyOptional({ example: '2026-11-20T08:00:00+07:00', description: 'Since when it waits: not in the future, not before the assignment. Default: now.' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ example: 'Sở Tài chính chưa bố trí kinh phí theo Quyết định 123/QĐ-UBND', description: 'Why this unit holds the task up: required when it is not one of the task’s coordinating units.' })
  @OptionalNotNull()
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MaxLength(4_000)
  reason?: string;
}

/** `POST /api/tasks/:id/blockers/:blockerId/resolve`: either side says the wait is over. */
export class ResolveBlockerDto {
  @ApiProperty({ example: 'Đã nhận đủ dữ liệu ngày 25/11/2026', description: 'How it was resolved.' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  resolution!: string;
}

/** `POST /api/tasks/:id/blockers/:blockerId/decide`: a leader over both units decides on the blocker. */
export class DecideBlockerDto {
  @ApiProperty({ description: 'true: an objective cause (the quarterly scorecard excuses the delay it caused); false: not one.' })
  @IsBoolean()
  confirm!: boolean;

  @ApiPropertyOptional({ default: false, description: 'true: the blocker ends with this decision (it must still be open).' })
  @OptionalNotNull()
  @IsBoolean()
  end?: boolean;

  @ApiProperty({ example: 'Nguyên nhân khách quan: chờ Bộ ban hành hướng dẫn.' })
  @Transform(trim)
  @MultiLine()
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  comment!: string;
}

/** A blocker as the task view shows it. */
export class BlockerView {
  @ApiProperty({ example: 'BL12' }) id!: string;
  @ApiProperty({ type: UnitRefDto, nullable: true, description: 'The unit waited on (null only if it was since deleted)' }) blockingUnit!: UnitRefDto | null;
  @ApiProperty({ description: 'Whether the blocking unit coordinates the task' }) coordinating!: boolean;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() awaited!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true }) declaredBy!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time' }) declaredAt!: string;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'] }) status!: 'OPEN' | 'RESOLVED';
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'null when it ended by itself (resolution TASK_CLOSED or REASSIGNED)' }) resolvedBy!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The resolver’s text, or TASK_CLOSED / REASSIGNED' }) resolution!: string | null;
  @ApiProperty({ description: 'Confirmed by a leader over both units as an objective cause' }) confirmed!: boolean;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'The leader who decided on it' }) decidedBy!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionComment!: string | null;
}
