import { createHash } from 'node:crypto';
import { parse } from 'csv-parse';
import { CheckFailure, type CheckReason } from './reasons';
import { safeGet, type SafeHttpPolicy, type TlsInfo } from './safe-http';

/** RFC 6901: the value at a JSON pointer (`/data/0/count`), or undefined. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (current && typeof current === 'object' && Object.prototype.hasOwnProperty.call(current, key)) current = (current as Record<string, unknown>)[key];
    else return undefined;
  }
  return current;
}

const reasonOf = (error: unknown): CheckReason =>
  error instanceof CheckFailure ? error.reason : { code: 'CONNECTION', params: { detail: error instanceof Error ? error.message : String(error) } };

export interface ProbeInput {
  url: string;
  maxLatencyMs: number;
  expectText?: string;
  expectJsonPointer?: string;
  /** Compared with the field's value as text. */
  expectJsonValue?: string;
}

export interface ProbeResult {
  ok: boolean;
  at: string;
  status: number | null;
  latencyMs: number | null;
  tls: TlsInfo | null;
  reasons: CheckReason[];
}

/** One probe of an operating product: healthy status, latency, a valid unexpired certificate, the expected content. */
export async function probeProduct(input: ProbeInput, policy: SafeHttpPolicy): Promise<ProbeResult> {
  const at = new Date().toISOString();
  const chunks: Buffer[] = [];
  try {
    const res = await safeGet(input.url, policy, (chunk) => chunks.push(chunk));
    const reasons: CheckReason[] = [];
    if (res.status < 200 || res.status >= 400) reasons.push({ code: 'HTTP_STATUS', params: { status: res.status } });
    if (res.latencyMs > input.maxLatencyMs) reasons.push({ code: 'SLOW', params: { ms: res.latencyMs, max: input.maxLatencyMs } });
    if (res.tls && (!res.tls.authorized || (res.tls.daysLeft ?? -1) < 0)) reasons.push({ code: 'TLS', params: { detail: res.tls.error ?? 'CERT_HAS_EXPIRED' } });
    const body = Buffer.concat(chunks).toString('utf8');
    if (input.expectText && !body.includes(input.expectText)) reasons.push({ code: 'EXPECTED_TEXT', params: { text: input.expectText } });
    if (input.expectJsonPointer !== undefined) {
      let value: unknown;
      try {
        value = resolvePointer(JSON.parse(body), input.expectJsonPointer);
      } catch {
        value = undefined;
      }
      if (value === undefined || (input.expectJsonValue !== undefined && (typeof value === 'string' ? value : JSON.stringify(value)) !== input.expectJsonValue)) {
        reasons.push({ code: 'EXPECTED_JSON', params: { pointer: input.expectJsonPointer } });
      }
    }
    return { ok: reasons.length === 0, at, status: res.status, latencyMs: res.latencyMs, tls: res.tls, reasons };
  } catch (error) {
    return { ok: false, at, status: null, latencyMs: null, tls: null, reasons: [reasonOf(error)] };
  }
}

export interface DatasetInput {
  url: string;
  sha256?: string;
  recordCount?: number;
  format?: 'csv' | 'json';
  /** For a JSON data API: the array (or number) of records at this pointer. */
  jsonPointer?: string;
}

export interface DatasetResult {
  ok: boolean;
  at: string;
  sha256: string | null;
  records: number | null;
  bytes: number | null;
  format: 'csv' | 'json' | null;
  reasons: CheckReason[];
}

function formatOf(input: DatasetInput, contentType: string): 'csv' | 'json' {
  if (input.format) return input.format;
  if (contentType.includes('json') || input.url.toLowerCase().split('?')[0].endsWith('.json')) return 'json';
  return 'csv';
}

/**
 * Downloads a dataset as a stream (size-limited), hashes every byte, counts its records (CSV rows
 * after the header, a JSON array's length, or a count at a JSON pointer) and compares with what
 * the unit declared.
 */
export async function verifyDataset(input: DatasetInput, policy: SafeHttpPolicy): Promise<DatasetResult> {
  const at = new Date().toISOString();
  const hash = createHash('sha256');
  const jsonChunks: Buffer[] = [];
  let csvRecords = 0;
  let csvError: string | null = null;
  const csv = parse({ relax_column_count: true, skip_empty_lines: true, bom: true });
  csv.on('readable', () => {
    while (csv.read() !== null) csvRecords++;
  });
  csv.on('error', (error) => (csvError = error.message));
  try {
    // Without a declared format both readings are kept until the content type decides.
    const res = await safeGet(input.url, policy, (chunk) => {
      hash.update(chunk);
      if (input.format !== 'csv') jsonChunks.push(chunk);
      if (input.format !== 'json' && !csvError) csv.write(chunk);
    });
    const sha256 = hash.digest('hex');
    const reasons: CheckReason[] = [];
    if (res.status < 200 || res.status >= 300) reasons.push({ code: 'HTTP_STATUS', params: { status: res.status } });
    const format = formatOf(input, res.contentType);
    let records: number | null = null;
    if (format === 'csv') {
      // A parser that already failed while downloading never ends: do not wait for it.
      if (!csvError) {
        await new Promise<void>((resolve) => {
          csv.on('end', resolve);
          csv.on('error', () => resolve());
          csv.end();
        });
      }
      if (csvError) reasons.push({ code: 'NOT_CSV', params: { detail: csvError } });
      else records = Math.max(0, csvRecords - 1); // the header is not a record
    } else {
      try {
        const document: unknown = JSON.parse(Buffer.concat(jsonChunks).toString('utf8'));
        const value = input.jsonPointer !== undefined ? resolvePointer(document, input.jsonPointer) : document;
        if (Array.isArray(value)) records = value.length;
        else if (typeof value === 'number' && Number.isFinite(value)) records = value;
        else reasons.push({ code: 'NOT_A_NUMBER', params: { pointer: input.jsonPointer ?? '(document)' } });
      } catch {
        reasons.push({ code: 'NOT_JSON' });
      }
    }
    if (input.sha256 && input.sha256.toLowerCase() !== sha256) reasons.push({ code: 'CHECKSUM', params: { actual: sha256, expected: input.sha256.toLowerCase() } });
    if (input.recordCount !== undefined && records !== null && records !== input.recordCount) reasons.push({ code: 'RECORD_COUNT', params: { actual: records, expected: input.recordCount } });
    return { ok: reasons.length === 0, at, sha256, records, bytes: res.bytes, format, reasons };
  } catch (error) {
    csv.destroy();
    return { ok: false, at, sha256: null, records: null, bytes: null, format: null, reasons: [reasonOf(error)] };
  }
}

export interface MetricResult {
  ok: boolean;
  at: string;
  value: number | null;
  reasons: CheckReason[];
}

/** Reads a number at a JSON pointer of a metrics URL. */
export async function readMetric(input: { url: string; jsonPointer: string }, policy: SafeHttpPolicy): Promise<MetricResult> {
  const at = new Date().toISOString();
  const chunks: Buffer[] = [];
  try {
    const res = await safeGet(input.url, policy, (chunk) => chunks.push(chunk));
    if (res.status < 200 || res.status >= 300) return { ok: false, at, value: null, reasons: [{ code: 'HTTP_STATUS', params: { status: res.status } }] };
    let document: unknown;
    try {
      document = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return { ok: false, at, value: null, reasons: [{ code: 'NOT_JSON' }] };
    }
    const value = resolvePointer(document, input.jsonPointer);
    if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, at, value: null, reasons: [{ code: 'NOT_A_NUMBER', params: { pointer: input.jsonPointer } }] };
    return { ok: true, at, value, reasons: [] };
  } catch (error) {
    return { ok: false, at, value: null, reasons: [reasonOf(error)] };
  }
}
