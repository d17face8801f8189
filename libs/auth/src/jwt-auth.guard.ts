import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppException, type AppRequest } from '@dondoc/common';
import { UsersService, type Role } from '@dondoc/users';
import { IS_PUBLIC, ROLES } from './decorators';
import type { AccessTokenClaims } from './auth.service';

const unauthenticated = (): AppException => new AppException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED');
const forbidden = (): AppException => new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');

/**
 * Global guard: every route needs a valid bearer token of an active user unless marked
 * `@Public()`; `@Roles()` then restricts by role. The user is re-read on each request so a
 * deactivated account or changed role takes effect at once.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AppRequest>();
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw unauthenticated();

    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated();
    }
    if (claims.typ !== 'access') throw unauthenticated();
    const user = await this.users.findById(claims.sub);
    if (!user?.active) throw unauthenticated();
    req.user = { id: user.id, email: user.email, language: user.language, roles: user.roles };

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (required && !required.some((role) => user.roles.includes(role))) throw forbidden();
    return true;
  }
}
