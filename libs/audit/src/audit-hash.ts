import { createHash } from 'node:crypto';
import { canonicalJson } from '@dondoc/common';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers (everything but the hash itself). */
export interface HashedAuditFields {
  seq: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
  prevHash: string;
}

/** SHA-256 over the previous hash and the canonical JSON of the event. */
export function auditHash(event: HashedAuditFields): string {
  const body = canonicalJson({
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorType: event.actorType,
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    summary: event.summary,
    requestId: event.requestId,
  });
  return createHash('sha256').update(`${event.prevHash}\n${body}`).digest('hex');
}
