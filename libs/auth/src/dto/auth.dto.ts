import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, IsStrongPassword, MaxLength, MinLength } from 'class-validator';
import { LANGUAGES, OptionalNotNull, type Language } from '@dondoc/common';

/** The password rule: at least 12 characters with lower-case, upper-case letters and digits. */
export const PASSWORD_RULE = { minLength: 12, minLowercase: 1, minUppercase: 1, minNumbers: 1, minSymbols: 0 } as const;

/** Where sign-in and refresh put the refresh token: in the answer, or in an httpOnly cookie (the web app). */
export const TOKEN_TRANSPORTS = ['body', 'cookie'] as const;
export type TokenTransport = (typeof TOKEN_TRANSPORTS)[number];

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

  @ApiPropertyOptional({
    enum: TOKEN_TRANSPORTS,
    default: 'body',
    description:
      'Where the refresh token goes. `body` (default): in the answer. `cookie` (the web app): in the httpOnly cookie `dondoc_refresh` (SameSite=Strict, Path=/api/auth, Secure outside http://localhost), never in the answer; needs the header `X-Dondoc-Client: web`.',
  })
  @OptionalNotNull()
  @IsIn(TOKEN_TRANSPORTS)
  transport?: TokenTransport;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description:
      'The refresh token from login or the previous refresh (each works once). Omitted by the web app: the `dondoc_refresh` cookie is used instead, with the header `X-Dondoc-Client: web`, and the new token is set in the cookie, not answered.',
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken?: string;
}

export class UpdateMeDto {
  @ApiProperty({ enum: LANGUAGES, description: 'The language dondoc speaks to you in: answers, emails, the web app.' })
  @IsIn(LANGUAGES)
  language!: Language;
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

  @ApiPropertyOptional({ description: 'Exchange at POST /api/auth/refresh for a new pair; works once. Absent when the token travels in the `dondoc_refresh` cookie (transport `cookie`, and every refresh by cookie).' })
  refreshToken?: string;

  @ApiProperty({ description: 'Seconds until the session ends (fixed at sign-in; refreshing does not extend it)', example: 1209600 })
  refreshExpiresIn!: number;
}

/** Tokens as the service issues them: the refresh token always present (the controller decides where it travels). */
export type IssuedTokens = TokenResponseDto & { refreshToken: string };
