import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { actorOf } from '@dondoc/auth';
import { ACKNOWLEDGE_LINK_PURPOSE, AppException, verifySignedToken, type Actor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { DirectoryService, type User } from '@dondoc/organisation';
import { AcknowledgeLink } from './acknowledge-link.entity';
import type { AcknowledgeLinkResult, AcknowledgeLinkView } from './dto/acknowledge-link.dto';
import { TaskActionsService } from './task-actions.service';
import { forbidden, TaskAccessService } from './task-access.service';
import { Task } from './task.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A token that is not one dondoc made (tampered, truncated, another purpose's), or names no link: 400 naming the field. */
const invalidLink = (): AppException =>
  new AppException(HttpStatus.BAD_REQUEST, 'ACK_LINK_INVALID', {}, [{ field: 'token', rule: 'valid', message: { vi: 'token không phải của một đường dẫn xác nhận tiếp nhận', en: 'token is not that of an acknowledgement link' } }]);
const expiredLink = (): AppException => new AppException(HttpStatus.GONE, 'ACK_LINK_EXPIRED');
/** A link already used: 410, naming its task so the page can offer to open it. */
const usedLink = (taskId: string): AppException => new AppException(HttpStatus.GONE, 'ACK_LINK_USED', { details: { taskId } });

const alreadyAcknowledged = (error: unknown): boolean => error instanceof AppException && error.code === 'CONFLICT' && error.params.rule === 'alreadyAcknowledged';

/**
 * The one-step acknowledgement links of emails. Opening the page reads (preview); only its button,
 * a POST, acknowledges (confirm) — so a mail scanner that follows links acknowledges nothing. The
 * token stands for the recipient: the action is theirs, through the same path as in the app.
 */
@Injectable()
export class AcknowledgeLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly access: TaskAccessService,
    private readonly actions: TaskActionsService,
    private readonly directory: DirectoryService,
    private readonly audit: AuditService,
  ) {}

  /** The task a link acknowledges and whether it already is; consumes nothing (the opening is audited). */
  async preview(token: string, requestId: string | null): Promise<AcknowledgeLinkView> {
    const { link, actor, user } = await this.open(token, requestId);
    const task = await this.taskFor(actor, link.taskId);
    await this.audit.record(this.audit.manager, actor, { action: 'TASK_ACK_LINK_OPENED', subjectType: 'task', subjectId: task.id, summary: { code: task.code, linkId: link.id } });
    return this.view(task, user);
  }

  /**
   * Acknowledges the task as the link's recipient (TaskActionsService.acknowledge: same checks,
   * Update and audit) and uses the link up. A task acknowledged before is answered as such; a second
   * use is 410. A failed acknowledgement leaves the link usable (a retry reuses the Update's id).
   */
  async confirm(token: string, requestId: string | null): Promise<AcknowledgeLinkResult> {
    const { link, actor, user } = await this.open(token, requestId);
    const task = await this.taskFor(actor, link.taskId);
    if (!(await this.claim(link.id))) throw usedLink(link.taskId);
    let acknowledgedNow = false;
    try {
      if (task.acknowledgedAt === null) {
        await this.actions.acknowledge(actor, task.id, { idempotencyKey: `acknowledge-link-${link.id}` });
        acknowledgedNow = true;
      }
    } catch (error) {
      if (!alreadyAcknowledged(error)) {
        await this.release(link.id);
        throw error;
      }
    }
    await this.audit.record(this.audit.manager, actor, { action: 'TASK_ACK_LINK_USED', subjectType: 'task', subjectId: task.id, summary: { code: task.code, linkId: link.id, acknowledgedNow } });
    const now = await this.dataSource.getRepository(Task).findOneByOrFail({ id: task.id });
    return { ...(await this.view(now, user)), acknowledgedNow };
  }

  /** The link behind a token, and its recipient as the actor: 400 not genuine, 410 used or expired, 403 recipient deactivated. */
  private async open(token: string, requestId: string | null): Promise<{ link: AcknowledgeLink; actor: Actor; user: User }> {
    const id = verifySignedToken(this.config.auth.jwtSecret, ACKNOWLEDGE_LINK_PURPOSE, token);
    if (!id || !UUID.test(id)) throw invalidLink();
    const link = await this.dataSource.getRepository(AcknowledgeLink).findOneBy({ id });
    if (!link) throw invalidLink();
    if (link.usedAt) throw usedLink(link.taskId);
    if (link.expiresAt.getTime() <= Date.now()) throw expiredLink();
    const user = await this.directory.findUser(link.userId);
    if (!user?.active) throw forbidden();
    return { link, user, actor: actorOf(user, await this.directory.placeOf(user.id, user.unitId), null, requestId) };
  }

  /** The task, if the recipient may still acknowledge it: 404 out of their scope, 403 no longer of the lead unit (as the app's acknowledge). */
  private async taskFor(actor: Actor, taskId: string): Promise<Task> {
    const task = await this.access.visibleTask(actor, taskId);
    if (!(await this.access.relates(actor, task, 'member', {}))) throw forbidden();
    return task;
  }

  /** Marks the link used unless it already is: true when this call took it. */
  private async claim(id: string): Promise<boolean> {
    const result = await this.dataSource.createQueryBuilder().update(AcknowledgeLink).set({ usedAt: () => 'now()' }).where('id = :id AND used_at IS NULL', { id }).execute();
    return (result.affected ?? 0) > 0;
  }

  private async release(id: string): Promise<void> {
    await this.dataSource.createQueryBuilder().update(AcknowledgeLink).set({ usedAt: null }).where('id = :id', { id }).execute();
  }

  private async view(task: Task, user: User): Promise<AcknowledgeLinkView> {
    const unit = await this.directory.unit(task.leadUnitId);
    return {
      taskId: task.id,
      code: task.code,
      title: task.title,
      leadUnit: { id: unit.id, code: unit.code, name: unit.nameVi, nameEn: unit.nameEn },
      dueAt: task.dueAt.toISOString(),
      status: task.status,
      acknowledged: task.acknowledgedAt !== null,
      recipient: { id: user.id, name: user.name },
    };
  }
}
