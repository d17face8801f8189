import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PASSWORD_TOKEN_PURPOSE, verifySignedToken, type Actor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { NotificationsService, type Notification } from '@dondoc/notifications';
import type { User } from '@dondoc/organisation';
import { PasswordToken, type PasswordTokenPurpose } from './session.entity';

const VALIDITY_MS: Record<PasswordTokenPurpose, number> = {
  INVITE: 7 * 24 * 3_600_000,
  RESET: 24 * 3_600_000,
};

/** One-time links that let a person set their password: invitations and administrators' resets. */
@Injectable()
export class PasswordTokensService {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Issues a link for `user` and queues the email that carries it, in the caller's transaction.
   * Earlier unused links of the same user stop working. Returns the outbox rows to dispatch
   * after commit.
   */
  async issue(manager: EntityManager, actor: Actor, user: Pick<User, 'id' | 'email' | 'name' | 'language'>, purpose: PasswordTokenPurpose): Promise<Notification[]> {
    await manager
      .createQueryBuilder()
      .update(PasswordToken)
      .set({ usedAt: () => 'now()' })
      .where('user_id = :userId AND used_at IS NULL', { userId: user.id })
      .execute();
    const token = manager.create(PasswordToken, {
      userId: user.id,
      purpose,
      expiresAt: new Date(Date.now() + VALIDITY_MS[purpose]),
      usedAt: null,
      createdBy: actor.id,
    });
    await manager.insert(PasswordToken, token);
    return this.notifications.enqueue(manager, [
      {
        idempotencyKey: `password-token:${token.id}`,
        userId: user.id,
        email: user.email,
        language: user.language,
        template: purpose === 'INVITE' ? 'password-invite' : 'password-reset',
        params: { name: user.name, email: user.email, passwordTokenId: token.id, expiresAt: token.expiresAt.toISOString() },
      },
    ]);
  }

  /** The usable token row behind a link (genuine, unused, unexpired), locked for update; undefined otherwise. */
  async redeemable(manager: EntityManager, link: string): Promise<PasswordToken | undefined> {
    const id = verifySignedToken(this.config.auth.jwtSecret, PASSWORD_TOKEN_PURPOSE, link);
    if (!id || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const token = await manager.getRepository(PasswordToken).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!token || token.usedAt || token.expiresAt.getTime() <= Date.now()) return undefined;
    return token;
  }
}
