import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  acknowledgeUpdate,
  cancelUpdate,
  closeAfterCareUpdate,
  reportProgressUpdate,
  reviewEvidenceUpdate,
  snapshotQuery,
  submitEvidenceUpdate,
  type EvidenceActivities,
  type TaskActivities,
  type TaskEvent,
  type TaskSnapshot,
  type TaskWorkflowInput,
} from '@dondoc/workflows/task/task.types';
import { checksTaskQueue } from '../../workflows/task/task-activities.types';
import { taskDefinition } from '../factories/task-definition.factory';
import { eventually } from '../helpers/eventually';
import { useWorkflowTestServer } from '../helpers/workflow-test-server';

/** The task workflow on a real Temporal server with a real Worker; its activities are mocks that record what they are given. */
describe('taskLifecycleWorkflow', () => {
  const { client, newTaskQueue, withWorker } = useWorkflowTestServer();

  /** Mocked activities recording every call in order. */
  function recorder() {
    const calls: { events: TaskEvent[]; snapshot: TaskSnapshot }[] = [];
    const activities = {
      resolveDeciders: jest.fn(async () => ['admin-1']),
      recordTaskEvents: jest.fn(async (input: { workflowId: string; events: TaskEvent[]; snapshot: TaskSnapshot }) => {
        calls.push({ events: input.events, snapshot: JSON.parse(JSON.stringify(input.snapshot)) as TaskSnapshot });
        await new Promise((resolve) => setTimeout(resolve, 20)); // long enough for actions to pile up
      }),
    } satisfies TaskActivities;
    return { calls, activities };
  }

  const actor = { id: 'officer-1', name: 'Cán bộ', requestId: null };

  it('records ASSIGNED first even when an action arrives with the start', async () => {
    const { calls, activities } = recorder();
    const task = taskDefinition();
    await withWorker(activities, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task } satisfies TaskWorkflowInput] });
      await handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: 'ngay lập tức' }] });
      await handle.result();
    });
    expect(calls.flatMap((c) => c.events.map((e) => `${e.seq} ${e.type}`))).toEqual(['1 ASSIGNED', '2 CANCELLED']);
  });

  it('serialises concurrent actions: gapless sequence, each record carrying the state after its events', async () => {
    const { calls, activities } = recorder();
    const task = taskDefinition();
    await withWorker(activities, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor }] });
      await Promise.all([10, 20, 30, 40, 50].map((percent) => handle.executeUpdate(reportProgressUpdate, { args: [{ actor, percent, note: `${percent}%` }] })));
      const snapshot = await handle.query(snapshotQuery);
      expect(snapshot.state.seq).toBe(7);
      await handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: 'xong' }] });
    });
    const seqs = calls.flatMap((c) => c.events.map((e) => e.seq));
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const call of calls) expect(call.snapshot.state.seq).toBe(call.events[call.events.length - 1].seq);
  });

  it('refuses an action the state does not allow, in the validator, without recording anything', async () => {
    const { calls, activities } = recorder();
    const task = taskDefinition();
    await withWorker(activities, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor }] });
      const error = await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'TaskActionRefused', details: [{ rule: 'alreadyAcknowledged' }] });
      await handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: 'xong' }] });
    });
    expect(calls.flatMap((c) => c.events.map((e) => e.type))).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'CANCELLED']);
  });

  it('refuses text no database can store (NUL, a lone surrogate) in the validator, whoever calls the Update', async () => {
    const { calls, activities } = recorder();
    const task = taskDefinition();
    await withWorker(activities, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      for (const note of ['a\u0000b', '\ud800x']) {
        const error = await handle.executeUpdate(reportProgressUpdate, { args: [{ actor, percent: 10, note }] }).catch((e: unknown) => e);
        expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'TaskActionRefused', details: [{ rule: 'invalidText', field: 'note' }] });
      }
      await handle.executeUpdate(reportProgressUpdate, { args: [{ actor, percent: 10, note: 'dòng 1\ndòng 2' }] });
      await handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: 'xong' }] });
    });
    expect(calls.flatMap((c) => c.events.map((e) => e.type))).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'PROGRESS_REPORTED', 'CANCELLED']);
  });

  it('refuses evidence that breaks its rules in the validator, whoever calls the Update, naming each problem with its field', async () => {
    const { calls, activities } = recorder();
    const task = taskDefinition({ plan: { requiredCriteria: ['OPERATING_PRODUCT', 'REAL_USERS'], verification: { probeCount: 1, probeWindow: 0, maxLatencyMs: 1_000, allowAttestedUsers: false } } });
    await withWorker(activities, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      const refusal = (items: object) => handle.executeUpdate(submitEvidenceUpdate, { args: [{ actor, items }] }).then(() => null, (e: unknown) => (e as WorkflowUpdateFailedError).cause);
      expect(await refusal({ supportingDocuments: [{ title: 'Kế hoạch', kind: 'PLAN' }] })).toMatchObject({ type: 'TaskActionRefused', details: [{ rule: 'invalidEvidence', problems: [{ field: 'evidence', rule: 'documentsOnly' }] }] });
      expect(await refusal({ operatingProduct: { url: 'https://cong.example.vn' }, realUsers: { attestedActiveUsers: 40, periodFrom: '2026-03-31', periodTo: '2026-01-01' } })).toMatchObject({
        details: [{ rule: 'invalidEvidence', problems: [{ field: 'realUsers.attestedActiveUsers', rule: 'attestationNotAllowed' }, { field: 'realUsers.periodTo', rule: 'afterFrom' }] }],
      });
      await handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: 'xong' }] });
    });
    expect(calls.flatMap((c) => c.events.map((e) => e.type))).toEqual(['ASSIGNED', 'CANCELLED']);
  });

  it('an event whose data the database refuses jams nothing: the action is refused and undone, the timers keep recording', async () => {
    const { calls, activities } = recorder();
    const record = activities.recordTaskEvents;
    let refused = 0;
    const poisoned = {
      ...activities,
      recordTaskEvents: jest.fn(async (input: { workflowId: string; events: TaskEvent[]; snapshot: TaskSnapshot }) => {
        if (input.events.some((e) => e.data.note === 'POISON')) {
          refused++;
          throw ApplicationFailure.create({ type: 'DataRejected', message: 'invalid byte sequence for encoding "UTF8": 0x00', nonRetryable: true });
        }
        return record(input);
      }),
    } satisfies TaskActivities;
    const task = taskDefinition({ dueInMs: 6_000, plan: { reminderOffsets: [2] } });
    await withWorker(poisoned, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      const error = await handle.executeUpdate(reportProgressUpdate, { args: [{ actor, percent: 50, note: 'POISON' }] }).catch((e: unknown) => e);
      expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'TaskActionRefused', details: [{ rule: 'recordRejected' }] });
      const after = await handle.query(snapshotQuery);
      expect(after.state).toMatchObject({ seq: 1, status: 'ASSIGNED', progress: null, acknowledgedAt: null });
      // The task still answers, and its timers still fire and record.
      await handle.executeUpdate(reportProgressUpdate, { args: [{ actor, percent: 20, note: 'tiếp tục' }] });
      await eventually(() => expect(calls.flatMap((c) => c.events.map((e) => e.type))).toContain('OVERDUE'), 20_000);
      await handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: 'xong' }] });
    });
    expect(refused).toBe(1); // never retried
    const events = calls.flatMap((c) => c.events);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]); // the refused action left no gap
    expect(events.map((e) => e.type).sort()).toEqual(['ACKNOWLEDGED', 'ASSIGNED', 'CANCELLED', 'OVERDUE', 'PROGRESS_REPORTED', 'REMINDER']);
    expect(events.find((e) => e.type === 'PROGRESS_REPORTED')?.data).toMatchObject({ percent: 20, note: 'tiếp tục' });
  });

  it('fires the overdue timer at the due time and nothing after cancellation', async () => {
    const { calls, activities } = recorder();
    const task = taskDefinition({ dueInMs: 1_500, plan: { reminderOffsets: [1], ladder: [{ level: 2, afterDue: 1, decider: { type: 'PARENT_HEAD' }, openExplanation: false }] } });
    await withWorker(activities, async (taskQueue) => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId: `task-${task.taskId}`, args: [{ task }] });
      // Timers are absolute: wait for the last one rather than for a fixed time (a loaded machine is slower).
      await eventually(() => expect(calls.flatMap((c) => c.events.map((e) => e.type))).toContain('ESCALATION_PROPOSED'), 15_000, 100);
      await handle.executeUpdate(cancelUpdate, { args: [{ actor, reason: 'xong' }] });
      await handle.result();
    });
    expect(calls.flatMap((c) => c.events.map((e) => e.type))).toEqual(['ASSIGNED', 'REMINDER', 'OVERDUE', 'ESCALATION_PROPOSED', 'CANCELLED']);
  });

  it('verification survives the worker dying mid-window: a new worker finishes the remaining probes, and only then may the reviewer approve', async () => {
    const { calls, activities } = recorder();
    const probes: number[] = [];
    const queues = new Set<string>();
    const checks = {
      probeProduct: jest.fn(async (input: { index: number }) => {
        probes.push(input.index);
        queues.add(Context.current().info.taskQueue);
        return { ok: true, reasons: [] };
      }),
      verifyDataset: jest.fn(async () => ({ ok: true, reasons: [] })),
      readMetric: jest.fn(async () => ({ ok: true, reasons: [], value: 0 })),
    } satisfies EvidenceActivities;
    const task = taskDefinition({ plan: { requiredCriteria: ['OPERATING_PRODUCT'], verification: { probeCount: 4, probeWindow: 3, maxLatencyMs: 1_000, allowAttestedUsers: true } } });
    const workflowId = `task-${task.taskId}`;
    // Both workers serve the same queue: the second picks up what the first left.
    const taskQueue = newTaskQueue();
    const start = (work: () => Promise<unknown>) => withWorker({ ...activities, ...checks }, work, taskQueue);

    // The first worker takes the submission and the first probe, then stops.
    await start(async () => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId, args: [{ task }] });
      await handle.executeUpdate(submitEvidenceUpdate, { args: [{ actor, items: { operatingProduct: { url: 'https://cong.example.vn' } } }] });
      await eventually(() => expect(probes.length).toBeGreaterThanOrEqual(1), 10_000, 50);
      const early = await handle.executeUpdate(reviewEvidenceUpdate, { args: [{ actor: { ...actor, id: 'admin-1' }, approve: true, comment: null, rejections: {} }] }).catch((e: unknown) => e);
      expect((early as WorkflowUpdateFailedError).cause).toMatchObject({ details: [{ rule: 'verificationRunning' }] });
    });
    const handle = client().workflow.getHandle(workflowId);

    // A new worker picks the workflow up where it was: the remaining probes, then the result.
    await start(async () => {
      await eventually(() => expect(calls.flatMap((c) => c.events.map((e) => e.type))).toContain('EVIDENCE_VERIFIED'), 15_000, 100);
      const done = await handle.executeUpdate(reviewEvidenceUpdate, { args: [{ actor: { ...actor, id: 'admin-1' }, approve: true, comment: null, rejections: {} }] });
      expect(done.state.status).toBe('DONE');
    });
    expect([...new Set(probes)].sort()).toEqual([0, 1, 2, 3]);
    // Probes of URLs users typed run on their own queue, never in the slots that record reminders.
    expect([...queues]).toEqual([checksTaskQueue(taskQueue)]);
    expect(probes.length).toBeLessThanOrEqual(5); // at most the probe in flight when the worker stopped ran again
    const types = calls.flatMap((c) => c.events.map((e) => e.type));
    expect(types).toEqual(['ASSIGNED', 'ACKNOWLEDGED', 'EVIDENCE_SUBMITTED', 'CRITERION_VERIFIED', 'EVIDENCE_VERIFIED', 'EVIDENCE_ACCEPTED']);
  });

  it('after-care: slots missed while no worker ran are not probed back to back, and an administrator’s close does not wait for a probe in flight', async () => {
    const { calls, activities } = recorder();
    const careProbes: { at: number; input: { index: number; expectText?: string } }[] = [];
    let hold: Promise<void> | undefined; // while set, an after-care probe waits for it (a slow product)
    let careProbesDone = 0;
    const checks = {
      probeProduct: jest.fn(async (input: { evidenceId: string; index: number; expectText?: string }) => {
        if (input.evidenceId !== 'AFTER-CARE') return { ok: true, reasons: [] };
        careProbes.push({ at: Date.now(), input });
        await hold;
        careProbesDone += 1;
        return { ok: true, reasons: [] };
      }),
      verifyDataset: jest.fn(async () => ({ ok: true, reasons: [] })),
      readMetric: jest.fn(async () => ({ ok: true, reasons: [], value: 0 })),
    } satisfies EvidenceActivities;
    const task = taskDefinition({
      plan: {
        verification: { probeCount: 1, probeWindow: 0, maxLatencyMs: 1_000, allowAttestedUsers: true },
        afterCare: { every: 1, duration: 120, failuresToRegress: 2 },
      },
    });
    const workflowId = `task-${task.taskId}`;
    const taskQueue = newTaskQueue();
    const start = (work: () => Promise<unknown>) => withWorker({ ...activities, ...checks }, work, taskQueue);
    const careEvents = () => calls.flatMap((c) => c.events).filter((e) => e.type === 'AFTER_CARE_CHECKED');
    const admin = { ...actor, id: 'admin-1' };

    // Done, with a product whose page must show a text; the first worker sees a probe or two, then stops.
    await start(async () => {
      const handle = await client().workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId, args: [{ task }] });
      await handle.executeUpdate(submitEvidenceUpdate, { args: [{ actor, items: { operatingProduct: { url: 'https://cong.example.vn', expectText: 'Cổng dịch vụ công' } } }] });
      await eventually(() => expect(calls.flatMap((c) => c.events.map((e) => e.type))).toContain('EVIDENCE_VERIFIED'), 10_000, 50);
      await handle.executeUpdate(reviewEvidenceUpdate, { args: [{ actor: admin, approve: true, comment: null, rejections: {} }] });
      await eventually(() => expect(careEvents().length).toBeGreaterThanOrEqual(1), 10_000, 50);
    });
    // The after-care probe checks what the unit said its product shows, as verification did.
    expect(careProbes[0].input).toMatchObject({ index: 0, expectText: 'Cổng dịch vụ công' });
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // five slots or more pass with no worker
    const handle = client().workflow.getHandle(workflowId);

    await start(async () => {
      const before = careProbes.length;
      await eventually(() => expect(careEvents().some((e) => Number(e.data.missed) >= 3)).toBe(true), 15_000, 50);
      // The probe on return stands for the missed slots; the next keeps to the schedule.
      await eventually(() => expect(careProbes.length - before).toBeGreaterThanOrEqual(3), 10_000, 50);
      const [first, ...rest] = careProbes.slice(before).map((p) => p.at);
      expect(rest.filter((at) => at - first < 900).length).toBeLessThanOrEqual(1);

      // A probe hangs (a slow product); the administrator's close is not held up by it.
      let release!: () => void;
      hold = new Promise((resolve) => {
        const fallback = setTimeout(resolve, 10_000); // were the close to wait for the probe, it would still end, and fail below
        release = () => {
          clearTimeout(fallback);
          resolve();
        };
      });
      const started = careProbes.length;
      await eventually(() => expect(careProbes.length).toBeGreaterThan(started), 5_000, 20);
      const closed = await handle.executeUpdate(closeAfterCareUpdate, { args: [{ actor: admin, reason: 'Đã bàn giao vận hành' }] });
      expect(careProbesDone).toBeLessThan(careProbes.length); // answered while the probe was still running
      expect(closed.state.afterCare).toMatchObject({ closeReason: 'Đã bàn giao vận hành' });
      release();
      await handle.result();
    });
    // The result of the probe in flight is dropped: nothing after the close.
    const types = calls.flatMap((c) => c.events.map((e) => e.type));
    expect(types[types.length - 1]).toBe('AFTER_CARE_CLOSED');
  });
});
