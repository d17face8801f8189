import { HttpStatus, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ScorecardsInput } from '@dondoc/workflows/scorecards.types';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService, type AuditEntry } from '@dondoc/audit';
import { AppException, canonicalJson, conflict, hasRole, invalidField, notFound, Role, scopeOf, sha256Hex, systemActor, validationFailed, type Actor, type Language, type Page } from '@dondoc/common';
import { PdfPrinter } from '@dondoc/printing';
import { TABLE_CONTENT_TYPES } from '@dondoc/tabular';
import { scorecardFileName, writeScorecard } from './scorecard-export';
import { scorecardHtml } from './scorecard-print';
import { CalendarService } from '@dondoc/calendar';
import { AppConfig } from '@dondoc/config';
import { unitRef } from '@dondoc/organisation';
import { NotificationsService, type NotificationInput } from '@dondoc/notifications';
import { StatisticsService } from '../statistics/statistics.service';
import { INCLUDE_IN_PARENTS_SQL, scorecardFacts, type ScorecardScope } from './scorecard-facts';
import { BAND_LABELS, bandOf, DEFAULT_FORMULA, formulaProblems, scoreQuarter, type ScorecardFormula, type ScoredTask } from './scorecard-formula';
import { Scorecard, ScorecardFormulaVersion, type ScorecardContent, type ScorecardKind } from './scorecard.entity';
import type { IssueScorecardsDto, ScorecardIssueDto, ScorecardCorrectionDto, ScorecardDto, ScorecardFormulaDto, ScorecardFormulaInputDto, ScorecardGeneralDto, ScorecardQueryDto, ScorecardSummaryDto } from './scorecard.dto';
import { parseQuarter, quarterEndedBy, scorecardIssueInstant, type Quarter, type QuarterMode } from './quarters';

/** Subjects published per transaction (each with its audit event). */
const PUBLISH_BATCH = 50;

/** The years a quarter may name: the working-day calendar's range. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** Whom one scorecard rates, and whose tasks it counts. */
export interface ScorecardSubject {
  kind: ScorecardKind;
  unitId: string;
  userId: string | null;
}

export interface PublishScorecardsInput {
  quarter: string;
  /** A correction: new versions (with this reason) of the scorecards whose content changed. Without it, only subjects with no scorecard yet get one. */
  reason?: string | null;
  /** The formula version to compute with; default the current one. */
  formulaVersion?: number | null;
  /** Only these subjects (a correction of one scorecard); default every subject of the quarter. */
  subjects?: ScorecardSubject[] | null;
  /** Who asked (absent or null: the quarterly schedule, dondoc itself). */
  actor?: Actor | null;
}

export interface PublishScorecardsOutcome {
  quarter: string;
  /** Scorecards written (first versions and corrections). */
  published: number;
  /** Subjects whose latest scorecard already says the same (or exists, without a reason). */
  unchanged: number;
  /** The ids written, in subject order. */
  ids: string[];
}

const subjectKey = (subject: ScorecardSubject): string => subject.userId ?? '';

/** A LEADER counts the tasks of every unit they direct; a unit and its head those it leads, and its subtree's where the template says so. */
const scopeOfSubject = (subject: ScorecardSubject): ScorecardScope => (subject.kind === 'LEADER' ? { withinUnitId: subject.unitId } : { unitId: subject.unitId, templateSubtree: true });

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The quarterly scorecards (Quy định 366-QĐ/TW, Nghị định 335/2025/NĐ-CP): published by the
 * quarterly schedule for every unit with tasks due in the quarter, the head of each, and every
 * leader on the units they direct — each immutable (content hash, audit event), a correction a
 * new version with a reason; the evaluator's general points entered afterwards, audited.
 */
@Injectable()
export class ScorecardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statistics: StatisticsService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
    private readonly temporal: Client,
    private readonly printer: PdfPrinter,
  ) {}

  get quarterMode(): QuarterMode {
    return this.config.reports.scorecardQuarters;
  }

  /** The quarter a request names, or a 400 naming the field. */
  quarter(name: string, field = 'quarter'): Quarter {
    const quarter = parseQuarter(name, this.quarterMode);
    const year = Number(name.slice(0, 4));
    if (!quarter || year < FIRST_YEAR || year > LAST_YEAR) {
      throw validationFailed([{ field, rule: 'quarter', message: { vi: `${field} phải có dạng YYYY-Qn (n từ 1 đến 4), năm từ ${FIRST_YEAR} đến ${LAST_YEAR}`, en: `${field} must read YYYY-Qn (n from 1 to 4), a year from ${FIRST_YEAR} to ${LAST_YEAR}` } }]);
    }
    return quarter;
  }

  /** The quarter a scheduled run is for and when it issues (07:00 of the first working day after the cut-off). */
  async issueTime(scheduledAt: Date): Promise<{ quarter: string; issueAt: string }> {
    const quarter = quarterEndedBy(scheduledAt, this.quarterMode);
    return { quarter: quarter.name, issueAt: scorecardIssueInstant(quarter, await this.calendar.current()).toISOString() };
  }

  // ---- The formula ----------------------------------------------------------------------------

  async formulas(): Promise<ScorecardFormulaDto[]> {
    const rows = await this.dataSource.getRepository(ScorecardFormulaVersion).find({ order: { version: 'DESC' } });
    return rows.map(formulaView);
  }

  /** A version of the formula (default the current one: the highest version). */
  async formula(version?: number | null, manager: EntityManager = this.dataSource.manager): Promise<ScorecardFormulaVersion> {
    const repo = manager.getRepository(ScorecardFormulaVersion);
    const row = version ? await repo.findOneBy({ version }) : await repo.findOne({ where: {}, order: { version: 'DESC' } });
    if (row) return row;
    if (version) throw notFound('scorecardFormula', String(version));
    // The migration writes version 1; a database without it still scores with the defaults.
    return Object.assign(new ScorecardFormulaVersion(), { version: 1, formula: DEFAULT_FORMULA, note: null, createdBy: null, createdAt: new Date(0) });
  }

  /** A new version of the formula; published scorecards keep the version they were computed with. */
  async createFormula(actor: Actor, input: ScorecardFormulaInputDto): Promise<ScorecardFormulaDto> {
    const formula: ScorecardFormula = {
      generalPoints: input.generalPoints,
      results: { quantity: input.results.quantity, quality: input.results.quality, progress: input.results.progress },
      attestedWeight: input.attestedWeight,
      qualityDeduction: input.qualityDeduction,
      lateDeduction: input.lateDeduction,
      lateStepWorkingDays: input.lateStepWorkingDays,
      bands: { excellent: input.bands.excellent, good: input.bands.good, completed: input.bands.completed },
      maxLateShare: input.maxLateShare,
    };
    const problems = formulaProblems(formula).map(({ field, rule }) => ({ field, rule, message: FORMULA_RULES[rule] }));
    if (problems.length > 0) throw validationFailed(problems);
    return this.dataSource.transaction(async (manager) => {
      // One writer at a time picks the next version.
      await manager.query(`LOCK TABLE scorecard_formulas IN SHARE ROW EXCLUSIVE MODE`);
      const previous = await this.formula(null, manager);
      const row = await manager.getRepository(ScorecardFormulaVersion).save({ version: previous.version + 1, formula, note: input.note ?? null, createdBy: actor.id });
      await this.audit.record(manager, actor, {
        action: 'scorecard.formula.changed',
        subjectType: 'scorecardFormula',
        subjectId: row.id,
        summary: { before: { version: previous.version, formula: previous.formula }, after: { version: row.version, formula }, note: row.note },
      });
      return formulaView(row);
    });
  }

  // ---- Publication ----------------------------------------------------------------------------

  /**
   * Publishes a quarter's scorecards. Idempotent: without a reason, a subject that has a scorecard
   * keeps it (a re-run or a backfill publishes the same); with a reason, a subject gets a new
   * version only when its content changed. `progress` is called after every batch (heartbeats).
   */
  async publish(input: PublishScorecardsInput, progress: () => void = () => undefined): Promise<PublishScorecardsOutcome> {
    const quarter = this.quarter(input.quarter);
    const cutOff = quarter.to;
    const calendar = await this.statistics.calendarAt(cutOff);
    const formula = await this.formula(input.formulaVersion);
    const subjects = input.subjects ?? (await this.subjects(quarter));
    const outcome: PublishScorecardsOutcome = { quarter: quarter.name, published: 0, unchanged: 0, ids: [] };
    const factsByScope = new Map<string, ScoredTask[]>();
    for (let i = 0; i < subjects.length; i += PUBLISH_BATCH) {
      const batch = subjects.slice(i, i + PUBLISH_BATCH);
      const contents: { subject: ScorecardSubject; content: ScorecardContent }[] = [];
      for (const subject of batch) {
        const scope = scopeOfSubject(subject);
        const key = JSON.stringify(scope);
        let facts = factsByScope.get(key);
        if (!facts) {
          facts = await scorecardFacts(this.dataSource.manager, calendar, scope, quarter, cutOff);
          factsByScope.set(key, facts);
        }
        // A subject named for a correction keeps its scorecard even when nothing is due any more.
        if (facts.length === 0 && !input.subjects) continue;
        contents.push({
          subject,
          content: {
            quarter: quarter.name,
            kind: subject.kind,
            unitId: subject.unitId,
            userId: subject.userId,
            period: { from: quarter.from.toISOString(), to: quarter.to.toISOString() },
            cutOff: cutOff.toISOString(),
            formulaVersion: formula.version,
            formula: formula.formula,
            result: scoreQuarter(formula.formula, facts, null),
          },
        });
      }
      await this.dataSource.transaction(async (manager) => {
        // One publication of a quarter at a time (the schedule and an administrator's run may meet).
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`scorecards:${quarter.name}`]);
        const entries: AuditEntry[] = [];
        const notices: NotificationInput[] = [];
        for (const { subject, content } of contents) {
          const latest = await this.latest(manager, quarter.name, subject);
          const hash = sha256Hex(canonicalJson(content));
          if (latest && (!input.reason || latest.contentHash === hash)) {
            outcome.unchanged++;
            continue;
          }
          const row = await manager.getRepository(Scorecard).save({
            quarter: quarter.name,
            kind: subject.kind,
            unitId: subject.unitId,
            userId: subject.userId,
            subjectKey: subjectKey(subject),
            version: (latest?.version ?? 0) + 1,
            formulaVersion: formula.version,
            cutOff,
            content,
            contentHash: hash,
            results: content.result.results,
            tasksDue: content.result.tasksDue,
            reason: latest ? input.reason! : null,
            createdBy: input.actor?.id ?? null,
            // The evaluator rated the person or the unit, not the arithmetic: their points carry over to a correction.
            generalPoints: latest?.generalPoints ?? null,
            generalComment: latest?.generalComment ?? null,
            evaluatedBy: latest?.evaluatedBy ?? null,
            evaluatedAt: latest?.evaluatedAt ?? null,
          });
          outcome.published++;
          outcome.ids.push(row.id);
          entries.push({
            action: latest ? 'scorecard.corrected' : 'scorecard.published',
            subjectType: 'scorecard',
            subjectId: row.id,
            summary: { quarter: quarter.name, kind: subject.kind, unitId: subject.unitId, userId: subject.userId, version: row.version, contentHash: hash, results: row.results, formulaVersion: formula.version, ...(latest ? { reason: row.reason, before: { id: latest.id, version: latest.version, contentHash: latest.contentHash, results: latest.results } } : {}) },
          });
          if (latest) notices.push(...(await this.correctionNotices(manager, row)));
        }
        if (entries.length > 0) await this.audit.recordMany(manager, input.actor ?? systemActor(), entries);
        await this.notifications.enqueue(manager, notices);
      });
      progress();
    }
    return outcome;
  }

  /**
   * An administrator publishes a quarter now (or corrects it with a reason): the same workflow the
   * schedule starts, with the quarter given. Its id names the quarter and the reason, so a retried
   * request joins the run already going instead of starting a second.
   */
  async issue(actor: Actor, input: IssueScorecardsDto): Promise<ScorecardIssueDto> {
    const quarter = this.quarter(input.quarter);
    const workflowId = `scorecards-${quarter.name}-${sha256Hex(input.reason ?? '').slice(0, 12)}`;
    const workflowInput: ScorecardsInput = { quarter: quarter.name, reason: input.reason ?? null, actor };
    try {
      await this.temporal.workflow.start('quarterlyScorecardsWorkflow', { workflowId, taskQueue: this.config.temporal.taskQueue, args: [workflowInput] });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await this.audit.record(this.dataSource.manager, actor, { action: 'scorecards.issue.requested', subjectType: 'scorecards', subjectId: null, summary: { quarter: quarter.name, reason: input.reason ?? null, workflowId } });
    return { quarter: quarter.name, workflowId };
  }

  /** The latest version of a subject's scorecard in a quarter, locked against a concurrent publication. */
  private latest(manager: EntityManager, quarter: string, subject: ScorecardSubject): Promise<Scorecard | null> {
    return manager
      .getRepository(Scorecard)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.quarter = :quarter AND s.kind = :kind AND s.unitId = :unitId AND s.subjectKey = :key', { quarter, kind: subject.kind, unitId: subject.unitId, key: subjectKey(subject) })
      .orderBy('s.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /**
   * Every subject of a quarter, in a stable order: each unit with a task due in it (led by the
   * unit, or below it by a template that counts for the units above), its head, and every active
   * leader whose units have one.
   */
  async subjects(quarter: Quarter): Promise<ScorecardSubject[]> {
    const due = `t.original_due_at >= $1 AND t.original_due_at < $2`;
    const units = await this.dataSource.query<{ id: string; headUserId: string | null }[]>(
      `WITH rated AS (
         SELECT t.lead_unit_id AS id FROM tasks t WHERE ${due}
         UNION
         SELECT above.id FROM tasks t
           JOIN task_templates tt ON tt.id = t.template_id AND ${INCLUDE_IN_PARENTS_SQL('tt')}
           JOIN units lead ON lead.id = t.lead_unit_id
           JOIN units above ON lead.path LIKE above.path || '%' AND above.id <> lead.id
          WHERE ${due})
       SELECT u.id, head.id AS "headUserId"
         FROM rated JOIN units u ON u.id = rated.id
         LEFT JOIN users head ON head.id = u.head_user_id AND head.active
        ORDER BY u.path`,
      [quarter.from.toISOString(), quarter.to.toISOString()],
    );
    const leaders = await this.dataSource.query<{ id: string; unitId: string }[]>(
      `SELECT l.id, l.unit_id AS "unitId" FROM users l JOIN units u ON u.id = l.unit_id
        WHERE l.active AND 'LEADER' = ANY(l.roles)
          AND EXISTS (SELECT 1 FROM tasks t JOIN units lead ON lead.id = t.lead_unit_id WHERE lead.path LIKE u.path || '%' AND ${due})
        ORDER BY u.path, l.id`,
      [quarter.from.toISOString(), quarter.to.toISOString()],
    );
    return [
      ...units.flatMap((unit): ScorecardSubject[] => [{ kind: 'UNIT', unitId: unit.id, userId: null }, ...(unit.headUserId ? [{ kind: 'HEAD' as const, unitId: unit.id, userId: unit.headUserId }] : [])]),
      ...leaders.map((leader): ScorecardSubject => ({ kind: 'LEADER', unitId: leader.unitId, userId: leader.id })),
    ];
  }

  /** The corrected unit's head and the person rated hear of the new version, in their language. */
  private async correctionNotices(manager: EntityManager, row: Scorecard): Promise<NotificationInput[]> {
    const recipients = await manager.query<{ id: string; email: string; name: string; language: 'vi' | 'en'; subjectVi: string; subjectEn: string }[]>(
      `SELECT DISTINCT ON (r.id) r.id, r.email, r.name, r.language,
              CASE WHEN s.user_id IS NULL THEN u.name_vi ELSE rated.name || ' (' || u.name_vi || ')' END AS "subjectVi",
              CASE WHEN s.user_id IS NULL THEN COALESCE(u.name_en, u.name_vi) ELSE rated.name || ' (' || COALESCE(u.name_en, u.name_vi) || ')' END AS "subjectEn"
         FROM scorecards s JOIN units u ON u.id = s.unit_id
         LEFT JOIN users rated ON rated.id = s.user_id
         JOIN users r ON r.active AND (r.id = u.head_user_id OR r.id = s.user_id)
        WHERE s.id = $1`,
      [row.id],
    );
    const of = row.content.formula.results.quantity + row.content.formula.results.quality + row.content.formula.results.progress;
    return recipients.map((r) => ({
      idempotencyKey: `scorecard-corrected:${row.id}:${r.id}`,
      userId: r.id,
      email: r.email,
      language: r.language,
      template: 'scorecard-corrected' as const,
      params: { name: r.name, quarter: row.quarter, subject_vi: r.subjectVi, subject_en: r.subjectEn, version: String(row.version), reason: row.reason ?? '', results: String(row.results), of: String(of) },
      link: `/reports/scorecards/${row.id}`,
    }));
  }

  // ---- Reading, evaluating, correcting ----------------------------------------------------------

  async list(actor: Actor, query: ScorecardQueryDto): Promise<Page<ScorecardSummaryDto>> {
    const qb = this.dataSource.getRepository(Scorecard).createQueryBuilder('s').innerJoinAndSelect('s.unit', 'u').leftJoinAndSelect('s.user', 'p');
    this.restrict(qb, actor);
    if (query.quarter) qb.andWhere('s.quarter = :quarter', { quarter: this.quarter(query.quarter).name });
    if (query.kind) qb.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.unitId) qb.andWhere('s.unitId = :unitId', { unitId: query.unitId });
    if (query.headId) qb.andWhere(`s.userId = :headId`, { headId: query.headId });
    if (!query.allVersions) qb.andWhere('s.version = (SELECT MAX(v.version) FROM scorecards v WHERE v.quarter = s.quarter AND v.kind = s.kind AND v.unit_id = s.unit_id AND v.subject_key = s.subject_key)');
    const [rows, total] = await qb
      .orderBy('s.quarter', 'DESC')
      .addOrderBy('u.path')
      .addOrderBy('s.kind', 'DESC')
      .addOrderBy('p.name')
      .addOrderBy('s.version', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map((row) => this.summary(row)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<ScorecardDto> {
    const row = await this.find(actor, id);
    const versions = await this.dataSource.getRepository(Scorecard).find({
      select: { id: true, version: true, reason: true, createdAt: true, contentHash: true },
      where: { quarter: row.quarter, kind: row.kind, unitId: row.unitId, subjectKey: row.subjectKey },
      order: { version: 'ASC' },
    });
    return {
      ...this.summary(row),
      cutOff: row.cutOff.toISOString(),
      period: row.content.period,
      formula: row.content.formula,
      lateShare: row.content.result.lateShare,
      late: row.content.result.late,
      lines: { quantity: row.content.result.quantity, quality: row.content.result.quality, progress: row.content.result.progress },
      generalComment: row.generalComment,
      evaluatedBy: row.evaluatedBy,
      evaluatedAt: row.evaluatedAt?.toISOString() ?? null,
      versions: versions.map((v) => ({ id: v.id, version: v.version, reason: v.reason, createdAt: v.createdAt.toISOString(), contentHash: v.contentHash })),
    };
  }

  /**
   * The evaluator's general points (of the formula's `generalPoints`) with a comment: a leader over
   * the unit, never the person rated. Re-entering replaces them; each entry is audited (before/after).
   */
  async enterGeneral(actor: Actor, id: string, input: ScorecardGeneralDto): Promise<ScorecardDto> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.find(actor, id, manager, true);
      if (!(await this.mayEvaluate(manager, actor, row))) throw new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN');
      const latest = await this.latest(manager, row.quarter, row);
      if (latest && latest.id !== row.id) {
        throw conflict({ vi: `phiếu này đã có phiên bản ${latest.version} đính chính; hãy chấm điểm trên phiên bản mới nhất.`, en: `this scorecard was corrected (version ${latest.version}); score the latest version.` }, { latestId: latest.id });
      }
      const max = row.content.formula.generalPoints;
      if (input.points > max) throw validationFailed([{ field: 'points', rule: 'max', message: { vi: `điểm tiêu chí chung tối đa là ${max}`, en: `the general points are at most ${max}` } }]);
      const before = { points: row.generalPoints, comment: row.generalComment, evaluatedBy: row.evaluatedBy };
      await manager.getRepository(Scorecard).update(row.id, { generalPoints: input.points, generalComment: input.comment, evaluatedBy: actor.id, evaluatedAt: new Date() });
      await this.audit.record(manager, actor, {
        action: 'scorecard.general.entered',
        subjectType: 'scorecard',
        subjectId: row.id,
        summary: { quarter: row.quarter, kind: row.kind, unitId: row.unitId, userId: row.userId, before, after: { points: input.points, comment: input.comment, evaluatedBy: actor.id } },
      });
    });
    return this.get(actor, id);
  }

  /** A correction of one scorecard (ADMIN): recomputed at the quarter's cut-off; a new version when its content changed. */
  async correct(actor: Actor, id: string, input: ScorecardCorrectionDto): Promise<ScorecardDto> {
    const row = await this.find(actor, id);
    const outcome = await this.publish({ quarter: row.quarter, reason: input.reason, formulaVersion: input.formulaVersion ?? row.formulaVersion, subjects: [{ kind: row.kind, unitId: row.unitId, userId: row.userId }], actor });
    if (outcome.published === 0) {
      throw conflict({ vi: 'tính lại cho kết quả như phiên bản mới nhất; không có gì để đính chính.', en: 'recomputing gives the same as the latest version; there is nothing to correct.' }, { rule: 'scorecardUnchanged' });
    }
    return this.get(actor, outcome.ids[0]);
  }

  /** The scorecard as a file: the XLSX workbook, or the print view as a PDF (where a Chromium is configured). */
  async exportFile(actor: Actor, id: string, format: 'xlsx' | 'pdf', language: Language): Promise<{ fileName: string; type: string; content: Buffer }> {
    if (format === 'pdf' && !this.printer.available) {
      throw invalidField('format', 'pdfUnavailable', { vi: 'máy chủ này chưa cấu hình Chromium để in PDF (CHROMIUM_PATH); hãy tải tệp xlsx', en: 'this server has no Chromium to print PDFs with (CHROMIUM_PATH); download the xlsx' });
    }
    const card = await this.get(actor, id);
    const fileName = scorecardFileName(card, format);
    if (format === 'xlsx') return { fileName, type: TABLE_CONTENT_TYPES.xlsx, content: await writeScorecard(card, language) };
    return { fileName, type: 'application/pdf', content: await this.printer.print(scorecardHtml(card, language), `dondoc — ${card.quarter} — ${card.unit.code} — v${card.version}`) };
  }

  /** A scorecard the reader may see (404 otherwise: its existence is not disclosed). */
  private async find(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Scorecard> {
    const qb = manager.getRepository(Scorecard).createQueryBuilder('s').innerJoinAndSelect('s.unit', 'u').leftJoinAndSelect('s.user', 'p').where('s.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['s']);
    this.restrict(qb, actor);
    const row = await qb.getOne();
    if (!row) throw notFound('scorecard', id);
    return row;
  }

  /** Heads see their unit's scorecards and those below; leaders those of the units they direct; auditors and administrators all. */
  private restrict(qb: SelectQueryBuilder<Scorecard>, actor: Actor): void {
    const scope = scopeOf(actor);
    if (scope.all) return;
    if (!hasRole(actor, Role.HEAD, Role.LEADER) || scope.subtreePaths.length === 0) {
      qb.andWhere('FALSE');
      return;
    }
    qb.andWhere('u.path LIKE ANY(:scorecardPaths)', { scorecardPaths: scope.subtreePaths.map((path) => `${path}%`) });
  }

  /** A leader whose units include the scorecard's, who is not the person rated. */
  private async mayEvaluate(manager: EntityManager, actor: Actor, row: Scorecard): Promise<boolean> {
    if (!hasRole(actor, Role.LEADER) || !actor.unitPath || row.userId === actor.id) return false;
    const [unit] = await manager.query<{ path: string }[]>(`SELECT path FROM units WHERE id = $1`, [row.unitId]);
    return Boolean(unit?.path.startsWith(actor.unitPath));
  }

  private summary(row: Scorecard): ScorecardSummaryDto {
    const { formula, result } = row.content;
    const of = formula.results.quantity + formula.results.quality + formula.results.progress;
    const total = row.generalPoints === null ? null : round2(row.results + row.generalPoints);
    const banded = total === null ? null : bandOf(formula, total, result.lateShare);
    return {
      id: row.id,
      quarter: row.quarter,
      kind: row.kind,
      unit: unitRef(row.unit!),
      user: row.user ? { id: row.user.id, name: row.user.name, email: row.user.email } : null,
      version: row.version,
      formulaVersion: row.formulaVersion,
      tasksDue: row.tasksDue,
      results: row.results,
      resultsOf: of,
      general: row.generalPoints,
      generalOf: formula.generalPoints,
      total,
      band: banded?.band ?? null,
      bandLabel: banded ? BAND_LABELS[banded.band] : null,
      bandCapped: banded?.capped ?? false,
      status: total === null ? 'PENDING' : 'EVALUATED',
      contentHash: row.contentHash,
      reason: row.reason,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

const FORMULA_RULES: Record<string, { vi: string; en: string }> = {
  notNegative: { vi: 'không được âm', en: 'must not be negative' },
  sumTo100: { vi: 'điểm tiêu chí chung và ba phần kết quả phải cộng lại đúng 100', en: 'the general points and the three result parts must add up to 100' },
  positiveWhole: { vi: 'phải là số nguyên dương', en: 'must be a positive whole number' },
  between0And1: { vi: 'phải từ 0 đến 1', en: 'must be between 0 and 1' },
  descending: { vi: 'ngưỡng các mức phải giảm dần: xuất sắc > tốt > hoàn thành > 0, xuất sắc ≤ 100', en: 'the band thresholds must descend: excellent > good > completed > 0, excellent ≤ 100' },
};

function formulaView(row: ScorecardFormulaVersion): ScorecardFormulaDto {
  return { version: row.version, formula: row.formula, note: row.note, createdBy: row.createdBy, createdAt: row.createdAt.toISOString() };
}
