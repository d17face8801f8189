import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '@dondoc/audit';
import { AppException, systemActor, type Actor } from '@dondoc/common';
import type { AppConfig } from '@dondoc/config';
import type { CalendarOverrideRecord } from './calendar-override.entity';
import { CalendarService } from './calendar.service';

const actor: Actor = { ...systemActor('request-1'), type: 'USER', id: 'admin-id', email: 'admin@dondoc.vn' };
const config = { calendar: { restDays: [0, 6], startOfDay: '08:00', endOfDay: '17:00', notifyUntil: '20:00' } } as unknown as AppConfig;

function setup(overrides: Partial<CalendarOverrideRecord>[] = []) {
  let revision = '1';
  const rows = overrides.map((row) => ({ document: null, note: null, ...row }) as CalendarOverrideRecord);
  const repository = {
    findOneBy: jest.fn(async ({ date }: { date: string }) => rows.find((row) => row.date === date) ?? null),
    find: jest.fn(async () => rows),
    insert: jest.fn(async (row: CalendarOverrideRecord) => void rows.push({ ...row, createdAt: new Date(), updatedAt: new Date() })),
    update: jest.fn(),
    delete: jest.fn(),
    findOneByOrFail: jest.fn(async ({ date }: { date: string }) => rows.find((row) => row.date === date)!),
  };
  const tx = {
    query: jest.fn(async (sql: string) => (sql.includes('RETURNING revision') ? [{ revision: (revision = String(Number(revision) + 1)) }] : [])),
    getRepository: () => repository,
  } as unknown as EntityManager;
  const dataSource = {
    query: jest.fn(async (sql: string) => {
      if (sql.startsWith('SELECT revision')) return [{ revision }];
      return rows.length ? rows.map((row) => ({ revision, ...row })) : [{ revision, date: null }];
    }),
    transaction: jest.fn(async (work: (manager: EntityManager) => Promise<unknown>) => work(tx)),
  } as unknown as DataSource;
  const audit = { record: jest.fn() } as unknown as AuditService;
  const sut = new CalendarService(dataSource, audit, config);
  return { sut, audit, dataSource, repository, tx, bump: () => (revision = String(Number(revision) + 1)) };
}

describe(CalendarService.name, () => {
  it('keeps its calendar while the revision is unchanged, and reloads when another process changed it', async () => {
    const { sut, dataSource, bump } = setup([{ date: '2099-06-01', kind: 'HOLIDAY' }]);

    const first = await sut.current();
    expect(await sut.current()).toBe(first);
    expect(first.isWorkingDay('2099-06-01')).toBe(false);
    bump();
    const second = await sut.current();

    expect(second).not.toBe(first);
    // Two loads (overrides with their revision), the other calls only read the revision.
    expect((dataSource.query as jest.Mock).mock.calls.filter(([sql]: [string]) => sql.includes('calendar_overrides'))).toHaveLength(2);
  });

  it('refuses a new override that changes nothing, before writing or auditing', async () => {
    const { sut, audit, repository } = setup();

    await expect(sut.upsertOverride(actor, '2099-06-02', { kind: 'WORKDAY' })).rejects.toThrow(AppException);
    await expect(sut.upsertOverride(actor, '2099-06-07', { kind: 'HOLIDAY' })).rejects.toMatchObject({
      problems: [{ field: 'kind', rule: 'changesNothing' }],
    });
    expect(repository.insert).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('audits a change, records it under its new revision in the same transaction, and tells every listener after it, even when one of them fails', async () => {
    const { sut, audit, tx } = setup();
    const calls: string[] = [];
    sut.onOverridesChanged(() => {
      calls.push('failing');
      throw new Error('task unreachable');
    });
    sut.onOverridesChanged(({ revision, dates, actor: who }) => void calls.push(`${revision}: ${dates.join(',')} by ${who.id}`));

    await sut.upsertOverride(actor, '2099-06-01', { kind: 'HOLIDAY', document: 'QĐ 1' });

    expect(audit.record).toHaveBeenCalledWith(expect.anything(), actor, expect.objectContaining({
      action: 'CALENDAR_OVERRIDE_SET',
      subjectId: '2099-06-01',
      summary: { before: null, after: { date: '2099-06-01', kind: 'HOLIDAY', document: 'QĐ 1', note: null } },
    }));
    expect(tx.query).toHaveBeenCalledWith(expect.stringContaining('INSERT INTO calendar_changes'), ['2', ['2099-06-01'], 'admin-id', 'request-1']);
    expect(calls).toEqual(['failing', '2: 2099-06-01 by admin-id']);
  });

  it('answers 404 for removing an override that does not exist, and tells no listener', async () => {
    const { sut } = setup();
    const listener = jest.fn();
    sut.onOverridesChanged(listener);

    await expect(sut.deleteOverride(actor, '2099-06-01')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(listener).not.toHaveBeenCalled();
  });
});
