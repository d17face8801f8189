import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { notFound, PageQueryDto, toBoolean, type Actor, type Page } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { NotificationRenderer } from './notification-renderer';
import { Notification, type NotificationStatus } from './notification.entity';

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
}

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['PENDING', 'SENDING', 'SENT', 'FAILED'] })
  @IsOptional()
  @IsIn(['PENDING', 'SENDING', 'SENT', 'FAILED'])
  status?: NotificationStatus;
}

export class InboxItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The email subject, in your language' }) subject!: string;
  @ApiProperty() template!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ nullable: true, type: String }) link!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
  @ApiProperty({ enum: ['PENDING', 'SENDING', 'SENT', 'FAILED'], description: 'Email delivery' }) emailStatus!: NotificationStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The email is held until then (outside working hours); the inbox entry is here already' })
  emailSendAfter!: string | null;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty() email!: string;
  @ApiProperty() template!: string;
  @ApiProperty({ enum: ['PENDING', 'SENDING', 'SENT', 'FAILED'] }) status!: NotificationStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() messageId!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Not sent before then: a task event outside working hours waits for the next working morning (null: at once)' })
  sendAfter!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** The in-app inbox: every notification addressed to the user, with its email's delivery. */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly renderer: NotificationRenderer,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, query: InboxQueryDto): Promise<Page<InboxItemDto> & { unread: number }> {
    const repository = this.dataSource.getRepository(Notification);
    const where = { userId: actor.id!, ...(query.unread ? { readAt: IsNull() } : {}) };
    const [rows, total] = await repository.findAndCount({ where, order: { createdAt: 'DESC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    const unread = await repository.countBy({ userId: actor.id!, readAt: IsNull() });
    return {
      items: rows.map((n) => ({
        id: n.id,
        subject: this.renderer.render({ ...n, language: actor.language }).subject,
        template: n.template,
        taskId: n.taskId,
        link: n.link ? this.config.link(n.link) : null,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
        emailStatus: n.status,
        emailSendAfter: n.sendAfter?.toISOString() ?? null,
      })),
      total,
      unread,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const notification = await tx.getRepository(Notification).findOneBy({ id, userId: actor.id! });
      if (!notification) throw notFound('notification', id);
      if (notification.readAt) return;
      await tx.update(Notification, { id }, { readAt: new Date() });
      await this.audit.record(tx, actor, { action: 'NOTIFICATION_READ', subjectType: 'notification', subjectId: id });
    });
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    return this.dataSource.transaction(async (tx) => {
      const result = await tx.update(Notification, { userId: actor.id!, readAt: IsNull() }, { readAt: new Date() });
      await this.audit.record(tx, actor, { action: 'NOTIFICATION_READ_ALL', subjectType: 'notification', summary: { marked: result.affected ?? 0 } });
      return { marked: result.affected ?? 0 };
    });
  }

  /** The outbox as administrators and auditors see it: what was sent, what is pending, what failed and why. */
  async deliveries(query: DeliveryQueryDto): Promise<Page<DeliveryDto>> {
    const [rows, total] = await this.dataSource.getRepository(Notification).findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { createdAt: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: rows.map((n) => ({
        id: n.id,
        idempotencyKey: n.idempotencyKey,
        email: n.email,
        template: n.template,
        status: n.status,
        attempts: n.attempts,
        lastError: n.lastError,
        messageId: n.messageId,
        sendAfter: n.sendAfter?.toISOString() ?? null,
        sentAt: n.sentAt?.toISOString() ?? null,
        createdAt: n.createdAt.toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
