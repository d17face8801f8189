import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class ForgotPasswordDto {
  @ApiProperty({ description: 'The email of the account whose password was forgotten.', example: 'can.bo@minhchau.gov.vn' })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}
