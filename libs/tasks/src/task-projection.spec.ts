import type { EntityManager } from 'typeorm';
import type { AfterCareState, TaskDefinition, TaskEvent, TaskSnapshot, TaskState } from '@dondoc/workflows/task/task.types';
import { initialState } from '@dondoc/workflows/task/task-rules';
import { initialTaskRow, insertTaskEvents, participantIds, TASK_ROW_COLUMNS, taskEventRows, taskRow, upsertTaskRow } from './task-projection';

const ASSIGNED_AT = '2030-01-01T00:00:00.000Z';
const DUE = '2030-03-01T10:00:00.000Z';

const task: TaskDefinition = {
  taskId: '11111111-1111-4111-8111-111111111111',
  code: 'NV-2030-001',
  title: 'Số hoá hồ sơ đất đai',
  description: 'Toàn bộ hồ sơ',
  program: 'Chuyển đổi số',
  leadUnitId: 'commune',
  coordinatingUnitIds: ['coordinating-unit'],
  focalOfficerId: 'focal',
  assignedBy: 'assigner',
  assignedAt: ASSIGNED_AT,
  dueAt: DUE,
  milestones: [{ title: 'Khảo sát', dueAt: '2030-02-01T00:00:00.000Z' }],
  plan: {
    templateId: 'template',
    templateKey: 'digital',
    templateVersion: 1,
    reminderOffsets: [0],
    ackReminderEvery: null,
    ackReminderMax: 0,
    ladder: [],
    decisionReminderEvery: 86_400,
    explanationDeadline: 86_400,
    requiredCriteria: ['OPERATING_PRODUCT'],
    minActiveUsers: null,
    kpiDirection: null,
    reviewer: { type: 'ASSIGNER' },
  },
};

/** The state the workflow starts with (before its first event), changed by `overrides`. */
function stateOf(overrides: Partial<TaskState> = {}): TaskState {
  return { ...initialState(task, []), ...overrides };
}

const decided = { status: 'APPROVED' as const, decidedAt: 1, comment: null, remindedAt: null };
const busy = stateOf({
  reviewers: ['reviewer', 'assigner'],
  proposals: [{ id: 'p1', level: 2, proposedAt: 1, deciders: ['leader-a', 'leader-b'], decidedBy: 'leader-a', openExplanation: false, ...decided }],
  explanations: [
    { id: 'x1', requestedBy: 'inspector', requestedAt: 1, question: 'q', deadline: 2, status: 'OPEN', overdueNotified: false, answer: null, answeredBy: null, answeredAt: null },
    { id: 'x2', requestedBy: null, requestedAt: 1, question: 'q', deadline: 2, status: 'OPEN', overdueNotified: false, answer: null, answeredBy: null, answeredAt: null },
  ],
  extensions: [
    { id: 'e1', requestedBy: 'focal', requestedAt: 1, newDueAt: 2, reason: 'r', decidedBy: 'deputy', ...decided },
    { id: 'e2', requestedBy: 'focal', requestedAt: 1, newDueAt: 2, reason: 'r', status: 'PENDING', decidedBy: null, decidedAt: null, comment: null, remindedAt: null },
  ],
  beyondAuthority: [{ id: 'b1', raisedBy: 'focal', raisedAt: 1, reason: 'r', status: 'DECIDED', decision: 'DIRECTION', comment: 'c', decidedBy: 'minister', decidedAt: 2, remindedAt: null }],
});

describe(participantIds.name, () => {
  it('names everyone with a part in the task once: assigner, reviewers, focal officer, deciders, who asked for an explanation', () => {
    expect(participantIds(task, busy)).toEqual(['assigner', 'reviewer', 'focal', 'leader-a', 'leader-b', 'inspector', 'deputy', 'minister']);
  });

  it('follows the focal officer of the state (a reassignment may change or clear it)', () => {
    expect(participantIds(task, stateOf({ focalOfficerId: 'new-focal' }))).toEqual(['assigner', 'new-focal']);
    expect(participantIds(task, stateOf({ focalOfficerId: null }))).toEqual(['assigner']);
  });

  it('before the workflow has run: the assigner and the focal officer of the assignment, once each', () => {
    expect(participantIds(task, null)).toEqual(['assigner', 'focal']);
    expect(participantIds({ ...task, focalOfficerId: null }, null)).toEqual(['assigner']);
    expect(participantIds({ ...task, focalOfficerId: 'assigner' }, null)).toEqual(['assigner']);
  });
});

describe(initialTaskRow.name, () => {
  it('is the assignment as lists read it, before any event', () => {
    expect(initialTaskRow(task)).toEqual({
      id: task.taskId,
      code: 'NV-2030-001',
      title: 'Số hoá hồ sơ đất đai',
      description: 'Toàn bộ hồ sơ',
      program: 'Chuyển đổi số',
      templateId: 'template',
      key: false,
      amberWorkingDays: 3,
      leadUnitId: 'commune',
      coordinatingUnitIds: ['coordinating-unit'],
      focalOfficerId: 'focal',
      assignedBy: 'assigner',
      assignedAt: new Date(ASSIGNED_AT),
      originalDueAt: new Date(DUE),
      dueAt: new Date(DUE),
      status: 'ASSIGNED',
      participantIds: ['assigner', 'focal'],
      milestones: task.milestones,
      definition: task,
      state: null,
      workflowId: `task-${task.taskId}`,
      lastEventSeq: 0,
    });
  });

  it('names the same participants as the workflow’s own projection of its starting state', () => {
    for (const definition of [task, { ...task, focalOfficerId: null }, { ...task, focalOfficerId: 'assigner' }]) {
      const first = taskRow(`task-${definition.taskId}`, { task: definition, state: stateOf({ focalOfficerId: definition.focalOfficerId }), runId: 'run' });
      expect(initialTaskRow(definition).participantIds).toEqual(first.participant_ids);
    }
  });
});

describe(taskRow.name, () => {
  const afterCare = (overrides: Partial<AfterCareState>): AfterCareState => ({
    url: 'https://app.example.vn',
    startedAt: Date.parse('2030-03-05T00:00:00.000Z'),
    endsAt: Date.parse('2030-05-28T00:00:00.000Z'),
    nextAt: 0,
    probes: 3,
    consecutiveFailures: 0,
    regressed: false,
    lastCheckedAt: null,
    lastOk: null,
    closedAt: null,
    closeReason: null,
    endedAt: null,
    ...overrides,
  });

  it('projects the snapshot: times as ISO text, JSON as text, the last event’s number', () => {
    const state = stateOf({
      status: 'IN_PROGRESS',
      seq: 9,
      dueAt: Date.parse('2030-04-01T10:00:00.000Z'),
      acknowledgedAt: Date.parse('2030-01-02T08:00:00.000Z'),
      overdue: true,
      overdueSince: Date.parse('2030-03-01T10:00:00.000Z'),
      escalationLevel: 2,
      progress: { percent: 40, note: 'n', at: 1, by: 'focal' },
      leadUnitId: 'other-commune',
    });
    expect(taskRow('task-x', { task, state, runId: 'run-2' })).toEqual({
      id: task.taskId,
      code: 'NV-2030-001',
      title: 'Số hoá hồ sơ đất đai',
      description: 'Toàn bộ hồ sơ',
      program: 'Chuyển đổi số',
      template_id: 'template',
      lead_unit_id: 'other-commune',
      coordinating_unit_ids: ['coordinating-unit'],
      focal_officer_id: 'focal',
      assigned_by: 'assigner',
      assigned_at: ASSIGNED_AT,
      original_due_at: DUE,
      due_at: '2030-04-01T10:00:00.000Z',
      status: 'IN_PROGRESS',
      acknowledged_at: '2030-01-02T08:00:00.000Z',
      overdue: true,
      overdue_since: '2030-03-01T10:00:00.000Z',
      escalation_level: 2,
      progress_percent: 40,
      completed_at: null,
      completed_on_time_original: null,
      completed_on_time_extended: null,
      cancelled_at: null,
      cancel_reason: null,
      participant_ids: ['assigner', 'focal'],
      milestones: JSON.stringify(task.milestones),
      definition: JSON.stringify(task),
      state: JSON.stringify(state),
      workflow_id: 'task-x',
      run_id: 'run-2',
      last_event_seq: 9,
      regressed: false,
      after_care_until: null,
      key: false,
      amber_working_days: 3,
      delivered_at: null,
      real_users: null,
    });
  });

  it('records completion and cancellation', () => {
    const done = taskRow('w', { task, state: stateOf({ status: 'DONE', completedAt: Date.parse('2030-02-20T00:00:00.000Z'), completedOnTimeOriginal: true, completedOnTimeExtended: true }), runId: 'r' });
    expect([done.completed_at, done.completed_on_time_original, done.completed_on_time_extended]).toEqual(['2030-02-20T00:00:00.000Z', true, true]);
    const cancelled = taskRow('w', { task, state: stateOf({ status: 'CANCELLED', cancelledAt: Date.parse('2030-02-01T00:00:00.000Z'), cancelReason: 'Không còn cần' }), runId: 'r' });
    expect([cancelled.status, cancelled.cancelled_at, cancelled.cancel_reason]).toEqual(['CANCELLED', '2030-02-01T00:00:00.000Z', 'Không còn cần']);
  });

  it('shows until when after-care watches the product while it runs, and whether it regressed', () => {
    const row = (care: AfterCareState | null) => taskRow('w', { task, state: stateOf({ status: 'DONE', afterCare: care }), runId: 'r' });
    expect(row(afterCare({}))).toMatchObject({ after_care_until: '2030-05-28T00:00:00.000Z', regressed: false });
    expect(row(afterCare({ regressed: true, consecutiveFailures: 2 }))).toMatchObject({ after_care_until: '2030-05-28T00:00:00.000Z', regressed: true });
    expect(row(afterCare({ closedAt: 1, closeReason: 'x', regressed: true }))).toMatchObject({ after_care_until: null, regressed: true });
    expect(row(afterCare({ endedAt: 1 }))).toMatchObject({ after_care_until: null, regressed: false });
    expect(row(null)).toMatchObject({ after_care_until: null, regressed: false });
  });
});

describe(upsertTaskRow.name, () => {
  it('inserts every column, and on conflict updates only what events change, never with an older snapshot', async () => {
    const query = jest.fn().mockResolvedValue([]);
    const snapshot: TaskSnapshot = { task, state: busy, runId: 'r' };
    await upsertTaskRow({ query } as unknown as EntityManager, 'task-x', snapshot);
    const [[sql, params]] = query.mock.calls as [[string, unknown[]]];
    expect(params).toEqual(TASK_ROW_COLUMNS.map((c) => taskRow('task-x', snapshot)[c]));
    expect(sql).toContain(`INSERT INTO tasks (${TASK_ROW_COLUMNS.join(', ')})`);
    expect(sql.match(/\$\d+/g)).toEqual(TASK_ROW_COLUMNS.map((_, i) => `$${i + 1}`));
    const updated = [...sql.matchAll(/(\w+) = EXCLUDED\.(\w+)/g)].map(([, column, excluded]) => (column === excluded ? column : `${column}≠${excluded}`));
    expect(updated).toEqual([
      'lead_unit_id',
      'focal_officer_id',
      'original_due_at',
      'due_at',
      'status',
      'acknowledged_at',
      'overdue',
      'overdue_since',
      'escalation_level',
      'progress_percent',
      'completed_at',
      'completed_on_time_original',
      'completed_on_time_extended',
      'cancelled_at',
      'cancel_reason',
      'participant_ids',
      'state',
      'run_id',
      'last_event_seq',
      'regressed',
      'after_care_until',
      'delivered_at',
      'real_users',
    ]);
    expect(sql).toMatch(/ON CONFLICT \(id\) DO UPDATE SET .*updated_at = now\(\)\s+WHERE tasks\.last_event_seq < EXCLUDED\.last_event_seq$/s);
  });
});

describe(insertTaskEvents.name, () => {
  const event = (seq: number): TaskEvent => ({ seq, type: 'PROGRESS_REPORTED', at: Date.parse(DUE), actorId: 'focal', requestId: 'req', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', data: { percent: seq } });

  it('writes each event as a timeline entry and returns those not written before, in order', async () => {
    interface Builder {
      insert(): Builder;
      into(): Builder;
      values: jest.Mock<Builder, [unknown]>;
      orIgnore(): Builder;
      returning(): Builder;
      execute(): Promise<{ raw: { seq: number }[] }>;
    }
    const builder: Builder = {
      insert: () => builder,
      into: () => builder,
      values: jest.fn((_rows: unknown) => builder),
      orIgnore: () => builder,
      returning: () => builder,
      execute: () => Promise.resolve({ raw: [{ seq: 3 }, { seq: 5 }] }), // 4 was recorded by an earlier attempt
    };
    const events = [event(3), event(4), event(5)];
    const fresh = await insertTaskEvents({ createQueryBuilder: () => builder } as unknown as EntityManager, task.taskId, events);
    expect(fresh).toEqual([events[0], events[2]]);
    expect(builder.values).toHaveBeenCalledWith(taskEventRows(task.taskId, events));
    expect(taskEventRows(task.taskId, [event(3)])).toEqual([
      { taskId: task.taskId, seq: 3, type: 'PROGRESS_REPORTED', at: new Date(DUE), actorId: 'focal', requestId: 'req', fromStatus: 'IN_PROGRESS', toStatus: 'IN_PROGRESS', data: { percent: 3 } },
    ]);
  });
});
