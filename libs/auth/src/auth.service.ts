import { randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { anonymousActor, AppException, invalidField, isLanguage, Role, sha256Hex, type Actor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { DirectoryService, normaliseEmail, PeopleService, type User } from '@dondoc/organisation';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords';
import type { AccessTokenClaims } from './access-token';
import type { IssuedTokens } from './dto/auth.dto';
import { PasswordTokensService } from './password-tokens.service';
import { RefreshToken, Session } from './session.entity';

/** Where a sign-in comes from, kept with the session and in the audit trail. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const invalidCredentials = (): AppException => new AppException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS');
/** The one answer to any failed authentication: it never says which check failed. */
export const unauthenticated = (): AppException => new AppException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED');

/** The actor for a user row (effective roles: HEAD while they head their unit). */
export function actorOf(
  user: Pick<User, 'id' | 'email' | 'language' | 'roles' | 'unitId'>,
  unit: { path: string | null; isHead: boolean },
  sessionId: string | null,
  requestId: string | null,
): Actor {
  const roles: Role[] = [...user.roles];
  if (unit.isHead) roles.push(Role.HEAD);
  return {
    type: 'USER',
    id: user.id,
    email: user.email,
    roles,
    unitId: user.unitId,
    unitPath: unit.path,
    language: isLanguage(user.language) ? user.language : 'vi',
    sessionId,
    requestId,
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly passwordTokens: PasswordTokensService,
    private readonly directory: DirectoryService,
    private readonly people: PeopleService,
  ) {}

  /**
   * Signs in with email and password and opens a session. Repeated failures lock the account
   * for a while; the answer is the same whether the email exists, the password is wrong or the
   * account is locked.
   */
  async login(email: string, password: string, client: ClientInfo): Promise<IssuedTokens> {
    const normalised = normaliseEmail(email);
    const outcome = await this.dataSource.transaction(async (tx) => {
      const user = await this.people.lockByEmail(tx, normalised);
      const now = new Date();
      const locked = Boolean(user?.lockedUntil && user.lockedUntil > now);
      // Always spend the time of one verification, so timing does not reveal which emails exist.
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
      const anonymous = anonymousActor(client.requestId, normalised);

      if (!user || !user.active || !user.passwordHash || locked || !valid) {
        const reason = !user ? 'unknownEmail' : !user.active ? 'inactive' : locked ? 'locked' : !user.passwordHash ? 'noPassword' : 'wrongPassword';
        const summary: Record<string, unknown> = { email: normalised, reason, ip: client.ip };
        if (user && reason === 'wrongPassword') {
          const failures = user.failedLoginCount + 1;
          const lock = failures >= this.config.auth.maxFailedLogins;
          const lockedUntil = lock ? new Date(now.getTime() + this.config.auth.lockoutSeconds * 1000) : null;
          await this.people.recordFailedSignIns(tx, user.id, { count: lock ? 0 : failures, lockedUntil });
          summary.failures = failures;
          if (lock) summary.lockedUntil = lockedUntil?.toISOString();
        }
        await this.audit.record(tx, anonymous, { action: 'LOGIN_FAILED', subjectType: 'user', subjectId: user?.id ?? null, summary });
        if (summary.lockedUntil) {
          await this.audit.record(tx, anonymous, { action: 'ACCOUNT_LOCKED', subjectType: 'user', subjectId: user!.id, summary: { lockedUntil: summary.lockedUntil } });
        }
        return undefined;
      }
      await this.people.recordSignIn(tx, user.id, now);
      const tokens = await this.openSession(tx, user, client);
      await this.audit.record(tx, { ...(await this.actorForUser(tx, user, tokens.sessionId, client.requestId)) }, {
        action: 'LOGIN_SUCCEEDED',
        subjectType: 'session',
        subjectId: tokens.sessionId,
        summary: { ip: client.ip, userAgent: client.userAgent },
      });
      return tokens.response;
    });
    // Thrown after commit, so the failure count and the audit event are kept.
    if (!outcome) throw invalidCredentials();
    return outcome;
  }

  /**
   * Exchanges a refresh token for a new pair (rotation). A token presented a second time means
   * it was stolen or replayed: the whole session is revoked.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      const token = await tx.getRepository(RefreshToken).findOne({ where: { tokenHash: sha256Hex(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!token) return undefined;
      const session = await tx.getRepository(Session).findOneByOrFail({ id: token.sessionId });
      const now = new Date();
      if (token.usedAt) {
        if (!session.revokedAt) {
          await tx.update(Session, { id: session.id }, { revokedAt: now, revokeReason: 'REFRESH_TOKEN_REUSED' });
          await this.audit.record(tx, anonymousActor(client.requestId), {
            action: 'SESSION_REVOKED',
            subjectType: 'session',
            subjectId: session.id,
            summary: { reason: 'REFRESH_TOKEN_REUSED', userId: session.userId, ip: client.ip },
          });
        }
        return undefined;
      }
      if (session.revokedAt || session.expiresAt <= now || token.expiresAt <= now) return undefined;
      const user = await this.people.findById(session.userId, tx);
      if (!user?.active) return undefined;
      await tx.update(RefreshToken, { id: token.id }, { usedAt: now });
      const response = await this.issueTokens(tx, user, session);
      await this.audit.record(tx, await this.actorForUser(tx, user, session.id, client.requestId), {
        action: 'SESSION_REFRESHED',
        subjectType: 'session',
        subjectId: session.id,
        summary: { ip: client.ip },
      });
      return response;
    });
    if (!outcome) throw unauthenticated();
    return outcome;
  }

  /** Ends the actor's session: its access and refresh tokens stop working at once. */
  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.update(Session, { id: actor.sessionId!, revokedAt: IsNull() }, { revokedAt: new Date(), revokeReason: 'LOGOUT' });
      await this.audit.record(tx, actor, { action: 'LOGOUT', subjectType: 'session', subjectId: actor.sessionId });
    });
  }

  /** Signs out everywhere: every session of the actor ends, this one included. */
  async logoutEverywhere(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // The user's row first, as a password change does: two session-ending changes of one user
      // then take their locks in one order (sessions, then the audit chain) instead of deadlocking.
      await this.people.lockById(tx, actor.id!);
      const ended = await this.revokeSessions(tx, actor.id!, 'LOGOUT_ALL');
      await this.audit.record(tx, actor, { action: 'LOGOUT_ALL', subjectType: 'user', subjectId: actor.id, summary: { endedSessions: ended } });
    });
  }

  /** Changes the actor's own password; their other sessions end. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const user = await this.people.lockById(tx, actor.id!);
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw invalidField('currentPassword', 'matches', { vi: 'mật khẩu hiện tại không đúng', en: 'the current password is incorrect' });
      }
      if (currentPassword === newPassword) {
        throw invalidField('newPassword', 'different', { vi: 'mật khẩu mới phải khác mật khẩu hiện tại', en: 'the new password must differ from the current one' });
      }
      await this.people.setPasswordHash(tx, user.id, await hashPassword(newPassword));
      const ended = await this.revokeSessions(tx, user.id, 'PASSWORD_CHANGED', actor.sessionId);
      await this.audit.record(tx, actor, { action: 'PASSWORD_CHANGED', subjectType: 'user', subjectId: user.id, summary: { endedSessions: ended } });
    });
  }

  /** Sets a password through a one-time link (invitation or reset); every session of the user ends. */
  async resetPassword(link: string, newPassword: string, client: ClientInfo): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const token = await this.passwordTokens.redeemable(tx, link);
      const user = token ? await this.people.findById(token.userId, tx) : null;
      if (!token || !user?.active) {
        throw invalidField('token', 'valid', {
          vi: 'đường dẫn không hợp lệ, đã được dùng hoặc đã hết hạn; hãy đề nghị quản trị viên gửi đường dẫn mới',
          en: 'the link is invalid, already used or expired; ask an administrator for a new one',
        });
      }
      await this.people.setPasswordHash(tx, user.id, await hashPassword(newPassword), { unlock: true });
      await tx.update('password_tokens', { id: token.id }, { usedAt: new Date() });
      const ended = await this.revokeSessions(tx, user.id, 'PASSWORD_RESET');
      await this.audit.record(tx, await this.actorForUser(tx, user, null, client.requestId), {
        action: token.purpose === 'INVITE' ? 'PASSWORD_SET_BY_INVITATION' : 'PASSWORD_RESET_COMPLETED',
        subjectType: 'user',
        subjectId: user.id,
        summary: { tokenId: token.id, endedSessions: ended, ip: client.ip },
      });
    });
  }

  /** An administrator sends a user a one-time link to choose a new password. */
  async requestPasswordReset(actor: Actor, user: Pick<User, 'id' | 'email' | 'name' | 'language' | 'active'>): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.passwordTokens.issue(tx, actor, user, 'RESET');
      await this.audit.record(tx, actor, { action: 'PASSWORD_RESET_REQUESTED', subjectType: 'user', subjectId: user.id, summary: { email: user.email } });
    });
  }

  /** The actor behind a verified access token, or 401 if the user or session is no longer valid. */
  async actorForToken(claims: AccessTokenClaims, requestId: string | null): Promise<Actor> {
    // Two lookups by primary key: the session (ours), then its person (the organisation's).
    const session = await this.dataSource.getRepository(Session).findOne({ where: { id: claims.sid, userId: claims.sub }, select: { id: true, revokedAt: true, expiresAt: true } });
    if (!session || session.revokedAt || session.expiresAt <= new Date()) throw unauthenticated();
    const user = await this.people.findById(claims.sub);
    if (!user?.active) throw unauthenticated();
    return actorOf(user, await this.directory.placeOf(user.id, user.unitId), claims.sid, requestId);
  }

  /** Ends every open session of a user (except `keep`); returns how many. */
  async revokeSessions(manager: EntityManager, userId: string, reason: string, keep?: string | null): Promise<number> {
    const result = await manager.update(
      Session,
      { userId, revokedAt: IsNull(), ...(keep ? { id: Not(keep) } : {}) },
      { revokedAt: new Date(), revokeReason: reason },
    );
    return result.affected ?? 0;
  }

  private async actorForUser(manager: EntityManager, user: User, sessionId: string | null, requestId: string | null): Promise<Actor> {
    return actorOf(user, await this.directory.placeOf(user.id, user.unitId, manager), sessionId, requestId);
  }

  private async openSession(manager: EntityManager, user: User, client: ClientInfo): Promise<{ sessionId: string; response: IssuedTokens }> {
    const session = manager.create(Session, {
      userId: user.id,
      expiresAt: new Date(Date.now() + this.config.auth.refreshTtlSeconds * 1000),
      revokedAt: null,
      revokeReason: null,
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    await manager.insert(Session, session);
    return { sessionId: session.id, response: await this.issueTokens(manager, user, session) };
  }

  private async issueTokens(manager: EntityManager, user: User, session: Session): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, { sessionId: session.id, tokenHash: sha256Hex(refreshToken), expiresAt: session.expiresAt, usedAt: null });
    const claims: AccessTokenClaims = { sub: user.id, sid: session.id, typ: 'access' };
    const expiresIn = this.config.auth.accessTtlSeconds;
    return {
      accessToken: await this.jwt.signAsync(claims, { expiresIn }),
      tokenType: 'Bearer',
      expiresIn,
      refreshToken,
      refreshExpiresIn: Math.max(0, Math.round((session.expiresAt.getTime() - Date.now()) / 1000)),
    };
  }
}
