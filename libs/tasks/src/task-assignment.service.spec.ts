import { AppException, type Actor } from '@dondoc/common';
import type { TaskDefinition } from '@dondoc/workflows/task/task.types';
import { TaskAssignmentService } from './task-assignment.service';

/** The starts of an assignment request: bounded concurrency, and every start rolled back when one fails. */
describe('TaskAssignmentService.assign: starting the workflows', () => {
  const actor = { type: 'USER', id: 'u1', requestId: 'r1' } as unknown as Actor;
  const definitions = (n: number) => Array.from({ length: n }, (_, i) => ({ taskId: `t${i}`, code: `NV-${i}`, title: `Task ${i}`, leadUnitId: 'unit', dueAt: '2027-01-01T00:00:00.000Z', plan: { templateKey: 'k', templateVersion: 1 } }) as unknown as TaskDefinition);

  function world(n: number, failAt: number | null) {
    let inFlight = 0;
    let maxInFlight = 0;
    const startedIds: string[] = [];
    const terminated: string[] = [];
    const deleted: string[][] = [];
    const start = jest.fn(async (_type: string, options: { workflowId: string }) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      if (startedIds.length + 1 === failAt) throw new Error('Temporal unavailable');
      startedIds.push(options.workflowId);
    });
    const temporal = { workflow: { start, getHandle: (id: string) => ({ terminate: jest.fn(async () => void terminated.push(id)) }) } };
    const rows = definitions(n).map((d) => ({ id: d.taskId }));
    const dataSource = {
      transaction: jest.fn(async (work: (tx: unknown) => Promise<void>) => work({ createQueryBuilder: () => ({ insert: () => ({ into: () => ({ values: () => ({ orIgnore: () => ({ execute: async () => undefined }) }) }) }) }) })),
      getRepository: () => ({ findBy: async () => rows, delete: async (where: { id: { _value: string[] } }) => void deleted.push(where.id._value) }),
    };
    const config = { tasks: { startConcurrency: 3, continueAsNewAfterEvents: 2000 }, temporal: { taskQueue: 'q' } };
    const audit = { recordMany: jest.fn(async () => undefined) };
    const queries = { views: async (r: { id: string }[]) => r.map((row) => ({ id: row.id })) };
    const none = {} as never;
    const service = new TaskAssignmentService(dataSource as never, temporal as never, config as never, none, audit as never, none, queries as never, none, none, none);
    jest.spyOn(service as unknown as { prepare: () => Promise<TaskDefinition[]> }, 'prepare').mockResolvedValue(definitions(n));
    return { service, start, startedIds, terminated, deleted, maxInFlight: () => maxInFlight, audit };
  }

  it('starts a plan TASK_START_CONCURRENCY at a time, then writes the rows and their audit entries once', async () => {
    const w = world(10, null);
    const views = await w.service.assign(actor, [], true);
    expect(views.map((v) => v.id)).toEqual(definitions(10).map((d) => d.taskId));
    expect(w.start).toHaveBeenCalledTimes(10);
    expect(w.maxInFlight()).toBe(3);
    expect(w.audit.recordMany).toHaveBeenCalledTimes(1);
    expect(w.terminated).toEqual([]);
  });

  it('a start that fails: the starts still queued are skipped, every workflow started is terminated and its row removed, 503', async () => {
    const w = world(10, 4);
    const error = await w.service.assign(actor, [], true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect((error as AppException).getStatus()).toBe(503);
    // Three were in flight with the failing one; none started after it.
    expect(w.start.mock.calls.length).toBeLessThanOrEqual(6);
    expect(w.terminated.sort()).toEqual([...w.startedIds].sort());
    // The rows go by task id (the workflow ids are `task-<id>`).
    expect(w.deleted).toEqual([w.startedIds.map((id) => id.replace(/^task-/, ''))]);
    expect(w.startedIds.length).toBeGreaterThanOrEqual(3);
    expect(w.audit.recordMany).not.toHaveBeenCalled();
  });
});
