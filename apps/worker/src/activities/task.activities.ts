import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '@dondoc/audit';
import { Role, scrubText, systemActor, type Actor } from '@dondoc/common';
import { NotificationDispatcher, NotificationsService, TASK_NOTIFIED_EVENTS, taskTemplateName, type NotificationInput, type TaskMailData, type TaskNotifiedEvent } from '@dondoc/notifications';
import { describeFailures, type CheckReason } from '@dondoc/evidence';
import { DirectoryService, Unit } from '@dondoc/organisation';
import { TaskEventRecord } from '@dondoc/tasks';
import { User } from '@dondoc/users';
import { heartbeating } from './heartbeat';
import type { DeciderSpec, TaskActivities, TaskDefinition, TaskEvent, TaskSnapshot } from '@dondoc/workflows/task/task.types';

const DECISIONS = {
  DIRECTION: { vi: 'cho ý kiến chỉ đạo', en: 'direction given' },
  EXTEND: { vi: 'gia hạn', en: 'extended' },
  REASSIGN: { vi: 'chuyển đơn vị chủ trì', en: 'reassigned' },
  CANCEL: { vi: 'huỷ nhiệm vụ', en: 'cancelled' },
  RETURN: { vi: 'trả lại đơn vị', en: 'returned to the unit' },
} as const;

const ITEMS = {
  proposal: { vi: 'đề xuất báo cáo cấp trên', en: 'an escalation proposal' },
  extension: { vi: 'đề nghị gia hạn', en: 'an extension request' },
  beyondAuthority: { vi: 'vấn đề vượt thẩm quyền', en: 'a matter beyond authority' },
  evidence: { vi: 'minh chứng chờ duyệt', en: 'evidence to review' },
} as const;

const iso = (ms: number): string => new Date(ms).toISOString();

/** Who is around a task when its events are notified. */
interface Audience {
  lead: Unit;
  parent: Unit | null;
  head: string[];
  /** The focal officer, else the unit's officers. */
  people: string[];
  supervisors: string[];
  coordinatingHeads: string[];
  careReviewers: string[];
}

/** The task workflow's activities: who decides (the directory), and recording every event (idempotently). */
@Injectable()
export class TaskActivitiesService implements TaskActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly dispatcher: NotificationDispatcher,
    private readonly directory: DirectoryService,
  ) {}

  resolveDeciders({ task, leadUnitId, decider }: { task: TaskDefinition; leadUnitId: string; decider: DeciderSpec }): Promise<string[]> {
    return heartbeating(() => this.directory.decidersFor(decider, leadUnitId, task.assignedBy));
  }

  recordTaskEvents(input: { workflowId: string; events: TaskEvent[]; snapshot: TaskSnapshot }): Promise<void> {
    return heartbeating(() => this.record(input));
  }

  private async record(input: { workflowId: string; events: TaskEvent[]; snapshot: TaskSnapshot }): Promise<void> {
    // Text the database cannot store (from an older workflow, a page an evidence check read) is replaced, never retried for ever.
    const { workflowId, events, snapshot } = scrubText(input);
    const queued = await this.dataSource.transaction(async (tx) => {
      await this.upsertRow(tx, workflowId, snapshot);
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(TaskEventRecord)
        .values(
          events.map((e) => ({
            taskId: snapshot.task.taskId,
            seq: e.seq,
            type: e.type,
            at: new Date(e.at),
            actorId: e.actorId,
            requestId: e.requestId,
            fromStatus: e.fromStatus,
            toStatus: e.toStatus,
            data: e.data,
          })) as QueryDeepPartialEntity<TaskEventRecord>[],
        )
        .orIgnore()
        .returning(['seq'])
        .execute();
      // A retried activity finds its events already written: no second audit entry, no second email.
      const fresh = new Set((inserted.raw as { seq: number }[]).map((r) => r.seq));
      const newEvents = events.filter((e) => fresh.has(e.seq));
      const outbox: NotificationInput[] = [];
      const emails = new Map<string, string | null>();
      let audience: Audience | undefined; // the same for every event of the batch: read once, when first needed
      for (const event of newEvents) {
        await this.audit.record(tx, await this.actorOf(tx, event, emails), {
          action: `TASK_${event.type}`,
          subjectType: 'task',
          subjectId: snapshot.task.taskId,
          summary: { code: snapshot.task.code, seq: event.seq, from: event.fromStatus, to: event.toStatus, ...event.data },
        });
        if (!(TASK_NOTIFIED_EVENTS as readonly string[]).includes(event.type)) continue;
        audience ??= await this.audienceOf(tx, snapshot);
        outbox.push(...(await this.notificationsFor(tx, workflowId, snapshot, event, audience)));
      }
      return this.notifications.enqueue(tx, outbox);
    });
    await this.dispatcher.dispatch(queued);
  }

  /** Writes the row from the snapshot: creates it if missing, never overwrites a newer one. */
  private async upsertRow(manager: EntityManager, workflowId: string, { task, state, runId }: TaskSnapshot): Promise<void> {
    const participants = new Set<string>([task.assignedBy, ...state.reviewers]);
    if (state.focalOfficerId) participants.add(state.focalOfficerId);
    for (const p of state.proposals) p.deciders.forEach((id) => participants.add(id));
    for (const x of state.explanations) if (x.requestedBy) participants.add(x.requestedBy);
    for (const e of state.extensions) if (e.decidedBy) participants.add(e.decidedBy);
    for (const b of state.beyondAuthority) if (b.decidedBy) participants.add(b.decidedBy);
    await manager.query(
      `INSERT INTO tasks (id, code, title, description, program, template_id, lead_unit_id, coordinating_unit_ids, focal_officer_id,
          assigned_by, assigned_at, original_due_at, due_at, status, acknowledged_at, overdue, overdue_since, escalation_level,
          progress_percent, completed_at, completed_on_time_original, completed_on_time_extended, cancelled_at, cancel_reason,
          participant_ids, milestones, definition, state, workflow_id, run_id, last_event_seq, regressed, after_care_until)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33)
       ON CONFLICT (id) DO UPDATE SET
          lead_unit_id = EXCLUDED.lead_unit_id, focal_officer_id = EXCLUDED.focal_officer_id, due_at = EXCLUDED.due_at,
          status = EXCLUDED.status, acknowledged_at = EXCLUDED.acknowledged_at, overdue = EXCLUDED.overdue,
          overdue_since = EXCLUDED.overdue_since, escalation_level = EXCLUDED.escalation_level,
          progress_percent = EXCLUDED.progress_percent, completed_at = EXCLUDED.completed_at,
          completed_on_time_original = EXCLUDED.completed_on_time_original, completed_on_time_extended = EXCLUDED.completed_on_time_extended,
          cancelled_at = EXCLUDED.cancelled_at, cancel_reason = EXCLUDED.cancel_reason, participant_ids = EXCLUDED.participant_ids,
          state = EXCLUDED.state, run_id = EXCLUDED.run_id, last_event_seq = EXCLUDED.last_event_seq,
          regressed = EXCLUDED.regressed, after_care_until = EXCLUDED.after_care_until, updated_at = now()
       WHERE tasks.last_event_seq < EXCLUDED.last_event_seq`,
      [
        task.taskId,
        task.code,
        task.title,
        task.description,
        task.program,
        task.plan.templateId,
        state.leadUnitId,
        task.coordinatingUnitIds,
        state.focalOfficerId,
        task.assignedBy,
        task.assignedAt,
        iso(state.originalDueAt),
        iso(state.dueAt),
        state.status,
        state.acknowledgedAt === null ? null : iso(state.acknowledgedAt),
        state.overdue,
        state.overdueSince === null ? null : iso(state.overdueSince),
        state.escalationLevel,
        state.progress?.percent ?? null,
        state.completedAt === null ? null : iso(state.completedAt),
        state.completedOnTimeOriginal,
        state.completedOnTimeExtended,
        state.cancelledAt === null ? null : iso(state.cancelledAt),
        state.cancelReason,
        [...participants],
        JSON.stringify(task.milestones),
        JSON.stringify(task),
        JSON.stringify(state),
        workflowId,
        runId,
        state.seq,
        state.afterCare?.regressed ?? false,
        state.afterCare && state.afterCare.closedAt === null && state.afterCare.endedAt === null ? iso(state.afterCare.endsAt) : null,
      ],
    );
  }

  /** The audit actor of an event; `emails` keeps the users already looked up in this batch. */
  private async actorOf(manager: EntityManager, event: TaskEvent, emails: Map<string, string | null>): Promise<Actor> {
    if (!event.actorId) return systemActor(event.requestId);
    if (!emails.has(event.actorId)) emails.set(event.actorId, (await manager.getRepository(User).findOneBy({ id: event.actorId }))?.email ?? null);
    return { ...systemActor(event.requestId), type: 'USER', id: event.actorId, email: emails.get(event.actorId)! };
  }

  /** The people around a task, from its snapshot: whom its notifications may go to. */
  private async audienceOf(manager: EntityManager, { task, state }: TaskSnapshot): Promise<Audience> {
    const units = manager.getRepository(Unit);
    const lead = await units.findOneByOrFail({ id: state.leadUnitId });
    const parent = lead.parentId ? await units.findOneBy({ id: lead.parentId }) : null;
    const officers = async (): Promise<string[]> =>
      (await manager.getRepository(User).find({ where: { unitId: lead.id, active: true } })).filter((u) => (u.roles as string[]).includes(Role.OFFICER)).map((u) => u.id);
    return {
      lead,
      parent,
      head: lead.headUserId ? [lead.headUserId] : [],
      people: state.focalOfficerId ? [state.focalOfficerId] : await officers(),
      supervisors: [task.assignedBy, ...state.reviewers],
      coordinatingHeads: task.coordinatingUnitIds.length
        ? (await units.findBy({ id: In(task.coordinatingUnitIds) })).map((u) => u.headUserId).filter((id): id is string => Boolean(id))
        : [],
      // After-care news goes to whoever accepted the evidence (else the task's reviewers).
      careReviewers: state.evidence?.reviewedBy ? [state.evidence.reviewedBy] : state.reviewers,
    };
  }

  /** Who must act on or know about an event, each in their own language; the actor is not told of their own action. */
  private async notificationsFor(manager: EntityManager, workflowId: string, { task, state }: TaskSnapshot, event: TaskEvent, audience: Audience): Promise<NotificationInput[]> {
    const type = event.type as TaskNotifiedEvent;
    const data = event.data;
    const { lead, parent, head, people, supervisors, coordinatingHeads, careReviewers } = audience;
    const str = (key: string): string => (typeof data[key] === 'string' ? (data[key]) : '');

    let recipients: string[] = [];
    const extra: Partial<TaskMailData> = {};
    switch (type) {
      case 'ASSIGNED':
        recipients = [...people, ...head, ...coordinatingHeads];
        break;
      case 'ACK_REMINDER':
        recipients = people;
        extra.count = typeof data.count === 'number' ? String(data.count) : '';
        break;
      case 'REMINDER':
        recipients = data.offsetSeconds === 0 ? [...people, ...head] : people;
        break;
      case 'OVERDUE':
        recipients = [...head, ...people];
        break;
      case 'ESCALATION_PROPOSED':
        recipients = data.deciders as string[];
        extra.level = String(data.level);
        break;
      case 'DECISION_REMINDER': {
        const item = data.item as keyof typeof ITEMS;
        recipients = item === 'proposal' ? (data.deciders as string[]) : item === 'evidence' ? (state.evidence?.reviewers ?? supervisors) : supervisors;
        extra.item_vi = ITEMS[item].vi;
        extra.item_en = ITEMS[item].en;
        break;
      }
      case 'ESCALATION_APPROVED':
        recipients = [...head, ...people];
        extra.level = String(data.level);
        break;
      case 'ESCALATION_REJECTED':
        recipients = head;
        extra.level = String(data.level);
        break;
      case 'EXTENSION_REQUESTED':
        recipients = supervisors;
        break;
      case 'EXTENSION_APPROVED':
      case 'EXTENSION_REJECTED':
        recipients = [str('requestedBy'), ...head].filter(Boolean);
        break;
      case 'EXPLANATION_REQUESTED':
        recipients = [...people, ...head];
        break;
      case 'EXPLANATION_ANSWERED':
        recipients = [str('requestedBy')].filter(Boolean);
        break;
      case 'EXPLANATION_OVERDUE': {
        const request = state.explanations.find((x) => x.id === data.requestId);
        recipients = [str('requestedBy'), ...(parent?.headUserId ? [parent.headUserId] : []), ...head].filter(Boolean);
        extra.question = request?.question ?? '';
        break;
      }
      case 'BEYOND_AUTHORITY_RAISED':
        recipients = [...supervisors, ...(parent?.headUserId ? [parent.headUserId] : [])];
        break;
      case 'BEYOND_AUTHORITY_DECIDED': {
        const decision = data.decision as keyof typeof DECISIONS;
        recipients = [str('raisedBy'), ...head].filter(Boolean);
        extra.decision_vi = DECISIONS[decision].vi;
        extra.decision_en = DECISIONS[decision].en;
        break;
      }
      case 'REASSIGNED': {
        const previous = await manager.getRepository(Unit).findOneBy({ id: str('fromUnitId') });
        recipients = [...people, ...head, ...(previous?.headUserId ? [previous.headUserId] : [])];
        extra.newUnitName = lead.nameVi;
        break;
      }
      case 'EVIDENCE_SUBMITTED':
        recipients = state.evidence?.reviewers ?? supervisors;
        break;
      case 'EVIDENCE_ACCEPTED':
        recipients = [...people, ...head, task.assignedBy];
        break;
      case 'EVIDENCE_REJECTED': {
        recipients = [...people, ...head];
        const rejections = (data.rejections ?? {}) as Record<string, string>;
        extra.rejections = Object.entries(rejections).map(([criterion, reason]) => `${criterion}: ${reason}.`).join(' ');
        break;
      }
      case 'EVIDENCE_VERIFIED':
        recipients = state.evidence?.reviewers ?? supervisors;
        break;
      case 'EVIDENCE_VERIFICATION_FAILED': {
        const failed = data.failed as Parameters<typeof describeFailures>[0];
        recipients = [...people, ...head, state.evidence?.submittedBy ?? '', ...(state.evidence?.reviewers ?? supervisors)].filter(Boolean);
        extra.failures_vi = describeFailures(failed, 'vi');
        extra.failures_en = describeFailures(failed, 'en');
        break;
      }
      case 'REGRESSED': {
        const failed = [{ criterion: 'OPERATING_PRODUCT', reasons: data.reasons as CheckReason[] }];
        recipients = [...head, ...people, ...careReviewers, task.assignedBy];
        extra.count = String(data.consecutiveFailures);
        extra.url = str('url');
        extra.failures_vi = describeFailures(failed, 'vi');
        extra.failures_en = describeFailures(failed, 'en');
        break;
      }
      case 'RECOVERED':
        recipients = [...head, ...people, ...careReviewers, task.assignedBy];
        extra.url = str('url');
        break;
      case 'AFTER_CARE_CLOSED':
        recipients = [...head, ...careReviewers];
        break;
      case 'CANCELLED':
        recipients = [...people, ...head, ...coordinatingHeads];
        break;
    }
    const ids = [...new Set(recipients)].filter((id) => id && id !== event.actorId);
    if (ids.length === 0) return [];
    const users = await manager.getRepository(User).findBy({ id: In(ids), active: true });
    const base: Omit<TaskMailData, 'name'> = {
      taskCode: task.code,
      taskTitle: task.title,
      unitName: lead.nameVi,
      dueAt: iso(state.dueAt),
      link: '',
      level: '',
      comment: str('comment'),
      reason: str('reason'),
      newDueAt: str('newDueAt'),
      previousDueAt: str('previousDueAt'),
      question: str('question'),
      deadline: str('deadline'),
      answer: str('answer'),
      decision_vi: '',
      decision_en: '',
      item_vi: '',
      item_en: '',
      rejections: '',
      count: '',
      newUnitName: '',
      failures_vi: '',
      failures_en: '',
      url: '',
      ...extra,
    };
    return users.map((user) => ({
      idempotencyKey: `${workflowId}:${event.seq}:${user.id}`,
      userId: user.id,
      email: user.email,
      language: user.language,
      template: taskTemplateName(type) as NotificationInput['template'],
      params: { ...base, name: user.name },
      link: `/api/tasks/${task.taskId}`,
      taskId: task.taskId,
    }));
  }
}
