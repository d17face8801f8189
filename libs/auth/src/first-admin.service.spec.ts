import type { AuditService } from '@dondoc/audit';
import type { AppConfig } from '@dondoc/config';
import type { NewPerson, PeopleService } from '@dondoc/organisation';
import { FirstAdminService } from './first-admin.service';

describe(FirstAdminService.name, () => {
  function setup(count: number, inserted: boolean) {
    const people = {
      countUsers: jest.fn<Promise<number>, []>().mockResolvedValue(count),
      insertUnlessEmailTaken: jest.fn<Promise<boolean>, [NewPerson]>().mockResolvedValue(inserted),
    };
    const sut = new FirstAdminService(people as unknown as PeopleService, {} as AuditService, {} as AppConfig);
    return { sut, people };
  }

  it('creates the first administrator, lower-casing the email and hashing the password', async () => {
    const { sut, people } = setup(0, true);
    await expect(sut.ensureFirstAdmin({ email: ' Admin@Example.GOV.vn ', password: 'Secret-password-1' })).resolves.toBe('created');
    const [[values]] = people.insertUnlessEmailTaken.mock.calls;
    expect(values.email).toBe('admin@example.gov.vn');
    expect(values.roles).toEqual(['ADMIN']);
    expect(values.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('does nothing once any user exists', async () => {
    const { sut, people } = setup(3, true);
    await expect(sut.ensureFirstAdmin({ email: 'a@b.vn', password: 'x'.repeat(12) })).resolves.toBe('exists');
    expect(people.insertUnlessEmailTaken).not.toHaveBeenCalled();
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
