import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { anonymousActor } from '@dondoc/common';
import { normaliseEmail, PeopleService } from '@dondoc/organisation';
import type { ClientInfo } from './auth.service';
import { PasswordTokensService } from './password-tokens.service';

/**
 * "Forgot your password?": anyone may ask for a reset link for an email. The caller learns nothing
 * about the account — the answer, and as far as possible its timing, are the same whether it
 * exists or not — and only the account's own mailbox receives the link.
 */
@Injectable()
export class ForgottenPasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly passwordTokens: PasswordTokensService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Queues the same one-time reset link an administrator's reset sends when `email` names an
   * active account; otherwise only records the request. Audited either way.
   */
  async request(email: string, client: ClientInfo): Promise<void> {
    const normalised = normaliseEmail(email);
    const actor = anonymousActor(client.requestId, normalised);
    await this.dataSource.transaction(async (tx) => {
      const user = await this.people.findByEmail(normalised, tx);
      if (!user?.active) {
        await this.audit.record(tx, actor, {
          action: 'PASSWORD_RESET_REQUEST_IGNORED',
          subjectType: 'user',
          subjectId: user?.id ?? null,
          summary: { email: normalised, reason: user ? 'inactive' : 'unknownEmail', ip: client.ip },
        });
        return;
      }
      await this.passwordTokens.issue(tx, actor, user, 'RESET');
      await this.audit.record(tx, actor, { action: 'PASSWORD_RESET_REQUESTED', subjectType: 'user', subjectId: user.id, summary: { email: user.email, selfService: true, ip: client.ip } });
    });
  }
}
