import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { hashPassword } from './passwords';
import { Role } from '@dondoc/common';
import { User } from './user.entity';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** The user with this email (case-insensitive), if any. */
  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normaliseEmail(email) });
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
