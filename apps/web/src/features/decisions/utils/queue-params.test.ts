import { describe, expect, it } from 'vitest';
import { kindOfRequest, readQueueParams, writeQueueParams } from './queue-params';

const TASK = '0b6f7a52-5a3e-4c1d-9a55-2f8f3c1e9d10';

describe('queue params', () => {
  it('reads the kind, page, page size and target, with defaults for anything unknown', () => {
    expect(readQueueParams(new URLSearchParams(`kind=extension&page=3&pageSize=50&task=${TASK}&request=E7`))).toEqual({
      kind: 'extension',
      page: 3,
      pageSize: 50,
      target: { taskId: TASK, requestId: 'E7' },
    });
    expect(readQueueParams(new URLSearchParams('kind=nope&page=-2&pageSize=7&task=x&request=E7'))).toEqual({ kind: null, page: 1, pageSize: 20, target: null });
  });

  it('writes only what differs from the defaults', () => {
    expect(writeQueueParams({ kind: null, page: 1, pageSize: 20, target: null }).toString()).toBe('');
    expect(writeQueueParams({ kind: 'escalation', page: 2, pageSize: 100, target: { taskId: TASK, requestId: 'evidence' } }).toString()).toBe(
      `kind=escalation&page=2&pageSize=100&task=${TASK}&request=evidence`,
    );
  });

  it('knows the kind of a request id', () => {
    expect(kindOfRequest('P3')).toBe('escalation');
    expect(kindOfRequest('E12')).toBe('extension');
    expect(kindOfRequest('B2')).toBe('beyondAuthority');
    expect(kindOfRequest('X5')).toBe('explanation');
    expect(kindOfRequest('evidence')).toBe('evidenceReview');
    expect(kindOfRequest('BL14')).toBe('blocker');
    expect(kindOfRequest('BL')).toBeNull();
    expect(kindOfRequest('Z1')).toBeNull();
  });
});
