import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AppRequest, RequestUser } from '@dondoc/common';
import type { Role } from '@dondoc/users';

export const IS_PUBLIC = 'dondoc:isPublic';
export const ROLES = 'dondoc:roles';

/** The route needs no sign-in (login, refresh, health, API docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only users holding one of these roles may call the route. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The signed-in user. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestUser => {
  const user = ctx.switchToHttp().getRequest<AppRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without authentication');
  return user;
});
