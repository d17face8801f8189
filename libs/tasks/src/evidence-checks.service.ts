import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EvidenceCheck } from './evidence-check.entity';

/** A check as the worker records it: everything but the generated id and the navigation to its task. */
export type EvidenceCheckRecord = Omit<EvidenceCheck, 'id' | 'task'>;

/** The checks made of a task's evidence: the worker stores them, the reviewer's view reads them. */
@Injectable()
export class EvidenceChecksService {
  constructor(@InjectRepository(EvidenceCheck) private readonly checks: Repository<EvidenceCheck>) {}

  /** Stores one check; a retried check (same task, evidence, criterion and index) is a no-op. */
  async store(check: EvidenceCheckRecord): Promise<void> {
    await this.checks
      .createQueryBuilder()
      .insert()
      .into(EvidenceCheck)
      .values(check as QueryDeepPartialEntity<EvidenceCheck>)
      .orIgnore()
      .execute();
  }

  /** Every check of a task, oldest first. */
  forTask(taskId: string): Promise<EvidenceCheck[]> {
    return this.checks.find({ where: { taskId }, order: { checkedAt: 'ASC', index: 'ASC' } });
  }
}
