import { Body, Controller, Get, Header, HttpCode, HttpException, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { isStrongPassword, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { AuthService, ChangePasswordDto, Client, CurrentActor, ForgotPasswordDto, ForgottenPasswordService, LoginDto, PASSWORD_RULE, Public, RefreshDto, ResetPasswordDto, TokenResponseDto, type ClientInfo } from '@dondoc/auth';
import { AppException, translateError, translateProblem, type Actor } from '@dondoc/common';
import { UserDto, UsersAdminService } from '@dondoc/administration';
import { passwordDonePage, passwordFormPage } from './password-form';

class PasswordFormQueryDto {
  @ApiProperty({ description: 'The token of the one-time link.', maxLength: 300 })
  @IsString()
  @MaxLength(300)
  token!: string;
}

/** The HTML form's fields; checked here so every problem is shown on the page, not as JSON. */
class PasswordFormDto {
  @ApiProperty({ description: 'The token of the one-time link.', maxLength: 300 })
  @IsString()
  @MaxLength(300)
  token!: string;

  @ApiProperty({ format: 'password', maxLength: 256 })
  @IsString()
  @MaxLength(256)
  newPassword!: string;

  @ApiPropertyOptional({ format: 'password', maxLength: 256, description: 'Must equal newPassword when given.' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  confirmPassword?: string;
}

/** The password-link pages answer HTML, the form's own problems included. */
const HTML = { 'text/html': { schema: { type: 'string' } } };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersAdminService,
    private readonly forgotten: ForgottenPasswordService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password: a short-lived access token and a refresh token. Rate-limited per address and per account; repeated failures lock the account for a while.' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or a locked account (the answer never says which).' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account.' })
  login(@Body() dto: LoginDto, @Client() client: ClientInfo): Promise<TokenResponseDto> {
    return this.auth.login(dto.email, dto.password, client);
  }

  @Post('refresh')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair. Each refresh token works once; reusing one ends the session.' })
  @ApiOkResponse({ type: TokenResponseDto })
  refresh(@Body() dto: RefreshDto, @Client() client: ClientInfo): Promise<TokenResponseDto> {
    return this.auth.refresh(dto.refreshToken, client);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once.' })
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(actor);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, with effective roles and unit.' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.get(actor, actor.id!);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password (the current one is required); your other sessions end.' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Post('password-reset')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a password with the token of a one-time link (invitation or reset). Authenticated by the token itself.' })
  resetPassword(@Body() dto: ResetPasswordDto, @Client() client: ClientInfo): Promise<void> {
    return this.auth.resetPassword(dto.token, dto.newPassword, client);
  }

  @Post('forgot-password')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Forgot your password: when the email names an active account, it is sent the same one-time reset link (valid 24 hours) an administrator’s reset sends. Always 204: the answer never says whether an account exists. Rate-limited per address and per email.',
  })
  @ApiNoContentResponse()
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address or for this email.' })
  forgotPassword(@Body() dto: ForgotPasswordDto, @Client() client: ClientInfo): Promise<void> {
    return this.forgotten.request(dto.email, client);
  }

  @Get('password-reset')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ summary: 'The page a one-time password link opens (a form posting to /api/auth/password-reset/form).' })
  @ApiOkResponse({ description: 'The form.', content: HTML })
  passwordForm(@Query() query: PasswordFormQueryDto, @Res() res: Response): void {
    res.type('html').send(passwordFormPage(query.token));
  }

  @Post('password-reset/form')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiConsumes('application/x-www-form-urlencoded')
  @HttpCode(200)
  @ApiOperation({ summary: 'The password form’s submission: an HTML answer, in Vietnamese and English.' })
  @ApiOkResponse({ description: 'The password is set.', content: HTML })
  @ApiBadRequestResponse({ description: 'The form again, with the problems.', content: HTML })
  async passwordFormSubmit(@Body() dto: PasswordFormDto, @Client() client: ClientInfo, @Res() res: Response): Promise<void> {
    if (dto.confirmPassword !== undefined && dto.confirmPassword !== dto.newPassword) {
      res.status(400).type('html').send(passwordFormPage(dto.token, ['Hai mật khẩu không khớp. / The two passwords differ.']));
      return;
    }
    if (!isStrongPassword(dto.newPassword, PASSWORD_RULE)) {
      const problem = { field: 'newPassword', rule: 'isStrongPassword' };
      res.status(400).type('html').send(passwordFormPage(dto.token, [`${translateProblem(problem, 'vi')} / ${translateProblem(problem, 'en')}`]));
      return;
    }
    try {
      await this.auth.resetPassword(dto.token, dto.newPassword, client);
      res.status(200).type('html').send(passwordDonePage());
    } catch (error) {
      if (!(error instanceof AppException)) throw error;
      const messages = error.problems.length
        ? error.problems.map((p) => `${translateProblem(p, 'vi')} / ${translateProblem(p, 'en')}`)
        : [`${translateError(error.code, 'vi', error.params)} / ${translateError(error.code, 'en', error.params)}`];
      res.status((error as HttpException).getStatus()).type('html').send(passwordFormPage(dto.token, messages));
    }
  }
}
