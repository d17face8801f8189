import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { OptionalNotNull, PageQueryDto, toBoolean, trim } from '@dondoc/common';
import { UNIT_LEVELS, type UnitLevel } from '../unit.entity';

export const UNIT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;

const toUpper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class CreateUnitDto {
  @ApiProperty({ example: 'HN-XA-001', description: 'Unique code; stored upper-case. Letters, digits, . _ -' })
  @Transform(toUpper)
  @Matches(UNIT_CODE)
  code!: string;

  @ApiProperty({ example: 'Xã Minh Châu' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  nameVi!: string;

  @ApiPropertyOptional({ example: 'Minh Chau Commune' })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  nameEn?: string;

  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS)
  level!: UnitLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'Parent unit; omit for a root unit.' })
  @OptionalNotNull()
  @IsUUID()
  parentId?: string;
}

export class UpdateUnitDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  nameVi?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  nameEn?: string | null;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @OptionalNotNull()
  @IsIn(UNIT_LEVELS)
  level?: UnitLevel;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Move the unit (and its subtree) under another parent; null makes it a root.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Change the head: an active user of this unit; null leaves the unit without a head.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  headUserId?: string | null;

  @ApiPropertyOptional({ description: 'Deactivate (false) instead of deleting a unit that has tasks.' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UnitQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Direct children of this unit' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'This unit and every unit under it' })
  @IsOptional()
  @IsUUID()
  withinId?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: UnitLevel;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Search code and names' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UnitRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty({ nullable: true, type: String }) nameEn!: string | null;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: UnitLevel;
}

export class PersonRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class UnitDto extends UnitRefDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty() depth!: number;
  @ApiProperty({ type: PersonRefDto, nullable: true }) head!: PersonRefDto | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UnitDetailDto extends UnitDto {
  @ApiProperty({ type: [UnitRefDto], description: 'From the root down to the parent' }) ancestors!: UnitRefDto[];
  @ApiProperty() childCount!: number;
  @ApiProperty() userCount!: number;
}

export class UnitPageDto {
  @ApiProperty({ type: [UnitDto] }) items!: UnitDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** `?q=&limit=` of the unit directory: any signed-in user looking up any active unit. */
export class UnitDirectoryQueryDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Text found in the code or either name (case-insensitive)', example: 'BKHCN' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 20;
}

/** What identifies a unit to anyone: no head, no people, no path. */
export class UnitDirectoryEntryDto extends UnitRefDto {
  @ApiProperty({ nullable: true, type: String, description: 'Vietnamese name of the parent unit; null for a root' }) parentNameVi!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'English name of the parent unit, if it has one' }) parentNameEn!: string | null;
}
