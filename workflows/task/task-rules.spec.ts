import * as rules from './task-rules';
import { effectReasons, evidenceProblems, usersReasons } from './evidence-rules';
import type { TaskDefinition, TaskState } from './task.types';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const S = 1_000;
const actor = { id: 'u-officer', name: 'Cán bộ', requestId: 'req-1' };
const leader = { id: 'u-leader', name: 'Lãnh đạo', requestId: null };

function task(overrides: Partial<TaskDefinition['plan']> = {}, dueInSeconds = 100): TaskDefinition {
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
    dueAt: new Date(T0 + dueInSeconds * S).toISOString(),
    milestones: [],
    plan: {
      templateId: 'tpl',
      templateKey: 'k',
      templateVersion: 1,
      reminderOffsets: [30, 10, 0],
      ackReminderEvery: 20,
      ackReminderMax: 2,
      ladder: [
        { level: 2, afterDue: 10, decider: { type: 'PARENT_HEAD' }, openExplanation: true },
        { level: 3, afterDue: 40, decider: { type: 'STEERING_COMMITTEE' }, openExplanation: false },
      ],
      decisionReminderEvery: 15,
      explanationDeadline: 50,
      requiredCriteria: ['OPERATING_PRODUCT', 'REAL_USERS'],
      minActiveUsers: 10,
      kpiDirection: null,
      reviewer: { type: 'ASSIGNER' },
      ...overrides,
    },
  };
}

/** Fires every timer due up to `until`, in order, like the workflow does; returns the event types. */
function runUntil(def: TaskDefinition, state: TaskState, until: number): string[] {
  const fired: string[] = [];
  for (let timer = rules.firstDueTimer(def, state, until); timer; timer = rules.firstDueTimer(def, state, until)) {
    fired.push(...rules.fireTimer(def, state, timer, timer.at, { deciders: ['u-decider'] }).map((e) => e.type));
  }
  return fired;
}

describe('task rules: timers', () => {
  it('fires acknowledgement reminders, reminders at each offset, the overdue notice and the ladder, in time order', () => {
    const def = task();
    const state = rules.initialState(def, ['u-admin']);
    expect(runUntil(def, state, T0 + 160 * S)).toEqual([
      'ACK_REMINDER', // +20s
      'ACK_REMINDER', // +40s (max 2)
      'REMINDER', // due-30s = +70s
      'REMINDER', // due-10s = +90s
      'REMINDER', // due = +100s
      'OVERDUE', // due
      'ESCALATION_PROPOSED', // level 2 at due+10s (+110s)
      'DECISION_REMINDER', // level 2 undecided, +125s
      'ESCALATION_PROPOSED', // level 3 at due+40s (+140s), before the reminder of the same instant
      'DECISION_REMINDER', // level 2 again, +140s
      'DECISION_REMINDER', // level 2, +155s
      'DECISION_REMINDER', // level 3, +155s
    ]);
    expect(state).toMatchObject({ overdue: true, escalationLevel: 1, ackRemindersSent: 2, headNotified: true });
    expect(state.proposals.map((p) => [p.level, p.status, p.deciders])).toEqual([
      [2, 'PENDING', ['u-decider']],
      [3, 'PENDING', ['u-decider']],
    ]);
  });

  it('skips reminders whose time had already passed when the due time was set', () => {
    const def = task({}, 15); // offsets 30s and 10s: only 10s and 0 are still ahead
    const state = rules.initialState(def, []);
    expect(runUntil(def, state, T0 + 15 * S).filter((t) => t === 'REMINDER')).toHaveLength(2);
  });

  it('arms nothing once the task is cancelled', () => {
    const def = task();
    const state = rules.initialState(def, []);
    rules.cancel.apply(def, state, { actor, reason: 'x' }, T0 + S);
    expect(rules.nextWakeup(def, state)).toBeNull();
    expect(runUntil(def, state, T0 + 1_000 * S)).toEqual([]);
  });

  it('pauses the unit’s clocks while evidence is under review, and resumes them after a rejection', () => {
    const def = task({ ackReminderEvery: null });
    const state = rules.initialState(def, ['u-admin']);
    rules.submitEvidence.apply(def, state, { actor, items: { operatingProduct: { url: 'https://x' }, realUsers: { attestedActiveUsers: 50, periodFrom: 'a', periodTo: 'b' } } }, T0 + S);
    const fired = runUntil(def, state, T0 + 105 * S);
    expect(fired.every((t) => t === 'DECISION_REMINDER')).toBe(true);
    expect(state.overdue).toBe(false);
    rules.reviewEvidence.apply(def, state, { actor: leader, approve: false, comment: null, rejections: { OPERATING_PRODUCT: 'không chạy' } }, T0 + 105 * S);
    expect(runUntil(def, state, T0 + 105 * S)).toEqual(['REMINDER', 'REMINDER', 'REMINDER', 'OVERDUE']); // catch-up
  });

  it('an approved extension moves every future timer and re-arms the reminders', () => {
    const def = task({ ackReminderEvery: null });
    const state = rules.initialState(def, []);
    expect(runUntil(def, state, T0 + 75 * S)).toEqual(['REMINDER']);
    const newDue = new Date(T0 + 300 * S).toISOString();
    rules.requestExtension.apply(def, state, { actor, newDueAt: newDue, reason: 'x' }, T0 + 80 * S);
    rules.decideExtension.apply(def, state, { actor: leader, requestId: state.extensions[0].id, approve: true, comment: null }, T0 + 81 * S);
    expect(state).toMatchObject({ dueAt: T0 + 300 * S, originalDueAt: T0 + 100 * S, remindersFired: [], headNotified: false });
    expect(runUntil(def, state, T0 + 200 * S)).toEqual([]); // the old due time passes quietly
    expect(rules.nextWakeup(def, state)).toBe(T0 + 270 * S);
  });

  it('an extension approved for an objective cause says so in the state and the event; a rejection never does', () => {
    const def = task({ ackReminderEvery: null });
    const state = rules.initialState(def, []);
    rules.requestExtension.apply(def, state, { actor, newDueAt: new Date(T0 + 300 * S).toISOString(), reason: 'lũ lụt' }, T0 + 10 * S);
    const [approved] = rules.decideExtension.apply(def, state, { actor: leader, requestId: state.extensions[0].id, approve: true, comment: 'bão số 3', objectiveCause: true }, T0 + 11 * S);
    expect(approved).toMatchObject({ type: 'EXTENSION_APPROVED', data: { objectiveCause: true, comment: 'bão số 3' } });
    expect(state.extensions[0]).toMatchObject({ status: 'APPROVED', objectiveCause: true });
    rules.requestExtension.apply(def, state, { actor, newDueAt: new Date(T0 + 400 * S).toISOString(), reason: 'x' }, T0 + 12 * S);
    const [rejected] = rules.decideExtension.apply(def, state, { actor: leader, requestId: state.extensions[1].id, approve: false, comment: 'không', objectiveCause: true }, T0 + 13 * S);
    expect(rejected.data).not.toHaveProperty('objectiveCause');
    expect(state.extensions[1]).not.toHaveProperty('objectiveCause');
  });

  it('marks an unanswered explanation overdue once', () => {
    const def = task({ ackReminderEvery: null, reminderOffsets: [], ladder: [] }, 1_000);
    const state = rules.initialState(def, []);
    rules.requestExplanation.apply(def, state, { actor: leader, question: 'Vì sao?', deadline: new Date(T0 + 20 * S).toISOString() }, T0);
    expect(runUntil(def, state, T0 + 100 * S)).toEqual(['EXPLANATION_OVERDUE']);
    expect(state.explanations[0]).toMatchObject({ status: 'OPEN', overdueNotified: true });
  });
});

describe('task rules: actions', () => {
  it('a unit’s first action acknowledges the task implicitly', () => {
    const def = task();
    const state = rules.initialState(def, []);
    const events = rules.reportProgress.apply(def, state, { actor, percent: 30, note: 'x' }, T0 + S);
    expect(events.map((e) => [e.seq, e.type, e.fromStatus, e.toStatus])).toEqual([
      [1, 'ACKNOWLEDGED', 'ASSIGNED', 'IN_PROGRESS'],
      [2, 'PROGRESS_REPORTED', 'IN_PROGRESS', 'IN_PROGRESS'],
    ]);
    expect(events[0]).toMatchObject({ actorId: 'u-officer', requestId: 'req-1', data: { implicit: true } });
  });

  it.each([
    ['acknowledge twice', 'alreadyAcknowledged', (d: TaskDefinition, s: TaskState) => (rules.acknowledge.apply(d, s, { actor }, T0), rules.acknowledge.validate(d, s, { actor }, T0))],
    ['an extension to an earlier time', 'laterDue', (d: TaskDefinition, s: TaskState) => rules.requestExtension.validate(d, s, { actor, newDueAt: new Date(T0 + 50 * S).toISOString(), reason: 'x' }, T0)],
    ['a second pending extension', 'extensionPending', (d: TaskDefinition, s: TaskState) => {
      rules.requestExtension.apply(d, s, { actor, newDueAt: new Date(T0 + 200 * S).toISOString(), reason: 'x' }, T0);
      return rules.requestExtension.validate(d, s, { actor, newDueAt: new Date(T0 + 300 * S).toISOString(), reason: 'y' }, T0);
    }],
    ['rejecting without a comment', 'commentRequired', (d: TaskDefinition, s: TaskState) => {
      rules.requestExtension.apply(d, s, { actor, newDueAt: new Date(T0 + 200 * S).toISOString(), reason: 'x' }, T0);
      return rules.decideExtension.validate(d, s, { actor: leader, requestId: s.extensions[0].id, approve: false, comment: ' ' }, T0);
    }],
    ['a review with nothing to review', 'nothingToReview', (d: TaskDefinition, s: TaskState) => rules.reviewEvidence.validate(d, s, { actor: leader, approve: true, comment: null, rejections: {} }, T0)],
    ['any action on a cancelled task', 'taskClosed', (d: TaskDefinition, s: TaskState) => (rules.cancel.apply(d, s, { actor: leader, reason: 'x' }, T0), rules.reportProgress.validate(d, s, { actor, percent: 1, note: 'x' }, T0))],
    ['reassigning to the same unit', 'sameUnit', (d: TaskDefinition, s: TaskState) => {
      rules.raiseBeyondAuthority.apply(d, s, { actor, reason: 'x' }, T0);
      return rules.decideBeyondAuthority.validate(d, s, { actor: leader, requestId: s.beyondAuthority[0].id, decision: 'REASSIGN', comment: 'x', newLeadUnitId: 'unit-a' }, T0);
    }],
  ])('refuses %s (%s)', (_name, rule, attempt) => {
    const def = task();
    expect(attempt(def, rules.initialState(def, []))).toMatchObject({ rule });
  });

  it('a refusal carries the parameters of its text: whose request, which one', () => {
    const def = task();
    const state = rules.initialState(def, []);
    expect(rules.answerExplanation.validate(def, state, { actor, requestId: 'X9', answer: 'x' }, T0)).toEqual({ rule: 'unknownRequest', params: { kind: 'explanation', requestId: 'X9' } });
    rules.requestExtension.apply(def, state, { actor, newDueAt: new Date(T0 + 200 * S).toISOString(), reason: 'x' }, T0);
    rules.decideExtension.apply(def, state, { actor: leader, requestId: state.extensions[0].id, approve: false, comment: 'không' }, T0);
    expect(rules.decideExtension.validate(def, state, { actor: leader, requestId: state.extensions[0].id, approve: true, comment: null }, T0)).toEqual({ rule: 'alreadyDecided', params: { kind: 'extension' } });
  });

  it('a closed task refuses every action, naming its status', () => {
    const def = task();
    const state = rules.initialState(def, []);
    rules.cancel.apply(def, state, { actor: leader, reason: 'x' }, T0);
    expect(rules.acknowledge.validate(def, state, { actor }, T0)).toEqual({ rule: 'taskClosed', params: { kind: 'CANCELLED' } });
  });

  it('only the deciders of a level decide it; approving opens an explanation when the level says so', () => {
    const def = task({ ackReminderEvery: null, reminderOffsets: [] });
    const state = rules.initialState(def, []);
    runUntil(def, state, T0 + 111 * S);
    const proposal = state.proposals[0];
    expect(rules.decideEscalation.validate(def, state, { actor: leader, requestId: proposal.id, approve: true, comment: null }, T0)).toMatchObject({ rule: 'notDecider' });
    const events = rules.decideEscalation.apply(def, state, { actor: { ...leader, id: 'u-decider' }, requestId: proposal.id, approve: true, comment: null }, T0 + 112 * S);
    expect(events.map((e) => e.type)).toEqual(['ESCALATION_APPROVED', 'EXPLANATION_REQUESTED']);
    expect(state.escalationLevel).toBe(2);
    expect(state.explanations[0].deadline).toBe(T0 + 162 * S);
  });

  it('judges completion by the submission time, against the original and the extended due time', () => {
    const def = task({ ackReminderEvery: null });
    const state = rules.initialState(def, ['u-admin']);
    rules.requestExtension.apply(def, state, { actor, newDueAt: new Date(T0 + 300 * S).toISOString(), reason: 'x' }, T0 + S);
    rules.decideExtension.apply(def, state, { actor: leader, requestId: state.extensions[0].id, approve: true, comment: null }, T0 + 2 * S);
    rules.submitEvidence.apply(def, state, { actor, items: { operatingProduct: { url: 'https://x' }, realUsers: { attestedActiveUsers: 50, periodFrom: 'a', periodTo: 'b' } } }, T0 + 200 * S);
    rules.reviewEvidence.apply(def, state, { actor: leader, approve: true, comment: null, rejections: {} }, T0 + 400 * S);
    expect(state).toMatchObject({ status: 'DONE', completedOnTimeOriginal: false, completedOnTimeExtended: true, completedAt: T0 + 400 * S });
  });

  it('reassignment hands the task to the new unit, to be acknowledged again', () => {
    const def = task();
    const state = rules.initialState(def, []);
    rules.acknowledge.apply(def, state, { actor }, T0);
    rules.raiseBeyondAuthority.apply(def, state, { actor, reason: 'vượt thẩm quyền' }, T0 + S);
    const events = rules.decideBeyondAuthority.apply(def, state, { actor: leader, requestId: state.beyondAuthority[0].id, decision: 'REASSIGN', comment: 'giao sở', newLeadUnitId: 'unit-b', newFocalOfficerId: null }, T0 + 2 * S);
    expect(events.map((e) => e.type)).toEqual(['BEYOND_AUTHORITY_DECIDED', 'REASSIGNED']);
    expect(state).toMatchObject({ status: 'ASSIGNED', leadUnitId: 'unit-b', focalOfficerId: null, acknowledgedAt: null });
  });
});

describe('task rules: verification of evidence', () => {
  const items = { operatingProduct: { url: 'https://cong.example.vn' }, realUsers: { attestedActiveUsers: 50, periodFrom: 'a', periodTo: 'b' } };
  const approve = { actor: leader, approve: true, comment: null, rejections: {} };

  function submitted(overrides: Partial<TaskDefinition['plan']> = {}) {
    const def = task({ verification: { probeCount: 2, probeWindow: 10, maxLatencyMs: 1000, allowAttestedUsers: true }, ...overrides });
    const state = rules.initialState(def, ['u-admin']);
    rules.submitEvidence.apply(def, state, { actor, items }, T0 + S);
    return { def, state, id: state.evidence!.id };
  }

  it('every claimed criterion starts pending; approval is refused until every check has finished', () => {
    const { def, state, id } = submitted();
    expect(state.evidence!.criteria).toEqual({
      OPERATING_PRODUCT: { status: 'pending', reasons: [], startedAt: null, finishedAt: null, probes: { done: 0, healthy: 0, of: 2 } },
      REAL_USERS: { status: 'pending', reasons: [], startedAt: null, finishedAt: null },
    });
    expect(rules.reviewEvidence.validate(def, state, approve, T0)).toMatchObject({ rule: 'verificationRunning' });
    rules.startCheck(state, id, 'OPERATING_PRODUCT', T0 + 2 * S);
    rules.countProbe(state, id, true);
    expect(state.evidence!.criteria.OPERATING_PRODUCT).toMatchObject({ status: 'verifying', probes: { done: 1, healthy: 1, of: 2 } });
    expect(rules.finishCheck(state, id, 'OPERATING_PRODUCT', { status: 'verified', reasons: [] }, T0 + 3 * S).map((e) => e.type)).toEqual(['CRITERION_VERIFIED']);
    expect(rules.concludeVerification(state, id, T0 + 3 * S)).toEqual([]);
    expect(rules.reviewEvidence.validate(def, state, approve, T0)).toMatchObject({ rule: 'verificationRunning' });
    rules.finishCheck(state, id, 'REAL_USERS', { status: 'attested', reasons: [], value: 50 }, T0 + 4 * S);
    const events = rules.concludeVerification(state, id, T0 + 4 * S);
    expect(events.map((e) => [e.type, e.data.criteria])).toEqual([['EVIDENCE_VERIFIED', { OPERATING_PRODUCT: 'verified', REAL_USERS: 'attested' }]]);
    expect(rules.reviewEvidence.validate(def, state, approve, T0)).toBeNull();
  });

  it('a failed check sends the task back to the unit with the reasons, and a re-submission starts afresh', () => {
    const { def, state, id } = submitted();
    const reasons = [{ code: 'HTTP_STATUS', params: { status: 503 } }];
    rules.finishCheck(state, id, 'OPERATING_PRODUCT', { status: 'failed', reasons }, T0 + 2 * S);
    rules.finishCheck(state, id, 'REAL_USERS', { status: 'attested', reasons: [], value: 50 }, T0 + 2 * S);
    const events = rules.concludeVerification(state, id, T0 + 2 * S);
    expect(events.map((e) => [e.type, e.toStatus, e.data.failed])).toEqual([['EVIDENCE_VERIFICATION_FAILED', 'IN_PROGRESS', [{ criterion: 'OPERATING_PRODUCT', reasons }]]]);
    expect(state).toMatchObject({ status: 'IN_PROGRESS', evidence: { status: 'FAILED_VERIFICATION' } });
    expect(rules.reviewEvidence.validate(def, state, approve, T0)).toMatchObject({ rule: 'nothingToReview' });
    // Late results of the old submission change nothing.
    expect(rules.finishCheck(state, id, 'REAL_USERS', { status: 'verified', reasons: [] }, T0 + 3 * S)).toEqual([]);
    rules.submitEvidence.apply(def, state, { actor, items }, T0 + 4 * S);
    expect(state.evidence!.id).not.toBe(id);
    expect(state.evidence!.criteria.OPERATING_PRODUCT!.status).toBe('pending');
  });

  it('checks finishing after a cancellation or a rejection change nothing', () => {
    for (const stop of ['cancel', 'reject'] as const) {
      const { def, state, id } = submitted();
      if (stop === 'cancel') rules.cancel.apply(def, state, { actor: leader, reason: 'x' }, T0 + 2 * S);
      else rules.reviewEvidence.apply(def, state, { actor: leader, approve: false, comment: null, rejections: { REAL_USERS: 'số liệu không rõ nguồn' } }, T0 + 2 * S);
      const status = state.status;
      expect(rules.finishCheck(state, id, 'OPERATING_PRODUCT', { status: 'failed', reasons: [] }, T0 + 3 * S)).toEqual([]);
      expect(rules.finishCheck(state, id, 'REAL_USERS', { status: 'attested', reasons: [] }, T0 + 3 * S)).toEqual([]);
      expect(rules.concludeVerification(state, id, T0 + 3 * S)).toEqual([]);
      expect(state.status).toBe(status);
    }
  });

  it('refuses approval when a required criterion was not claimed as verified (a non-required one passing is not enough)', () => {
    const { def, state, id } = submitted({ requiredCriteria: ['OPERATING_PRODUCT'] });
    state.evidence!.criteria = { REAL_USERS: state.evidence!.criteria.REAL_USERS };
    rules.finishCheck(state, id, 'REAL_USERS', { status: 'verified', reasons: [] }, T0 + 2 * S);
    rules.concludeVerification(state, id, T0 + 2 * S);
    expect(rules.reviewEvidence.validate(def, state, approve, T0)).toEqual({ rule: 'notVerified', params: { criteria: 'OPERATING_PRODUCT (missing)' } });
  });
});

describe('task rules: after-care', () => {
  const items = { operatingProduct: { url: 'https://cong.example.vn' }, realUsers: { attestedActiveUsers: 50, periodFrom: 'a', periodTo: 'b' } };
  const ok = { ok: true, reasons: [] };
  const down = { ok: false, reasons: [{ code: 'CONNECTION', params: { detail: 'ECONNREFUSED' } }] };

  function done(afterCare: TaskDefinition['plan']['afterCare']) {
    const def = task({ afterCare });
    const state = rules.initialState(def, ['u-admin']);
    rules.submitEvidence.apply(def, state, { actor, items }, T0 + S);
    const id = state.evidence!.id;
    rules.finishCheck(state, id, 'OPERATING_PRODUCT', { status: 'verified', reasons: [] }, T0 + 2 * S);
    rules.finishCheck(state, id, 'REAL_USERS', { status: 'attested', reasons: [], value: 50 }, T0 + 2 * S);
    rules.concludeVerification(state, id, T0 + 2 * S);
    rules.reviewEvidence.apply(def, state, { actor: leader, approve: true, comment: null, rejections: {} }, T0 + 10 * S);
    return { def, state };
  }

  function probe(def: TaskDefinition, state: TaskState, result: { ok: boolean; reasons: { code: string }[] }): string[] {
    const timer = rules.armedTimers(def, state)[0];
    expect(timer.kind).toBe('AFTER_CARE_PROBE');
    return rules.fireTimer(def, state, timer, timer.at, { probe: result }).map((e) => e.type);
  }

  it('a done task without an after-care plan arms nothing', () => {
    const { def, state } = done(null);
    expect(state.status).toBe('DONE');
    expect(rules.armedTimers(def, state)).toEqual([]);
  });

  it('flags the task regressed after K consecutive failures, clears the flag on recovery, and ends on schedule', () => {
    const { def, state } = done({ every: 10, duration: 60, failuresToRegress: 2 });
    expect(rules.armedTimers(def, state)).toEqual([{ kind: 'AFTER_CARE_PROBE', at: T0 + 20 * S }, { kind: 'AFTER_CARE_END', at: T0 + 70 * S }]);
    expect(probe(def, state, down)).toEqual(['AFTER_CARE_CHECKED']);
    expect(probe(def, state, ok)).toEqual(['AFTER_CARE_CHECKED']);
    expect(probe(def, state, down)).toEqual(['AFTER_CARE_CHECKED']);
    expect(probe(def, state, down)).toEqual(['AFTER_CARE_CHECKED', 'REGRESSED']);
    expect(probe(def, state, down)).toEqual(['AFTER_CARE_CHECKED']);
    expect(state.afterCare).toMatchObject({ regressed: true, consecutiveFailures: 3 });
    expect(state.status).toBe('DONE');
    expect(probe(def, state, ok)).toEqual(['AFTER_CARE_CHECKED', 'RECOVERED']);
    expect(state.afterCare).toMatchObject({ regressed: false, consecutiveFailures: 0, probes: 6 });
    expect(rules.armedTimers(def, state)).toEqual([{ kind: 'AFTER_CARE_END', at: T0 + 70 * S }]);
    expect(rules.fireTimer(def, state, { kind: 'AFTER_CARE_END', at: T0 + 70 * S }, T0 + 70 * S, {}).map((e) => e.type)).toEqual(['AFTER_CARE_ENDED']);
    expect(rules.armedTimers(def, state)).toEqual([]);
    expect(rules.closeAfterCare.validate(def, state, { actor: leader, reason: 'x' }, T0)).toMatchObject({ rule: 'noAfterCare' });
  });

  it('a probe dondoc could not make neither counts as a failure nor clears one', () => {
    const { def, state } = done({ every: 10, duration: 60, failuresToRegress: 2 });
    const unavailable = { ok: false, reasons: [{ code: 'CHECK_UNAVAILABLE' }] };
    expect(probe(def, state, down)).toEqual(['AFTER_CARE_CHECKED']);
    expect(probe(def, state, unavailable)).toEqual(['AFTER_CARE_CHECKED']);
    expect(state.afterCare).toMatchObject({ consecutiveFailures: 1, lastOk: false, probes: 2, regressed: false });
    expect(probe(def, state, down)).toEqual(['AFTER_CARE_CHECKED', 'REGRESSED']);
  });

  it('slots missed while no worker ran are not probed back to back: one probe counts for them, the schedule keeps its beat', () => {
    const { def, state } = done({ every: 10, duration: 60, failuresToRegress: 2 });
    // Due at T0+20s; the worker is back at T0+47s: the slots at 30s and 40s have passed too.
    const late = rules.fireTimer(def, state, { kind: 'AFTER_CARE_PROBE', at: T0 + 20 * S }, T0 + 47 * S, { probe: ok, skipMissedProbes: true });
    expect(late.map((e) => [e.type, e.data.probe, e.data.missed])).toEqual([['AFTER_CARE_CHECKED', 1, 2]]);
    expect(rules.armedTimers(def, state)).toEqual([{ kind: 'AFTER_CARE_PROBE', at: T0 + 50 * S }, { kind: 'AFTER_CARE_END', at: T0 + 70 * S }]);
    // On time, nothing is missed; exactly on the next slot, that slot is still ahead.
    expect(rules.fireTimer(def, state, { kind: 'AFTER_CARE_PROBE', at: T0 + 50 * S }, T0 + 50 * S, { probe: ok, skipMissedProbes: true })[0].data).not.toHaveProperty('missed');
    expect(state.afterCare!.nextAt).toBe(T0 + 60 * S);
    // Histories recorded before the rule replay as they ran: every slot in turn.
    const old = done({ every: 10, duration: 60, failuresToRegress: 2 }).state;
    rules.fireTimer(def, old, { kind: 'AFTER_CARE_PROBE', at: T0 + 20 * S }, T0 + 47 * S, { probe: ok });
    expect(old.afterCare!.nextAt).toBe(T0 + 30 * S);
  });

  it('an administrator closes after-care early with a reason', () => {
    const { def, state } = done({ every: 10, duration: 60, failuresToRegress: 2 });
    expect(rules.closeAfterCare.validate(def, state, { actor: leader, reason: 'sản phẩm đã bàn giao' }, T0)).toBeNull();
    const events = rules.closeAfterCare.apply(def, state, { actor: leader, reason: 'sản phẩm đã bàn giao' }, T0 + 15 * S);
    expect(events.map((e) => [e.type, e.data.reason])).toEqual([['AFTER_CARE_CLOSED', 'sản phẩm đã bàn giao']]);
    expect(rules.armedTimers(def, state)).toEqual([]);
  });
});

describe('evidence rules', () => {
  it.each([
    [{ baseline: 10, target: 20, achieved: 25, direction: 'INCREASE' as const }, []],
    [{ baseline: 10, target: 20, achieved: 20, direction: 'INCREASE' as const }, []],
    [{ baseline: 10, target: 20, achieved: 15, direction: 'INCREASE' as const }, ['TARGET_NOT_REACHED']],
    [{ baseline: 30, target: 20, achieved: 18, direction: 'DECREASE' as const }, []],
    [{ baseline: 30, target: 20, achieved: 21, direction: 'DECREASE' as const }, ['TARGET_NOT_REACHED']],
    [{ baseline: 30, target: 40, achieved: 50, direction: 'DECREASE' as const }, ['WRONG_DIRECTION']],
  ])('measurable effect %o → %o', (effect, codes) => {
    expect(effectReasons(effect).map((r) => r.code)).toEqual(codes);
  });

  it('real users: below the template minimum fails, at or above it passes', () => {
    const plan = task().plan;
    expect(usersReasons(plan, 9)).toEqual([{ code: 'BELOW_MINIMUM', params: { value: 9, minimum: 10 } }]);
    expect(usersReasons(plan, 10)).toEqual([]);
    expect(usersReasons({ ...plan, minActiveUsers: null }, 0)).toEqual([]);
  });
});

describe('evidence rules: what a submission must hold, whoever submits it', () => {
  const product = { url: 'https://cong.example.vn' };
  const users = { metricsUrl: 'https://cong.example.vn/metrics', jsonPointer: '/active', periodFrom: '2026-01-01', periodTo: '2026-03-31' };
  const effect = { kpi: 'Hồ sơ trực tuyến', unit: '%', baseline: 10, target: 50, achieved: 60, direction: 'INCREASE' as const, method: 'Thống kê' };
  const strict = { verification: { probeCount: 1, probeWindow: 0, maxLatencyMs: 1000, allowAttestedUsers: false } };

  it('accepts a submission of every required criterion, each checkable', () => {
    expect(evidenceProblems(task(), { operatingProduct: product, realUsers: users })).toEqual([]);
  });

  it('refuses documents alone, and nothing else beside it', () => {
    expect(evidenceProblems(task(), { supportingDocuments: [{ title: 'Kế hoạch', kind: 'PLAN' }] })).toEqual([{ field: 'evidence', rule: 'documentsOnly' }]);
  });

  it('names every problem with its field: missing criteria, no checksum or count, no source, an attestation the template refuses, a source without its pointer, a period backwards, the KPI the wrong way', () => {
    const def = task({ ...strict, requiredCriteria: ['OPERATING_PRODUCT', 'REAL_USERS', 'MEASURABLE_EFFECT'], kpiDirection: 'DECREASE' });
    expect(
      evidenceProblems(def, {
        verifiedData: { datasetUrl: 'https://x/data.csv' },
        realUsers: { periodFrom: '2026-03-31', periodTo: '2026-01-01' },
        measurableEffect: { ...effect, sourceUrl: 'https://x/kpi' },
      }),
    ).toEqual([
      { field: 'operatingProduct', rule: 'required', params: { criterion: 'OPERATING_PRODUCT' } },
      { field: 'verifiedData', rule: 'checksumOrCount' },
      { field: 'realUsers', rule: 'sourceRequired' },
      { field: 'measurableEffect.sourceJsonPointer', rule: 'requiredWithSource' },
      { field: 'realUsers.periodTo', rule: 'afterFrom' },
      { field: 'measurableEffect.direction', rule: 'templateDirection', params: { direction: 'DECREASE' } },
    ]);
    expect(evidenceProblems(def, { operatingProduct: product, realUsers: { attestedActiveUsers: 50, periodFrom: '2026-01-01', periodTo: '2026-03-31' }, measurableEffect: { ...effect, direction: 'DECREASE' } })).toEqual([
      { field: 'realUsers.attestedActiveUsers', rule: 'attestationNotAllowed' },
    ]);
  });

  it('the submitEvidence Update refuses such input whatever the state, before the state is judged', () => {
    const def = task();
    const state = rules.initialState(def, []);
    rules.cancel.apply(def, state, { actor: leader, reason: 'x' }, T0);
    const args = { actor, items: { operatingProduct: product } };
    expect(rules.submitEvidence.validateInput!(def, args)).toEqual({ rule: 'invalidEvidence', problems: [{ field: 'realUsers', rule: 'required', params: { criterion: 'REAL_USERS' } }] });
    expect(rules.submitEvidence.validateInput!(def, { actor, items: { operatingProduct: product, realUsers: users } })).toBeNull();
    expect(rules.submitEvidence.validate(def, state, args, T0)).toMatchObject({ rule: 'taskClosed' });
  });
});
