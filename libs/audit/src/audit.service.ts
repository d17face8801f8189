import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor, Page } from '@dondoc/common';
import { AuditEvent } from './audit-event.entity';
import { auditHash, GENESIS_HASH } from './audit-hash';
import type { AuditQueryDto } from './dto/audit-query.dto';

/** Serialises appends so the chain has one order; held until the transaction commits. */
const AUDIT_CHAIN_LOCK = 7_310_001;

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** `{ before?, after?, ...details }`; never passwords or tokens. */
  summary?: Record<string, unknown>;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  lastSeq: string | null;
  firstBrokenSeq?: string;
  reason?: 'hash mismatch' | 'previous hash mismatch' | 'missing event';
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The default entity manager (appends outside a caller's transaction open their own). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Appends an event to the chain inside the caller's transaction, so the change and its audit
   * record commit (or roll back) together.
   */
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<AuditEvent> {
    const [event] = await this.recordMany(manager, actor, [entry]);
    return event;
  }

  /** Appends several events in order, in batches (imports touch thousands of rows). */
  async recordMany(manager: EntityManager, actor: Actor, entries: AuditEntry[]): Promise<AuditEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      return this.dataSource.transaction((tx) => this.recordMany(tx, actor, entries));
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await manager.query<{ seq: string; hash: string }[]>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    let seq = last ? BigInt(last.seq) : 0n;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const occurredAt = new Date();
    const events = entries.map((entry) => {
      seq++;
      const event = manager.create(AuditEvent, {
        seq: seq.toString(),
        occurredAt,
        actorType: actor.type,
        actorId: actor.id,
        actorEmail: actor.email,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        summary: entry.summary ?? {},
        requestId: actor.requestId,
        prevHash,
      });
      event.hash = auditHash(event);
      prevHash = event.hash;
      return event;
    });
    for (let i = 0; i < events.length; i += 1_000) {
      // jsonb columns are typed loosely by TypeORM's insert; the entities are complete here.
      await manager.insert(AuditEvent, events.slice(i, i + 1_000) as QueryDeepPartialEntity<AuditEvent>[]);
    }
    return events;
  }

  /** Events matching the filters, newest first. */
  async list(query: AuditQueryDto): Promise<Page<AuditEvent>> {
    const [items, total] = await this.filtered(query)
      .orderBy('event.seq', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** Every event matching the filters, oldest first, in batches (for exports). */
  async *stream(query: AuditQueryDto, batchSize = 2_000): AsyncGenerator<AuditEvent[]> {
    let after = '0';
    for (;;) {
      const batch = await this.filtered(query).andWhere('event.seq > :after', { after }).orderBy('event.seq', 'ASC').take(batchSize).getMany();
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1].seq;
    }
  }

  /** Recomputes the whole chain and reports the first broken link. */
  async verify(batchSize = 5_000): Promise<ChainVerification> {
    let expectedSeq = 1n;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const batch = await this.dataSource
        .getRepository(AuditEvent)
        .createQueryBuilder('event')
        .where('event.seq >= :from', { from: expectedSeq.toString() })
        .orderBy('event.seq', 'ASC')
        .take(batchSize)
        .getMany();
      if (batch.length === 0) break;
      for (const event of batch) {
        const broken = (reason: ChainVerification['reason'], seq = event.seq): ChainVerification => ({
          valid: false,
          checked,
          lastSeq: checked ? (expectedSeq - 1n).toString() : null,
          firstBrokenSeq: seq,
          reason,
        });
        if (BigInt(event.seq) !== expectedSeq) return broken('missing event', expectedSeq.toString());
        if (event.prevHash !== prevHash) return broken('previous hash mismatch');
        if (auditHash(event) !== event.hash) return broken('hash mismatch');
        prevHash = event.hash;
        expectedSeq++;
        checked++;
      }
    }
    return { valid: true, checked, lastSeq: checked ? (expectedSeq - 1n).toString() : null };
  }

  private filtered(query: AuditQueryDto): SelectQueryBuilder<AuditEvent> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('event');
    if (query.actorId) qb.andWhere('event.actorId = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('event.action = :action', { action: query.action });
    if (query.subjectType) qb.andWhere('event.subjectType = :subjectType', { subjectType: query.subjectType });
    if (query.subjectId) qb.andWhere('event.subjectId = :subjectId', { subjectId: query.subjectId });
    if (query.requestId) qb.andWhere('event.requestId = :requestId', { requestId: query.requestId });
    if (query.from) qb.andWhere('event.occurredAt >= :from', { from: query.from });
    if (query.to) qb.andWhere('event.occurredAt < :to', { to: query.to });
    return qb;
  }
}
