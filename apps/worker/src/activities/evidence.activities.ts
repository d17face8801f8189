import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { scrubText } from '@dondoc/common';
import { AppConfig } from '@dondoc/config';
import { parseAllowList, probeProduct, readMetric, systemResolver, verifyDataset, type SafeHttpPolicy } from '@dondoc/evidence';
import { EvidenceChecksService } from '@dondoc/tasks';
import type { EvidenceActivities } from '@dondoc/workflows/task/task.types';
import { heartbeating } from './heartbeat';

const PAGE_TYPES: string[] = []; // a product may answer with any content
const DATA_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/json', 'application/vnd.ms-excel', 'application/octet-stream', 'application/ld+json'];
const METRIC_TYPES = ['application/json', 'text/plain', 'application/ld+json'];

/**
 * The checks of evidence: they fetch URLs that users typed, so only through `safeGet` (no private
 * addresses unless allowlisted, pinned connections, limits), in the worker, never in the API.
 * Every check is stored, and a retried one does not store twice.
 */
@Injectable()
export class EvidenceActivitiesService implements EvidenceActivities {
  private readonly policy: Omit<SafeHttpPolicy, 'maxBytes' | 'contentTypes'>;

  constructor(
    private readonly checks: EvidenceChecksService,
    private readonly config: AppConfig,
  ) {
    const evidence = config.evidence;
    this.policy = {
      ...parseAllowList(evidence.allowedHosts),
      resolver: systemResolver,
      maxRedirects: evidence.maxRedirects,
      timeoutMs: evidence.timeoutMs,
      extraCa: evidence.tlsCaPath ? readFileSync(evidence.tlsCaPath, 'utf8') : undefined,
    };
  }

  probeProduct: EvidenceActivities['probeProduct'] = (input) =>
    heartbeating(async () => {
      // What a remote server answered is text from outside: scrubbed before it is stored or returned.
      const result = scrubText(await probeProduct(input, { ...this.policy, maxBytes: this.config.evidence.maxResponseBytes, contentTypes: PAGE_TYPES }));
      await this.checks.store({
        taskId: input.taskId,
        evidenceId: input.evidenceId,
        criterion: 'OPERATING_PRODUCT',
        kind: 'PROBE',
        index: input.index,
        url: input.url,
        checkedAt: new Date(result.at),
        ok: result.ok,
        statusCode: result.status,
        latencyMs: result.latencyMs,
        details: { tls: result.tls },
        reasons: result.reasons,
      });
      return { ok: result.ok, reasons: result.reasons };
    });

  verifyDataset: EvidenceActivities['verifyDataset'] = (input) =>
    heartbeating(async () => {
      // What a remote server answered is text from outside: scrubbed before it is stored or returned.
      const result = scrubText(await verifyDataset(input, { ...this.policy, maxBytes: this.config.evidence.maxDatasetBytes, contentTypes: DATA_TYPES }));
      await this.checks.store({
        taskId: input.taskId,
        evidenceId: input.evidenceId,
        criterion: 'VERIFIED_DATA',
        kind: 'DATASET',
        index: 0,
        url: input.url,
        checkedAt: new Date(result.at),
        ok: result.ok,
        statusCode: null,
        latencyMs: null,
        details: { sha256: result.sha256, records: result.records, bytes: result.bytes, format: result.format, expected: { sha256: input.sha256 ?? null, records: input.recordCount ?? null } },
        reasons: result.reasons,
      });
      return { ok: result.ok, reasons: result.reasons };
    });

  readMetric: EvidenceActivities['readMetric'] = (input) =>
    heartbeating(async () => {
      // What a remote server answered is text from outside: scrubbed before it is stored or returned.
      const result = scrubText(await readMetric(input, { ...this.policy, maxBytes: this.config.evidence.maxResponseBytes, contentTypes: METRIC_TYPES }));
      await this.checks.store({
        taskId: input.taskId,
        evidenceId: input.evidenceId,
        criterion: input.criterion,
        kind: 'METRIC',
        index: 0,
        url: input.url,
        checkedAt: new Date(result.at),
        ok: result.ok,
        statusCode: null,
        latencyMs: null,
        details: { value: result.value, jsonPointer: input.jsonPointer },
        reasons: result.reasons,
      });
      return { ok: result.ok, value: result.value, reasons: result.reasons };
    });
}
