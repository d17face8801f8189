import { HttpStatus } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import type { IssuedTokens, TokenResponseDto } from '@dondoc/auth';
import { AppException } from '@dondoc/common';
import type { AppConfig } from '@dondoc/config';

/** The cookie that carries the web app's refresh token (the access token stays in the page's memory). */
export const REFRESH_COOKIE = 'dondoc_refresh';
/** The header the web app sends with every cookie-session request: a cross-site form or image cannot set it. */
export const WEB_CLIENT_HEADER = 'X-Dondoc-Client';

/** Whether a public address is plain HTTP on this machine, where browsers refuse a Secure cookie. */
export function isLocalHttp(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Where the cookie goes and who may read it: only the refresh, logout routes (path), never scripts nor other sites. */
export function refreshCookieOptions(publicUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: !isLocalHttp(publicUrl) };
}

/** 400 unless the request comes from the web app (X-Dondoc-Client: web). */
export function assertWebClient(req: Request): void {
  if (req.get(WEB_CLIENT_HEADER) !== 'web') throw new AppException(HttpStatus.BAD_REQUEST, 'CLIENT_HEADER_REQUIRED');
}

/** The refresh token as an httpOnly cookie: set on sign-in and on each refresh, cleared on sign-out. */
export class RefreshCookie {
  private readonly options: CookieOptions;

  constructor(config: Pick<AppConfig, 'http'>) {
    this.options = refreshCookieOptions(config.http.publicUrl);
  }

  /** The cookie's refresh token, if the request carries one. */
  read(req: Request): string | undefined {
    const value = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  }

  /** Sets the cookie to the new refresh token (for as long as the session lasts) and answers without it. */
  deliver(res: Response, tokens: IssuedTokens): TokenResponseDto {
    const { refreshToken, ...rest } = tokens;
    res.cookie(REFRESH_COOKIE, refreshToken, { ...this.options, maxAge: tokens.refreshExpiresIn * 1000 });
    return rest;
  }

  clear(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, this.options);
  }
}
