import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { anonymousActor, requestId, requestLanguage, scrubText, type Actor, type AppRequest, type Language, type Role } from '@dondoc/common';
import type { ClientInfo } from './auth.service';

export const IS_PUBLIC = 'dondoc:isPublic';
export const ROLES = 'dondoc:roles';

/** The route needs no sign-in (login, refresh, password links, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only users holding one of these roles may call the route (403 otherwise). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The signed-in user as an Actor (with the request id), or an anonymous actor on public routes. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AppRequest>();
  return req.user ?? anonymousActor(requestId(req) || null);
});

/** Address, user agent and request id of the caller. */
export const Client = createParamDecorator((_: unknown, ctx: ExecutionContext): ClientInfo => {
  const req = ctx.switchToHttp().getRequest<AppRequest>();
  const agent = req.headers['user-agent'];
  // A header is stored (sessions, audit): control characters are replaced like any text from outside.
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? scrubText(agent).slice(0, 300) : null, requestId: requestId(req) || null };
});

/** The language to answer in: `?lang=`, then the user's preference, then Accept-Language, then Vietnamese. */
export const RequestLanguage = createParamDecorator((_: unknown, ctx: ExecutionContext): Language => requestLanguage(ctx.switchToHttp().getRequest<AppRequest>()));
