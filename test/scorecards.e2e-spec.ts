import { randomUUID } from 'node:crypto';
import { DEFAULT_FORMULA, scoreQuarter, scorecardFacts, StatisticsService } from '@dondoc/tasks';
import { buildOrganisation, type Organisation } from './factories/organisation.factory';
import { fastTemplate } from './factories/task.factory';
import { startTestStack, type TestStack } from './helpers/test-stack';

/**
 * The quarterly scorecard's facts read from the tasks and their timelines as they stood at the
 * quarter's cut-off, on hand-made rows of 2026-Q3 (the statistics' state definition, the real
 * working-day calendar), scored with the default formula: the README's worked example.
 */
describe('Quarterly scorecard', () => {
  let stack: TestStack;
  let org: Organisation;
  const vn = (local: string) => new Date(`${local}+07:00`);
  const Q3 = { from: vn('2026-07-01T00:00:00'), to: vn('2026-10-01T00:00:00') };

  beforeAll(async () => {
    stack = await startTestStack();
    org = await buildOrganisation(stack);
    await stack.http().post('/api/templates').set({ Authorization: `Bearer ${org.adminToken}` }).send(fastTemplate('quy')).expect(201);
  });

  afterAll(async () => {
    await stack.close();
  });

  interface Row {
    code: string;
    unit: string;
    due: string;
    currentDue?: string;
    delivered?: string;
    completed?: string;
    cancelled?: string;
    realUsers?: string;
    /** seq, type, data, when (default: the completion, else the due time). */
    events?: [number, string, Record<string, unknown>?, string?][];
  }

  /** A task row (and its timeline entries) as the recording leaves them, without a workflow. */
  async function insert(row: Row): Promise<string> {
    const id = randomUUID();
    const [template] = await stack.dataSource.query<{ id: string }[]>(`SELECT id FROM task_templates WHERE key = 'quy' ORDER BY version DESC LIMIT 1`);
    const status = row.cancelled ? 'CANCELLED' : row.completed ? 'DONE' : 'IN_PROGRESS';
    await stack.dataSource.query(
      `INSERT INTO tasks (id, code, title, template_id, lead_unit_id, assigned_by, assigned_at, original_due_at, due_at, due_changed_at, status, delivered_at, completed_at, cancelled_at, real_users, definition, workflow_id, last_event_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, '{}'::jsonb, $16, $17)`,
      [
        id,
        row.code,
        `Nhiệm vụ ${row.code}`,
        template.id,
        org.unitIds[row.unit],
        org.userIds.admin2,
        vn('2026-06-01T09:00:00'),
        vn(row.due),
        vn(row.currentDue ?? row.due),
        row.currentDue ? vn('2026-09-10T09:00:00') : null,
        status,
        row.delivered ? vn(row.delivered) : null,
        row.completed ? vn(row.completed) : null,
        row.cancelled ? vn(row.cancelled) : null,
        row.realUsers ?? null,
        `task-${id}`,
        row.events?.length ?? 0,
      ],
    );
    for (const [seq, type, data, when] of row.events ?? []) {
      await stack.dataSource.query(`INSERT INTO task_events (task_id, seq, type, at, to_status, data) VALUES ($1, $2, $3, $4, 'IN_PROGRESS', $5)`, [id, seq, type, vn(when ?? row.completed ?? row.due), data ?? {}]);
    }
    return id;
  }

  it('reads each task as it stood at the cut-off and reproduces the worked example (43.91 / 70)', async () => {
    const ids = {
      // Delivered the day before its due time, verified.
      T1: await insert({ code: 'Q3-T1', unit: 'HN-X001', due: '2026-07-15T10:00:00', delivered: '2026-07-14T15:00:00', completed: '2026-07-16T09:00:00', realUsers: 'verified', events: [[5, 'EVIDENCE_ACCEPTED']] }),
      // Due Monday 3 August 17:00, delivered Wednesday 12 August: 7 working days late; rejected once, real users attested.
      T2: await insert({
        code: 'Q3-T2',
        unit: 'HN-X001',
        due: '2026-08-03T17:00:00',
        delivered: '2026-08-12T17:00:00',
        completed: '2026-08-13T09:00:00',
        realUsers: 'attested',
        events: [[4, 'EVIDENCE_REJECTED', {}, '2026-08-11T10:00:00'], [6, 'CRITERION_ATTESTED', {}, '2026-08-12T17:00:00'], [7, 'EVIDENCE_ACCEPTED']],
      }),
      // Late against 15 September, on time against the 25 September a leader granted for an objective cause; regressed after.
      T3: await insert({
        code: 'Q3-T3',
        unit: 'HN-X001',
        due: '2026-09-15T17:00:00',
        currentDue: '2026-09-25T17:00:00',
        delivered: '2026-09-18T10:00:00',
        completed: '2026-09-18T16:00:00',
        realUsers: 'verified',
        events: [[3, 'EXTENSION_APPROVED', { objectiveCause: true, newDueAt: vn('2026-09-25T17:00:00').toISOString() }, '2026-09-10T09:00:00'], [8, 'EVIDENCE_ACCEPTED'], [9, 'REGRESSED', {}, '2026-09-28T09:00:00']],
      }),
      // Due 22 September, never done: overdue at the cut-off.
      T4: await insert({ code: 'Q3-T4', unit: 'HN-X001', due: '2026-09-22T17:00:00', events: [[2, 'OVERDUE']] }),
    };
    // Not counted: cancelled, due in the next quarter, another province's.
    await insert({ code: 'Q3-T5', unit: 'HN-X001', due: '2026-08-20T17:00:00', cancelled: '2026-08-01T09:00:00' });
    await insert({ code: 'Q3-T6', unit: 'HN-X001', due: '2026-10-05T17:00:00' });
    await insert({ code: 'Q3-T7', unit: 'HP-X001', due: '2026-08-20T17:00:00' });

    const cutOff = Q3.to;
    const calendar = await stack.api.get(StatisticsService).calendarAt(cutOff);
    const facts = await scorecardFacts(stack.dataSource.manager, calendar, { withinUnitId: org.unitIds.HN }, Q3, cutOff);
    expect(facts.map((f) => f.code)).toEqual(['Q3-T1', 'Q3-T2', 'Q3-T3', 'Q3-T4']);
    expect(facts.map(({ code, completed, evidence, rejections, regressions, late, workingDaysLate, excused }) => ({ code, completed, evidence, rejections, regressions, late, workingDaysLate, excused }))).toEqual([
      { code: 'Q3-T1', completed: true, evidence: 'verified', rejections: 0, regressions: 0, late: false, workingDaysLate: 0, excused: false },
      { code: 'Q3-T2', completed: true, evidence: 'attested', rejections: 1, regressions: 0, late: true, workingDaysLate: 7, excused: false },
      { code: 'Q3-T3', completed: true, evidence: 'verified', rejections: 0, regressions: 1, late: true, workingDaysLate: 3, excused: true },
      { code: 'Q3-T4', completed: false, evidence: null, rejections: 0, regressions: 0, late: true, workingDaysLate: 7, excused: false },
    ]);
    // Every line points at real timeline entries of its task.
    expect(facts[1].events).toEqual([
      { taskId: ids.T2, seq: 4, type: 'EVIDENCE_REJECTED' },
      { taskId: ids.T2, seq: 6, type: 'CRITERION_ATTESTED' },
      { taskId: ids.T2, seq: 7, type: 'EVIDENCE_ACCEPTED' },
    ]);
    expect(facts[2].events.map((e) => e.type)).toEqual(['EXTENSION_APPROVED', 'EVIDENCE_ACCEPTED', 'REGRESSED']);

    const result = scoreQuarter(DEFAULT_FORMULA, facts, 27);
    expect(result).toMatchObject({ tasksDue: 4, late: 2, results: 43.91, total: 70.91, band: 'NOT_COMPLETED', bandCapped: true });
    expect(result.progress.tasks.map((t) => t.points)).toEqual([6.25, 3.13, 6.25, 0]);

    // The commune alone counts the same four; the other province's commune only its own.
    expect((await scorecardFacts(stack.dataSource.manager, calendar, { unitIds: [org.unitIds['HN-X001']] }, Q3, cutOff)).length).toBe(4);
    expect((await scorecardFacts(stack.dataSource.manager, calendar, { unitIds: [org.unitIds['HP-X001']] }, Q3, cutOff)).map((f) => f.code)).toEqual(['Q3-T7']);
    // At an earlier cut-off T2 had not been delivered yet: overdue, not done.
    const early = await scorecardFacts(stack.dataSource.manager, await stack.api.get(StatisticsService).calendarAt(vn('2026-08-10T00:00:00')), { withinUnitId: org.unitIds.HN }, Q3, vn('2026-08-10T00:00:00'));
    expect(early.find((f) => f.code === 'Q3-T2')).toMatchObject({ completed: false, late: true, rejections: 0 });
  });
});
