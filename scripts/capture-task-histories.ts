/**
 * `npm run histories:capture`: records real task workflow histories for the replay suite
 * (test/workflows/replay.workflow-spec.ts), which replays each of them against the current workflow
 * code in `npm test`.
 *
 * It starts a throwaway Temporal dev server, bundles the workflows, runs each scenario below on a
 * Worker whose activities are mocks (deciders are fixed ids, records are kept in memory, evidence
 * checks answer what the scenario says) with seconds-scale plans, and writes the history of every
 * run of the workflow to test/workflows/histories/<scenario>[.<tag>][.run-<n>].json.gz (the JSON
 * history format of the Temporal CLI and Web UI, gzipped). An existing file is never replaced
 * unless --force is given: histories recorded by older workflow code are what the suite is for.
 *
 *   npm run histories:capture -- --list
 *   npm run histories:capture -- --tag <change-id>        every scenario, as <scenario>.<change-id>.json.gz
 *   npm run histories:capture -- --only after-care-missed-probes --tag <change-id>
 *
 * --workflows bundles another copy of workflows/, e.g. an older commit's. The history recorded
 * before the after-care skip patch (fce9385) was made so:
 *
 *   mkdir /tmp/old && git archive fce9385~1 workflows | tar -x -C /tmp/old
 *   npm run histories:capture -- --workflows /tmp/old/workflows --only after-care-missed-probes --name after-care-before-skip-patch
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Client, Connection, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { freePort, PROJECT_ROOT, resolveTemporalCli, startTemporalServer } from '../libs/dev-stack/src';
import { historyToJson } from '../test/helpers/history-json';
import {
  checksTaskQueue,
  acknowledgeUpdate,
  answerExplanationUpdate,
  cancelUpdate,
  closeAfterCareUpdate,
  decideBeyondAuthorityUpdate,
  decideBlockerUpdate,
  declareBlockerUpdate,
  decideEscalationUpdate,
  decideExtensionUpdate,
  raiseBeyondAuthorityUpdate,
  recalculateDueUpdate,
  reportProgressUpdate,
  requestExplanationUpdate,
  requestExtensionUpdate,
  resolveBlockerUpdate,
  reviewEvidenceUpdate,
  submitEvidenceUpdate,
  taskWorkflowId,
  type CalendarActivities,
  type CheckReasonRef,
  type Criterion,
  type DeciderSpec,
  type EvidenceActivities,
  type EvidenceItems,
  type TaskActivities,
  type TaskDefinition,
  type TaskEvent,
  type TaskEventType,
  type TaskPlan,
  type TaskSnapshot,
  type TaskWorkflowInput,
} from '../workflows/task/task.types';

const HISTORIES_DIR = join(PROJECT_ROOT, 'test', 'workflows', 'histories');

const SECOND = 1_000;
const OK = { ok: true, reasons: [] as CheckReasonRef[] };
const failed = (code: string, params?: Record<string, string | number>) => ({ ok: false, reasons: [{ code, ...(params ? { params } : {}) }] });
/** A metric read at its source: active users, or a KPI's achieved value. */
const metric = (criterion: Criterion, value = criterion === 'REAL_USERS' ? 40 : 92) => ({ ok: true, value, reasons: [] as CheckReasonRef[] });

const officer = { id: 'officer-1', name: 'Cán bộ đơn vị', requestId: null };
const newOfficer = { id: 'officer-2', name: 'Cán bộ đơn vị mới', requestId: null };
const admin = { id: 'admin-1', name: 'Quản trị', requestId: null };
const leader = { id: 'leader-1', name: 'Lãnh đạo', requestId: null };

/** Who each decider rule names: fixed ids, as the mocked resolveDeciders answers. */
const DECIDERS: Record<DeciderSpec['type'], string[]> = { ASSIGNER: [admin.id], PARENT_HEAD: [leader.id], STEERING_COMMITTEE: [leader.id], LEADER_GROUP: [leader.id] };

const product = (): EvidenceItems['operatingProduct'] => ({ url: 'https://cong.example.vn', expectText: 'Cổng dịch vụ công' });

interface ScenarioContext {
  /** Runs `work` with a Worker on the scenario's task queue; the Worker stops when `work` ends. */
  withWorker(work: () => Promise<void>): Promise<void>;
  /** Assigns the task now (its due time counts from here) by starting its workflow. */
  start(): Promise<void>;
  update<Args>(definition: UpdateDefinition<TaskSnapshot, [Args]>, args: Args): Promise<TaskSnapshot>;
  /** Waits until `count` events of `type` have been recorded; returns the last of them. */
  waitFor(type: TaskEventType, count?: number): Promise<TaskEvent>;
  count(type: TaskEventType): number;
  /** Waits until `predicate` holds (`what` names it if it never does). */
  until(predicate: () => boolean, what?: string): Promise<void>;
  pause(ms: number): Promise<void>;
  /** Waits for the workflow to complete (a Worker must run). */
  finished(): Promise<void>;
  /** An ISO time `ms` from now. */
  inFuture(ms: number): string;
}

interface Scenario {
  name: string;
  summary: string;
  dueIn: number;
  plan: Partial<TaskPlan>;
  continueAsNewAfterEvents?: number;
  /** More of the task's definition, given the instant of the assignment (a term in working days, reminder instants). */
  task?: (now: number) => Partial<TaskDefinition>;
  /** Answers of the working-day counts (each call gets a fresh set); by default the due time stays and there are no reminders. */
  calendar?: () => Partial<CalendarActivities>;
  /** Answers of the evidence checks (each call gets a fresh set, so counters start at zero); every check passes by default. */
  checks?: () => Partial<EvidenceActivities>;
  drive(ctx: ScenarioContext): Promise<void>;
}

/** The rank of a submission among those a scenario has seen (0 for the first). */
function submissionRank() {
  const seen: string[] = [];
  return (evidenceId: string) => {
    if (!seen.includes(evidenceId)) seen.push(evidenceId);
    return seen.indexOf(evidenceId);
  };
}

/** After-care probes answer `results[index]` (ok past the end); verification probes are healthy. */
function afterCareAnswers(results: boolean[]): Partial<EvidenceActivities> {
  return {
    probeProduct: ({ evidenceId, index }) => Promise.resolve(evidenceId === 'AFTER-CARE' && results[index] === false ? failed('HTTP_STATUS', { status: 503 }) : OK),
  };
}

const SCENARIOS: Scenario[] = [
  {
    name: 'full-lifecycle',
    summary:
      'ack reminder, acknowledge, progress, reminders, overdue, escalation proposed, decision reminder, approved with an explanation that goes overdue and is answered late, ' +
      'an explanation requested and answered, extension requested and approved, evidence failing two checks, resubmitted and verified, approved, ' +
      'after-care probes with a regression and a recovery, after-care closed',
    dueIn: 5 * SECOND,
    plan: {
      reminderOffsets: [2, 0],
      ackReminderEvery: 1,
      ackReminderMax: 1,
      ladder: [{ level: 2, afterDue: 1, decider: { type: 'PARENT_HEAD' }, openExplanation: true }],
      decisionReminderEvery: 2,
      explanationDeadline: 2,
      requiredCriteria: ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS'],
      minActiveUsers: 10,
      kpiDirection: 'INCREASE',
      verification: { probeCount: 2, probeWindow: 1, maxLatencyMs: 1_000, allowAttestedUsers: true },
      afterCare: { every: 1, duration: 60, failuresToRegress: 2 },
    },
    checks: () => {
      const rank = submissionRank();
      return {
        ...afterCareAnswers([true, false, false, true]),
        verifyDataset: ({ evidenceId }) => Promise.resolve(rank(evidenceId) === 0 ? failed('CHECKSUM', { expected: 'ab12', actual: 'cd34' }) : OK),
        // Too few active users in the first submission (the second has a figure attested by the head).
        readMetric: ({ evidenceId, criterion }) => Promise.resolve(metric(criterion, criterion === 'REAL_USERS' && rank(evidenceId) === 0 ? 4 : undefined)),
      };
    },
    async drive(ctx) {
      await ctx.withWorker(async () => {
        await ctx.start();
        await ctx.waitFor('ACK_REMINDER');
        await ctx.update(acknowledgeUpdate, { actor: officer });
        await ctx.update(reportProgressUpdate, { actor: officer, percent: 40, note: 'Đã xong thiết kế' });
        await ctx.waitFor('REMINDER', 2);
        await ctx.waitFor('OVERDUE');
        const proposal = await ctx.waitFor('ESCALATION_PROPOSED');
        await ctx.waitFor('DECISION_REMINDER');
        await ctx.update(decideEscalationUpdate, { actor: leader, requestId: String(proposal.data.proposalId), approve: true, comment: 'Báo cáo lên cấp trên' });
        const opened = await ctx.waitFor('EXPLANATION_REQUESTED');
        await ctx.waitFor('EXPLANATION_OVERDUE');
        await ctx.update(answerExplanationUpdate, { actor: officer, requestId: String(opened.data.requestId), answer: 'Thiếu nhân lực trong tháng' });
        const asked = (await ctx.update(requestExplanationUpdate, { actor: admin, question: 'Khi nào xong?', deadline: ctx.inFuture(60 * SECOND) })).state.explanations.at(-1)!;
        await ctx.update(answerExplanationUpdate, { actor: officer, requestId: asked.id, answer: 'Trong tuần này' });
        const extension = (await ctx.update(requestExtensionUpdate, { actor: officer, newDueAt: ctx.inFuture(60 * SECOND), reason: 'Chờ số liệu' })).state.extensions.at(-1)!;
        await ctx.update(decideExtensionUpdate, { actor: admin, requestId: extension.id, approve: true, comment: null });
        const items: EvidenceItems = {
          operatingProduct: product(),
          verifiedData: { datasetUrl: 'https://data.example.vn/ds.csv', sha256: 'ab12', format: 'csv' },
          realUsers: { metricsUrl: 'https://cong.example.vn/metrics', jsonPointer: '/activeUsers', periodFrom: '2026-01-01', periodTo: '2026-03-31' },
          measurableEffect: { kpi: 'Hồ sơ trực tuyến', unit: '%', baseline: 40, target: 80, achieved: 0, direction: 'INCREASE', method: 'Đếm hồ sơ', sourceUrl: 'https://cong.example.vn/kpi', sourceJsonPointer: '/online' },
        };
        await ctx.update(submitEvidenceUpdate, { actor: officer, items });
        await ctx.waitFor('EVIDENCE_VERIFICATION_FAILED');
        await ctx.update(submitEvidenceUpdate, { actor: officer, items: { ...items, realUsers: { attestedActiveUsers: 25, periodFrom: '2026-01-01', periodTo: '2026-03-31' } } });
        await ctx.waitFor('EVIDENCE_VERIFIED');
        await ctx.update(reviewEvidenceUpdate, { actor: admin, approve: true, comment: 'Đạt', rejections: {} });
        await ctx.waitFor('REGRESSED');
        await ctx.waitFor('RECOVERED');
        await ctx.update(closeAfterCareUpdate, { actor: admin, reason: 'Đã bàn giao vận hành' });
        await ctx.finished();
      });
    },
  },
  {
    name: 'evidence-rejected-after-care-ends',
    summary: 'evidence submitted (implicit acknowledgement), verified, rejected by the reviewer, resubmitted, reviewer reminded, approved; after-care regresses, recovers and ends by itself',
    dueIn: 60 * SECOND,
    plan: {
      requiredCriteria: ['OPERATING_PRODUCT', 'REAL_USERS'],
      minActiveUsers: 10,
      decisionReminderEvery: 1,
      verification: { probeCount: 1, probeWindow: 0, maxLatencyMs: 1_000, allowAttestedUsers: true },
      afterCare: { every: 1, duration: 3, failuresToRegress: 1 },
    },
    checks: () => afterCareAnswers([false, true]),
    async drive(ctx) {
      await ctx.withWorker(async () => {
        await ctx.start();
        const items: EvidenceItems = { operatingProduct: product(), realUsers: { attestedActiveUsers: 12, periodFrom: '2026-01-01', periodTo: '2026-03-31' } };
        await ctx.update(submitEvidenceUpdate, { actor: officer, items });
        await ctx.waitFor('EVIDENCE_VERIFIED');
        await ctx.update(reviewEvidenceUpdate, { actor: admin, approve: false, comment: 'Chưa đủ', rejections: { REAL_USERS: 'Số liệu chưa có xác nhận' } });
        await ctx.update(submitEvidenceUpdate, { actor: officer, items: { ...items, realUsers: { attestedActiveUsers: 30, periodFrom: '2026-01-01', periodTo: '2026-03-31' } } });
        await ctx.waitFor('EVIDENCE_VERIFIED', 2);
        await ctx.waitFor('DECISION_REMINDER');
        await ctx.update(reviewEvidenceUpdate, { actor: admin, approve: true, comment: null, rejections: {} });
        await ctx.waitFor('AFTER_CARE_ENDED');
        await ctx.finished();
      });
    },
  },
  {
    name: 'cancelled-during-verification',
    summary: 'acknowledged, extension requested, reminded and rejected, a reminder, evidence submitted, cancelled between two probes of the product',
    dueIn: 3 * SECOND,
    plan: {
      reminderOffsets: [1],
      decisionReminderEvery: 1,
      verification: { probeCount: 3, probeWindow: 4, maxLatencyMs: 1_000, allowAttestedUsers: true },
    },
    async drive(ctx) {
      await ctx.withWorker(async () => {
        await ctx.start();
        await ctx.update(acknowledgeUpdate, { actor: officer });
        const extension = (await ctx.update(requestExtensionUpdate, { actor: officer, newDueAt: ctx.inFuture(60 * SECOND), reason: 'Chờ phê duyệt kinh phí' })).state.extensions.at(-1)!;
        await ctx.waitFor('DECISION_REMINDER');
        await ctx.update(decideExtensionUpdate, { actor: admin, requestId: extension.id, approve: false, comment: 'Không có căn cứ' });
        await ctx.waitFor('REMINDER');
        await ctx.update(submitEvidenceUpdate, { actor: officer, items: { operatingProduct: product() } });
        await ctx.pause(500); // the first probe is made; the second waits for its slot
        await ctx.update(cancelUpdate, { actor: admin, reason: 'Nhiệm vụ không còn cần thiết' });
        await ctx.finished();
      });
    },
  },
  {
    name: 'beyond-authority-reassign',
    summary: 'beyond authority raised (implicit acknowledgement), reminded, decided REASSIGN; ack reminder to the new unit, acknowledged; raised and decided EXTEND; raised and decided CANCEL',
    dueIn: 60 * SECOND,
    plan: { ackReminderEvery: 2, ackReminderMax: 2, decisionReminderEvery: 1 },
    async drive(ctx) {
      await ctx.withWorker(async () => {
        await ctx.start();
        const raised = (await ctx.update(raiseBeyondAuthorityUpdate, { actor: officer, reason: 'Vượt thẩm quyền của đơn vị' })).state.beyondAuthority.at(-1)!;
        await ctx.waitFor('DECISION_REMINDER');
        await ctx.update(decideBeyondAuthorityUpdate, { actor: leader, requestId: raised.id, decision: 'REASSIGN', comment: 'Giao đơn vị khác', newLeadUnitId: 'unit-2', newFocalOfficerId: newOfficer.id });
        await ctx.waitFor('ACK_REMINDER', ctx.count('ACK_REMINDER') + 1);
        await ctx.update(acknowledgeUpdate, { actor: newOfficer });
        const again = (await ctx.update(raiseBeyondAuthorityUpdate, { actor: newOfficer, reason: 'Cần thêm thời gian' })).state.beyondAuthority.at(-1)!;
        await ctx.update(decideBeyondAuthorityUpdate, { actor: leader, requestId: again.id, decision: 'EXTEND', comment: 'Gia hạn', newDueAt: ctx.inFuture(120 * SECOND) });
        const last = (await ctx.update(raiseBeyondAuthorityUpdate, { actor: newOfficer, reason: 'Không còn phù hợp' })).state.beyondAuthority.at(-1)!;
        await ctx.update(decideBeyondAuthorityUpdate, { actor: leader, requestId: last.id, decision: 'CANCEL', comment: 'Dừng thực hiện' });
        await ctx.finished();
      });
    },
  },
  {
    name: 'blockers',
    summary:
      'a blocker on a unit (implicit acknowledgement), reminded and resolved by that unit; a blocker on another unit with a reason, confirmed by a leader without ending it, reminded; cancelled: it ends by itself',
    dueIn: 60 * SECOND,
    plan: { decisionReminderEvery: 1 },
    async drive(ctx) {
      await ctx.withWorker(async () => {
        await ctx.start();
        const first = (await ctx.update(declareBlockerUpdate, { actor: officer, blockingUnitId: 'unit-coordinating', awaited: 'Dữ liệu dân cư', since: null, reason: 'Sở chưa gửi dữ liệu' })).state.blockers.at(-1)!;
        await ctx.waitFor('BLOCKER_REMINDER');
        await ctx.update(resolveBlockerUpdate, { actor: { id: 'blocking-head', name: 'Giám đốc Sở', requestId: null }, blockerId: first.id, resolution: 'Đã gửi dữ liệu' });
        const second = (await ctx.update(declareBlockerUpdate, { actor: officer, blockingUnitId: 'unit-other', awaited: 'Kinh phí', since: null, reason: 'Sở Tài chính chưa cấp kinh phí' })).state.blockers.at(-1)!;
        await ctx.update(decideBlockerUpdate, { actor: leader, blockerId: second.id, confirm: true, end: false, comment: 'Nguyên nhân khách quan' });
        await ctx.waitFor('BLOCKER_REMINDER', ctx.count('BLOCKER_REMINDER') + 1);
        await ctx.update(cancelUpdate, { actor: admin, reason: 'Không còn phù hợp' });
        await ctx.finished();
      });
    },
  },
  {
    name: 'continue-as-new',
    summary: 'a short continueAsNewAfterEvents: acknowledged, progress, reminders and overdue, evidence verified and approved, after-care to its end, over several runs',
    dueIn: 4 * SECOND,
    continueAsNewAfterEvents: 40,
    plan: {
      reminderOffsets: [2, 1],
      verification: { probeCount: 1, probeWindow: 0, maxLatencyMs: 1_000, allowAttestedUsers: true },
      afterCare: { every: 1, duration: 3, failuresToRegress: 2 },
    },
    async drive(ctx) {
      await ctx.withWorker(async () => {
        await ctx.start();
        await ctx.update(acknowledgeUpdate, { actor: officer });
        for (const percent of [20, 40, 60]) await ctx.update(reportProgressUpdate, { actor: officer, percent, note: `${percent}%` });
        await ctx.waitFor('OVERDUE');
        await ctx.update(submitEvidenceUpdate, { actor: officer, items: { operatingProduct: product() } });
        await ctx.waitFor('EVIDENCE_VERIFIED');
        await ctx.update(reviewEvidenceUpdate, { actor: admin, approve: true, comment: null, rejections: {} });
        await ctx.waitFor('AFTER_CARE_ENDED');
        await ctx.finished();
      });
    },
  },
  {
    name: 'after-care-missed-probes',
    summary: 'done with after-care every second for 9 s; the worker stops after the first probe and comes back 4.5 s later (slots missed while no worker ran); after-care ends by itself',
    dueIn: 60 * SECOND,
    plan: {
      verification: { probeCount: 1, probeWindow: 0, maxLatencyMs: 1_000, allowAttestedUsers: true },
      afterCare: { every: 1, duration: 9, failuresToRegress: 2 },
    },
    async drive(ctx) {
      await ctx.withWorker(async () => {
        await ctx.start();
        await ctx.update(submitEvidenceUpdate, { actor: officer, items: { operatingProduct: product() } });
        await ctx.waitFor('EVIDENCE_VERIFIED');
        await ctx.update(reviewEvidenceUpdate, { actor: admin, approve: true, comment: null, rejections: {} });
        await ctx.waitFor('AFTER_CARE_CHECKED');
      });
      await ctx.pause(4_500); // no worker: four slots or more pass
      // No action while the missed slots are dealt with: the history shows the timers alone.
      await ctx.withWorker(async () => {
        await ctx.waitFor('AFTER_CARE_ENDED');
        await ctx.finished();
      });
    },
  },
  ((): Scenario => {
    let assignedAt = 0;
    return {
      name: 'working-days',
      summary:
        'a term in working days with a working-day reminder: the reminder fires at its instant; the calendar changes and recalculateDue moves the due time (told twice, ' +
        'recorded once); overdue at the new due time; an extension approved has its working-day reminder counted again (an activity), which fires; cancelled',
      dueIn: 30 * SECOND,
      plan: { reminderWorkingDays: [1] },
      task: (now) => {
        assignedAt = now;
        return { term: { workingDays: 3, from: new Date(now).toISOString() }, reminderTimes: [{ key: '1wd', at: now + SECOND }] };
      },
      calendar: () => ({
        // The term counted again in a calendar with one more day off: the due time comes earlier here, so the scenario stays short.
        computeWorkingDayDue: () => Promise.resolve({ dueAt: new Date(assignedAt + 4 * SECOND).toISOString(), reminderTimes: [{ key: '1wd', at: assignedAt + SECOND }] }),
        computeWorkingDayReminders: ({ dueAt }) => Promise.resolve([{ key: '1wd', at: Date.parse(dueAt) - 58 * SECOND }]),
      }),
      async drive(ctx) {
        await ctx.withWorker(async () => {
          await ctx.start();
          await ctx.update(acknowledgeUpdate, { actor: officer });
          await ctx.waitFor('REMINDER');
          await ctx.update(recalculateDueUpdate, { actor: admin, dates: ['2031-01-02'] });
          await ctx.update(recalculateDueUpdate, { actor: admin, dates: ['2031-01-02'] });
          await ctx.waitFor('OVERDUE');
          const extension = (await ctx.update(requestExtensionUpdate, { actor: officer, newDueAt: ctx.inFuture(60 * SECOND), reason: 'Chờ số liệu' })).state.extensions.at(-1)!;
          await ctx.update(decideExtensionUpdate, { actor: admin, requestId: extension.id, approve: true, comment: null });
          await ctx.waitFor('REMINDER', 2);
          await ctx.update(cancelUpdate, { actor: admin, reason: 'Kết thúc kịch bản' });
          await ctx.finished();
        });
      },
    };
  })(),
  ((): Scenario => {
    let release: (() => void) | undefined;
    return {
      name: 'after-care-closed-during-probe',
      summary: 'done with after-care every second; the second after-care probe hangs (a slow product) and an administrator closes after-care meanwhile',
      dueIn: 60 * SECOND,
      plan: {
        verification: { probeCount: 1, probeWindow: 0, maxLatencyMs: 1_000, allowAttestedUsers: true },
        afterCare: { every: 1, duration: 60, failuresToRegress: 2 },
      },
      checks: () => {
        release = undefined;
        return {
          probeProduct: async ({ evidenceId, index }) => {
            if (evidenceId === 'AFTER-CARE' && index === 1) await new Promise<void>((resolve) => (release = resolve));
            return OK;
          },
        };
      },
      async drive(ctx) {
        await ctx.withWorker(async () => {
          await ctx.start();
          await ctx.update(submitEvidenceUpdate, { actor: officer, items: { operatingProduct: product() } });
          await ctx.waitFor('EVIDENCE_VERIFIED');
          await ctx.update(reviewEvidenceUpdate, { actor: admin, approve: true, comment: null, rejections: {} });
          await ctx.waitFor('AFTER_CARE_CHECKED');
          await ctx.until(() => release !== undefined);
          // Workflow code that holds its lock during a probe answers the close only once the probe returns.
          const closing = ctx.update(closeAfterCareUpdate, { actor: admin, reason: 'Đã bàn giao vận hành' });
          await ctx.pause(500);
          release!();
          await closing;
          await ctx.finished();
        });
      },
    };
  })(),
];

function definition(scenario: Scenario, taskId: string): TaskDefinition {
  const now = Date.now();
  return {
    taskId,
    code: `NV-${scenario.name}`,
    title: `Kịch bản ${scenario.name}`,
    description: '',
    program: null,
    leadUnitId: 'unit-1',
    coordinatingUnitIds: [],
    focalOfficerId: officer.id,
    assignedBy: admin.id,
    assignedAt: new Date(now).toISOString(),
    dueAt: new Date(now + scenario.dueIn).toISOString(),
    milestones: [],
    ...scenario.task?.(now),
    plan: {
      templateId: 'template-1',
      templateKey: 'replay',
      templateVersion: 1,
      reminderOffsets: [],
      ackReminderEvery: null,
      ackReminderMax: 0,
      ladder: [],
      decisionReminderEvery: 3_600,
      explanationDeadline: 3_600,
      requiredCriteria: ['OPERATING_PRODUCT'],
      minActiveUsers: null,
      kpiDirection: null,
      reviewer: { type: 'ASSIGNER' },
      afterCare: null,
      ...scenario.plan,
    },
  };
}

interface Stack {
  client: Client;
  connection: NativeConnection;
  workflowBundle: { code: string };
}

/** Runs one scenario to the workflow's completion; returns the history of each of its runs, first to last. */
async function capture(stack: Stack, scenario: Scenario): Promise<History[]> {
  const taskId = randomUUID();
  const workflowId = taskWorkflowId(taskId);
  const taskQueue = `capture-${scenario.name}-${randomUUID()}`;
  const events = new Map<number, TaskEvent>();
  const activities = {
    resolveDeciders: ({ decider }) => Promise.resolve(DECIDERS[decider.type]),
    recordTaskEvents: ({ events: recorded }) => {
      for (const event of recorded) events.set(event.seq, event);
      return Promise.resolve();
    },
    probeProduct: () => Promise.resolve(OK),
    verifyDataset: () => Promise.resolve(OK),
    readMetric: ({ criterion }) => Promise.resolve(metric(criterion)),
    ...scenario.checks?.(),
    computeWorkingDayDue: () => Promise.reject(new Error(`${scenario.name}: no term in working days to count`)),
    computeWorkingDayReminders: () => Promise.resolve([]),
    ...scenario.calendar?.(),
  } satisfies TaskActivities & EvidenceActivities & CalendarActivities;
  let handle: WorkflowHandleWithFirstExecutionRunId | undefined;
  const started = () => {
    if (!handle) throw new Error(`${scenario.name}: the workflow has not been started`);
    return handle;
  };
  const recorded = (type: TaskEventType) => [...events.values()].filter((e) => e.type === type);

  const ctx: ScenarioContext = {
    async withWorker(work) {
      const worker = await Worker.create({ connection: stack.connection, taskQueue, workflowBundle: stack.workflowBundle, activities });
      const checks = await Worker.create({ connection: stack.connection, taskQueue: checksTaskQueue(taskQueue), activities });
      await checks.runUntil(worker.runUntil(work()));
    },
    async start() {
      const input: TaskWorkflowInput = { task: definition(scenario, taskId), ...(scenario.continueAsNewAfterEvents ? { continueAsNewAfterEvents: scenario.continueAsNewAfterEvents } : {}) };
      handle = await stack.client.workflow.start('taskLifecycleWorkflow', { taskQueue, workflowId, args: [input] });
    },
    update: (definition, args) => started().executeUpdate(definition, { args: [args] }),
    async waitFor(type, count = 1) {
      await ctx.until(() => recorded(type).length >= count, `${count}× ${type}`);
      return recorded(type)[count - 1];
    },
    async until(predicate, what = 'the condition') {
      const deadline = Date.now() + 60 * SECOND;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`${scenario.name}: no ${what} within 60 s; recorded: ${[...events.values()].map((e) => e.type).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    count: (type) => recorded(type).length,
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async finished() {
      await started().result();
    },
    inFuture: (ms) => new Date(Date.now() + ms).toISOString(),
  };
  await scenario.drive(ctx);

  // Every run of the workflow, following continue-as-new from the first.
  const histories: History[] = [];
  for (let runId: string | null | undefined = started().firstExecutionRunId; runId; ) {
    const history = await stack.client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.push(history);
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!runId && !last?.workflowExecutionCompletedEventAttributes) throw new Error(`${scenario.name}: the last run did not complete`);
  }
  return histories;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      tag: { type: 'string' },
      name: { type: 'string' },
      workflows: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    },
  });
  if (values.list) {
    for (const scenario of SCENARIOS) process.stdout.write(`${scenario.name}\n    ${scenario.summary}\n`);
    return;
  }
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown?.length) fail(`Unknown scenario: ${unknown.join(', ')} (see --list)`);
  const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  if (values.name && scenarios.length !== 1) fail('--name needs exactly one scenario (--only)');
  if (values.tag && !/^[a-z0-9][a-z0-9-]*$/.test(values.tag)) fail('--tag: lower-case letters, digits and dashes');
  if (values.name && !/^[a-z0-9][a-z0-9.-]*$/.test(values.name)) fail('--name: lower-case letters, digits, dots and dashes');
  const outDir = resolve(values.out ?? HISTORIES_DIR);
  const stem = (scenario: Scenario) => values.name ?? (values.tag ? `${scenario.name}.${values.tag}` : scenario.name);
  const taken = scenarios.map(stem).filter((name) => ['.json', '.json.gz', '.run-1.json.gz'].some((ending) => existsSync(join(outDir, `${name}${ending}`))));
  if (taken.length && !values.force) {
    fail(`Already captured: ${taken.join(', ')} in ${relative(process.cwd(), outDir) || '.'}. Keep old histories (they are what the replay suite checks); pass --tag <change-id>, or --force to replace them.`);
  }

  const workflowsDir = resolve(values.workflows ?? join(PROJECT_ROOT, 'workflows'));
  const log = (line: string) => process.stderr.write(`[capture] ${line}\n`);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  log(`bundling ${workflowsDir}`);
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(workflowsDir),
    logger: new DefaultLogger('WARN'),
    // A copy outside the project (an older commit) finds @temporalio/workflow in the project's node_modules.
    webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, modules: [...(config.resolve?.modules ?? []), join(PROJECT_ROOT, 'node_modules')] } }),
  });

  const temporal = await startTemporalServer({ cli: await resolveTemporalCli(log), port: await freePort() });
  const connection = await NativeConnection.connect({ address: temporal.address });
  const clientConnection = await Connection.connect({ address: temporal.address });
  try {
    const stack: Stack = { client: new Client({ connection: clientConnection }), connection, workflowBundle: { code } };
    mkdirSync(outDir, { recursive: true });
    for (const scenario of scenarios) {
      log(`${scenario.name}: ${scenario.summary}`);
      const histories = await capture(stack, scenario);
      histories.forEach((history, index) => {
        const file = join(outDir, `${stem(scenario)}${histories.length > 1 ? `.run-${index + 1}` : ''}.json.gz`);
        // Payloads are base64 JSON (every record carries the task's state): gzip makes them ten times smaller.
        const gz = gzipSync(`${historyToJson(history)}\n`, { level: 9 });
        writeFileSync(file, gz);
        log(`  ${relative(process.cwd(), file)}: ${history.events?.length ?? 0} events, ${Math.ceil(gz.length / 1024)} KB`);
      });
    }
  } finally {
    await clientConnection.close();
    await connection.close();
    await temporal.stop();
  }
}

main().catch((error: unknown) => fail(`Capturing histories failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
