import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '@dondoc/common';
import { PeopleService } from './people.service';
import { User } from './user.entity';

interface Builder {
  insert: jest.Mock<Builder, []>;
  values: jest.Mock<Builder, [unknown]>;
  orIgnore: jest.Mock<Builder, []>;
  execute: jest.Mock<Promise<{ raw: unknown[] }>, []>;
}

/** A manager whose User repository records what it is asked; `inserted` is what an INSERT … ON CONFLICT DO NOTHING returns. */
function fakeManager(inserted: unknown[] = []) {
  const builder: Builder = {
    insert: jest.fn(() => builder),
    values: jest.fn((_values: unknown) => builder),
    orIgnore: jest.fn(() => builder),
    execute: jest.fn(() => Promise.resolve({ raw: inserted })),
  };
  const repository = {
    findOne: jest.fn((_options: unknown) => Promise.resolve(null)),
    findOneOrFail: jest.fn((_options: unknown) => Promise.resolve({ id: 'u1' })),
    findOneBy: jest.fn((_where: unknown) => Promise.resolve(null)),
    count: jest.fn(() => Promise.resolve(2)),
    createQueryBuilder: jest.fn(() => builder),
  };
  const manager = {
    getRepository: jest.fn((_entity: unknown) => repository),
    update: jest.fn((_entity: unknown, _where: unknown, _values: unknown) => Promise.resolve({ affected: 1 })),
  };
  return { manager, repository, builder, asManager: manager as unknown as EntityManager };
}

function setup(inserted: unknown[] = []) {
  const own = fakeManager(inserted);
  const sut = new PeopleService({ manager: own.asManager } as unknown as DataSource);
  return { sut, own };
}

describe(PeopleService.name, () => {
  describe('locks, in the caller’s transaction', () => {
    it('lockByEmail compares the email lower-case and locks the row for update', async () => {
      const { sut, own } = setup();
      const tx = fakeManager();
      await sut.lockByEmail(tx.asManager, '  Someone@Example.VN ');
      expect(tx.manager.getRepository).toHaveBeenCalledWith(User);
      expect(tx.repository.findOne).toHaveBeenCalledWith({ where: { email: 'someone@example.vn' }, lock: { mode: 'for_no_key_update' } });
      expect(own.manager.getRepository).not.toHaveBeenCalled();
    });

    it('lockById locks the row for update and fails when there is none', async () => {
      const { sut } = setup();
      const tx = fakeManager();
      await expect(sut.lockById(tx.asManager, 'u1')).resolves.toEqual({ id: 'u1' });
      expect(tx.repository.findOneOrFail).toHaveBeenCalledWith({ where: { id: 'u1' }, lock: { mode: 'for_no_key_update' } });
    });
  });

  describe('sign-in writes', () => {
    it('recordFailedSignIns stores the count and the lockout, nothing else', async () => {
      const { sut } = setup();
      const tx = fakeManager();
      const until = new Date('2026-01-01T00:15:00Z');
      await sut.recordFailedSignIns(tx.asManager, 'u1', { count: 0, lockedUntil: until });
      expect(tx.manager.update).toHaveBeenCalledWith(User, { id: 'u1' }, { failedLoginCount: 0, lockedUntil: until });
    });

    it('recordSignIn forgets the failures, lifts the lockout and notes the time', async () => {
      const { sut } = setup();
      const tx = fakeManager();
      const at = new Date('2026-01-01T08:00:00Z');
      await sut.recordSignIn(tx.asManager, 'u1', at);
      expect(tx.manager.update).toHaveBeenCalledWith(User, { id: 'u1' }, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: at });
    });

    it('setPasswordHash keeps a lockout unless asked to unlock', async () => {
      const { sut } = setup();
      const tx = fakeManager();
      await sut.setPasswordHash(tx.asManager, 'u1', 'hash-1');
      await sut.setPasswordHash(tx.asManager, 'u1', 'hash-2', { unlock: true });
      const [[, , changed], [, , reset]] = tx.manager.update.mock.calls as unknown as [unknown, unknown, Partial<User>][];
      expect(changed).toEqual({ passwordHash: 'hash-1', passwordChangedAt: expect.any(Date) as Date });
      expect(reset).toEqual({ passwordHash: 'hash-2', passwordChangedAt: expect.any(Date) as Date, failedLoginCount: 0, lockedUntil: null });
    });
  });

  describe('the first person', () => {
    const person = { email: ' Admin@Example.VN', name: 'Quản trị', passwordHash: 'hash', roles: [Role.ADMIN as const], language: 'vi' as const };

    it('insertUnlessEmailTaken inserts with the email lower-cased, ignoring a conflict, and says it created them', async () => {
      const { sut, own } = setup([{ id: 'u1' }]);
      await expect(sut.insertUnlessEmailTaken(person)).resolves.toBe(true);
      expect(own.builder.values).toHaveBeenCalledWith({ ...person, email: 'admin@example.vn' });
      expect(own.builder.orIgnore).toHaveBeenCalled();
    });

    it('insertUnlessEmailTaken says so when another process won', async () => {
      const { sut } = setup([]);
      await expect(sut.insertUnlessEmailTaken(person)).resolves.toBe(false);
    });

    it('countUsers and findByEmail read outside any transaction by default', async () => {
      const { sut, own } = setup();
      await expect(sut.countUsers()).resolves.toBe(2);
      await sut.findByEmail('Admin@Example.VN');
      expect(own.repository.findOneBy).toHaveBeenCalledWith({ email: 'admin@example.vn' });
    });

    it('findById reads in the transaction it is given', async () => {
      const { sut, own } = setup();
      const tx = fakeManager();
      await sut.findById('u1', tx.asManager);
      expect(tx.repository.findOneBy).toHaveBeenCalledWith({ id: 'u1' });
      expect(own.manager.getRepository).not.toHaveBeenCalled();
    });
  });
});
