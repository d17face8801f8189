import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, continueAsNew, log, patched, proxyActivities, proxyLocalActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { effectReasons, usersReasons, verificationPlan } from './evidence-rules';
import * as rules from './task-rules';
import {
  acknowledgeUpdate,
  checksTaskQueue,
  answerExplanationUpdate,
  cancelUpdate,
  closeAfterCareUpdate,
  recalculateDueUpdate,
  decideBlockerUpdate,
  declareBlockerUpdate,
  resolveBlockerUpdate,
  decideBeyondAuthorityUpdate,
  decideEscalationUpdate,
  decideExtensionUpdate,
  raiseBeyondAuthorityUpdate,
  reportProgressUpdate,
  requestExplanationUpdate,
  requestExtensionUpdate,
  reviewEvidenceUpdate,
  snapshotQuery,
  submitEvidenceUpdate,
  DATA_REJECTED,
  TASK_REFUSAL,
  type ActorRef,
  type CalendarActivities,
  type RecalculateDueArgs,
  type CheckReasonRef,
  type Criterion,
  type EvidenceActivities,
  type Refusal,
  type TaskActivities,
  type TaskEvent,
  type TaskSnapshot,
  type TaskState,
  type TaskWorkflowInput,
} from './task.types';

// Activities retry until they succeed: a database outage delays a task, it never fails it.
const remoteTaskActivities = proxyActivities<TaskActivities>({
  startToCloseTimeout: '1m',
  heartbeatTimeout: '5s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
// The same two as local activities: run by the worker inside the workflow task that needs them,
// their results written with the task's completion — one round-trip to Temporal per event instead
// of three (schedule the activity, complete it, a new workflow task). Both are idempotent (the
// recording skips events already written), so running one again after a crash changes nothing.
const localTaskActivities = proxyLocalActivities<TaskActivities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
/** Workflow change id: histories recorded before it ran the recording and the deciders as (remote) activities. */
const LOCAL_RECORDING = 'record-in-local-activities';
const taskActivities = (): TaskActivities => (patched(LOCAL_RECORDING) ? localTaskActivities : remoteTaskActivities);
const resolveDeciders: TaskActivities['resolveDeciders'] = (input) => taskActivities().resolveDeciders(input);
const recordTaskEvents: TaskActivities['recordTaskEvents'] = (input) => taskActivities().recordTaskEvents(input);

// Counting working days reads the calendar's overrides: retried like the recording activities.
const calendar = proxyActivities<CalendarActivities>({
  startToCloseTimeout: '1m',
  heartbeatTimeout: '5s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

// Checks fetch URLs that users typed: bounded in time, heartbeating, retried only for the
// worker's own failures (an unreachable product is a result, not an error).
const CHECK_OPTIONS = {
  startToCloseTimeout: '2m',
  heartbeatTimeout: '10s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 5 },
} as const;
const checksOnTaskQueue = proxyActivities<EvidenceActivities>(CHECK_OPTIONS);
/** Workflow change id: histories recorded before it scheduled the checks on the task's own queue. */
const CHECKS_QUEUE = 'evidence-checks-own-queue';
/** The checks' activities: on their own task queue (see checksTaskQueue). */
const checks = (): EvidenceActivities =>
  patched(CHECKS_QUEUE) ? proxyActivities<EvidenceActivities>({ ...CHECK_OPTIONS, taskQueue: checksTaskQueue(workflowInfo().taskQueue) }) : checksOnTaskQueue;

/** A check whose activity kept failing: the worker's own trouble (its database, say), not the product's. */
const UNAVAILABLE: CheckReasonRef = { code: 'CHECK_UNAVAILABLE' };

async function attempt<T>(run: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ActivityFailure) return fallback;
    throw error;
  }
}

const DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

/** Workflow change id: histories recorded before it made up missed after-care probes back to back. */
const SKIP_MISSED_PROBES = 'after-care-skips-missed-probes';

function refusalFailure(refusal: Refusal): ApplicationFailure {
  // The message is for operators (Temporal's UI, logs); the API renders the refusal in the reader's language.
  const params = refusal.params ? ` ${JSON.stringify(refusal.params)}` : '';
  const problems = refusal.problems ? `: ${refusal.problems.map((p) => `${p.field} ${p.rule}`).join(', ')}` : '';
  return ApplicationFailure.create({ type: TASK_REFUSAL, message: `${refusal.rule}${params}${problems}`, nonRetryable: true, details: [refusal] });
}

/**
 * One task, from assignment to completion or cancellation. It owns every timer (reminders,
 * the due time, the escalation ladder, decision reminders, explanation deadlines) and every
 * transition; each human action is an Update whose validator refuses what the state does not
 * allow. Every change is recorded (row, timeline, audit, notifications) by an idempotent
 * activity, numbered by the task's event sequence.
 */
export async function taskLifecycleWorkflow(input: TaskWorkflowInput): Promise<TaskSnapshot> {
  const { task } = input;
  // A state carried over by continue-as-new may have been written by older code: brought to this code's shape.
  const state: TaskState = input.state ? rules.upcastTaskState(input.state) : rules.initialState(task, []);
  // A new task holds the lock until its ASSIGNED event is recorded: no action may come first.
  let busy = !input.state;

  /** Timers and actions take turns: none sees the state half-changed by another. */
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    // Several may be woken by the same release: only the first to run takes the lock.
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  }

  const snapshot = (): TaskSnapshot => ({ task, state, runId: workflowInfo().runId });

  function restore(previous: TaskState): void {
    for (const key of Object.keys(state) as (keyof TaskState)[]) if (!(key in previous)) delete state[key];
    Object.assign(state, previous);
  }

  /**
   * Records events; false when the database refused their data (the activity does not retry
   * that): the task goes on — its timers keep firing and recording — rather than jam on one event.
   */
  async function record(events: TaskEvent[]): Promise<boolean> {
    if (events.length === 0) return true;
    try {
      await recordTaskEvents({ workflowId: workflowInfo().workflowId, events, snapshot: snapshot() });
      return true;
    } catch (error) {
      // A remote activity's failure comes wrapped in an ActivityFailure; a local activity's as it was thrown.
      const failure = error instanceof ActivityFailure ? error.cause : error;
      if (!(failure instanceof ApplicationFailure && failure.type === DATA_REJECTED)) throw error;
      log.error('task events not recorded: the database refused their data', { seq: events.map((e) => e.seq), error: failure.message });
      return false;
    }
  }

  /**
   * `then` runs once the action is recorded; `settle`, between the action and its record, given the
   * due time before the action (what it returns is awaited, so the record holds what it set).
   */
  function bind<Args extends { actor: ActorRef }>(
    definition: UpdateDefinition<TaskSnapshot, [Args]>,
    action: rules.Action<Args>,
    then?: () => void,
    settle?: (dueBefore: number) => Promise<void> | undefined,
  ): void {
    setHandler(
      definition,
      (args: Args) =>
        exclusive(async () => {
          // Checked again: another action may have changed the state since the validator ran.
          const refusal = action.validate(task, state, args, Date.now());
          if (refusal) throw refusalFailure(refusal);
          const before = JSON.stringify(state);
          const dueBefore = state.dueAt;
          const events = action.apply(task, state, args, Date.now());
          // Awaited only when there is something to wait for: other actions run as they always did.
          const settling = settle?.(dueBefore);
          if (settling) await settling;
          if (!(await record(events))) {
            // Nothing of the action is kept: the state goes back to what the record holds.
            restore(JSON.parse(before) as TaskState);
            throw refusalFailure({ rule: 'recordRejected' });
          }
          then?.();
          return snapshot();
        }),
      {
        // Only the validator judges the input: accepted updates replay through the handler unchanged.
        validator: (args: Args) => {
          const refusal = rules.invalidInput(args) ?? action.validateInput?.(task, args) ?? action.validate(task, state, args, Date.now());
          if (refusal) throw refusalFailure(refusal);
        },
      },
    );
  }

  let verifying = 0;

  /**
   * Checks each criterion of a submission with the worker's activities (never in the API): the
   * product is probed several times over the template's window (all must be healthy), the dataset
   * downloaded and compared, the metrics read. Each result enters the timeline; then the evidence
   * awaits the reviewer, or goes back to the unit if a check failed. A newer submission makes the
   * results of this one irrelevant.
   */
  async function verify(evidenceId: string): Promise<void> {
    verifying += 1;
    try {
      const evidence = rules.verifiable(state, evidenceId);
      if (!evidence) return;
      const items = evidence.items;
      const plan = verificationPlan(task.plan);
      const open = (criterion: Criterion) => ['pending', 'verifying'].includes(evidence.criteria[criterion]?.status ?? '');
      const finish = (criterion: Criterion, outcome: { status: 'verified' | 'failed' | 'attested'; reasons: CheckReasonRef[]; value?: number | null }) =>
        exclusive(async () => {
          await record(rules.finishCheck(state, evidenceId, criterion, outcome, Date.now()));
        });
      const jobs: Promise<void>[] = [];
      const product = items.operatingProduct;
      if (product && open('OPERATING_PRODUCT')) {
        jobs.push(
          (async () => {
            rules.startCheck(state, evidenceId, 'OPERATING_PRODUCT', Date.now());
            const probes = evidence.criteria.OPERATING_PRODUCT!.probes!;
            const interval = plan.probeCount > 1 ? (plan.probeWindow * 1_000) / (plan.probeCount - 1) : 0;
            for (let index = probes.done; index < plan.probeCount; index++) {
              if (index > 0) await sleep(interval);
              if (!rules.verifiable(state, evidenceId)) return;
              const result = await attempt(
                () => checks().probeProduct({ taskId: task.taskId, evidenceId, index, url: product.url, maxLatencyMs: plan.maxLatencyMs, expectText: product.expectText, expectJsonPointer: product.expectJsonPointer, expectJsonValue: product.expectJsonValue }),
                { ok: false, reasons: [UNAVAILABLE] },
              );
              rules.countProbe(state, evidenceId, result.ok);
              if (!result.ok) return finish('OPERATING_PRODUCT', { status: 'failed', reasons: result.reasons });
            }
            await finish('OPERATING_PRODUCT', { status: 'verified', reasons: [] });
          })(),
        );
      }
      const data = items.verifiedData;
      if (data && open('VERIFIED_DATA')) {
        jobs.push(
          (async () => {
            rules.startCheck(state, evidenceId, 'VERIFIED_DATA', Date.now());
            const result = await attempt(
              () => checks().verifyDataset({ taskId: task.taskId, evidenceId, url: data.datasetUrl, sha256: data.sha256, recordCount: data.recordCount, format: data.format, jsonPointer: data.jsonPointer }),
              { ok: false, reasons: [UNAVAILABLE] },
            );
            await finish('VERIFIED_DATA', { status: result.ok ? 'verified' : 'failed', reasons: result.reasons });
          })(),
        );
      }
      const users = items.realUsers;
      if (users && open('REAL_USERS')) {
        jobs.push(
          (async () => {
            rules.startCheck(state, evidenceId, 'REAL_USERS', Date.now());
            if (users.attestedActiveUsers !== undefined) {
              // A figure attested by the head of the unit: accepted, but marked as such everywhere.
              const reasons = usersReasons(task.plan, users.attestedActiveUsers);
              return finish('REAL_USERS', { status: reasons.length ? 'failed' : 'attested', reasons, value: users.attestedActiveUsers });
            }
            const result = await attempt(() => checks().readMetric({ taskId: task.taskId, evidenceId, criterion: 'REAL_USERS', url: users.metricsUrl!, jsonPointer: users.jsonPointer ?? '' }), {
              ok: false,
              value: null,
              reasons: [UNAVAILABLE],
            });
            const reasons = result.ok ? usersReasons(task.plan, result.value!) : result.reasons;
            await finish('REAL_USERS', { status: reasons.length ? 'failed' : 'verified', reasons, value: result.value });
          })(),
        );
      }
      const effect = items.measurableEffect;
      if (effect && open('MEASURABLE_EFFECT')) {
        jobs.push(
          (async () => {
            rules.startCheck(state, evidenceId, 'MEASURABLE_EFFECT', Date.now());
            let achieved = effect.achieved;
            const source = effect.sourceUrl;
            if (source) {
              // The achieved value is read at its source, not taken from the form.
              const result = await attempt(
                () => checks().readMetric({ taskId: task.taskId, evidenceId, criterion: 'MEASURABLE_EFFECT', url: source, jsonPointer: effect.sourceJsonPointer ?? '' }),
                { ok: false, value: null, reasons: [UNAVAILABLE] },
              );
              if (!result.ok) return finish('MEASURABLE_EFFECT', { status: 'failed', reasons: result.reasons, value: null });
              achieved = result.value!;
            }
            const reasons = effectReasons({ ...effect, achieved });
            await finish('MEASURABLE_EFFECT', { status: reasons.length ? 'failed' : 'verified', reasons, value: achieved });
          })(),
        );
      }
      await Promise.all(jobs);
      await exclusive(() => record(rules.concludeVerification(state, evidenceId, Date.now())));
    } finally {
      verifying -= 1;
    }
  }

  /**
   * After an action moved the due time (an extension), the instants of the plan's working-day
   * reminders for the new one: counted by an activity, the workflow keeps instants.
   */
  function recountReminders(dueBefore: number): Promise<void> | undefined {
    if (state.dueAt === dueBefore || !rules.isOpen(state) || !rules.hasWorkingDayReminders(task)) return undefined;
    return (async () => {
      const times = await calendar.computeWorkingDayReminders({ dueAt: new Date(state.dueAt).toISOString(), reminderWorkingDays: task.plan.reminderWorkingDays! });
      rules.setReminderTimes(state, times);
    })();
  }

  // The working-day calendar changed a day of the task's term: the term is counted again (an
  // activity) and the due time moves if the count says so. Repeating it changes nothing more.
  setHandler(
    recalculateDueUpdate,
    (args) =>
      exclusive(async () => {
        if (!rules.termGoverns(task, state)) return snapshot();
        const term = task.term!;
        const result = await calendar.computeWorkingDayDue({ from: term.from, workingDays: term.workingDays, reminderWorkingDays: task.plan.reminderWorkingDays ?? [] });
        const before = JSON.stringify(state);
        if (!(await record(rules.recalculateDue(task, state, args, result, Date.now())))) {
          restore(JSON.parse(before) as TaskState);
          throw refusalFailure({ rule: 'recordRejected' });
        }
        return snapshot();
      }),
    {
      validator: (args: RecalculateDueArgs) => {
        const refusal = rules.invalidInput(args) ?? rules.recalculationInput(args);
        if (refusal) throw refusalFailure(refusal);
      },
    },
  );

  setHandler(snapshotQuery, snapshot);
  bind(acknowledgeUpdate, rules.acknowledge);
  bind(reportProgressUpdate, rules.reportProgress);
  bind(requestExtensionUpdate, rules.requestExtension);
  bind(decideExtensionUpdate, rules.decideExtension, undefined, recountReminders);
  bind(requestExplanationUpdate, rules.requestExplanation);
  bind(answerExplanationUpdate, rules.answerExplanation);
  bind(raiseBeyondAuthorityUpdate, rules.raiseBeyondAuthority);
  bind(decideBeyondAuthorityUpdate, rules.decideBeyondAuthority, undefined, recountReminders);
  bind(decideEscalationUpdate, rules.decideEscalation);
  bind(submitEvidenceUpdate, rules.submitEvidence, () => void verify(state.evidence!.id));
  bind(reviewEvidenceUpdate, rules.reviewEvidence);
  bind(cancelUpdate, rules.cancel);
  bind(closeAfterCareUpdate, rules.closeAfterCare);
  bind(declareBlockerUpdate, rules.declareBlocker);
  bind(resolveBlockerUpdate, rules.resolveBlocker);
  bind(decideBlockerUpdate, rules.decideBlocker);

  if (!input.state) {
    try {
      state.reviewers = await resolveDeciders({ task, leadUnitId: task.leadUnitId, decider: task.plan.reviewer });
      const events: TaskEvent[] = [];
      rules.emit(state, events, Date.now(), 'ASSIGNED', {
        actor: { id: task.assignedBy, name: '', requestId: input.requestId ?? null },
        data: { dueAt: task.dueAt, leadUnitId: task.leadUnitId, reviewers: state.reviewers, template: `${task.plan.templateKey} v${task.plan.templateVersion}` },
      });
      await record(events);
    } finally {
      busy = false;
    }
  }

  // Carried over by continue-as-new in the middle of a verification: resume it.
  if (state.evidence && rules.verifiable(state, state.evidence.id)) void verify(state.evidence.id);

  const limit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit;

  /**
   * One after-care probe of the accepted product, with the expectations the unit declared for it
   * (text or JSON field), as its verification probed it.
   */
  function probeAfterCare(care: NonNullable<TaskState['afterCare']>): Promise<rules.TimerInput['probe']> {
    const product = state.evidence?.items.operatingProduct;
    const expectations = product?.url === care.url ? { expectText: product.expectText, expectJsonPointer: product.expectJsonPointer, expectJsonValue: product.expectJsonValue } : {};
    return attempt(
      () => checks().probeProduct({ taskId: task.taskId, evidenceId: 'AFTER-CARE', index: care.probes, url: care.url, maxLatencyMs: verificationPlan(task.plan).maxLatencyMs, ...expectations }),
      { ok: false, reasons: [UNAVAILABLE] },
    );
  }

  /** The result of the after-care probe due at `at`, taken outside the lock. */
  let probed: { at: number; result: rules.TimerInput['probe'] } | undefined;

  while (rules.isRunning(state)) {
    const version = state.version;
    const wake = rules.nextWakeup(task, state);
    if (wake === null || wake > Date.now()) {
      const changed = () => state.version !== version || !rules.isRunning(state);
      if (wake === null) await condition(changed);
      else await condition(changed, wake - Date.now());
    }
    // A probe fetches a URL that a user typed and may take its time: it runs before taking the
    // lock, so an administrator closing after-care meanwhile never waits for it (its result is
    // then dropped).
    const due = rules.firstDueTimer(task, state, Date.now());
    if (due?.kind === 'AFTER_CARE_PROBE' && probed?.at !== due.at) probed = { at: due.at, result: await probeAfterCare(state.afterCare!) };
    await exclusive(async () => {
      for (let timer = rules.firstDueTimer(task, state, Date.now()); timer; timer = rules.firstDueTimer(task, state, Date.now())) {
        if (timer.kind === 'AFTER_CARE_PROBE' && probed?.at !== timer.at) break; // probed on the next turn, outside the lock
        const rung = timer.kind === 'LADDER' ? task.plan.ladder.find((r) => r.level === timer.level) : undefined;
        const deciders = rung ? await resolveDeciders({ task, leadUnitId: state.leadUnitId, decider: rung.decider }) : [];
        const input: rules.TimerInput = timer.kind === 'AFTER_CARE_PROBE' ? { probe: probed!.result, skipMissedProbes: patched(SKIP_MISSED_PROBES) } : { deciders };
        await record(rules.fireTimer(task, state, timer, Date.now(), input));
      }
    });
    if (rules.isRunning(state) && historyIsLong() && verifying === 0) {
      // Long tasks start a fresh history; actions in flight finish first, the state is carried over.
      await condition(() => allHandlersFinished() && !busy && verifying === 0);
      return continueAsNew<typeof taskLifecycleWorkflow>({ ...input, state });
    }
  }
  await condition(() => allHandlersFinished() && verifying === 0);
  return snapshot();
}
