import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '@dondoc/audit';
import { Role, systemActor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { normaliseEmail, PeopleService } from '@dondoc/organisation';
import { hashPassword } from './passwords';

/** Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD on an empty database (the API at start-up). */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    private readonly people: PeopleService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.ensureFirstAdmin(this.config.admin);
    if (result === 'missing') {
      throw new Error('The database has no users: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first administrator.');
    }
    if (result === 'created') {
      const admin = await this.people.findByEmail(this.config.admin.email!);
      await this.audit.record(this.audit.manager, systemActor(), {
        action: 'USER_CREATED',
        subjectType: 'user',
        subjectId: admin?.id ?? null,
        summary: { after: { email: admin?.email, roles: admin?.roles }, source: 'ADMIN_EMAIL' },
      });
    }
  }

  /**
   * Creates the first administrator when the users table is empty. Safe to call from several
   * processes at once: the unique email constraint lets only one insert win.
   */
  async ensureFirstAdmin(admin: { email?: string; password?: string }): Promise<'created' | 'exists' | 'missing'> {
    if ((await this.people.countUsers()) > 0) return 'exists';
    if (!admin.email || !admin.password) return 'missing';
    const created = await this.people.insertUnlessEmailTaken({
      email: normaliseEmail(admin.email),
      name: 'Quản trị hệ thống',
      passwordHash: await hashPassword(admin.password),
      roles: [Role.ADMIN],
      language: 'vi',
    });
    if (created) this.logger.log({ email: normaliseEmail(admin.email) }, 'created the first administrator');
    return created ? 'created' : 'exists';
  }
}
