import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '@dondoc/audit';
import { invalidField, notFound, type Actor } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { CalendarOverrideRecord } from './calendar-override.entity';
import type { CalendarSettingsDto, CalendarYearDto, DeadlineDto } from './dto/calendar.dto';
import { CALENDAR_RULES_VERSION, formatInstant, WorkingCalendar, type CalendarDay, type CalendarOverride, type DayKind, type WorkingCalendarOptions } from './working-calendar';

/** Serialises override changes and the filling of calendar_days across processes (held until commit). */
const CALENDAR_LOCK = 7_310_012;
/** The years calendar_days covers; working_ordinal counts from FIRST_YEAR-01-01. */
export const CALENDAR_DAYS_FIRST_YEAR = 2000;
export const CALENDAR_DAYS_LAST_YEAR = 2100;

export interface OverridesChange {
  /** The calendar_state revision the change gave (its calendar_changes row). */
  revision: string;
  dates: string[];
  actor: Actor;
}

/** A committed change of the calendar, as calendar_changes holds it. */
export interface CalendarChange {
  revision: string;
  /** Names the change's recalculation workflow and Updates (unique across databases, unlike the revision). */
  changeId: string;
  dates: string[];
  actorId: string | null;
  requestId: string | null;
  recalculatedAt: Date | null;
}
export type OverridesListener = (change: OverridesChange) => Promise<void> | void;

export interface OverrideInput {
  kind: DayKind;
  document?: string | null;
  note?: string | null;
}

const plain = (row: CalendarOverrideRecord): CalendarOverride => ({ date: row.date, kind: row.kind, document: row.document, note: row.note });

/**
 * The national working-day calendar backed by PostgreSQL. Every process caches the calendar under the revision in
 * calendar_state and compares that one-row value on each `current()`: a change committed by any process (an
 * administrator in the API) is seen by every other (the worker computing a due time) at its next call, for one
 * primary-key read.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private readonly logger = new Logger(CalendarService.name);
  private cached: { revision: string; calendar: WorkingCalendar } | undefined;
  private readonly listeners: OverridesListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** The weekly pattern and hours the calendar is built with (from the environment). */
  get options(): Required<WorkingCalendarOptions> {
    const { restDays, startOfDay, endOfDay } = this.config.calendar;
    return { restDays, startOfDay, endOfDay };
  }

  /** Until when notifications go out on a working day (NOTIFY_UNTIL). */
  get notifyUntil(): string {
    return this.config.calendar.notifyUntil;
  }

  /** Fills calendar_days at start-up when it is empty or was computed with other rules or rest days. */
  async onModuleInit(): Promise<void> {
    await this.ensureDays();
  }

  /**
   * The calendar with the overrides as committed now (cached while the revision is unchanged). Inside a transaction,
   * pass its manager: the read then uses the transaction's connection instead of waiting for a second one from the
   * pool (which, with every connection held by such a transaction, would never come).
   */
  async current(manager: Pick<EntityManager, 'query'> = this.dataSource): Promise<WorkingCalendar> {
    const [state] = await manager.query<{ revision: string }[]>('SELECT revision FROM calendar_state WHERE id = 1');
    if (this.cached && state && this.cached.revision === state.revision) return this.cached.calendar;
    return this.reload(manager);
  }

  /**
   * Registers a listener called after an override is created, edited or deleted (after commit). A listener that fails
   * or never runs (the process stopped) loses nothing: the change stays in calendar_changes until it is marked
   * recalculated.
   */
  onOverridesChanged(listener: OverridesListener): void {
    this.listeners.push(listener);
  }

  /** The due instant of a term of working days from an instant (Civil Code Art. 147–148). */
  async deadline(from: Date, workingDays: number): Promise<Date> {
    return (await this.current()).addWorkingDays(from, workingDays);
  }

  /** A year as the API shows it: the settings and every notable day. */
  async yearView(year: number): Promise<CalendarYearDto> {
    const calendar = await this.current();
    return { year, settings: this.settings(), days: calendar.year(year) };
  }

  /** A term's due instant as the API shows it, with the holidays it passes over. */
  async deadlineView(from: Date, workingDays: number): Promise<DeadlineDto> {
    const calendar = await this.current();
    const dueAt = calendar.addWorkingDays(from, workingDays);
    const [first, last] = [calendar.dateOf(from), calendar.dateOf(dueAt)];
    const daysOff: CalendarDay[] = [];
    for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
      daysOff.push(...calendar.year(year).filter((day) => !day.working && day.date > first && day.date <= last));
    }
    return { from: formatInstant(from), workingDays, dueAt: formatInstant(dueAt), daysOff };
  }

  /** The weekly pattern, hours and time zone of the calendar. */
  settings(): CalendarSettingsDto {
    return { timeZone: 'Asia/Ho_Chi_Minh', ...this.options, notifyUntil: this.notifyUntil };
  }

  /** The overrides of a year, by date. */
  async listOverrides(year: number): Promise<CalendarOverrideRecord[]> {
    return this.dataSource
      .getRepository(CalendarOverrideRecord)
      .createQueryBuilder('override')
      .where('override.date BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('override.date', 'ASC')
      .getMany();
  }

  /** Creates or edits the override of a date, audited, with calendar_days rewritten, then tells the listeners. */
  async upsertOverride(actor: Actor, date: string, input: OverrideInput): Promise<CalendarOverrideRecord> {
    const { saved, revision } = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_LOCK]);
      const repository = tx.getRepository(CalendarOverrideRecord);
      const before = await repository.findOneBy({ date });
      if (!before) {
        // A new override must change the day: otherwise it is a mistake (a Saturday "worked" that is a Monday).
        const others = (await repository.find()).map(plain);
        const working = new WorkingCalendar(others, this.options).isWorkingDay(date);
        if (working === (input.kind === 'WORKDAY')) {
          throw invalidField('kind', 'changesNothing', {
            vi: working ? `Ngày ${date} đã là ngày làm việc` : `Ngày ${date} đã là ngày nghỉ`,
            en: working ? `${date} is already a working day` : `${date} is already a day off`,
          });
        }
      }
      const values = { kind: input.kind, document: input.document ?? null, note: input.note ?? null, updatedBy: actor.id };
      if (before) await repository.update({ date }, values);
      else await repository.insert({ date, ...values, createdBy: actor.id });
      const after = await repository.findOneByOrFail({ date });
      const revision = await this.changed(tx, date, actor);
      await this.audit.record(tx, actor, {
        action: 'CALENDAR_OVERRIDE_SET',
        subjectType: 'CALENDAR_DAY',
        subjectId: date,
        summary: { before: before ? plain(before) : null, after: plain(after) },
      });
      return { saved: after, revision };
    });
    await this.notify({ revision, dates: [date], actor });
    return saved;
  }

  /** Removes the override of a date (the rules apply to it again), audited, then tells the listeners. */
  async deleteOverride(actor: Actor, date: string): Promise<void> {
    const revision = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_LOCK]);
      const repository = tx.getRepository(CalendarOverrideRecord);
      const before = await repository.findOneBy({ date });
      if (!before) throw notFound('calendarOverride', date);
      await repository.delete({ date });
      const revision = await this.changed(tx, date, actor);
      await this.audit.record(tx, actor, {
        action: 'CALENDAR_OVERRIDE_REMOVED',
        subjectType: 'CALENDAR_DAY',
        subjectId: date,
        summary: { before: plain(before), after: null },
      });
      return revision;
    });
    await this.notify({ revision, dates: [date], actor });
  }

  /** A committed change of the calendar by its revision (undefined: no such change). */
  async change(revision: string): Promise<CalendarChange | undefined> {
    const [row] = await this.dataSource.query<CalendarChange[]>(
      `SELECT revision, change_id AS "changeId", dates::text[] AS dates, actor_id AS "actorId", request_id AS "requestId", recalculated_at AS "recalculatedAt"
         FROM calendar_changes WHERE revision = $1`,
      [revision],
    );
    return row;
  }

  /** The revisions of changes not yet recalculated and committed more than `ageMs` ago (database clock), oldest first. */
  async unrecalculatedChanges(ageMs: number, limit = 100): Promise<string[]> {
    const rows = await this.dataSource.query<{ revision: string }[]>(
      `SELECT revision FROM calendar_changes
        WHERE recalculated_at IS NULL AND created_at < now() - $1 * interval '1 millisecond'
        ORDER BY revision LIMIT $2`,
      [ageMs, limit],
    );
    return rows.map((row) => row.revision);
  }

  /** Marks a change recalculated: every affected open task (`tasks` of them) has been told. Repeating it keeps the first mark. */
  async markRecalculated(revision: string, tasks: number): Promise<void> {
    await this.dataSource.query('UPDATE calendar_changes SET recalculated_at = now(), tasks = $2 WHERE revision = $1 AND recalculated_at IS NULL', [revision, tasks]);
  }

  /** Fills or refreshes calendar_days (all years) when empty, incomplete or computed with other rules/settings. */
  async ensureDays(): Promise<void> {
    const fingerprint = this.fingerprint();
    const expected = Math.round((Date.UTC(CALENDAR_DAYS_LAST_YEAR + 1, 0, 1) - Date.UTC(CALENDAR_DAYS_FIRST_YEAR, 0, 1)) / 86_400_000);
    await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CALENDAR_LOCK]);
      const [state] = await tx.query<{ days_fingerprint: string | null }[]>('SELECT days_fingerprint FROM calendar_state WHERE id = 1 FOR UPDATE');
      const [{ count }] = await tx.query<{ count: number }[]>('SELECT count(*)::int AS count FROM calendar_days');
      if (state?.days_fingerprint === fingerprint && count === expected) return;
      const started = Date.now();
      const calendar = new WorkingCalendar((await tx.getRepository(CalendarOverrideRecord).find()).map(plain), this.options);
      await this.writeDays(tx, calendar, CALENDAR_DAYS_FIRST_YEAR, 0);
      await tx.query(`UPDATE calendar_state SET days_fingerprint = $1, updated_at = now() WHERE id = 1`, [fingerprint]);
      this.logger.log(`calendar_days filled for ${CALENDAR_DAYS_FIRST_YEAR}–${CALENDAR_DAYS_LAST_YEAR} in ${Date.now() - started} ms`);
    });
  }

  private async reload(manager: Pick<EntityManager, 'query'>): Promise<WorkingCalendar> {
    // One statement, one snapshot: the revision and the overrides it stands for.
    const rows = await manager.query<{ revision: string; date: string | null; kind: DayKind; document: string | null; note: string | null }[]>(
      `SELECT s.revision, o.date::text AS date, o.kind, o.document, o.note
         FROM calendar_state s LEFT JOIN calendar_overrides o ON true
        WHERE s.id = 1`,
    );
    const overrides = rows.filter((row) => row.date !== null).map((row) => ({ date: row.date!, kind: row.kind, document: row.document, note: row.note }));
    const calendar = new WorkingCalendar(overrides, this.options);
    this.cached = { revision: rows[0]?.revision ?? '0', calendar };
    return calendar;
  }

  /**
   * After an override change in `tx`: a new revision, the change recorded under it in calendar_changes (so that its
   * recalculation is never lost), and calendar_days rewritten from the changed year on. Returns the revision.
   */
  private async changed(tx: EntityManager, date: string, actor: Actor): Promise<string> {
    // A SELECT around the UPDATE: TypeORM answers an UPDATE with [rows, count], a SELECT with its rows.
    const [{ revision }] = await tx.query<{ revision: string }[]>(
      'WITH bumped AS (UPDATE calendar_state SET revision = revision + 1, updated_at = now() WHERE id = 1 RETURNING revision) SELECT revision FROM bumped',
    );
    await tx.query('INSERT INTO calendar_changes (revision, dates, actor_id, request_id) VALUES ($1, $2::date[], $3, $4)', [revision, [date], actor.id, actor.requestId]);
    await this.rewriteDays(tx, date);
    return revision;
  }

  /** calendar_days rewritten for the year of `date`; the later years' ordinals shifted by the change of its total. */
  private async rewriteDays(tx: EntityManager, date: string): Promise<void> {
    const year = Number(date.slice(0, 4));
    if (year < CALENDAR_DAYS_FIRST_YEAR || year > CALENDAR_DAYS_LAST_YEAR) return;
    const calendar = new WorkingCalendar((await tx.getRepository(CalendarOverrideRecord).find()).map(plain), this.options);
    const [previous] = await tx.query<{ working_ordinal: number }[]>('SELECT working_ordinal FROM calendar_days WHERE date = $1', [`${year - 1}-12-31`]);
    const [lastBefore] = await tx.query<{ working_ordinal: number }[]>('SELECT working_ordinal FROM calendar_days WHERE date = $1', [`${year}-12-31`]);
    const last = await this.writeDays(tx, calendar, year, previous?.working_ordinal ?? 0, year);
    // The later years keep their working days; only their ordinals move by the change of this year's total.
    const shift = last - (lastBefore?.working_ordinal ?? last);
    if (shift !== 0) await tx.query('UPDATE calendar_days SET working_ordinal = working_ordinal + $1 WHERE date > $2', [shift, `${year}-12-31`]);
  }

  /** Upserts the days of the years [from, to] with ordinals continuing from `ordinal`; returns the last ordinal. */
  private async writeDays(tx: EntityManager, calendar: WorkingCalendar, from: number, ordinal: number, to = CALENDAR_DAYS_LAST_YEAR): Promise<number> {
    let running = ordinal;
    for (let year = from; year <= to; year++) {
      const days = calendar.workingDays(year);
      const ordinals = days.map((day) => (running += day.working ? 1 : 0));
      await tx.query(
        `INSERT INTO calendar_days (date, working, working_ordinal)
         SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[])
         ON CONFLICT (date) DO UPDATE SET working = EXCLUDED.working, working_ordinal = EXCLUDED.working_ordinal`,
        [days.map((day) => day.date), days.map((day) => day.working), ordinals],
      );
    }
    return running;
  }

  private fingerprint(): string {
    const { restDays } = this.options;
    return `rules=${CALENDAR_RULES_VERSION};rest=${[...restDays].sort().join(',')}`;
  }

  private async notify(change: OverridesChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        // The change is committed; a listener that fails (a task it could not reach) must not undo or hide it.
        this.logger.error(`A calendar listener failed for ${change.dates.join(', ')}: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }
}

