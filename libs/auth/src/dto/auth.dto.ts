import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, IsStrongPassword, MaxLength, MinLength } from 'class-validator';

/** The password rule: at least 12 characters with lower-case, upper-case letters and digits. */
export const PASSWORD_RULE = { minLength: 12, minLowercase: 1, minUppercase: 1, minNumbers: 1, minSymbols: 0 } as const;

export class LoginDto {
  @ApiProperty({ example: 'admin@dondoc.local' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'dondoc-admin-2026', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from login or the previous refresh (each works once).' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(256)
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: 'At least 12 characters, with lower-case, upper-case letters and digits.' })
  @IsStrongPassword(PASSWORD_RULE)
  @MaxLength(256)
  newPassword!: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token of the one-time link received by email.' })
  @IsString()
  @MinLength(20)
  @MaxLength(300)
  token!: string;

  @ApiProperty({ format: 'password', description: 'At least 12 characters, with lower-case, upper-case letters and digits.' })
  @IsStrongPassword(PASSWORD_RULE)
  @MaxLength(256)
  newPassword!: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Short-lived JWT to send as `Authorization: Bearer …`' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;

  @ApiProperty({ description: 'Exchange at POST /api/auth/refresh for a new pair; works once.' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the session ends (fixed at sign-in; refreshing does not extend it)', example: 1209600 })
  refreshExpiresIn!: number;
}
