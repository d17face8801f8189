import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { CalendarService, type WorkingCalendar } from '@dondoc/calendar';
import { scrubText, systemActor, type Actor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { NotificationsService, type NotificationInput, type TaskNotifiedEvent } from '@dondoc/notifications';
import { DirectoryService } from '@dondoc/organisation';
import type { NotificationPlan, TaskEvent, TaskSnapshot } from '@dondoc/workflows/task/task.types';
import { AcknowledgeLink } from './acknowledge-link.entity';
import { emailHoldUntil } from './task-notification-hold';
import { insertTaskEvents, markDueChanges, upsertTaskRow } from './task-projection';
import { upsertTaskBlockers } from './task-blocker-projection';
import { blockingUnitOf, isNotified, taskNotifications, taskRecipients, unitsWhoseHeadHears, type BlockingUnit, type TaskAudience } from './task-recipients';

/** A batch of a task's events, with the workflow's snapshot after the last of them. */
export interface TaskRecord {
  workflowId: string;
  events: TaskEvent[];
  snapshot: TaskSnapshot;
}

/**
 * Writes what a task's workflow did: its row, its timeline, an audit entry per event and the
 * notifications of each, in one transaction, idempotently (a retried batch writes nothing twice).
 */
@Injectable()
export class TaskRecordingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly directory: DirectoryService,
    private readonly config: AppConfig,
    private readonly calendar: CalendarService,
  ) {}

  /**
   * Upserts the row from the snapshot (recreating it if missing, never overwriting a newer one),
   * appends the events not yet recorded, audits them and queues their notifications (the worker's
   * mailer sends them once this commits).
   */
  async record(input: TaskRecord): Promise<void> {
    // Text the database cannot store (from an older workflow, a page an evidence check read) is replaced, never retried for ever.
    const { workflowId, events, snapshot } = scrubText(input);
    await this.dataSource.transaction(async (tx) => {
      await upsertTaskRow(tx, workflowId, snapshot);
      await upsertTaskBlockers(tx, snapshot);
      // A retried activity finds its events already written: no second audit entry, no second email.
      const fresh = await insertTaskEvents(tx, snapshot.task.taskId, events);
      await markDueChanges(tx, snapshot.task.taskId, events);
      const outbox: NotificationInput[] = [];
      const emails = new Map<string, string | null>();
      let audience: TaskAudience | undefined; // the same for every event of the batch: read once, when first needed
      let calendar: WorkingCalendar | undefined; // likewise
      for (const event of fresh) {
        // The assignment's audit entry is the API's TASK_CREATED, written with the first row in the request itself.
        if (event.type !== 'ASSIGNED') {
          await this.audit.record(tx, await this.actorOf(tx, event, emails), {
            action: `TASK_${event.type}`,
            subjectType: 'task',
            subjectId: snapshot.task.taskId,
            summary: { code: snapshot.task.code, seq: event.seq, from: event.fromStatus, to: event.toStatus, ...event.data },
          });
        }
        if (!isNotified(event)) continue;
        audience ??= await this.audienceOf(tx, snapshot);
        const rows = await this.notificationsFor(tx, workflowId, snapshot, event, audience);
        if (rows.length === 0) continue;
        calendar ??= await this.calendar.current(tx);
        outbox.push(...this.withHold(rows, event, snapshot.task.plan.notifications, audience, calendar));
      }
      await this.storeAcknowledgeLinks(tx, snapshot.task.taskId, outbox);
      await this.notifications.enqueue(tx, outbox);
    });
  }

  /**
   * Each row with the instant its email waits for, if it falls on a day off or at night (see
   * `emailHoldUntil`); the inbox entry is there at once. "When" is the later of the event and its
   * recording, so what a worker records late in the evening does not go out at night either.
   */
  private withHold(rows: NotificationInput[], event: TaskEvent, plan: NotificationPlan | undefined, audience: TaskAudience, calendar: WorkingCalendar): NotificationInput[] {
    const policy = { workingHoursOnly: this.config.notify.workingHoursOnly, until: this.config.calendar.notifyUntil };
    const at = Math.max(event.at, Date.now());
    return rows.map((row) => ({ ...row, sendAfter: emailHoldUntil(calendar, policy, { at, eventType: event.type, toHead: row.userId !== null && audience.head.includes(row.userId), plan }) }));
  }

  /** The single-use acknowledgement links the rows carry (`ackLinkId`), valid TASK_ACK_LINK_TTL_DAYS. */
  private async storeAcknowledgeLinks(tx: EntityManager, taskId: string, outbox: NotificationInput[]): Promise<void> {
    const expiresAt = new Date(Date.now() + this.config.tasks.ackLinkTtlDays * 86_400_000);
    const links = outbox
      .filter((row): row is NotificationInput & { userId: string; params: { ackLinkId: string } } => typeof row.params.ackLinkId === 'string' && row.userId !== null)
      .map((row) => ({ id: row.params.ackLinkId, taskId, userId: row.userId, expiresAt, usedAt: null }));
    if (links.length === 0) return;
    await tx.createQueryBuilder().insert().into(AcknowledgeLink).values(links).orIgnore().execute();
  }

  /** The audit actor of an event; `emails` keeps the users already looked up in this batch. */
  private async actorOf(tx: EntityManager, event: TaskEvent, emails: Map<string, string | null>): Promise<Actor> {
    if (!event.actorId) return systemActor(event.requestId);
    if (!emails.has(event.actorId)) emails.set(event.actorId, await this.directory.emailOf(event.actorId, tx));
    return { ...systemActor(event.requestId), type: 'USER', id: event.actorId, email: emails.get(event.actorId)! };
  }

  /** The people around a task, from its snapshot: whom its notifications may go to. */
  private async audienceOf(tx: EntityManager, { task, state }: TaskSnapshot): Promise<TaskAudience> {
    const lead = await this.directory.unit(state.leadUnitId, tx);
    const parent = lead.parentId ? await this.directory.findUnit(lead.parentId, tx) : null;
    return {
      unitName: lead.nameVi,
      head: lead.headUserId ? [lead.headUserId] : [],
      parentHead: parent?.headUserId ? [parent.headUserId] : [],
      people: state.focalOfficerId ? [state.focalOfficerId] : await this.directory.officersOf(lead.id, tx),
      coordinatingHeads: await this.directory.headsOf(task.coordinatingUnitIds, tx),
    };
  }

  /** The outbox rows of one event, for its active recipients; the actor is not told of their own action. */
  private async notificationsFor(tx: EntityManager, workflowId: string, snapshot: TaskSnapshot, event: TaskEvent & { type: TaskNotifiedEvent }, audience: TaskAudience): Promise<NotificationInput[]> {
    const unitHeads = new Map<string, string | null>();
    for (const unitId of unitsWhoseHeadHears(event)) unitHeads.set(unitId, (await this.directory.findUnit(unitId, tx))?.headUserId ?? null);
    const { recipients, params } = taskRecipients(event, snapshot, audience, unitHeads, await this.blockingUnit(tx, event));
    const ids = [...new Set(recipients)].filter((id) => id && id !== event.actorId);
    if (ids.length === 0) return [];
    return taskNotifications(workflowId, event, snapshot.task, params, await this.directory.activeUsers(ids, tx), audience);
  }

  /** The unit a blocker event names: its name, its head and its active officers (who hear of the blocker). */
  private async blockingUnit(tx: EntityManager, event: TaskEvent): Promise<BlockingUnit | undefined> {
    const unitId = blockingUnitOf(event);
    const unit = unitId ? await this.directory.findUnit(unitId, tx) : null;
    if (!unit) return undefined;
    return { name: unit.nameVi, head: unit.headUserId, officers: await this.directory.officersOf(unit.id, tx) };
  }
}
