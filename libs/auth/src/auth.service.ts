import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@dondoc/config';
import { AppException } from '@dondoc/common';
import { decoyPasswordHash, UsersService, verifyPassword } from '@dondoc/users';
import type { TokenResponseDto } from './dto/login.dto';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Exchanges email and password for an access token; never tells whether the email exists. */
  async login(email: string, password: string): Promise<TokenResponseDto> {
    const user = await this.users.findByEmail(email);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !valid || !user.active) throw new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS');
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access' };
    const expiresIn = this.config.auth.accessTtlSeconds;
    return { accessToken: await this.jwt.signAsync(claims, { expiresIn }), tokenType: 'Bearer', expiresIn };
  }
}
