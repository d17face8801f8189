import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppException, requestId, type AppRequest, type Role } from '@dondoc/common';
import { accessClaims } from './access-token';
import { AuthService, unauthenticated } from './auth.service';
import { IS_PUBLIC, ROLES } from './decorators';

/**
 * Global guard: every route needs a valid bearer token of an active user in an open session
 * unless marked `@Public()`; `@Roles()` then restricts by role (403). The user and session are
 * read on each request, so a deactivation, a role change or a logout takes effect at once.
 * Unit scope is checked by the services, on every read and write.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AppRequest>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw unauthenticated();
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync<object>(token);
    } catch {
      throw unauthenticated();
    }
    const claims = accessClaims(payload);
    if (!claims) throw unauthenticated();
    const actor = await this.auth.actorForToken(claims, requestId(req) || null);
    req.user = actor;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (required && !required.some((role) => actor.roles.includes(role))) {
      throw new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');
    }
    return true;
  }
}
