import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@dondoc/common';

export class StartDiagnosticDto {
  @ApiPropertyOptional({ description: 'Who receives the test email; defaults to the signed-in user.', example: 'ops@example.gov.vn' })
  @OptionalNotNull()
  @IsEmail()
  @MaxLength(254)
  recipient?: string;

  @ApiPropertyOptional({ description: 'A note carried through the chain into the row and the email.', maxLength: 500 })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  message?: string;

  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'Language of the email; defaults to the user’s.' })
  @OptionalNotNull()
  @IsIn(['vi', 'en'])
  language?: 'vi' | 'en';
}

export class DiagnosticRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ enum: ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT', 'CONTINUED_AS_NEW', 'UNKNOWN'] })
  workflowStatus!: string;
  @ApiProperty({ enum: ['PENDING', 'RECORDED', 'COMPLETED', 'FAILED'], description: 'PENDING until the worker has written the row.' })
  status!: 'PENDING' | 'RECORDED' | 'COMPLETED' | 'FAILED';
  @ApiPropertyOptional() recipient?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({ nullable: true }) emailMessageId?: string | null;
  @ApiPropertyOptional({ nullable: true }) failureReason?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) completedAt?: string | null;
}
