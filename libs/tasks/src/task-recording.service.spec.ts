import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '@dondoc/audit';
import { WorkingCalendar, type CalendarService } from '@dondoc/calendar';
import type { AppConfig } from '@dondoc/config';
import type { Notification, NotificationInput, NotificationsService } from '@dondoc/notifications';
import type { DirectoryService, Unit } from '@dondoc/organisation';
import type { User } from '@dondoc/organisation';
import type { TaskDefinition, TaskEvent, TaskEventType, TaskState } from '@dondoc/workflows/task/task.types';
import { acknowledgeLinkId } from './task-recipients';
import { TaskRecordingService, type TaskRecord } from './task-recording.service';

const DUE = Date.parse('2030-03-01T10:00:00.000Z');
const task = {
  taskId: '11111111-1111-4111-8111-111111111111',
  code: 'NV-2030-001',
  title: 'Số hoá hồ sơ đất đai',
  coordinatingUnitIds: ['coordinating-unit'],
  assignedBy: 'assigner',
  milestones: [],
  plan: { templateId: 'template' },
} as unknown as TaskDefinition;
const state = {
  status: 'IN_PROGRESS',
  seq: 4,
  dueAt: DUE,
  originalDueAt: DUE,
  acknowledgedAt: null,
  overdueSince: null,
  completedAt: null,
  cancelledAt: null,
  leadUnitId: 'commune',
  focalOfficerId: null,
  reviewers: ['reviewer'],
  proposals: [],
  explanations: [],
  extensions: [],
  beyondAuthority: [],
  evidence: null,
} as unknown as TaskState;

const event = (seq: number, type: TaskEventType, actorId: string | null, data: Record<string, unknown> = {}): TaskEvent => ({
  seq,
  type,
  at: DUE,
  actorId,
  requestId: `req-${seq}`,
  fromStatus: 'IN_PROGRESS',
  toStatus: 'IN_PROGRESS',
  data,
});

const person = (id: string): User => ({ id, email: `${id}@xa.vn`, name: id, language: 'vi' }) as User;

function setup({ written = [] as number[], focalOfficerId = null as string | null, inactive = [] as string[], workingHoursOnly = true } = {}) {
  const values: unknown[] = [];
  const builder = {
    insert: () => builder,
    into: () => builder,
    values: (rows: { seq: number }[]) => {
      values.push(...rows);
      builder.rows = rows;
      return builder;
    },
    orIgnore: () => builder,
    returning: () => builder,
    rows: [] as { seq: number }[],
    // Events an earlier attempt wrote are skipped by the insert.
    execute: () => Promise.resolve({ raw: builder.rows.filter((r) => !written.includes(r.seq)).map((r) => ({ seq: r.seq })) }),
  };
  const tx = { query: jest.fn().mockResolvedValue([]), createQueryBuilder: () => builder } as unknown as EntityManager;
  const dataSource = { transaction: (work: (tx: EntityManager) => Promise<unknown>) => work(tx) } as unknown as DataSource;
  const units: Record<string, Partial<Unit>> = {
    commune: { id: 'commune', nameVi: 'Xã Một', parentId: 'district', headUserId: 'head' },
    district: { id: 'district', parentId: null, headUserId: 'parent-head' },
    'former-unit': { id: 'former-unit', headUserId: 'former-head' },
  };
  const directory = {
    unit: jest.fn((id: string) => Promise.resolve(units[id] as Unit)),
    findUnit: jest.fn((id: string) => Promise.resolve((units[id] as Unit | undefined) ?? null)),
    officersOf: jest.fn(() => Promise.resolve(['officer-1', 'officer-2'])),
    headsOf: jest.fn(() => Promise.resolve(['coordinating-head'])),
    activeUsers: jest.fn((ids: string[]) => Promise.resolve(ids.filter((id) => !inactive.includes(id)).map(person))),
    emailOf: jest.fn((id: string) => Promise.resolve(`${id}@xa.vn`)),
  } satisfies Partial<Record<keyof DirectoryService, jest.Mock>>;
  const audit = { record: jest.fn().mockResolvedValue({}) } satisfies Partial<Record<keyof AuditService, jest.Mock>>;
  const queued = [{ id: 'n1', status: 'PENDING' }] as Notification[];
  const notifications = { enqueue: jest.fn((_tx: EntityManager, _rows: NotificationInput[]) => Promise.resolve(queued)) } satisfies Partial<Record<keyof NotificationsService, jest.Mock>>;
  const calendar = { current: jest.fn(() => Promise.resolve(new WorkingCalendar([]))) } satisfies Partial<Record<keyof CalendarService, jest.Mock>>;
  const sut = new TaskRecordingService(
    dataSource,
    audit as unknown as AuditService,
    notifications,
    directory as unknown as DirectoryService,
    { tasks: { ackLinkTtlDays: 30 }, notify: { workingHoursOnly }, calendar: { notifyUntil: '20:00' } } as AppConfig,
    calendar as unknown as CalendarService,
  );
  const record = (events: TaskEvent[]): TaskRecord => ({ workflowId: `task-${task.taskId}`, events, snapshot: { task, state: { ...state, focalOfficerId }, runId: 'run' } });
  const outbox = () => notifications.enqueue.mock.calls[0][1];
  return { sut, record, tx, values, directory, audit, notifications, outbox, calendar };
}

describe(TaskRecordingService.name, () => {
  it('writes the row, the timeline, an audit entry per event and the notifications (the outbox, in the same transaction)', async () => {
    const { sut, record, tx, values, audit, notifications, outbox } = setup();
    await sut.record(record([event(4, 'OVERDUE', null)]));
    expect(tx.query).toHaveBeenCalledWith(expect.stringContaining('INSERT INTO tasks'), expect.arrayContaining([task.taskId, 4]));
    expect(values).toEqual([expect.objectContaining({ taskId: task.taskId, seq: 4, type: 'OVERDUE' })]);
    expect(audit.record).toHaveBeenCalledWith(tx, expect.objectContaining({ type: 'SYSTEM', requestId: 'req-4' }), {
      action: 'TASK_OVERDUE',
      subjectType: 'task',
      subjectId: task.taskId,
      summary: { code: 'NV-2030-001', seq: 4, from: 'IN_PROGRESS', to: 'IN_PROGRESS' },
    });
    expect(outbox().map((n) => n.idempotencyKey)).toEqual([`task-${task.taskId}:4:head`, `task-${task.taskId}:4:officer-1`, `task-${task.taskId}:4:officer-2`]);
    expect(notifications.enqueue).toHaveBeenCalledWith(tx, outbox());
  });

  it('upserts the snapshot’s blockers into task_blockers and tells the blocking unit’s head and officers, by name', async () => {
    const { sut, tx, outbox, directory } = setup();
    const blocker = {
      id: 'BL4', leadUnitId: 'commune', blockingUnitId: 'former-unit', coordinating: false, reason: 'Chưa cấp kinh phí', awaited: 'Kinh phí', since: DUE - 1_000, declaredBy: 'officer-1', declaredAt: DUE,
      status: 'OPEN', resolvedBy: null, resolvedAt: null, resolution: null, decidedBy: null, decidedAt: null, confirmed: false, confirmedBy: null, confirmedAt: null, decisionComment: null, remindedAt: null,
    };
    const data = { blockerId: 'BL4', blockingUnitId: 'former-unit', awaited: 'Kinh phí', since: new Date(DUE - 1_000).toISOString(), declaredBy: 'officer-1' };
    await sut.record({ workflowId: `task-${task.taskId}`, events: [event(4, 'BLOCKER_DECLARED', 'officer-1', data)], snapshot: { task, state: { ...state, blockers: [blocker] } as TaskState, runId: 'run' } });
    expect(tx.query).toHaveBeenCalledWith(expect.stringContaining('INSERT INTO task_blockers'), [
      task.taskId, 'BL4', 'commune', 'former-unit', false, 'Chưa cấp kinh phí', 'Kinh phí', new Date(DUE - 1_000).toISOString(), new Date(DUE).toISOString(), 'officer-1', 'OPEN', null, null, null, null, null, 4,
    ]);
    expect(directory.officersOf).toHaveBeenCalledWith('former-unit', tx);
    // The blocking unit's head and officers (the declaring officer is not told of their own act).
    expect(outbox().map((n) => [n.userId, n.template, n.params.blockingUnitName, n.params.awaited])).toEqual([
      ['former-head', 'task-blocker-declared', '', 'Kinh phí'],
      ['officer-2', 'task-blocker-declared', '', 'Kinh phí'],
    ]);
  });

  it('a retried batch finds its events written: no second audit entry, no second email', async () => {
    const { sut, record, audit, outbox, directory } = setup({ written: [4, 5] });
    await sut.record(record([event(4, 'OVERDUE', null), event(5, 'CANCELLED', 'assigner', { reason: 'x' }), event(6, 'PROGRESS_REPORTED', 'officer-1')]));
    expect(audit.record).toHaveBeenCalledTimes(1);
    expect(audit.record).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ id: 'officer-1' }), expect.objectContaining({ action: 'TASK_PROGRESS_REPORTED' }));
    expect(outbox()).toEqual([]);
    expect(directory.unit).not.toHaveBeenCalled(); // nobody to tell: the audience is not even read
  });

  it('reads the audience once per batch and each actor’s email once', async () => {
    const { sut, record, audit, directory } = setup();
    await sut.record(record([event(4, 'EXTENSION_REQUESTED', 'officer-1'), event(5, 'EXPLANATION_REQUESTED', 'assigner'), event(6, 'PROGRESS_REPORTED', 'officer-1'), event(7, 'CANCELLED', 'assigner')]));
    expect(audit.record).toHaveBeenCalledTimes(4);
    expect(directory.unit).toHaveBeenCalledTimes(1);
    expect(directory.officersOf).toHaveBeenCalledTimes(1);
    expect(directory.headsOf).toHaveBeenCalledTimes(1);
    expect(directory.emailOf.mock.calls.map(([id]) => id)).toEqual(['officer-1', 'assigner']);
    expect(audit.record.mock.calls.map(([, actor]) => (actor as { email: string }).email)).toEqual(['officer-1@xa.vn', 'assigner@xa.vn', 'officer-1@xa.vn', 'assigner@xa.vn']);
  });

  it('never tells the actor of their own action, nor anyone inactive', async () => {
    const { sut, record, outbox } = setup({ inactive: ['officer-2'] });
    await sut.record(record([event(4, 'CANCELLED', 'head', { reason: 'x' })]));
    expect(outbox().map((n) => n.userId)).toEqual(['officer-1', 'coordinating-head']);
  });

  it('a named focal officer is told instead of every officer of the unit', async () => {
    const { sut, record, outbox, directory } = setup({ focalOfficerId: 'focal' });
    await sut.record(record([event(4, 'OVERDUE', null)]));
    expect(directory.officersOf).not.toHaveBeenCalled();
    expect(outbox().map((n) => n.userId)).toEqual(['head', 'focal']);
  });

  it('a reassignment also tells the former lead unit’s head', async () => {
    const { sut, record, outbox, directory } = setup();
    await sut.record(record([event(4, 'REASSIGNED', 'leader', { fromUnitId: 'former-unit', toUnitId: 'commune' })]));
    expect(directory.findUnit).toHaveBeenCalledWith('former-unit', expect.anything());
    expect(outbox().map((n) => n.userId)).toEqual(['officer-1', 'officer-2', 'head', 'former-head']);
    expect(outbox()[0].params).toMatchObject({ newUnitName: 'Xã Một', name: 'officer-1' });
  });

  it('stores the acknowledgement link of each lead-unit recipient of an assignment, valid TASK_ACK_LINK_TTL_DAYS', async () => {
    const { sut, record, values, outbox } = setup();
    const before = Date.now();
    await sut.record(record([{ ...event(4, 'ASSIGNED', 'assigner'), fromStatus: null, toStatus: 'ASSIGNED' }]));
    const links = values.filter((row) => 'expiresAt' in (row as object)) as { id: string; taskId: string; userId: string; expiresAt: Date; usedAt: null }[];
    expect(links.map((l) => [l.userId, l.id, l.taskId, l.usedAt])).toEqual(
      ['officer-1', 'officer-2', 'head'].map((id) => [id, acknowledgeLinkId(`task-${task.taskId}:4:${id}`), task.taskId, null]),
    );
    expect(links[0].expiresAt.getTime()).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(outbox().map((n) => [n.userId, n.params.ackLinkId ?? null])).toEqual([
      ['officer-1', links[0].id],
      ['officer-2', links[1].id],
      ['head', links[2].id],
      ['coordinating-head', null],
    ]);
  });

  it('an event within working hours is emailed at once; the calendar is read once per batch', async () => {
    const { sut, record, outbox, calendar } = setup();
    await sut.record(record([event(4, 'EXTENSION_REQUESTED', 'officer-1'), event(5, 'OVERDUE', null)])); // Fri 1 Mar 2030, 17:00 in Hà Nội
    expect(outbox().map((n) => n.sendAfter)).toEqual([null, null, null, null, null]);
    expect(calendar.current).toHaveBeenCalledTimes(1);
  });

  it('at night the emails wait for Monday 08:00, but the overdue notice to the head goes at once', async () => {
    const { sut, record, outbox } = setup();
    const night = Date.parse('2030-03-01T22:00:00+07:00'); // a Friday
    await sut.record(record([{ ...event(4, 'OVERDUE', null), at: night }]));
    expect(outbox().map((n) => [n.userId, n.sendAfter])).toEqual([
      ['head', null],
      ['officer-1', new Date('2030-03-04T08:00:00+07:00')],
      ['officer-2', new Date('2030-03-04T08:00:00+07:00')],
    ]);
  });

  it('follows the template (here: any hour) before the configuration', async () => {
    const { sut, record, outbox } = setup();
    const night = Date.parse('2030-03-02T10:00:00+07:00'); // a Saturday
    const anyHour = { ...task, plan: { ...task.plan, notifications: { workingHoursOnly: false } } } as TaskDefinition;
    await sut.record({ ...record([{ ...event(4, 'CANCELLED', 'assigner'), at: night }]), snapshot: { task: anyHour, state, runId: 'run' } });
    expect(outbox().map((n) => n.sendAfter)).toEqual([null, null, null, null]);
  });

  it('with NOTIFY_WORKING_HOURS_ONLY off, a template that does not say sends at any hour', async () => {
    const { sut, record, outbox } = setup({ workingHoursOnly: false });
    await sut.record(record([{ ...event(4, 'CANCELLED', 'assigner'), at: Date.parse('2030-03-02T10:00:00+07:00') }]));
    expect(outbox().map((n) => n.sendAfter)).toEqual([null, null, null, null]);
  });

  it('scrubs text the database cannot store before writing anything', async () => {
    const { sut, record, values, audit } = setup();
    await sut.record(record([event(4, 'PROGRESS_REPORTED', null, { note: 'a\u0000b' })]));
    expect(values).toEqual([expect.objectContaining({ data: { note: 'a\uFFFDb' } })]);
    expect(audit.record).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.objectContaining({ summary: expect.objectContaining({ note: 'a\uFFFDb' }) }));
  });
});
