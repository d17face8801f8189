import { Body, Controller, Get, Header, HttpCode, HttpException, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConsumes, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { isStrongPassword, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { AuthService, ChangePasswordDto, Client, CurrentActor, ForgotPasswordDto, ForgottenPasswordService, LoginDto, PASSWORD_RULE, Public, RefreshDto, ResetPasswordDto, TokenResponseDto, unauthenticated, UpdateMeDto, type ClientInfo } from '@dondoc/auth';
import { AppException, invalidField, translateError, translateProblem, type Actor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { UserDto, UsersAdminService } from '@dondoc/administration';
import { passwordDonePage, passwordFormPage } from './password-form';
import { assertWebClient, REFRESH_COOKIE, RefreshCookie, WEB_CLIENT_HEADER } from './refresh-cookie';

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

const WEB_CLIENT = ApiHeader({ name: WEB_CLIENT_HEADER, required: false, description: '`web` from the web app: required whenever the refresh token travels in the cookie.' });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly cookie: RefreshCookie;

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersAdminService,
    private readonly forgotten: ForgottenPasswordService,
    config: AppConfig,
  ) {
    this.cookie = new RefreshCookie(config);
  }

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @WEB_CLIENT
  @ApiOperation({
    summary: `Sign in with email and password: a short-lived access token and a refresh token — in the answer, or with transport \`cookie\` (the web app, with ${WEB_CLIENT_HEADER}: web) in the httpOnly cookie ${REFRESH_COOKIE}. Rate-limited per address and per account; repeated failures lock the account for a while.`,
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: `Invalid fields; or transport \`cookie\` without ${WEB_CLIENT_HEADER}: web (\`CLIENT_HEADER_REQUIRED\`).` })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or a locked account (the answer never says which).' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this account.' })
  async login(@Body() dto: LoginDto, @Client() client: ClientInfo, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TokenResponseDto> {
    if (dto.transport === 'cookie') assertWebClient(req);
    const tokens = await this.auth.login(dto.email, dto.password, client);
    return dto.transport === 'cookie' ? this.cookie.deliver(res, tokens) : tokens;
  }

  @Post('refresh')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @WEB_CLIENT
  @ApiOperation({
    summary: `Exchange a refresh token for a new pair. Each refresh token works once; reusing one ends the session. Without refreshToken in the body, the ${REFRESH_COOKIE} cookie is used (only with ${WEB_CLIENT_HEADER}: web) and the new refresh token is set in it, not answered.`,
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ description: `No refreshToken and no cookie (\`VALIDATION_FAILED\` naming refreshToken); or the cookie without ${WEB_CLIENT_HEADER}: web (\`CLIENT_HEADER_REQUIRED\`).` })
  @ApiUnauthorizedResponse({ description: 'The token is unknown, used, expired or its session ended (a failed cookie refresh also clears the cookie).' })
  async refresh(@Body() dto: RefreshDto, @Client() client: ClientInfo, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TokenResponseDto> {
    if (dto.refreshToken !== undefined) return this.auth.refresh(dto.refreshToken, client);
    const cookie = this.cookie.read(req);
    if (cookie === undefined) {
      // The web app without a session yet is simply not signed in; any other caller forgot the field.
      if (req.get(WEB_CLIENT_HEADER) === 'web') throw unauthenticated();
      throw invalidField('refreshToken', 'required', {
        vi: `refreshToken là bắt buộc (ứng dụng web dùng cookie ${REFRESH_COOKIE} cùng tiêu đề ${WEB_CLIENT_HEADER}: web)`,
        en: `refreshToken is required (the web app uses the ${REFRESH_COOKIE} cookie with the header ${WEB_CLIENT_HEADER}: web)`,
      });
    }
    assertWebClient(req);
    try {
      return this.cookie.deliver(res, await this.auth.refresh(cookie, client));
    } catch (error) {
      // A cookie that no longer works is dropped, so the browser stops sending it.
      if (error instanceof HttpException && error.getStatus() === 401) this.cookie.clear(res);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: `End this session: its access and refresh tokens stop working at once; the ${REFRESH_COOKIE} cookie is cleared.` })
  @ApiNoContentResponse()
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(actor);
    this.cookie.clear(res);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: `Sign out everywhere: every session of yours ends (this one too) on every device; the ${REFRESH_COOKIE} cookie is cleared.` })
  @ApiNoContentResponse()
  async logoutAll(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logoutEverywhere(actor);
    this.cookie.clear(res);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, with effective roles and unit.' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.get(actor, actor.id!);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own language (vi or en): answers, emails and the web app follow it.' })
  @ApiOkResponse({ type: UserDto })
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<UserDto> {
    return this.users.setOwnLanguage(actor, dto.language);
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
