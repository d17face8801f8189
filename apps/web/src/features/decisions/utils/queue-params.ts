import { DECISION_KINDS, type DecisionKind } from '../api/types';

export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** What the page's query string holds: the kind shown, the page, and the item whose dialog is open. */
export interface QueueParams {
  kind: DecisionKind | null;
  page: number;
  pageSize: number;
  /** `?task=…&request=…`: the item to open (a link from an email, or a row's button). */
  target: { taskId: string; requestId: string } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** Reads the query string; anything unknown falls back to the defaults. */
export function readQueueParams(params: URLSearchParams): QueueParams {
  const kind = params.get('kind');
  const size = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const taskId = params.get('task');
  const requestId = params.get('request');
  return {
    kind: (DECISION_KINDS as readonly string[]).includes(kind ?? '') ? (kind as DecisionKind) : null,
    page: positive(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    target: taskId && requestId && UUID.test(taskId) ? { taskId, requestId } : null,
  };
}

/** The query string for `next`, leaving out the defaults. */
export function writeQueueParams(next: QueueParams): URLSearchParams {
  const params = new URLSearchParams();
  if (next.kind) params.set('kind', next.kind);
  if (next.page > 1) params.set('page', String(next.page));
  if (next.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(next.pageSize));
  if (next.target) {
    params.set('task', next.target.taskId);
    params.set('request', next.target.requestId);
  }
  return params;
}

/**
 * The kind a request id names, as the decision routes read it: P… an escalation level, E… an
 * extension, B… a matter beyond authority, X… an explanation, `evidence` the evidence review,
 * BL… a blocker.
 */
export function kindOfRequest(requestId: string): DecisionKind | null {
  if (requestId === 'evidence') return 'evidenceReview';
  if (/^BL\d+$/.test(requestId)) return 'blocker';
  const kinds: Record<string, DecisionKind> = { P: 'escalation', E: 'extension', B: 'beyondAuthority', X: 'explanation' };
  return /^[PEBX]\d+$/.test(requestId) ? kinds[requestId[0]] : null;
}
