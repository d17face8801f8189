import type { Request, Response } from 'express';
import { assertWebClient, isLocalHttp, REFRESH_COOKIE, RefreshCookie, refreshCookieOptions } from './refresh-cookie';

describe(RefreshCookie.name, () => {
  it('is Secure everywhere but plain HTTP on this machine', () => {
    expect(['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000'].map(isLocalHttp)).toEqual([true, true, true]);
    expect(['https://localhost', 'http://dondoc.test', 'https://dondoc.gov.vn', 'http://10.0.0.5:3000', 'http://localhost.example.vn'].map(isLocalHttp)).toEqual([false, false, false, false, false]);
    expect(refreshCookieOptions('https://dondoc.gov.vn')).toEqual({ httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: true });
    expect(refreshCookieOptions('http://localhost:3000').secure).toBe(false);
  });

  it('sets the refresh token for the session’s remaining life and answers without it', () => {
    const sut = new RefreshCookie({ http: { publicUrl: 'https://dondoc.gov.vn' } } as never);
    const res = { cookie: jest.fn(), clearCookie: jest.fn() };
    const answer = sut.deliver(res as unknown as Response, { accessToken: 'a', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'r'.repeat(43), refreshExpiresIn: 1_209_600 });
    expect(answer).toEqual({ accessToken: 'a', tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 1_209_600 });
    expect(res.cookie).toHaveBeenCalledWith(REFRESH_COOKIE, 'r'.repeat(43), { httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: true, maxAge: 1_209_600_000 });
    sut.clear(res as unknown as Response);
    expect(res.clearCookie).toHaveBeenCalledWith(REFRESH_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: true });
  });

  it('reads only a non-empty dondoc_refresh cookie', () => {
    const sut = new RefreshCookie({ http: { publicUrl: 'https://dondoc.gov.vn' } } as never);
    const req = (cookies: unknown) => ({ cookies }) as Request;
    expect([sut.read(req({ dondoc_refresh: 'abc' })), sut.read(req({ dondoc_refresh: '' })), sut.read(req({ other: 'x' })), sut.read(req(undefined))]).toEqual(['abc', undefined, undefined, undefined]);
  });

  it('requires X-Dondoc-Client: web, exactly', () => {
    const req = (value?: string) => ({ get: () => value }) as unknown as Request;
    expect(() => assertWebClient(req('web'))).not.toThrow();
    for (const value of [undefined, 'Web', 'mobile', '']) {
      expect(() => assertWebClient(req(value))).toThrow(expect.objectContaining({ code: 'CLIENT_HEADER_REQUIRED', status: 400 }) as Error);
    }
  });
});
