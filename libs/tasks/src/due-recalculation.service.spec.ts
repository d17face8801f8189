import { ApplicationFailure } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { CalendarChange, CalendarService } from '@dondoc/calendar';
import type { AppConfig } from '@dondoc/config';
import type { DirectoryService } from '@dondoc/organisation';
import { TASK_REFUSAL } from '@dondoc/workflows/task/task.types';
import { DueRecalculationService, RECALCULATION_PAGE_SIZE } from './due-recalculation.service';

const change: CalendarChange = { revision: '7', changeId: 'c7', dates: ['2099-06-01'], actorId: 'admin-id', requestId: 'request-1', recalculatedAt: null };

function setup(options: { workflowIds?: string[]; update?: (workflowId: string) => Promise<unknown>; describe?: (workflowId: string) => Promise<unknown>; start?: () => Promise<unknown> } = {}) {
  const workflowIds = options.workflowIds ?? ['task-a', 'task-b', 'task-c'];
  const dataSource = { query: jest.fn(async () => workflowIds.map((id) => ({ workflow_id: id }))) } as unknown as DataSource;
  const executeUpdate = jest.fn();
  const handles = new Map<string, { executeUpdate: jest.Mock; describe: jest.Mock }>();
  const temporal = {
    workflow: {
      start: jest.fn(options.start ?? (async () => ({}))),
      getHandle: (workflowId: string) => {
        if (!handles.has(workflowId)) {
          handles.set(workflowId, {
            executeUpdate: jest.fn((...args: unknown[]) => {
              executeUpdate(workflowId, ...args);
              return options.update ? options.update(workflowId) : Promise.resolve({});
            }),
            describe: jest.fn(() => (options.describe ? options.describe(workflowId) : Promise.resolve({ status: { name: 'RUNNING' } }))),
          });
        }
        return handles.get(workflowId)!;
      },
    },
  } as unknown as Client;
  const calendar = {
    onOverridesChanged: jest.fn(),
    // Revision 8 is another committed change (started by the sweep below).
    change: jest.fn(async (revision: string) => (revision === change.revision ? change : revision === '8' ? { ...change, revision: '8', changeId: 'c8' } : undefined)),
    unrecalculatedChanges: jest.fn(async () => ['7', '8']),
    markRecalculated: jest.fn(),
  } as unknown as CalendarService;
  const directory = { findUser: jest.fn(async (id: string) => ({ id, name: 'Quản trị' })) } as unknown as DirectoryService;
  const config = { temporal: { taskQueue: 'dondoc' } } as AppConfig;
  const sut = new DueRecalculationService(dataSource, temporal, calendar, directory, config);
  return { sut, temporal, executeUpdate, dataSource };
}

describe(DueRecalculationService.name, () => {
  it('tells each affected task with the update id of the change and the administrator who made it; the last short page ends the paging', async () => {
    const { sut, executeUpdate, dataSource } = setup();

    expect(await sut.recalculatePage('7', 'task-0')).toEqual({ told: 3, next: null });

    expect(executeUpdate).toHaveBeenCalledTimes(3);
    expect(executeUpdate).toHaveBeenCalledWith('task-b', expect.anything(), {
      args: [{ actor: { id: 'admin-id', name: 'Quản trị', requestId: 'request-1' }, dates: ['2099-06-01'] }],
      updateId: 'recalculateDue:c7',
    });
    expect((dataSource.query as jest.Mock).mock.calls[0][1]).toEqual([['2099-06-01'], ['ASSIGNED', 'IN_PROGRESS', 'EVIDENCE_SUBMITTED'], 'task-0', RECALCULATION_PAGE_SIZE]);
  });

  it('gives the last task of a full page as the next cursor', async () => {
    const workflowIds = Array.from({ length: RECALCULATION_PAGE_SIZE }, (_, i) => `task-${String(i).padStart(3, '0')}`);
    const { sut } = setup({ workflowIds });

    expect(await sut.recalculatePage('7', null)).toEqual({ told: RECALCULATION_PAGE_SIZE, next: workflowIds.at(-1) });
  });

  it('skips a task closed meanwhile and one whose workflow refuses, without failing the page', async () => {
    const { sut } = setup({
      update: async (workflowId) => {
        if (workflowId === 'task-a') throw new WorkflowNotFoundError('workflow execution already completed', workflowId, undefined);
        if (workflowId === 'task-b') throw new WorkflowUpdateFailedError('refused', ApplicationFailure.create({ type: TASK_REFUSAL, message: 'recordRejected' }));
        return {};
      },
      describe: async (workflowId) => {
        throw new WorkflowNotFoundError('not found', workflowId, undefined);
      },
    });

    expect(await sut.recalculatePage('7', null)).toEqual({ told: 1, next: null });
  });

  it('fails the page when Temporal cannot be reached, so the workflow retries it', async () => {
    const { sut } = setup({
      update: async () => {
        throw new Error('14 UNAVAILABLE: connection refused');
      },
      describe: async () => {
        throw new Error('14 UNAVAILABLE: connection refused');
      },
    });

    await expect(sut.recalculatePage('7', null)).rejects.toThrow('UNAVAILABLE');
  });

  it('has nothing to do for a change that does not exist', async () => {
    const { sut, executeUpdate } = setup();

    expect(await sut.recalculatePage('99', null)).toEqual({ told: 0, next: null });
    expect(executeUpdate).not.toHaveBeenCalled();
  });

  it('starts one workflow per change, leaves one already started alone, and counts what the sweep started', async () => {
    let calls = 0;
    const { sut, temporal } = setup({
      start: async () => {
        if (calls++ === 0) throw new WorkflowExecutionAlreadyStartedError('already started', 'calendar-change-c7', 'calendarChangeWorkflow');
        return {};
      },
    });

    expect(await sut.startUnrecalculated(30_000)).toBe(1);
    expect(temporal.workflow.start).toHaveBeenCalledWith('calendarChangeWorkflow', expect.objectContaining({ workflowId: 'calendar-change-c8', taskQueue: 'dondoc', args: [{ revision: '8' }] }));
  });

  it('does not throw when Temporal is unreachable at the start: the change waits for the sweeper', async () => {
    const { sut } = setup({
      start: async () => {
        throw new Error('14 UNAVAILABLE');
      },
    });

    await expect(sut.start('7')).resolves.toBe(false);
  });
});
