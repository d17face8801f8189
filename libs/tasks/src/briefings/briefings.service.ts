import { HttpStatus, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowFailedError } from '@temporalio/client';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { actorOf } from '@dondoc/auth';
import { CalendarService } from '@dondoc/calendar';
import { AppException, canonicalJson, invalidField, notFound, Role, scopeCondition, scopeOf, sha256Hex, type Actor, type Language } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { MailAttachments, NotificationsService, type BriefingMailData, type MailAttachment, type NotificationInput } from '@dondoc/notifications';
import { DirectoryService, normaliseEmail, Unit, User } from '@dondoc/organisation';
import { TABLE_CONTENT_TYPES } from '@dondoc/tabular';
import { formatIsoWeek, parseIsoWeek, vietnamDateOf, type IsoWeek } from '@dondoc/workflows/briefing-week';
import type { BriefingInput, BriefingRequester, BriefingResult } from '@dondoc/workflows/briefing.types';
import type { BriefingDto, BriefingPageDto, BriefingQueryDto, BriefingSummaryDto, IssueBriefingDto } from './briefing.dto';
import { partOf, scopeTotalsOf, unitIdsOf, type BriefingContent } from './briefing-content';
import { briefingHtml } from './briefing-print';
import { PdfPrinter } from '@dondoc/printing';
import { briefingFileName, writeBriefing } from './briefing-export';
import { BriefingPackService } from './briefing-pack.service';
import { briefingWorkflowId } from './briefing-schedule';
import { briefingTimes, weekInRange, weekOfInput, type BriefingTimes } from './briefing-times';
import { WeeklyBriefing } from './weekly-briefing.entity';

/** Serialises the issue of one week's packs (with the week as the second key), so versions never clash. */
const BRIEFING_LOCK = 7_310_014;

/** The email template of a pack. */
const TEMPLATE = 'weekly-briefing';

/** The columns of a pack's summary (a list never reads the content). */
const SUMMARY_COLUMNS = ['id', 'week', 'version', 'weekStart', 'cutOff', 'previousCutOff', 'issuedAt', 'issuedBy', 'reason', 'contentHash', 'workflowId'] as const;

/** An issued pack as the API answers, and whether this request issued it. */
export interface IssuedBriefing {
  created: boolean;
  briefing: BriefingDto;
}

/**
 * The weekly briefing (giao ban hằng tuần): issuing a week's pack — counted at its cut-off
 * (BriefingPackService), stored once and never changed, audited and emailed to its recipients with
 * the pack as an XLSX file, all in one transaction — and reading packs, each reader their part.
 */
@Injectable()
export class BriefingsService implements OnModuleInit {
  private readonly logger = new Logger(BriefingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pack: BriefingPackService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly attachments: MailAttachments,
    private readonly directory: DirectoryService,
    private readonly config: AppConfig,
    private readonly temporal: Client,
    private readonly printer: PdfPrinter,
  ) {}

  /** The pack's XLSX is rendered when its email is sent, from the stored pack, as its recipient may read it. */
  onModuleInit(): void {
    this.attachments.register(TEMPLATE, async ({ params, language, userId }): Promise<MailAttachment[]> => {
      const briefing = await this.dataSource.getRepository(WeeklyBriefing).findOneByOrFail({ id: String(params.briefingId) });
      const view = await this.viewOf(briefing, await this.readerOf(userId), language);
      const xlsx: MailAttachment = { filename: briefingFileName(view), contentType: TABLE_CONTENT_TYPES.xlsx, content: await writeBriefing(view, language) };
      // The print view as a PDF too, where a Chromium is configured (CHROMIUM_PATH).
      if (!this.printer.available) return [xlsx];
      return [xlsx, { filename: briefingFileName(view, 'pdf'), contentType: 'application/pdf', content: await this.printPdf(view, language) }];
    });
  }

  /** A week's cut-off and the previous one, from the working-day calendar in force. */
  async times(week: IsoWeek): Promise<BriefingTimes> {
    const calendar = await this.calendar.current();
    return briefingTimes(week, (date) => calendar.isWorkingDay(date));
  }

  /** When the week's pack is issued (the workflow sleeps until then). */
  async issueTime(week: string): Promise<{ issueAt: number; mondayOff: boolean }> {
    const times = await this.times(this.weekOf(week));
    return { issueAt: times.cutOff.getTime(), mondayOff: times.mondayOff };
  }

  /**
   * Issues a week's pack (the workflow's activity): returns the pack already there — the asked
   * version, or without a new reason the week's latest — else counts the pack at the week's
   * cut-off and stores it as the next version, with its audit event and one email per recipient,
   * in one transaction. Idempotent: a retried activity, a repeated schedule run or backfill,
   * a retried request issue nothing twice.
   */
  async issue(input: { week: string; version: number | null; reason: string | null; requestedBy: BriefingRequester | null; workflowId: string }): Promise<BriefingResult> {
    const week = this.weekOf(input.week);
    const existing = await this.existing(this.dataSource.manager, input.week, input.version, input.reason);
    if (existing) return this.result(existing, false);
    const times = await this.times(week);
    const calendar = await this.calendar.current();
    // Counted before the transaction (on the pool): the lock below is held only to write.
    const content = await this.pack.count(times, calendar, this.config.reports.briefingMostOverdue);
    const contentHash = sha256Hex(canonicalJson(content));
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [BRIEFING_LOCK, week.year * 100 + week.week]);
      const again = await this.existing(tx, input.week, input.version, input.reason);
      if (again) return this.result(again, false);
      const latest = await tx.getRepository(WeeklyBriefing).findOne({ where: { week: input.week }, order: { version: 'DESC' }, select: ['id', 'version'] });
      const version = (latest?.version ?? 0) + 1;
      const briefing = await tx.getRepository(WeeklyBriefing).save(
        tx.getRepository(WeeklyBriefing).create({
          week: input.week,
          version,
          weekStart: times.weekStart,
          cutOff: times.cutOff,
          previousCutOff: times.previousCutOff,
          content,
          contentHash,
          // A first version may carry a reason too (an administrator's): a retried request finds it by that reason.
          reason: input.reason,
          issuedBy: input.requestedBy?.userId ?? null,
          workflowId: input.workflowId,
        }),
      );
      const actor: Actor = input.requestedBy
        ? { type: 'USER', id: input.requestedBy.userId, email: input.requestedBy.email, roles: [Role.ADMIN], unitId: null, unitPath: null, language: 'vi', sessionId: null, requestId: input.requestedBy.requestId }
        : { type: 'SYSTEM', id: null, email: null, roles: [], unitId: null, unitPath: null, language: 'vi', sessionId: null, requestId: null };
      await this.audit.record(tx, actor, {
        action: 'BRIEFING_ISSUED',
        subjectType: 'briefing',
        subjectId: briefing.id,
        summary: { week: input.week, version, cutOff: times.cutOff.toISOString(), contentHash, reason: briefing.reason, workflowId: input.workflowId },
      });
      const recipients = await this.recipients(tx);
      await this.notifications.enqueue(tx, await Promise.all(recipients.map((user) => this.email(briefing, user))));
      this.logger.log({ week: input.week, version, contentHash, recipients: recipients.length }, 'weekly briefing issued');
      return this.result(briefing, true);
    });
  }

  /**
   * An administrator issues a week's pack now (`POST /api/reports/briefings`): the existing pack
   * without a reason (or with the latest version's own reason: a retried request), else the
   * workflow `weekly-briefing-<week>-v<version>` makes the next version; waits for it at most
   * TASK_ACTION_WAIT_MS (then 503 ACTION_PENDING: the same request again returns the pack).
   */
  async request(actor: Actor & { id: string }, dto: IssueBriefingDto, language: Language): Promise<IssuedBriefing> {
    const week = this.checkWeek(dto.week, 'week');
    const times = await this.times(week);
    if (times.cutOff.getTime() > Date.now()) {
      throw invalidField('week', 'cutOffPassed', {
        vi: `week: tài liệu giao ban tuần ${times.week} được phát hành lúc ${times.cutOff.toISOString()}; chỉ phát hành được tuần đã qua thời điểm chốt`,
        en: `week: the briefing of ${times.week} is issued at ${times.cutOff.toISOString()}; only a week whose cut-off has passed can be issued`,
      });
    }
    const reason = dto.reason?.trim() || null;
    const existing = await this.existing(this.dataSource.manager, times.week, null, reason);
    if (existing) return { created: false, briefing: await this.viewOf(existing, actor, language) };
    const latest = await this.dataSource.getRepository(WeeklyBriefing).findOne({ where: { week: times.week }, order: { version: 'DESC' }, select: ['version'] });
    const version = (latest?.version ?? 0) + 1;
    const workflowId = briefingWorkflowId(this.config.temporal.taskQueue, times.week, version);
    const input: BriefingInput = { week: times.week, version, reason, requestedBy: { userId: actor.id, email: actor.email, requestId: actor.requestId } };
    let result: BriefingResult;
    try {
      const handle = await this.temporal.workflow.start('briefingWorkflow', {
        workflowId,
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        // A retried request while the first runs waits for the same run; once it has finished, its pack is found above.
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      const outcome = handle.result() as Promise<BriefingResult>;
      outcome.catch(() => undefined); // a failure after the wait is the workflow's, not this request's
      const waited = await Promise.race([outcome, new Promise<null>((resolve) => setTimeout(() => resolve(null), this.config.tasks.actionWaitMs).unref())]);
      if (waited === null) throw new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'ACTION_PENDING', { retryAfter: 5 });
      result = waited;
    } catch (error) {
      if (error instanceof AppException) throw error;
      if (error instanceof WorkflowFailedError) throw error;
      this.logger.warn({ workflowId, err: (error as Error).message }, 'could not start a weekly briefing');
      throw new AppException(HttpStatus.SERVICE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', { service: 'Temporal' });
    }
    const briefing = await this.dataSource.getRepository(WeeklyBriefing).findOneByOrFail({ id: result.briefingId });
    return { created: result.created, briefing: await this.viewOf(briefing, actor, language) };
  }

  /** Packs, newest week first (each week's versions newest first); metadata only — the figures are read one pack at a time. */
  async list(query: BriefingQueryDto): Promise<BriefingPageDto> {
    const qb = this.dataSource.getRepository(WeeklyBriefing).createQueryBuilder('b').select(SUMMARY_COLUMNS.map((c) => `b.${c}`));
    if (query.week !== undefined) qb.where('b.week = :week', { week: formatIsoWeek(this.checkWeek(query.week, 'week')) });
    const [rows, total] = await qb
      .orderBy('b.week', 'DESC')
      .addOrderBy('b.version', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const issuers = await this.issuers(rows);
    return { items: rows.map((row) => this.summaryOf(row, issuers)), total, page: query.page, pageSize: query.pageSize };
  }

  /** One pack as the reader may read it (their part unless they see every unit); 404 when unknown. */
  async get(actor: Actor, id: string, language: Language): Promise<BriefingDto> {
    const briefing = await this.dataSource.getRepository(WeeklyBriefing).findOneBy({ id });
    if (!briefing) throw notFound('briefing', id);
    return this.viewOf(briefing, actor, language);
  }

  /** One pack as a file, as the reader may read it: the XLSX workbook, or the print view as a PDF (where a Chromium is configured). */
  async export(actor: Actor, id: string, language: Language, format: 'xlsx' | 'pdf' = 'xlsx'): Promise<{ fileName: string; type: string; content: Buffer }> {
    if (format === 'pdf' && !this.printer.available) {
      throw invalidField('format', 'pdfUnavailable', { vi: 'máy chủ này chưa cấu hình Chromium để in PDF (CHROMIUM_PATH); hãy tải tệp xlsx', en: 'this server has no Chromium to print PDFs with (CHROMIUM_PATH); download the xlsx' });
    }
    const view = await this.get(actor, id, language);
    if (format === 'pdf') return { fileName: briefingFileName(view, 'pdf'), type: 'application/pdf', content: await this.printPdf(view, language) };
    return { fileName: briefingFileName(view), type: TABLE_CONTENT_TYPES.xlsx, content: await writeBriefing(view, language) };
  }

  private printPdf(view: BriefingDto, language: Language): Promise<Buffer> {
    return this.printer.print(briefingHtml(view, language), `dondoc — ${view.week} — v${view.version}`);
  }

  /**
   * Who receives a pack: the leaders of the root units (LEADER in a unit without a parent) and the
   * administrators, active, and BRIEFING_RECIPIENTS (emails of users, `head:<unit code>`); each
   * once. An entry that names nobody active is logged and skipped.
   */
  async recipients(manager: EntityManager = this.dataSource.manager): Promise<User[]> {
    const users = manager.getRepository(User);
    const roots = await manager.getRepository(Unit).find({ where: { parentId: IsNull() }, select: ['id'] });
    const byDefault = await users
      .createQueryBuilder('u')
      .where('u.active')
      .andWhere(`(:admin = ANY(u.roles) OR (:leader = ANY(u.roles) AND u.unit_id = ANY(:roots)))`, { admin: Role.ADMIN, leader: Role.LEADER, roots: roots.map((r) => r.id) })
      .getMany();
    const extra: User[] = [];
    for (const entry of this.config.reports.briefingRecipients.split(',').map((e) => e.trim()).filter(Boolean)) {
      let user: User | null = null;
      if (entry.toLowerCase().startsWith('head:')) {
        const unit = await manager.getRepository(Unit).findOneBy({ code: entry.slice(5).trim() });
        user = unit?.headUserId ? await users.findOneBy({ id: unit.headUserId, active: true }) : null;
      } else user = await users.findOneBy({ email: normaliseEmail(entry), active: true });
      if (user) extra.push(user);
      else this.logger.warn({ entry }, 'BRIEFING_RECIPIENTS names no active user; skipped');
    }
    const all = new Map([...byDefault, ...extra].map((u) => [u.id, u]));
    return [...all.values()].sort((a, b) => a.email.localeCompare(b.email));
  }

  /** A recipient's email: their part's headline figures, the pack attached when it is sent. */
  private async email(briefing: WeeklyBriefing, user: User): Promise<NotificationInput> {
    const language: Language = user.language === 'en' ? 'en' : 'vi';
    const view = await this.viewOf(briefing, await this.readerOf(user.id), language);
    const totals = view.scopeTotals;
    const params: BriefingMailData & { briefingId: string } = {
      briefingId: briefing.id,
      name: user.name,
      week: briefing.week,
      version: briefing.version,
      reason: briefing.reason ?? '',
      cutOff: briefing.cutOff.toISOString(),
      total: totals.total,
      doneOnTime: totals.original.doneOnTime,
      overdue: totals.current.overdue,
      newTasks: totals.changes.newTasks,
      completed: totals.changes.completedOnTime + totals.changes.completedLate,
      newlyOverdue: totals.changes.newlyOverdue,
      decisions: view.content.decisions.length,
      fileName: briefingFileName(briefing),
      link: '',
    };
    return { idempotencyKey: `briefing:${briefing.week}:v${briefing.version}:${user.id}`, userId: user.id, email: user.email, language, template: TEMPLATE, params };
  }

  /**
   * The pack as a reader reads it, labels in their language. Administrators, auditors and anyone
   * whose scope holds every root unit see it all; others their part (`partOf`): the units within
   * their scope — their rows, tasks, decisions and heads — and the totals of those units.
   */
  private async viewOf(briefing: WeeklyBriefing, reader: Actor, language: Language): Promise<BriefingDto> {
    const content = briefing.content;
    const visible = await this.visibleUnits(reader, content);
    const all = visible === 'all';
    const part = all ? content : partOf(content, (id) => visible.has(id));
    const issuers = await this.issuers([briefing]);
    return {
      ...this.summaryOf(briefing, issuers),
      scope: all ? 'all' : 'part',
      scopeText: all ? (language === 'en' ? 'All units' : 'Toàn bộ các đơn vị') : language === 'en' ? 'The units within your scope' : 'Các đơn vị trong phạm vi của đồng chí',
      scopeTotals: scopeTotalsOf(part.units),
      content: localised(part, language),
    };
  }

  /** 'all', or the ids of the units a pack names that the reader sees. */
  private async visibleUnits(reader: Actor, content: BriefingContent): Promise<'all' | Set<string>> {
    const scope = scopeOf(reader);
    if (scope.all) return 'all';
    const roots = await this.dataSource.getRepository(Unit).find({ where: { parentId: IsNull() }, select: ['id'] });
    const ids = [...new Set([...unitIdsOf(content), ...roots.map((r) => r.id)])];
    const { sql, params } = scopeCondition(scope, 'unit');
    const seen = ids.length === 0 ? [] : await this.dataSource.getRepository(Unit).createQueryBuilder('unit').select('unit.id', 'id').where('unit.id IN (:...ids)', { ids }).andWhere(sql, params).getRawMany<{ id: string }>();
    const set = new Set(seen.map((row) => row.id));
    return roots.length > 0 && roots.every((root) => set.has(root.id)) ? 'all' : set;
  }

  /** The reader a recipient is (their roles and scope now); a user gone is a reader of nothing. */
  private async readerOf(userId: string | null): Promise<Actor> {
    const user = userId ? await this.directory.findUser(userId) : null;
    if (!user) return { type: 'USER', id: userId, email: null, roles: [], unitId: null, unitPath: null, language: 'vi', sessionId: null, requestId: null };
    return actorOf(user, await this.directory.placeOf(user.id, user.unitId), null, null);
  }

  /** The pack this asks for, if issued: the version asked; else, without a new reason, the week's latest. */
  private async existing(manager: EntityManager, week: string, version: number | null, reason: string | null): Promise<WeeklyBriefing | null> {
    const repo = manager.getRepository(WeeklyBriefing);
    if (version !== null) {
      const same = await repo.findOneBy({ week, version });
      if (same) return same;
    }
    const latest = await repo.findOne({ where: { week }, order: { version: 'DESC' } });
    if (latest && (reason === null || reason === latest.reason)) return latest;
    return null;
  }

  private result(briefing: WeeklyBriefing, created: boolean): BriefingResult {
    return { briefingId: briefing.id, week: briefing.week, version: briefing.version, contentHash: briefing.contentHash, created };
  }

  private async issuers(rows: Pick<WeeklyBriefing, 'issuedBy'>[]): Promise<Map<string, User>> {
    const ids = [...new Set(rows.map((r) => r.issuedBy).filter((id): id is string => id !== null))];
    return new Map((ids.length ? await this.dataSource.getRepository(User).findBy({ id: In(ids) }) : []).map((u) => [u.id, u]));
  }

  private summaryOf(row: WeeklyBriefing, issuers: Map<string, User>): BriefingSummaryDto {
    const issuer = row.issuedBy ? issuers.get(row.issuedBy) : undefined;
    return {
      id: row.id,
      week: row.week,
      version: row.version,
      weekStart: row.weekStart.toISOString(),
      cutOff: row.cutOff.toISOString(),
      previousCutOff: row.previousCutOff.toISOString(),
      issuedAt: row.issuedAt.toISOString(),
      issuedBy: issuer ? { id: issuer.id, name: issuer.name, email: issuer.email } : null,
      reason: row.reason,
      contentHash: row.contentHash,
      mondayOff: vietnamDateOf(row.cutOff.getTime()) !== vietnamDateOf(row.weekStart.getTime()),
    };
  }

  /** A week given to the API: an ISO week or a date of it, within the calendar's range; else a 400 naming the field. */
  private checkWeek(text: string, field: string): IsoWeek {
    const week = weekOfInput(text);
    if (!week) {
      throw invalidField(field, 'isoWeek', { vi: `${field} phải là tuần ISO (ví dụ 2026-W48) hoặc một ngày có thật (ví dụ 2026-11-25)`, en: `${field} must be an ISO week (e.g. 2026-W48) or a real date (e.g. 2026-11-25)` });
    }
    if (!weekInRange(week)) {
      throw invalidField(field, 'calendarRange', { vi: `${field} phải từ tuần đầu năm 2000 đến giữa năm 2100 (phạm vi của lịch ngày làm việc)`, en: `${field} must fall between the first week of 2000 and mid-2100 (the working-day calendar’s range)` });
    }
    return week;
  }

  /** A week the workflow was given (already checked by whoever started it). */
  private weekOf(text: string): IsoWeek {
    const week = parseIsoWeek(text);
    if (!week || !weekInRange(week)) throw new RangeError(`not a week a briefing can be issued for: ${text}`);
    return week;
  }
}

/** The statistic rows' labels in the reader's language (stored in Vietnamese). */
function localised(content: BriefingContent, language: Language): BriefingContent {
  const name = (unit: { nameVi: string; nameEn: string | null }) => (language === 'en' ? (unit.nameEn ?? unit.nameVi) : unit.nameVi);
  const own = language === 'en' ? ' (leading itself)' : ' (trực tiếp chủ trì)';
  return {
    ...content,
    statistics: {
      totals: content.statistics.totals ? { ...content.statistics.totals, label: language === 'en' ? 'Total' : 'Tổng cộng' } : null,
      firstLevel: content.statistics.firstLevel.map((row) => (row.unit ? { ...row, label: `${name(row.unit)}${row.rollsUp ? '' : own}` } : row)),
    },
  };
}
