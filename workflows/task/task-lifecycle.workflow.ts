import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import * as rules from './task-rules';
import {
  acknowledgeUpdate,
  answerExplanationUpdate,
  cancelUpdate,
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
  TASK_REFUSAL,
  type ActorRef,
  type Refusal,
  type TaskActivities,
  type TaskEvent,
  type TaskSnapshot,
  type TaskState,
  type TaskWorkflowInput,
} from './task.types';

// Activities retry until they succeed: a database outage delays a task, it never fails it.
const { resolveDeciders, recordTaskEvents } = proxyActivities<TaskActivities>({
  startToCloseTimeout: '1m',
  heartbeatTimeout: '5s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

const DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: TASK_REFUSAL, message: refusal.en, nonRetryable: true, details: [refusal] });
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
  const state: TaskState = input.state ?? rules.initialState(task, []);
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

  async function record(events: TaskEvent[]): Promise<void> {
    if (events.length > 0) await recordTaskEvents({ workflowId: workflowInfo().workflowId, events, snapshot: snapshot() });
  }

  function bind<Args extends { actor: ActorRef }>(definition: UpdateDefinition<TaskSnapshot, [Args]>, action: rules.Action<Args>): void {
    setHandler(
      definition,
      (args: Args) =>
        exclusive(async () => {
          // Checked again: another action may have changed the state since the validator ran.
          const refusal = action.validate(task, state, args, Date.now());
          if (refusal) throw refusalFailure(refusal);
          await record(action.apply(task, state, args, Date.now()));
          return snapshot();
        }),
      {
        validator: (args: Args) => {
          const refusal = action.validate(task, state, args, Date.now());
          if (refusal) throw refusalFailure(refusal);
        },
      },
    );
  }

  setHandler(snapshotQuery, snapshot);
  bind(acknowledgeUpdate, rules.acknowledge);
  bind(reportProgressUpdate, rules.reportProgress);
  bind(requestExtensionUpdate, rules.requestExtension);
  bind(decideExtensionUpdate, rules.decideExtension);
  bind(requestExplanationUpdate, rules.requestExplanation);
  bind(answerExplanationUpdate, rules.answerExplanation);
  bind(raiseBeyondAuthorityUpdate, rules.raiseBeyondAuthority);
  bind(decideBeyondAuthorityUpdate, rules.decideBeyondAuthority);
  bind(decideEscalationUpdate, rules.decideEscalation);
  bind(submitEvidenceUpdate, rules.submitEvidence);
  bind(reviewEvidenceUpdate, rules.reviewEvidence);
  bind(cancelUpdate, rules.cancel);

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

  const limit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit;

  while (rules.isOpen(state)) {
    const version = state.version;
    const wake = rules.nextWakeup(task, state);
    if (wake === null || wake > Date.now()) {
      const changed = () => state.version !== version || !rules.isOpen(state);
      if (wake === null) await condition(changed);
      else await condition(changed, wake - Date.now());
    }
    await exclusive(async () => {
      for (let timer = rules.firstDueTimer(task, state, Date.now()); timer; timer = rules.firstDueTimer(task, state, Date.now())) {
        const rung = timer.kind === 'LADDER' ? task.plan.ladder.find((r) => r.level === timer.level) : undefined;
        const deciders = rung ? await resolveDeciders({ task, leadUnitId: state.leadUnitId, decider: rung.decider }) : [];
        await record(rules.fireTimer(task, state, timer, Date.now(), deciders));
      }
    });
    if (rules.isOpen(state) && historyIsLong()) {
      // Long tasks start a fresh history; actions in flight finish first, the state is carried over.
      await condition(() => allHandlersFinished() && !busy);
      return continueAsNew<typeof taskLifecycleWorkflow>({ ...input, state });
    }
  }
  await condition(allHandlersFinished);
  return snapshot();
}
