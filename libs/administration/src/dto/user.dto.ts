import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { LANGUAGES, OptionalNotNull, PageQueryDto, Role, toBoolean, trim, type Language } from '@dondoc/common';
import { PersonRefDto, UnitRefDto } from '@dondoc/organisation';

export const PHONE = /^\+?[0-9 ().-]{6,30}$/;
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'can.bo@hanoi.gov.vn' })
  @Transform(lower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '+84 24 3825 1234' })
  @OptionalNotNull()
  @Matches(PHONE)
  phone?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'vi' })
  @OptionalNotNull()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for OFFICER, HEAD and LEADER.' })
  @OptionalNotNull()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ enum: Role, isArray: true, description: 'HEAD makes the user the head of their unit (409 if it already has one).' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ default: true, description: 'Email a one-time link to set a password (valid 7 days).' })
  @OptionalNotNull()
  @IsBoolean()
  sendInvitation?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(PHONE)
  phone?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @OptionalNotNull()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Move the user to another unit (a head stops being head of the old one).' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({ enum: Role, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false ends every session at once and stops sign-in.' })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Users of this unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Users of this unit and every unit under it' })
  @IsOptional()
  @IsUUID()
  withinUnitId?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Search name and email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserDto extends PersonRefDto {
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ enum: Role, isArray: true }) roles!: Role[];
  @ApiProperty({ type: UnitRefDto, nullable: true }) unit!: UnitRefDto | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Whether the user has set a password (invited users have not yet).' }) passwordSet!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Locked after repeated failed sign-ins until this time.' })
  lockedUntil!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
