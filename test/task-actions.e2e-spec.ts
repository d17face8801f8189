import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../apps/worker/src/setup-worker';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { assignTask, fastTemplate } from './factories/task.factory';
import { eventually } from './helpers/eventually';
import { getTask, types, waitForEvent } from './helpers/task-timeline';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * Actions that can be retried and never hang: a retry with the same Idempotency-Key (or request
 * id) returns the first result; an action the worker cannot complete in time answers 503 with
 * Retry-After, and the same request sent again later gets its result, recorded once.
 */
describe('Task actions: retries and bounded waits', () => {
  let stack: TestStack;
  let org: Organisation;
  let worker: INestApplicationContext | undefined;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const act = (token: string, path: string, body: object, headers: Record<string, string> = {}) => stack.http().post(path).set({ ...auth(token), ...headers }).send(body);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, env: { TASK_ACTION_WAIT_MS: '2000' } });
    worker = await createWorkerApp();
    org = await buildOrganisation(stack);
    await act(org.adminToken, '/api/templates', fastTemplate('retry', { defaultDuration: '1h', reminders: [], acknowledgementReminder: null })).expect(201);
  });

  afterAll(async () => {
    await worker?.close();
    await stack.close();
  });

  const newTask = () => assignTask(stack, org.adminToken, { templateKey: 'retry', leadUnitId: org.unitIds['HN-X001'], focalOfficerId: org.userIds.officerCommune });

  it('one assignment leaves one row and one audit entry (TASK_CREATED, written with the row in the request itself)', async () => {
    const task = await newTask();
    await waitForEvent(stack, org.adminToken, task.id, 'ASSIGNED'); // the workflow has recorded its ASSIGNED event too
    const audit = await stack.http().get(`/api/audit?subjectId=${task.id}`).set(auth(org.adminToken)).expect(200);
    expect((audit.body.items as { action: string }[]).map((e) => e.action)).toEqual(['TASK_CREATED']);
    expect(audit.body.items[0]).toMatchObject({ actorType: 'USER', actorEmail: 'admin@test.dondoc.vn', requestId: expect.any(String) });
    const [row] = await stack.dataSource.query<{ participant_ids: string[] }[]>('SELECT participant_ids FROM tasks WHERE id = $1', [task.id]);
    expect(new Set(row.participant_ids).size).toBe(row.participant_ids.length);
  });

  it('a progress report sent twice with one Idempotency-Key is recorded once, and both answers agree', async () => {
    const task = await newTask();
    const headers = { 'Idempotency-Key': 'progress-2026-11-30-a' };
    const first = await act(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 40, note: 'Đã thử nghiệm' }, headers).expect(200);
    const again = await act(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 40, note: 'Đã thử nghiệm' }, headers).expect(200);
    expect(again.body.progressPercent).toBe(first.body.progressPercent);
    expect(types(await getTask(stack, org.adminToken, task.id))).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'PROGRESS_REPORTED']);
    // Another key is another report.
    await act(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 50, note: 'Tiếp tục' }, { 'Idempotency-Key': 'progress-2026-11-30-b' }).expect(200);
    expect(types(await getTask(stack, org.adminToken, task.id))).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'PROGRESS_REPORTED', 'PROGRESS_REPORTED']);
  });

  it('an extension request retried (same X-Request-Id, no key) gets the same request back, not a 409', async () => {
    const task = await newTask();
    const body = { newDueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), reason: 'Chờ nhà cung cấp' };
    const headers = { 'X-Request-Id': 'retry-extension-0001' };
    const first = await act(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, body, headers).expect(200);
    const again = await act(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, body, headers).expect(200);
    const ids = (res: { body: { pending: { extensions: { id: string }[] } } }) => res.body.pending.extensions.map((e) => e.id);
    expect(ids(first)).toHaveLength(1);
    expect(ids(again)).toEqual(ids(first));
    expect(types(await getTask(stack, org.adminToken, task.id)).filter((t) => t === 'EXTENSION_REQUESTED')).toHaveLength(1);
    // Without the retry's identity, a second request is a new one, which the task refuses.
    const second = await act(org.tokens.officerCommune, `/api/tasks/${task.id}/extension-requests`, body).expect(409);
    expect(second.body.details.rule).toBeDefined();
  });

  it('a key of another user, or a malformed key, is not a retry', async () => {
    const task = await newTask();
    const headers = { 'Idempotency-Key': 'shared-key-1' };
    await act(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 10, note: 'Cán bộ' }, headers).expect(200);
    await act(org.tokens.headCommune, `/api/tasks/${task.id}/progress`, { percent: 20, note: 'Chủ tịch' }, headers).expect(200);
    expect(types(await getTask(stack, org.adminToken, task.id)).filter((t) => t === 'PROGRESS_REPORTED')).toHaveLength(2);
    const bad = await act(org.tokens.officerCommune, `/api/tasks/${task.id}/progress`, { percent: 30, note: 'x' }, { 'Idempotency-Key': 'two words' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', rule: 'idempotencyKey' })]);
  });

  it('with no worker, an action answers 503 with Retry-After in bounded time; the same request later gets its result, recorded once', async () => {
    const task = await newTask();
    await worker!.close();
    worker = undefined;
    const headers = { 'Idempotency-Key': 'ack-while-worker-down' };
    const started = Date.now();
    const pending = await act(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`, {}, headers).expect(503);
    expect(pending.body).toMatchObject({ code: 'ACTION_PENDING' });
    expect(pending.body.message).toContain('Idempotency-Key');
    expect(Number(pending.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Date.now() - started).toBeLessThan(60_000); // bounded, not the minutes an RPC may wait
    worker = await createWorkerApp();
    // The client does what the answer says: the same request again (a new worker may need a moment).
    const done = await eventually(() => act(org.tokens.officerCommune, `/api/tasks/${task.id}/acknowledge`, {}, headers).expect(200), 60_000, 1_000);
    expect(done.body.status).toBe('IN_PROGRESS');
    expect(types(await getTask(stack, org.adminToken, task.id))).toEqual(['ASSIGNED', 'ACKNOWLEDGED']);
  });
});
