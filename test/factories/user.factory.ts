import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '@dondoc/common';
import { hashPassword } from '@dondoc/auth';
import { User } from '@dondoc/organisation';

export const DEFAULT_PASSWORD = 'Password-for-tests-2026';

/** Users written straight to the database, for arranging a test. */
export const UserFactory = {
  async create(dataSource: DataSource, overrides: Partial<User> & { password?: string } = {}): Promise<User> {
    const { password, ...fields } = overrides;
    const user = dataSource.getRepository(User).create({
      email: `user-${randomUUID().slice(0, 8)}@test.dondoc.vn`,
      name: 'Nguyễn Văn Thử',
      passwordHash: await hashPassword(password ?? DEFAULT_PASSWORD),
      roles: [Role.OFFICER],
      language: 'vi',
      active: true,
      ...fields,
    });
    return dataSource.getRepository(User).save(user);
  },
};
