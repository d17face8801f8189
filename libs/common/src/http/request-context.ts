import type { Request } from 'express';
import type { Actor } from '../access/actor';
import { resolveLanguage } from '../i18n/translate';
import type { Language } from '../i18n/language';

/** A request after the authentication guard: `user` is the signed-in actor. */
export type AppRequest = Request & { id?: string | number; user?: Actor };

/** The language to answer this request in. */
export function requestLanguage(req: AppRequest): Language {
  return resolveLanguage({
    query: typeof req.query?.lang === 'string' ? req.query.lang : undefined,
    userLanguage: req.user?.language,
    acceptLanguage: req.headers['accept-language'],
  });
}

/** The request id assigned by the logger (or given by the caller in X-Request-Id). */
export function requestId(req: AppRequest): string {
  return req.id === undefined ? '' : String(req.id);
}
