import { EntityNotFoundError, FindOperator, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Role } from '@dondoc/common';
import { User } from './user.entity';
import type { DeciderSpec } from '@dondoc/workflows/task/task.types';
import { DirectoryService } from './directory.service';
import { Unit } from './unit.entity';

type Where = Record<string, unknown>;

/** Does a row satisfy a `where` of equalities and `In(...)`, as PostgreSQL would answer it? */
function matches(row: object, where: Where): boolean {
  return Object.entries(where).every(([key, expected]) => {
    const value = (row as Record<string, unknown>)[key];
    if (expected instanceof FindOperator) {
      if (expected.type !== 'in') throw new Error(`unexpected operator ${expected.type}`);
      return (expected.value as unknown[]).includes(value);
    }
    return value === expected;
  });
}

/** An organisation in memory, read through the repository methods the directory uses. */
function setup(units: Partial<Unit>[], users: Partial<User>[]) {
  const rows = new Map<unknown, object[]>([
    [Unit, units],
    [User, users.map((u) => ({ active: true, roles: [], unitId: null, ...u }))],
  ]);
  const repository = (entity: EntityTarget<ObjectLiteral>) => {
    const all = rows.get(entity)!;
    const findBy = (where: Where) => Promise.resolve(all.filter((row) => matches(row, where)));
    return {
      find: ({ where }: { where: Where }) => findBy(where),
      findBy,
      findOneBy: (where: Where) => Promise.resolve(all.find((row) => matches(row, where)) ?? null),
      findOneByOrFail: (where: Where) => {
        const found = all.find((row) => matches(row, where));
        return found ? Promise.resolve(found) : Promise.reject(new EntityNotFoundError(entity, where));
      },
    };
  };
  const manager = { getRepository: jest.fn(repository) } as unknown as EntityManager;
  const sut = new DirectoryService({ manager } as unknown as DataSource);
  return { sut, manager };
}

const ROOT = 'root';
const PROVINCE = 'province';
const COMMUNE = 'commune';
const tree: Partial<Unit>[] = [
  { id: ROOT, parentId: null, path: `/${ROOT}/`, headUserId: 'minister' },
  { id: PROVINCE, parentId: ROOT, path: `/${ROOT}/${PROVINCE}/`, headUserId: 'governor' },
  { id: COMMUNE, parentId: PROVINCE, path: `/${ROOT}/${PROVINCE}/${COMMUNE}/`, headUserId: 'mayor' },
];
const people: Partial<User>[] = [
  { id: 'minister', unitId: ROOT, roles: [Role.LEADER] },
  { id: 'deputy', unitId: ROOT, roles: [Role.LEADER] },
  { id: 'secretary', unitId: ROOT, roles: [Role.OFFICER] },
  { id: 'retired-leader', unitId: ROOT, roles: [Role.LEADER], active: false },
  { id: 'governor', unitId: PROVINCE, roles: [Role.LEADER] },
  { id: 'mayor', unitId: COMMUNE, roles: [] },
  { id: 'officer-1', unitId: COMMUNE, roles: [Role.OFFICER] },
  { id: 'officer-2', unitId: COMMUNE, roles: [Role.OFFICER, Role.AUDITOR] },
  { id: 'officer-gone', unitId: COMMUNE, roles: [Role.OFFICER], active: false },
  { id: 'assigner', unitId: ROOT, roles: [Role.ADMIN] },
  { id: 'admin-2', unitId: null, roles: [Role.ADMIN] },
  { id: 'admin-gone', unitId: null, roles: [Role.ADMIN], active: false },
];
const group = (userIds: string[]): DeciderSpec => ({ type: 'LEADER_GROUP', name: 'Ban chỉ đạo', userIds });

describe(DirectoryService.name, () => {
  describe('decidersFor', () => {
    it('ASSIGNER names the assigner', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.decidersFor({ type: 'ASSIGNER' }, COMMUNE, 'governor')).resolves.toEqual(['governor']);
    });

    it('PARENT_HEAD names the head of the unit above the lead unit', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.decidersFor({ type: 'PARENT_HEAD' }, COMMUNE, 'assigner')).resolves.toEqual(['governor']);
      await expect(sut.decidersFor({ type: 'PARENT_HEAD' }, PROVINCE, 'assigner')).resolves.toEqual(['minister']);
    });

    it('STEERING_COMMITTEE names the active leaders of the root unit above the lead unit, not its officers', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.decidersFor({ type: 'STEERING_COMMITTEE' }, COMMUNE, 'assigner')).resolves.toEqual(['minister', 'deputy']);
    });

    it('STEERING_COMMITTEE of an unknown lead unit fails rather than guessing', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.decidersFor({ type: 'STEERING_COMMITTEE' }, 'nowhere', 'assigner')).rejects.toBeInstanceOf(EntityNotFoundError);
    });

    it('LEADER_GROUP names its active members, in the group’s order', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.decidersFor(group(['deputy', 'retired-leader', 'governor']), COMMUNE, 'assigner')).resolves.toEqual(['deputy', 'governor']);
    });

    it('a vacant head falls back to the assigner', async () => {
      const vacant = tree.map((u) => (u.id === PROVINCE ? { ...u, headUserId: null } : u));
      const { sut } = setup(vacant, people);
      await expect(sut.decidersFor({ type: 'PARENT_HEAD' }, COMMUNE, 'assigner')).resolves.toEqual(['assigner']);
    });

    it('a lead unit without a unit above it falls back to the assigner', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.decidersFor({ type: 'PARENT_HEAD' }, ROOT, 'assigner')).resolves.toEqual(['assigner']);
    });

    it('a head who is no longer active falls back to the assigner', async () => {
      const { sut } = setup(tree, people.map((u) => (u.id === 'governor' ? { ...u, active: false } : u)));
      await expect(sut.decidersFor({ type: 'PARENT_HEAD' }, COMMUNE, 'assigner')).resolves.toEqual(['assigner']);
    });

    it('a dissolved group (nobody active) falls back to the assigner', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.decidersFor(group(['retired-leader']), COMMUNE, 'assigner')).resolves.toEqual(['assigner']);
      await expect(sut.decidersFor(group([]), COMMUNE, 'assigner')).resolves.toEqual(['assigner']);
    });

    it('with the assigner gone too, the active administrators decide', async () => {
      const { sut } = setup(tree, people.map((u) => (u.id === 'assigner' ? { ...u, active: false } : u)));
      await expect(sut.decidersFor(group(['retired-leader']), COMMUNE, 'assigner')).resolves.toEqual(['admin-2']);
      await expect(sut.decidersFor({ type: 'ASSIGNER' }, COMMUNE, 'assigner')).resolves.toEqual(['admin-2']);
    });

    it('reads in the transaction it is given', async () => {
      const { sut, manager } = setup(tree, people);
      const { manager: other } = setup(tree, people);
      await sut.decidersFor({ type: 'PARENT_HEAD' }, COMMUNE, 'assigner', other);
      expect(manager.getRepository).not.toHaveBeenCalled();
      expect(other.getRepository).toHaveBeenCalled();
    });
  });

  describe('audience reads', () => {
    it('officersOf names the unit’s active officers only', async () => {
      const { sut } = setup(tree, people);
      await expect(sut.officersOf(COMMUNE)).resolves.toEqual(['officer-1', 'officer-2']);
    });

    it('headsOf names the heads of the units, leaving vacant ones out', async () => {
      const { sut } = setup(tree.map((u) => (u.id === PROVINCE ? { ...u, headUserId: null } : u)), people);
      await expect(sut.headsOf([ROOT, PROVINCE, COMMUNE])).resolves.toEqual(['minister', 'mayor']);
      await expect(sut.headsOf([])).resolves.toEqual([]);
    });

    it('activeUsers leaves inactive and unknown people out; emailOf finds anyone', async () => {
      const { sut } = setup(tree, people.map((u) => ({ ...u, email: `${u.id}@dondoc.test` })));
      await expect(sut.activeUsers(['officer-1', 'officer-gone', 'nobody']).then((users) => users.map((u) => u.id))).resolves.toEqual(['officer-1']);
      await expect(sut.emailOf('officer-gone')).resolves.toBe('officer-gone@dondoc.test');
      await expect(sut.emailOf('nobody')).resolves.toBeNull();
    });
  });
});
