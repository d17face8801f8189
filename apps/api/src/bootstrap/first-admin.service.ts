import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '@dondoc/audit';
import { systemActor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { UsersService } from '@dondoc/users';

/** Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD on an empty database. */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.users.ensureFirstAdmin(this.config.admin);
    if (result === 'missing') {
      throw new Error('The database has no users: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first administrator.');
    }
    if (result === 'created') {
      const admin = await this.users.findByEmail(this.config.admin.email!);
      await this.audit.record(this.audit.manager, systemActor(), {
        action: 'USER_CREATED',
        subjectType: 'user',
        subjectId: admin?.id ?? null,
        summary: { after: { email: admin?.email, roles: admin?.roles }, source: 'ADMIN_EMAIL' },
      });
    }
  }
}
