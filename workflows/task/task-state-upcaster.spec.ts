import { TASK_STATE_SCHEMA_VERSION } from './task-domain.types';
import { initialState } from './task-state';
import { TaskStateVersionError, upcastTaskState } from './task-state-upcaster';
import type { TaskDefinition } from './task-domain.types';

const sut = upcastTaskState;

/**
 * A state as code before `schemaVersion` wrote it (version 1): frozen here, never updated when
 * `TaskState` changes, because running tasks and `tasks.state` rows still hold this shape.
 */
const VERSION_1_WITHOUT_VERSION = {
  status: 'DONE',
  seq: 14,
  version: 14,
  dueAt: 1_796_083_200_000,
  originalDueAt: 1_795_478_400_000,
  dueSetAt: 1_795_000_000_000,
  acknowledgedAt: 1_794_900_000_000,
  ackRemindersSent: 1,
  remindersFired: [604_800, 259_200],
  overdue: false,
  overdueSince: null,
  headNotified: false,
  ladderFired: [],
  escalationLevel: 0,
  proposals: [],
  extensions: [
    { id: 'E5', requestedBy: 'u-officer', requestedAt: 1_794_950_000_000, newDueAt: 1_796_083_200_000, reason: 'Chờ số liệu', status: 'APPROVED', decidedBy: 'u-leader', decidedAt: 1_795_000_000_000, comment: null, remindedAt: null },
  ],
  explanations: [],
  beyondAuthority: [],
  evidence: {
    id: 'V9',
    submittedBy: 'u-officer',
    submittedAt: 1_795_900_000_000,
    items: { operatingProduct: { url: 'https://dichvu.example.gov.vn/', expectText: 'Dịch vụ công' } },
    status: 'ACCEPTED',
    criteria: { OPERATING_PRODUCT: { status: 'verified', reasons: [], startedAt: 1_795_900_000_100, finishedAt: 1_795_900_600_000, probes: { done: 5, healthy: 5, of: 5 } } },
    verifiedAt: 1_795_900_600_000,
    reviewers: ['u-admin'],
    reviewedBy: 'u-admin',
    reviewedAt: 1_795_950_000_000,
    comment: null,
    rejections: {},
    remindedAt: null,
  },
  progress: { percent: 100, note: 'Xong', at: 1_795_800_000_000, by: 'u-officer' },
  leadUnitId: 'unit-a',
  focalOfficerId: 'u-officer',
  reviewers: ['u-admin'],
  completedAt: 1_795_950_000_000,
  completedOnTimeOriginal: false,
  completedOnTimeExtended: true,
  cancelledAt: null,
  cancelReason: null,
  afterCare: {
    url: 'https://dichvu.example.gov.vn/',
    startedAt: 1_795_950_000_000,
    endsAt: 1_803_207_600_000,
    nextAt: 1_796_554_800_000,
    probes: 0,
    consecutiveFailures: 0,
    regressed: false,
    lastCheckedAt: null,
    lastOk: null,
    closedAt: null,
    closeReason: null,
    endedAt: null,
  },
};

/** Version 2 added `blockers`: frozen like version 1, with an open blocker and a confirmed, resolved one. */
const VERSION_2 = {
  ...VERSION_1_WITHOUT_VERSION,
  schemaVersion: 2,
  status: 'IN_PROGRESS',
  afterCare: undefined,
  blockers: [
    {
      id: 'BL7',
      leadUnitId: 'unit-a',
      blockingUnitId: 'unit-b',
      coordinating: true,
      reason: null,
      awaited: 'Số liệu dân cư',
      since: 1_794_950_000_000,
      declaredBy: 'u-officer',
      declaredAt: 1_795_000_000_000,
      status: 'OPEN',
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
      decidedBy: null,
      decidedAt: null,
      confirmed: false,
      confirmedBy: null,
      confirmedAt: null,
      decisionComment: null,
      remindedAt: 1_795_100_000_000,
    },
    {
      id: 'BL9',
      leadUnitId: 'unit-a',
      blockingUnitId: 'unit-c',
      coordinating: false,
      reason: 'Sở Tài chính chưa cấp kinh phí',
      awaited: 'Kinh phí',
      since: 1_795_000_000_000,
      declaredBy: 'u-head',
      declaredAt: 1_795_010_000_000,
      status: 'RESOLVED',
      resolvedBy: 'u-leader',
      resolvedAt: 1_795_200_000_000,
      resolution: 'Đã cấp',
      decidedBy: 'u-leader',
      decidedAt: 1_795_200_000_000,
      confirmed: true,
      confirmedBy: 'u-leader',
      confirmedAt: 1_795_200_000_000,
      decisionComment: 'Nguyên nhân khách quan',
      remindedAt: null,
    },
  ],
};

/** A frozen example of every shape older code wrote, by version: each must come forward. */
const FIXTURES: Record<number, object> = { 1: VERSION_1_WITHOUT_VERSION, 2: VERSION_2 };

const definition = {
  taskId: 't-1',
  assignedAt: '2026-12-01T00:00:00Z',
  dueAt: '2026-12-31T00:00:00Z',
  leadUnitId: 'unit-a',
  focalOfficerId: null,
} as TaskDefinition;

describe(upcastTaskState.name, () => {
  it('brings a state written before schemaVersion existed to the current version, its content untouched', () => {
    const raw = structuredClone(VERSION_1_WITHOUT_VERSION);

    const state = sut(raw);

    expect(state).toEqual({ ...VERSION_1_WITHOUT_VERSION, schemaVersion: TASK_STATE_SCHEMA_VERSION, blockers: [] });
    expect(raw).toEqual(VERSION_1_WITHOUT_VERSION); // a copy: the input is left as it was
  });

  it('gives a version 1 state (no blockers) an empty list of blockers, and keeps version 2 blockers as they are', () => {
    expect(sut({ ...structuredClone(VERSION_1_WITHOUT_VERSION), schemaVersion: 1 }).blockers).toEqual([]);
    expect(sut(structuredClone(VERSION_2)).blockers).toEqual(VERSION_2.blockers);
  });

  it.each(Object.keys(FIXTURES).map(Number))('brings a state of version %i forward (every older version has a step)', (version) => {
    expect(sut(FIXTURES[version]).schemaVersion).toBe(TASK_STATE_SCHEMA_VERSION);
  });

  it('has a frozen fixture for every version from 1 to the current one', () => {
    expect(Object.keys(FIXTURES).map(Number)).toEqual(Array.from({ length: TASK_STATE_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('gives back a state of the current version as it is', () => {
    const current = initialState(definition, ['u-admin']);

    expect(current.schemaVersion).toBe(TASK_STATE_SCHEMA_VERSION);
    expect(sut(structuredClone(current))).toEqual(current);
  });

  it('refuses a version newer than this code knows, naming both versions', () => {
    const future = { ...VERSION_1_WITHOUT_VERSION, schemaVersion: TASK_STATE_SCHEMA_VERSION + 1 };

    expect(() => sut(future)).toThrow(TaskStateVersionError);
    expect(() => sut(future)).toThrow(
      `the task state has schemaVersion ${TASK_STATE_SCHEMA_VERSION + 1}, newer than this code knows (${TASK_STATE_SCHEMA_VERSION}): it was written by a newer release of dondoc, which is needed to read it.`,
    );
  });

  it.each([
    [null, 'a task state must be an object, not null.'],
    [[], 'a task state must be an object, not an array.'],
    ['{"status":"DONE"}', 'a task state must be an object, not string.'],
    [{ ...VERSION_1_WITHOUT_VERSION, schemaVersion: 0 }, "the task state's schemaVersion must be a whole number from 1, not 0."],
    [{ ...VERSION_1_WITHOUT_VERSION, schemaVersion: '1' }, 'the task state\'s schemaVersion must be a whole number from 1, not "1".'],
    [{ ...VERSION_1_WITHOUT_VERSION, schemaVersion: 1.5 }, "the task state's schemaVersion must be a whole number from 1, not 1.5."],
    [{ ...VERSION_1_WITHOUT_VERSION, schemaVersion: null }, "the task state's schemaVersion must be a whole number from 1, not null."],
  ])('refuses what is not a task state: %j', (raw, message) => {
    expect(() => sut(raw)).toThrow(new TaskStateVersionError(message));
  });
});
