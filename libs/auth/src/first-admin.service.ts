import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { Role, systemActor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { normaliseEmail, User } from '@dondoc/organisation';
import { hashPassword } from './passwords';

/** Creates the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD on an empty database (the API at start-up). */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.ensureFirstAdmin(this.config.admin);
    if (result === 'missing') {
      throw new Error('The database has no users: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first administrator.');
    }
    if (result === 'created') {
      const admin = await this.users.findOneBy({ email: normaliseEmail(this.config.admin.email!) });
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
    if ((await this.users.count()) > 0) return 'exists';
    if (!admin.email || !admin.password) return 'missing';
    const result = await this.users
      .createQueryBuilder()
      .insert()
      .values({
        email: normaliseEmail(admin.email),
        name: 'Quản trị hệ thống',
        passwordHash: await hashPassword(admin.password),
        roles: [Role.ADMIN],
        language: 'vi',
      })
      .orIgnore()
      .execute();
    const created = (result.raw as unknown[]).length > 0;
    if (created) this.logger.log({ email: normaliseEmail(admin.email) }, 'created the first administrator');
    return created ? 'created' : 'exists';
  }
}
