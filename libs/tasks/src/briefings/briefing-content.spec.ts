import type { StatisticsRowDto } from '../statistics/statistics.dto';
import type { BriefingContentDto, BriefingFiguresDto } from './briefing.dto';
import { changesByUnit, emptyChanges, emptyFigures, nextPending, partOf, pendingRequests, scopeTotalsOf, type TimelineEntry } from './briefing-content';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe(changesByUnit.name, () => {
  it('counts each change once per unit under its name, and leaves out what the pack does not report', () => {
    const changes = changesByUnit([
      { unitId: A, kind: 'NEW', n: 3 },
      { unitId: A, kind: 'DONE_ON_TIME', n: 1 },
      { unitId: A, kind: 'DONE_LATE', n: 2 },
      { unitId: A, kind: 'DONE_LATE_WITHIN_EXTENSION', n: 1 },
      { unitId: A, kind: 'NEWLY_OVERDUE', n: 2 },
      { unitId: A, kind: 'ESCALATION_PROPOSED', n: 1 },
      { unitId: A, kind: 'EXTENSION_REQUESTED', n: 2 },
      { unitId: A, kind: 'EXTENSION_APPROVED', n: 1 },
      { unitId: A, kind: 'BLOCKER_DECIDED', flag: 'true', n: 1 },
      // A blocker decided as not an objective cause is no confirmation; reminders are not changes.
      { unitId: A, kind: 'BLOCKER_DECIDED', flag: 'false', n: 4 },
      { unitId: A, kind: 'REMINDER', n: 40 },
      { unitId: B, kind: 'EXPLANATION_REQUESTED', n: 1 },
      { unitId: B, kind: 'EXPLANATION_UNANSWERED', n: 1 },
      { unitId: B, kind: 'REGRESSED', n: 1 },
      { unitId: B, kind: 'AFTER_CARE_CHECKED', n: 12 },
    ]);
    expect(changes.get(A)).toEqual({
      ...emptyChanges(),
      newTasks: 3,
      completedOnTime: 1,
      completedLate: 2,
      completedLateWithinExtension: 1,
      newlyOverdue: 2,
      escalationsRaised: 1,
      extensionsRequested: 2,
      extensionsGranted: 1,
      blockersConfirmed: 1,
    });
    expect(changes.get(B)).toEqual({ ...emptyChanges(), explanationsRequested: 1, explanationsUnanswered: 1, regressions: 1 });
    expect(changesByUnit([{ unitId: A, kind: 'REMINDER', n: 3 }]).size).toBe(0);
  });
});

describe(pendingRequests.name, () => {
  let seq = 0;
  const entry = (type: string, data: Record<string, unknown>, at: string, actorId: string | null = 'u-officer'): TimelineEntry => ({ seq: ++seq, type, at, actorId, data });

  it('reads what waits at the cut-off from the timeline: requests without their decision, oldest first', () => {
    const pending = pendingRequests([
      entry('ESCALATION_PROPOSED', { proposalId: 'P3', level: 2, deciders: ['u-head-hn'], decider: 'PARENT_HEAD' }, '2026-11-02T01:00:00.000Z', null),
      entry('ESCALATION_APPROVED', { proposalId: 'P3', level: 2 }, '2026-11-03T01:00:00.000Z', 'u-head-hn'),
      entry('ESCALATION_PROPOSED', { proposalId: 'P6', level: 3, deciders: ['u-lead-bcd'], decider: 'STEERING_COMMITTEE' }, '2026-11-09T01:00:00.000Z', null),
      entry('EXPLANATION_REQUESTED', { requestId: 'X4', question: 'Vì sao?' }, '2026-11-03T01:00:00.000Z', 'u-head-hn'),
      entry('BEYOND_AUTHORITY_RAISED', { requestId: 'B7', reason: 'Cần cơ chế' }, '2026-11-10T01:00:00.000Z'),
      entry('EVIDENCE_SUBMITTED', { evidenceId: 'V8', reviewers: ['u-reviewer'] }, '2026-11-11T01:00:00.000Z'),
      entry('EVIDENCE_REJECTED', { evidenceId: 'V8' }, '2026-11-12T01:00:00.000Z', 'u-reviewer'),
      entry('BLOCKER_DECLARED', { blockerId: 'BL9', reason: 'Chờ số liệu' }, '2026-11-12T02:00:00.000Z'),
    ]);
    expect(pending.map((p) => [p.kind, p.requestId, p.people])).toEqual([
      ['ANSWER_EXPLANATION', 'X4', []],
      ['DECIDE_ESCALATION', 'P6', ['u-lead-bcd']],
      ['DECIDE_BEYOND_AUTHORITY', 'B7', []],
      ['DECIDE_BLOCKER', 'BL9', []],
    ]);
    expect(pending[1]).toMatchObject({ level: 3, decider: 'STEERING_COMMITTEE', by: null, since: '2026-11-09T01:00:00.000Z' });
    expect(pending[2]).toMatchObject({ by: 'u-officer', reason: 'Cần cơ chế' });
    // Others decide first: the escalation level before the matter beyond authority and the unit's own answer.
    expect(nextPending(pending)?.requestId).toBe('P6');
    expect(nextPending([])).toBeNull();
  });

  it('drops pending escalation levels an extension supersedes, as the workflow does', () => {
    const pending = pendingRequests([
      entry('ESCALATION_PROPOSED', { proposalId: 'P2', level: 2, deciders: ['u-head'] }, '2026-11-02T01:00:00.000Z', null),
      entry('EXTENSION_REQUESTED', { requestId: 'E3', reason: 'Thêm thời gian' }, '2026-11-03T01:00:00.000Z'),
      entry('EXTENSION_APPROVED', { requestId: 'E3' }, '2026-11-04T01:00:00.000Z', 'u-leader'),
      entry('BEYOND_AUTHORITY_RAISED', { requestId: 'B5', reason: 'x' }, '2026-11-05T01:00:00.000Z'),
      entry('BEYOND_AUTHORITY_DECIDED', { requestId: 'B5', decision: 'DIRECTION' }, '2026-11-06T01:00:00.000Z', 'u-leader'),
      entry('EVIDENCE_SUBMITTED', { evidenceId: 'V7', reviewers: ['u-reviewer'] }, '2026-11-07T01:00:00.000Z'),
    ]);
    expect(pending.map((p) => [p.kind, p.requestId, p.people])).toEqual([['REVIEW_EVIDENCE', 'evidence', ['u-reviewer']]]);
  });
});

describe(partOf.name, () => {
  const unit = (id: string, code: string) => ({ id, code, nameVi: `Đơn vị ${code}`, nameEn: null, level: 'commune' as const });
  const figures = (total: number, overdue: number, doneOnTime: number): BriefingFiguresDto => ({
    ...emptyFigures(),
    total,
    original: { doneOnTime, doneLate: 0, inProgressWithinDeadline: total - overdue - doneOnTime, overdue, doneOnTimeDue: doneOnTime },
    current: { doneOnTime, doneLate: 0, inProgressWithinDeadline: total - overdue - doneOnTime, overdue, doneOnTimeDue: doneOnTime },
  });
  const content = {
    statistics: { totals: { total: 7 } as StatisticsRowDto, firstLevel: [{ unit: unit(A, 'A'), total: 4 } as StatisticsRowDto, { unit: unit(B, 'B'), total: 3 } as StatisticsRowDto] },
    changes: { totals: { ...emptyChanges(), newTasks: 2 }, firstLevel: [{ unit: unit(A, 'A'), rollsUp: true, changes: { ...emptyChanges(), newTasks: 1 } }, { unit: unit(B, 'B'), rollsUp: true, changes: { ...emptyChanges(), newTasks: 1 } }] },
    units: [
      { unit: unit(A, 'A'), firstLevelUnitId: A, figures: figures(4, 1, 2), changes: { ...emptyChanges(), newTasks: 1 } },
      { unit: unit(B, 'B'), firstLevelUnitId: B, figures: figures(3, 3, 0), changes: { ...emptyChanges(), newTasks: 1 } },
    ],
    mostOverdue: [{ code: 'T-B', unit: unit(B, 'B') }, { code: 'T-A', unit: unit(A, 'A') }],
    decisions: [{ requestId: 'B1', unit: unit(B, 'B') }],
    heads: [{ person: { id: 'h', name: 'H', email: 'h@x' }, unit: unit(B, 'B') }, { person: { id: 'n', name: 'N', email: 'n@x' }, unit: null }],
  } as unknown as BriefingContentDto;

  it('keeps what concerns the reader’s units and no whole-scope total', () => {
    const part = partOf(content, (id) => id === A);
    expect(part.statistics).toEqual({ totals: null, firstLevel: [content.statistics.firstLevel[0]] });
    expect(part.changes.totals).toBeNull();
    expect(part.changes.firstLevel.map((r) => r.unit.code)).toEqual(['A']);
    expect(part.units.map((l) => l.unit.code)).toEqual(['A']);
    expect(part.mostOverdue.map((t) => t.code)).toEqual(['T-A']);
    expect(part.decisions).toEqual([]);
    expect(part.heads).toEqual([]);
  });

  it('adds the units’ own figures into the reader’s totals, with the official percentages', () => {
    const all = scopeTotalsOf(content.units);
    expect(all.total).toBe(7);
    expect(all.original).toMatchObject({ doneOnTime: 2, overdue: 4, inProgressWithinDeadline: 1, alreadyDue: 6 });
    expect(all.original.percentOfAll.overdue).toBe(57.1);
    expect(all.original.percentOfDue).toEqual({ doneOnTime: 33.3, doneLate: 0, overdue: 66.7 });
    expect(all.changes.newTasks).toBe(2);
    const mine = scopeTotalsOf(partOf(content, (id) => id === A).units);
    expect(mine).toMatchObject({ total: 4, original: { overdue: 1, percentOfAll: { overdue: 25 } } });
  });
});
