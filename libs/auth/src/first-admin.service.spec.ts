import type { Repository } from 'typeorm';
import type { AuditService } from '@dondoc/audit';
import type { AppConfig } from '@dondoc/config';
import type { User } from '@dondoc/organisation';
import { FirstAdminService } from './first-admin.service';

describe(FirstAdminService.name, () => {
  function setup(count: number, inserted: boolean) {
    const execute = jest.fn().mockResolvedValue({ raw: inserted ? [{ id: 'u1' }] : [] });
    interface Builder {
      insert(): Builder;
      values: jest.Mock<Builder, [unknown]>;
      orIgnore(): Builder;
      execute: jest.Mock;
    }
    const builder: Builder = {
      insert: () => builder,
      values: jest.fn((_values: unknown) => builder),
      orIgnore: () => builder,
      execute,
    };
    const repository = { count: jest.fn().mockResolvedValue(count), createQueryBuilder: () => builder };
    const sut = new FirstAdminService(repository as unknown as Repository<User>, {} as AuditService, {} as AppConfig);
    return { sut, builder, execute };
  }

  it('creates the first administrator, lower-casing the email and hashing the password', async () => {
    const { sut, builder } = setup(0, true);
    await expect(sut.ensureFirstAdmin({ email: ' Admin@Example.GOV.vn ', password: 'Secret-password-1' })).resolves.toBe('created');
    const [[values]] = builder.values.mock.calls as unknown as [[{ email: string; passwordHash: string; roles: string[] }]];
    expect(values.email).toBe('admin@example.gov.vn');
    expect(values.roles).toEqual(['ADMIN']);
    expect(values.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('does nothing once any user exists', async () => {
    const { sut, execute } = setup(3, true);
    await expect(sut.ensureFirstAdmin({ email: 'a@b.vn', password: 'x'.repeat(12) })).resolves.toBe('exists');
    expect(execute).not.toHaveBeenCalled();
  });

  it('reports missing credentials on an empty database', async () => {
    const { sut } = setup(0, true);
    await expect(sut.ensureFirstAdmin({})).resolves.toBe('missing');
  });

  it('loses gracefully to another process creating the administrator at the same time', async () => {
    const { sut } = setup(0, false);
    await expect(sut.ensureFirstAdmin({ email: 'a@b.vn', password: 'x'.repeat(12) })).resolves.toBe('exists');
  });
});
