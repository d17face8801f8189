import * as rules from './task-rules';
import type { DeclareBlockerArgs } from './task-messages';
import type { TaskDefinition, TaskState } from './task.types';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const S = 1_000;
const officer = { id: 'u-officer', name: 'Cán bộ', requestId: 'req-1' };
const blockingHead = { id: 'u-blocking-head', name: 'Giám đốc Sở', requestId: null };
const leader = { id: 'u-leader', name: 'Lãnh đạo', requestId: null };

function task(): TaskDefinition {
  return {
    taskId: 't-1',
    code: 'NV-1',
    title: 'Thử',
    description: '',
    program: null,
    leadUnitId: 'unit-a',
    coordinatingUnitIds: ['unit-coord'],
    focalOfficerId: 'u-officer',
    assignedBy: 'u-admin',
    assignedAt: new Date(T0).toISOString(),
    dueAt: new Date(T0 + 1_000 * S).toISOString(),
    milestones: [],
    plan: {
      templateId: 'tpl',
      templateKey: 'k',
      templateVersion: 1,
      reminderOffsets: [],
      ackReminderEvery: null,
      ackReminderMax: 0,
      ladder: [],
      decisionReminderEvery: 15,
      explanationDeadline: 50,
      requiredCriteria: ['OPERATING_PRODUCT'],
      minActiveUsers: null,
      kpiDirection: null,
      reviewer: { type: 'ASSIGNER' },
    },
  };
}

const declaration = (overrides: Partial<DeclareBlockerArgs> = {}): DeclareBlockerArgs => ({
  actor: officer,
  blockingUnitId: 'unit-coord',
  awaited: 'Số liệu dân cư đã làm sạch',
  since: null,
  reason: null,
  ...overrides,
});

/** Validates the declaration as the Update's validator does (input, then state), and applies it if accepted. */
function declare(def: TaskDefinition, state: TaskState, args: DeclareBlockerArgs, now: number) {
  const refusal = rules.invalidInput(args) ?? rules.declareBlocker.validate(def, state, args, now);
  return refusal ?? rules.declareBlocker.apply(def, state, args, now);
}

function runUntil(def: TaskDefinition, state: TaskState, until: number): string[] {
  const fired: string[] = [];
  for (let timer = rules.firstDueTimer(def, state, until); timer; timer = rules.firstDueTimer(def, state, until)) {
    fired.push(...rules.fireTimer(def, state, timer, timer.at, {}).map((e) => e.type));
  }
  return fired;
}

describe('task rules: blockers', () => {
  it('a blocker on a coordinating unit needs no reason; it acknowledges the task and leaves the due time alone', () => {
    const def = task();
    const state = rules.initialState(def, ['u-admin']);
    const events = declare(def, state, declaration({ since: new Date(T0 + 5 * S).toISOString() }), T0 + 10 * S);

    expect(Array.isArray(events) && events.map((e) => e.type)).toEqual(['ACKNOWLEDGED', 'BLOCKER_DECLARED']);
    expect(state.blockers).toEqual([
      expect.objectContaining({ id: 'BL2', leadUnitId: 'unit-a', blockingUnitId: 'unit-coord', coordinating: true, reason: null, since: T0 + 5 * S, declaredAt: T0 + 10 * S, declaredBy: 'u-officer', status: 'OPEN', confirmed: false }),
    ]);
    expect(state.dueAt).toBe(T0 + 1_000 * S);
  });

  it('a blocker on a unit outside the task needs a reason, named as the field at fault', () => {
    const def = task();
    const state = rules.initialState(def, []);

    expect(declare(def, state, declaration({ blockingUnitId: 'unit-other' }), T0)).toEqual({ rule: 'invalidBlocker', problems: [{ field: 'reason', rule: 'reasonOutsideTask' }] });
    expect(declare(def, state, declaration({ blockingUnitId: 'unit-other', reason: '   ' }), T0)).toEqual({ rule: 'invalidBlocker', problems: [{ field: 'reason', rule: 'reasonOutsideTask' }] });
    expect(state.blockers).toEqual([]);

    declare(def, state, declaration({ blockingUnitId: 'unit-other', reason: ' Sở Tài chính chưa cấp kinh phí ' }), T0);
    expect(state.blockers[0]).toMatchObject({ coordinating: false, reason: 'Sở Tài chính chưa cấp kinh phí' });
  });

  it.each([
    ['the lead unit itself', { blockingUnitId: 'unit-a' }, 'blockingUnitId', 'notLeadUnit'],
    ['a time in the future', { since: new Date(T0 + 500 * S).toISOString() }, 'since', 'notInFuture'],
    ['a time before the assignment', { since: new Date(T0 - S).toISOString() }, 'since', 'notBeforeAssignment'],
    ['a time that is no time', { since: 'yesterday' }, 'since', 'instant'],
    ['nothing awaited', { awaited: ' ' }, 'awaited', 'notEmpty'],
  ])('refuses %s, naming the field', (_name, overrides, field, rule) => {
    const def = task();
    const state = rules.initialState(def, []);
    const refusal = declare(def, state, declaration(overrides), T0 + 100 * S);
    expect(refusal).toEqual({ rule: 'invalidBlocker', problems: [expect.objectContaining({ field, rule })] });
    expect(state).toEqual(rules.initialState(def, []));
  });

  it('refuses text with control characters before anything else', () => {
    const def = task();
    expect(declare(def, rules.initialState(def, []), declaration({ awaited: 'Số liệu\u0000' }), T0)).toMatchObject({ rule: 'invalidText', field: 'awaited' });
  });

  it('a since a little ahead of the workflow’s clock (the API’s clock runs ahead) is taken as now', () => {
    const def = task();
    const state = rules.initialState(def, []);
    declare(def, state, declaration({ since: new Date(T0 + 130 * S).toISOString() }), T0 + 100 * S);
    expect(state.blockers[0].since).toBe(T0 + 100 * S);
  });

  it('one open blocker per unit; a closed task or evidence under review takes none', () => {
    const def = task();
    const state = rules.initialState(def, []);
    declare(def, state, declaration(), T0);
    expect(declare(def, state, declaration(), T0 + S)).toEqual({ rule: 'blockerOpen' });
    state.status = 'EVIDENCE_SUBMITTED';
    expect(declare(def, state, declaration({ blockingUnitId: 'unit-other', reason: 'x' }), T0 + S)).toEqual({ rule: 'underReview' });
    state.status = 'CANCELLED';
    expect(declare(def, state, declaration({ blockingUnitId: 'unit-other', reason: 'x' }), T0 + S)).toEqual({ rule: 'taskClosed', params: { kind: 'CANCELLED' } });
  });

  it('a task holds at most MAX_BLOCKERS blockers', () => {
    const def = task();
    const state = rules.initialState(def, []);
    for (let i = 0; i < rules.MAX_BLOCKERS; i++) {
      declare(def, state, declaration({ blockingUnitId: `unit-${i}`, reason: 'x' }), T0 + i);
      rules.resolveBlocker.apply(def, state, { actor: officer, blockerId: state.blockers[i].id, resolution: 'xong' }, T0 + i);
    }
    expect(declare(def, state, declaration(), T0 + S)).toEqual({ rule: 'tooManyBlockers', params: { max: rules.MAX_BLOCKERS } });
  });

  it('reminds the blocking unit every decisionReminderEvery while the blocker is open, then stops', () => {
    const def = task();
    const state = rules.initialState(def, []);
    declare(def, state, declaration(), T0 + 10 * S);
    const id = state.blockers[0].id;

    expect(runUntil(def, state, T0 + 45 * S)).toEqual(['BLOCKER_REMINDER', 'BLOCKER_REMINDER']); // +25s, +40s
    expect(state.blockers[0].remindedAt).toBe(T0 + 40 * S);

    rules.resolveBlocker.apply(def, state, { actor: blockingHead, blockerId: id, resolution: 'Đã gửi số liệu' }, T0 + 50 * S);
    expect(runUntil(def, state, T0 + 200 * S)).toEqual([]);
  });

  it('either side resolves an open blocker once; an unknown blocker is named', () => {
    const def = task();
    const state = rules.initialState(def, []);
    declare(def, state, declaration(), T0);
    const id = state.blockers[0].id;
    const args = { actor: blockingHead, blockerId: id, resolution: ' Đã gửi số liệu ' };

    expect(rules.resolveBlocker.validate(def, state, args, T0)).toBeNull();
    const events = rules.resolveBlocker.apply(def, state, args, T0 + 5 * S);
    expect(events.map((e) => [e.type, e.actorId, e.data.resolution, e.data.automatic])).toEqual([['BLOCKER_RESOLVED', 'u-blocking-head', 'Đã gửi số liệu', false]]);
    expect(state.blockers[0]).toMatchObject({ status: 'RESOLVED', resolvedBy: 'u-blocking-head', resolvedAt: T0 + 5 * S, resolution: 'Đã gửi số liệu' });

    expect(rules.resolveBlocker.validate(def, state, args, T0)).toEqual({ rule: 'blockerResolved' });
    expect(rules.resolveBlocker.validate(def, state, { ...args, blockerId: 'BL99' }, T0)).toEqual({ rule: 'unknownRequest', params: { kind: 'blocker', requestId: 'BL99' } });
    expect(rules.resolveBlocker.validateInput!(def, { ...args, resolution: '' })).toEqual({ rule: 'invalidBlocker', problems: [{ field: 'resolution', rule: 'notEmpty' }] });
  });

  it('a leader confirms a blocker as an objective cause without ending it, once', () => {
    const def = task();
    const state = rules.initialState(def, []);
    declare(def, state, declaration(), T0);
    const id = state.blockers[0].id;

    const events = rules.decideBlocker.apply(def, state, { actor: leader, blockerId: id, confirm: true, end: false, comment: 'Khách quan' }, T0 + S);
    expect(events.map((e) => [e.type, e.data.confirm, e.data.end])).toEqual([['BLOCKER_DECIDED', true, false]]);
    expect(state.blockers[0]).toMatchObject({ status: 'OPEN', confirmed: true, confirmedBy: 'u-leader', confirmedAt: T0 + S, decidedBy: 'u-leader', decisionComment: 'Khách quan' });
    expect(rules.decideBlocker.validate(def, state, { actor: leader, blockerId: id, confirm: false, end: true, comment: 'x' }, T0)).toEqual({ rule: 'alreadyDecided', params: { kind: 'blocker' } });
    // Still open: either side may resolve it, and the reminders go on.
    expect(rules.resolveBlocker.validate(def, state, { actor: officer, blockerId: id, resolution: 'x' }, T0)).toBeNull();
  });

  it('a leader may end a blocker without confirming it; a resolved one may still be confirmed but not ended again', () => {
    const def = task();
    const state = rules.initialState(def, []);
    declare(def, state, declaration(), T0);
    declare(def, state, declaration({ blockingUnitId: 'unit-other', reason: 'Chưa cấp kinh phí' }), T0);
    const [first, second] = state.blockers.map((b) => b.id);

    rules.decideBlocker.apply(def, state, { actor: leader, blockerId: first, confirm: false, end: true, comment: 'Không phải nguyên nhân khách quan' }, T0 + S);
    expect(state.blockers[0]).toMatchObject({ status: 'RESOLVED', resolvedBy: 'u-leader', resolution: 'Không phải nguyên nhân khách quan', confirmed: false, confirmedBy: null });

    rules.resolveBlocker.apply(def, state, { actor: officer, blockerId: second, resolution: 'Đã cấp' }, T0 + 2 * S);
    expect(rules.decideBlocker.validate(def, state, { actor: leader, blockerId: second, confirm: true, end: true, comment: 'x' }, T0)).toEqual({ rule: 'blockerResolved' });
    expect(rules.decideBlocker.validate(def, state, { actor: leader, blockerId: second, confirm: true, end: false, comment: 'x' }, T0)).toBeNull();
    expect(rules.decideBlocker.validateInput!(def, { actor: leader, blockerId: second, confirm: true, end: false, comment: ' ' })).toEqual({ rule: 'invalidBlocker', problems: [{ field: 'comment', rule: 'notEmpty' }] });
  });

  it('open blockers end by themselves when the task is cancelled (TASK_CLOSED) or reassigned (REASSIGNED)', () => {
    const def = task();
    const cancelled = rules.initialState(def, []);
    declare(def, cancelled, declaration(), T0);
    const events = rules.cancel.apply(def, cancelled, { actor: leader, reason: 'Không còn cần thiết' }, T0 + S);
    expect(events.map((e) => [e.type, e.actorId, e.data.resolution ?? null])).toEqual([
      ['CANCELLED', 'u-leader', null],
      ['BLOCKER_RESOLVED', null, 'TASK_CLOSED'],
    ]);
    expect(cancelled.blockers[0]).toMatchObject({ status: 'RESOLVED', resolvedBy: null, resolvedAt: T0 + S, resolution: 'TASK_CLOSED' });

    const reassigned = rules.initialState(def, []);
    declare(def, reassigned, declaration(), T0);
    rules.raiseBeyondAuthority.apply(def, reassigned, { actor: officer, reason: 'Vượt thẩm quyền' }, T0);
    const requestId = reassigned.beyondAuthority[0].id;
    const decided = rules.decideBeyondAuthority.apply(def, reassigned, { actor: leader, requestId, decision: 'REASSIGN', comment: 'Chuyển', newLeadUnitId: 'unit-coord' }, T0 + S);
    expect(decided.map((e) => e.type)).toEqual(['BEYOND_AUTHORITY_DECIDED', 'REASSIGNED', 'BLOCKER_RESOLVED']);
    expect(reassigned.blockers[0]).toMatchObject({ status: 'RESOLVED', resolution: 'REASSIGNED' });
  });
});
