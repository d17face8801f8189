import * as rules from './task-rules';
import type { ReminderTime, TaskDefinition, TaskEvent, TaskState } from './task.types';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const S = 1_000;
const admin = { id: 'u-admin', name: 'Quản trị', requestId: 'req-9' };
const officer = { id: 'u-officer', name: 'Cán bộ', requestId: null };

/** A task of 5 working days (due at +100 s here: the instants are the activity's, the rules only keep them) with reminders 2wd and 1wd before. */
function task(overrides: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    taskId: 't-1',
    code: 'NV-1',
    title: 'Thử',
    description: '',
    program: null,
    leadUnitId: 'unit-a',
    coordinatingUnitIds: [],
    focalOfficerId: 'u-officer',
    assignedBy: 'u-admin',
    assignedAt: new Date(T0).toISOString(),
    dueAt: new Date(T0 + 100 * S).toISOString(),
    milestones: [],
    term: { workingDays: 5, from: new Date(T0).toISOString() },
    reminderTimes: [
      { key: '2wd', at: T0 + 60 * S },
      { key: '1wd', at: T0 + 80 * S },
    ],
    plan: {
      templateId: 'tpl',
      templateKey: 'k',
      templateVersion: 1,
      reminderOffsets: [0],
      reminderWorkingDays: [2, 1],
      ackReminderEvery: null,
      ackReminderMax: 0,
      ladder: [{ level: 2, afterDue: 30, decider: { type: 'PARENT_HEAD' }, openExplanation: false }],
      decisionReminderEvery: 1_000,
      explanationDeadline: 50,
      requiredCriteria: ['OPERATING_PRODUCT'],
      minActiveUsers: null,
      kpiDirection: null,
      reviewer: { type: 'ASSIGNER' },
    },
    ...overrides,
  };
}

/** Fires every timer due up to `until`, in order, like the workflow does; returns the events. */
function runUntil(def: TaskDefinition, state: TaskState, until: number): TaskEvent[] {
  const fired: TaskEvent[] = [];
  for (let timer = rules.firstDueTimer(def, state, until); timer; timer = rules.firstDueTimer(def, state, until)) {
    fired.push(...rules.fireTimer(def, state, timer, timer.at, { deciders: ['u-decider'] }));
  }
  return fired;
}

const count = (dueAt: number, reminderTimes: ReminderTime[] = []) => ({ dueAt: new Date(dueAt).toISOString(), reminderTimes });

describe('task rules: reminders at instants (working days)', () => {
  it('fires each working-day reminder once at its instant, beside the reminders in seconds', () => {
    const def = task();
    const state = rules.initialState(def, []);
    const events = runUntil(def, state, T0 + 100 * S);
    expect(events.map((e) => `${e.type}@${(e.at - T0) / S}`)).toEqual(['REMINDER@60', 'REMINDER@80', 'REMINDER@100', 'OVERDUE@100']);
    expect(events[0].data).toMatchObject({ workingDays: 2, offsetSeconds: 40 });
    expect(events[2].data).toMatchObject({ offsetSeconds: 0 });
    expect(state.reminderTimesFired).toEqual(['2wd', '1wd']);
    expect(runUntil(def, state, T0 + 100 * S)).toEqual([]);
  });

  it('leaves a task without them exactly as before (no new fields in its state)', () => {
    const { reminderTimes: _reminderTimes, term: _term, ...plain } = task();
    const state = rules.initialState(plain, []);
    expect(state).not.toHaveProperty('reminderTimes');
    expect(state).not.toHaveProperty('reminderTimesFired');
    expect(runUntil(plain, state, T0 + 100 * S).map((e) => e.type)).toEqual(['REMINDER', 'OVERDUE']);
  });

  it('an approved extension drops the reminders of the former due time until they are counted again', () => {
    const def = task();
    const state = rules.initialState(def, []);
    runUntil(def, state, T0 + 70 * S);
    rules.requestExtension.apply(def, state, { actor: officer, newDueAt: new Date(T0 + 500 * S).toISOString(), reason: 'chờ' }, T0 + 71 * S);
    rules.decideExtension.apply(def, state, { actor: admin, requestId: state.extensions[0].id, approve: true, comment: null }, T0 + 72 * S);
    expect(state.reminderTimes).toEqual([]);
    rules.setReminderTimes(state, [{ key: '2wd', at: T0 + 300 * S }, { key: '1wd', at: T0 + 400 * S }]);
    expect(runUntil(def, state, T0 + 500 * S).map((e) => `${e.type}@${(e.at - T0) / S}`)).toEqual(['REMINDER@300', 'REMINDER@400', 'REMINDER@500', 'OVERDUE@500']);
  });
});

describe('task rules: recalculating a working-day due time', () => {
  it('moves the current and the original due time, the timers follow, DUE_RECALCULATED tells old and new', () => {
    const def = task();
    const state = rules.initialState(def, []);
    runUntil(def, state, T0 + 65 * S); // the 2wd reminder has fired
    const events = rules.recalculateDue(def, state, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S, [{ key: '2wd', at: T0 + 150 * S }, { key: '1wd', at: T0 + 180 * S }]), T0 + 66 * S);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'DUE_RECALCULATED',
        actorId: 'u-admin',
        data: { oldDueAt: new Date(T0 + 100 * S).toISOString(), newDueAt: new Date(T0 + 200 * S).toISOString(), dates: ['2026-03-05'], workingDays: 5, from: def.term!.from, overdueCleared: false },
      }),
    ]);
    expect(state).toMatchObject({ dueAt: T0 + 200 * S, originalDueAt: T0 + 200 * S });
    // The reminder already fired does not fire again; the others and the overdue notice come at the new times.
    expect(runUntil(def, state, T0 + 200 * S).map((e) => `${e.type}@${(e.at - T0) / S}`)).toEqual(['REMINDER@180', 'REMINDER@200', 'OVERDUE@200']);
  });

  it('is idempotent: the same count again changes nothing and emits nothing', () => {
    const def = task();
    const state = rules.initialState(def, []);
    rules.recalculateDue(def, state, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S), T0 + 10 * S);
    const before = JSON.stringify(state);
    expect(rules.recalculateDue(def, state, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S), T0 + 11 * S)).toEqual([]);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('leaves alone a task without a term, a closed one and one whose term an extension replaced', () => {
    const { term: _term, ...noTerm } = task();
    const plain = rules.initialState(noTerm, []);
    expect(rules.recalculateDue(noTerm, plain, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S), T0)).toEqual([]);
    expect(plain.dueAt).toBe(T0 + 100 * S);

    const def = task();
    const extended = rules.initialState(def, []);
    rules.requestExtension.apply(def, extended, { actor: officer, newDueAt: new Date(T0 + 500 * S).toISOString(), reason: 'chờ' }, T0 + 1 * S);
    rules.decideExtension.apply(def, extended, { actor: admin, requestId: extended.extensions[0].id, approve: true, comment: null }, T0 + 2 * S);
    expect(rules.termGoverns(def, extended)).toBe(false);
    expect(rules.recalculateDue(def, extended, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S), T0 + 3 * S)).toEqual([]);
    expect(extended.dueAt).toBe(T0 + 500 * S);

    const cancelled = rules.initialState(def, []);
    rules.cancel.apply(def, cancelled, { actor: admin, reason: 'thôi' }, T0 + 1 * S);
    expect(rules.recalculateDue(def, cancelled, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S), T0 + 3 * S)).toEqual([]);
  });

  it('an overdue task whose new due time is ahead and that was not escalated is no longer overdue; its head is told again at the new time', () => {
    const def = task();
    const state = rules.initialState(def, []);
    runUntil(def, state, T0 + 110 * S);
    expect(state).toMatchObject({ overdue: true, headNotified: true, escalationLevel: 1 });
    const [event] = rules.recalculateDue(def, state, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S), T0 + 111 * S);
    expect(event.data).toMatchObject({ overdueCleared: true });
    expect(state).toMatchObject({ overdue: false, overdueSince: null, headNotified: false, escalationLevel: 0 });
    expect(runUntil(def, state, T0 + 230 * S).map((e) => `${e.type}@${(e.at - T0) / S}`)).toEqual(['OVERDUE@200', 'ESCALATION_PROPOSED@230']);
  });

  it('an escalated task stays overdue: what was recorded stands, later levels count from the new due time', () => {
    const def = task({ plan: { ...task().plan, ladder: [...task().plan.ladder, { level: 3, afterDue: 300, decider: { type: 'STEERING_COMMITTEE' }, openExplanation: false }] } });
    const state = rules.initialState(def, []);
    runUntil(def, state, T0 + 130 * S);
    expect(state.proposals).toHaveLength(1);
    const [event] = rules.recalculateDue(def, state, { actor: admin, dates: ['2026-03-05'] }, count(T0 + 200 * S), T0 + 140 * S);
    expect(event.data).toMatchObject({ overdueCleared: false });
    expect(state).toMatchObject({ overdue: true, overdueSince: T0 + 100 * S, headNotified: true, escalationLevel: 1, dueAt: T0 + 200 * S });
    expect(runUntil(def, state, T0 + 500 * S).map((e) => `${e.type}@${(e.at - T0) / S}`)).toEqual(['ESCALATION_PROPOSED@500']);
  });

  it('a due time moved earlier into the past makes the task overdue at once', () => {
    const def = task();
    const state = rules.initialState(def, []);
    rules.recalculateDue(def, state, { actor: admin, dates: ['2026-03-07'] }, count(T0 + 40 * S), T0 + 50 * S);
    expect(runUntil(def, state, T0 + 50 * S).map((e) => `${e.type}@${(e.at - T0) / S}`)).toEqual(['REMINDER@40', 'OVERDUE@40']);
  });

  it('refuses dates that are not calendar dates', () => {
    expect(rules.recalculationInput({ actor: admin, dates: [] })).toMatchObject({ rule: 'invalidText', problems: [{ field: 'dates' }] });
    expect(rules.recalculationInput({ actor: admin, dates: ['5/3/2026'] })).toMatchObject({ rule: 'invalidText' });
    expect(rules.recalculationInput({ actor: admin, dates: ['2026-03-05'] })).toBeNull();
  });
});
