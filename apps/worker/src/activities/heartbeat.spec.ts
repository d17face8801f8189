import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { heartbeating, isDataError } from './heartbeat';

describe(heartbeating.name, () => {
  const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

  it('tells data errors (classes 22 and 23) from outages', () => {
    expect(isDataError(pgError('22021'))).toBe(true); // invalid byte sequence (NUL)
    expect(isDataError(pgError('22P02'))).toBe(true); // invalid text representation (bad JSON)
    expect(isDataError({ driverError: { code: '23502' } })).toBe(true); // not-null violation, as TypeORM wraps it
    expect(isDataError(pgError('08006'))).toBe(false); // connection failure
    expect(isDataError(pgError('57P01'))).toBe(false); // admin shutdown
    expect(isDataError(new Error('ECONNREFUSED'))).toBe(false);
  });

  it('retries the race of two first writes of a task row (the API’s and the recording’s), not other unique violations', () => {
    expect(isDataError({ driverError: { code: '23505', constraint: 'UQ_tasks_workflow_id' } })).toBe(false);
    expect(isDataError(Object.assign(pgError('23505'), { constraint: 'UQ_tasks_workflow_id' }))).toBe(false);
    expect(isDataError({ driverError: { code: '23505', constraint: 'UQ_tasks_code' } })).toBe(true);
  });

  it('ends an activity for good when the database refuses its data, and lets an outage be retried', async () => {
    const sut = new MockActivityEnvironment();
    const refused = await sut.run(heartbeating, () => Promise.reject(pgError('22021'))).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: 'DataRejected', nonRetryable: true, message: 'pg 22021' });
    const outage = await sut.run(heartbeating, () => Promise.reject(pgError('08006'))).catch((e: unknown) => e);
    expect(outage).not.toBeInstanceOf(ApplicationFailure);
  });
});
