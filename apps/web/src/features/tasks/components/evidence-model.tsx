/**
 * The evidence of a task as the web app reads and sends it: the API's shapes, the queries, and the
 * conversion between the form's values and the API's EvidenceDto.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, ApiError, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';
import { dayjs, inVietnam, TIME_ZONE } from '@/lib/format';
import { TASKS_KEY } from '../api/keys';

export const CRITERIA = ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS', 'MEASURABLE_EFFECT'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** The object of the EvidenceDto that carries each criterion. */
export const CRITERION_FIELD = {
  OPERATING_PRODUCT: 'operatingProduct',
  VERIFIED_DATA: 'verifiedData',
  REAL_USERS: 'realUsers',
  MEASURABLE_EFFECT: 'measurableEffect',
} as const satisfies Record<Criterion, keyof EvidenceDto>;

export type EvidenceDto = components['schemas']['EvidenceDto'];
export type SupportingDocument = components['schemas']['SupportingDocumentDto'];
export type CriterionStatus = 'pending' | 'verifying' | 'verified' | 'failed' | 'attested';
export type SubmissionStatus = 'UNDER_REVIEW' | 'ACCEPTED' | 'REJECTED' | 'FAILED_VERIFICATION';

// TODO(schema): the API documents `evidence` and `afterCare` of EvidenceView as plain objects
// (libs/tasks/src/dto/task-view.dto.ts); these interfaces follow TaskQueriesService.evidence.
export interface CheckReason {
  code: string;
  /** Already in the reader's language. */
  message: string;
}

export interface TlsDetails {
  authorized: boolean;
  error: string | null;
  validFrom: string | null;
  validTo: string | null;
  daysLeft: number | null;
}

/** One probe of the product, one download of the data, or one read of a metric. */
export interface CheckView {
  criterion: string;
  kind: 'PROBE' | 'DATASET' | 'METRIC';
  index: number;
  url: string;
  checkedAt: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  /** PROBE: `{ tls }`; DATASET: `{ sha256, records, bytes, format, expected }`; METRIC: `{ value, jsonPointer }`. */
  details: { tls?: TlsDetails | null; sha256?: string | null; records?: number | null; value?: number | null; [key: string]: unknown };
  reasons: CheckReason[];
}

export interface CriterionView {
  status: CriterionStatus;
  attested: boolean;
  value: number | null;
  probes: { done: number; healthy: number; of: number } | null;
  reasons: CheckReason[];
  checks: CheckView[];
}

export interface SubmissionView {
  id: string;
  submittedBy: string;
  submittedAt: string;
  status: SubmissionStatus;
  verifiedAt: string | null;
  items: EvidenceDto;
  criteria: Partial<Record<Criterion, CriterionView>>;
  rejections: Partial<Record<Criterion, string>>;
  /** Not in the API's view yet; shown when it is. */
  comment?: string | null;
  reviewedAt?: string | null;
}

export interface AfterCareView {
  url: string;
  startedAt: string;
  endsAt: string;
  active: boolean;
  regressed: boolean;
  probes: number;
  consecutiveFailures: number;
  closeReason: string | null;
  checks: CheckView[];
}

export interface EvidenceViewModel {
  taskId: string;
  status: string;
  required: string[];
  evidence: SubmissionView | null;
  afterCare: AfterCareView | null;
}

/** How often the status is read while checks run. */
export const POLL_MS = 4_000;

/** Under the feature's prefix, so the task page's mutations refresh the evidence too. */
export const evidenceKey = (taskId: string) => [...TASKS_KEY, 'evidence', taskId] as const;

/** The criteria the template requires, in the order of the form. */
export function requiredCriteria(view: Pick<EvidenceViewModel, 'required'> | undefined): Criterion[] {
  return CRITERIA.filter((criterion) => view?.required.includes(criterion));
}

/** True while some check has not finished: the status keeps refreshing. */
export function isChecking(view: EvidenceViewModel | undefined): boolean {
  const evidence = view?.evidence;
  if (!evidence) return false;
  const running = Object.values(evidence.criteria).some((c) => c?.status === 'pending' || c?.status === 'verifying');
  return running || (evidence.status === 'UNDER_REVIEW' && evidence.verifiedAt === null);
}

/** The task's evidence; refreshed every POLL_MS while checks run, and no longer once they have settled. */
export function useEvidence(taskId: string) {
  return useQuery({
    queryKey: evidenceKey(taskId),
    queryFn: () => unwrap(api.GET('/api/tasks/{id}/evidence', { params: { path: { id: taskId } } })) as Promise<unknown> as Promise<EvidenceViewModel>,
    refetchInterval: (query) => (isChecking(query.state.data) ? POLL_MS : false),
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Submits evidence with one Idempotency-Key per intent. An answer `ACTION_PENDING` (503: accepted,
 * still completing) is asked again with the same key, which returns the first result.
 */
export function useSubmitEvidence(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, key }: { body: EvidenceDto; key: string }) => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await unwrap(api.POST('/api/tasks/{id}/evidence', { params: { path: { id: taskId }, header: { 'Idempotency-Key': key } }, body }));
        } catch (error) {
          if (!(error instanceof ApiError && error.problem.code === 'ACTION_PENDING' && attempt < 5)) throw error;
          await pause(2_000);
        }
      }
    },
    // Every query of tasks: the task's status and actions change, and its evidence.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
}

/* ---------- the form's values ⇄ the API's EvidenceDto ---------- */

type Loose<T> = { [K in keyof T]?: T[K] | null };

export interface EvidenceFormValues {
  operatingProduct?: Loose<components['schemas']['OperatingProductDto']>;
  verifiedData?: Loose<Omit<components['schemas']['VerifiedDataDto'], 'format'>> & { format?: 'csv' | 'json' | 'auto' };
  realUsers?: Loose<Omit<components['schemas']['RealUsersDto'], 'periodFrom' | 'periodTo'>> & {
    source?: 'metrics' | 'attested';
    periodFrom?: Dayjs | null;
    periodTo?: Dayjs | null;
  };
  measurableEffect?: Loose<components['schemas']['MeasurableEffectDto']>;
  supportingDocuments?: Loose<SupportingDocument>[];
}

/** Trimmed text, or nothing for an empty field. */
function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function number(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Drops the fields left empty, so the API sees only what was given. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A day of the period, at its start (or end) in Vietnam: 2026-11-01T00:00:00+07:00. */
function vietnamDay(day: Dayjs | null | undefined, end: boolean): string {
  if (!day) return '';
  const local = dayjs.tz(day.format('YYYY-MM-DD'), TIME_ZONE);
  return (end ? local.endOf('day') : local.startOf('day')).format();
}

/** The EvidenceDto for the criteria of the form (the template's), and the supporting documents. */
export function toEvidenceDto(values: EvidenceFormValues, criteria: readonly Criterion[]): EvidenceDto {
  const dto: EvidenceDto = {};
  const product = values.operatingProduct;
  if (criteria.includes('OPERATING_PRODUCT') && product) {
    dto.operatingProduct = compact({
      url: text(product.url) ?? '',
      description: text(product.description),
      expectText: text(product.expectText),
      expectJsonPointer: text(product.expectJsonPointer),
      expectJsonValue: text(product.expectJsonValue),
    });
  }
  const data = values.verifiedData;
  if (criteria.includes('VERIFIED_DATA') && data) {
    dto.verifiedData = compact({
      datasetUrl: text(data.datasetUrl) ?? '',
      sha256: text(data.sha256)?.toLowerCase(),
      recordCount: number(data.recordCount),
      format: data.format === 'csv' || data.format === 'json' ? data.format : undefined,
      jsonPointer: text(data.jsonPointer),
      description: text(data.description),
    });
  }
  const users = values.realUsers;
  if (criteria.includes('REAL_USERS') && users) {
    const attested = users.source === 'attested';
    dto.realUsers = compact({
      metricsUrl: attested ? undefined : text(users.metricsUrl),
      jsonPointer: attested ? undefined : text(users.jsonPointer),
      attestedActiveUsers: attested ? number(users.attestedActiveUsers) : undefined,
      periodFrom: vietnamDay(users.periodFrom, false),
      periodTo: vietnamDay(users.periodTo, true),
    });
  }
  const effect = values.measurableEffect;
  if (criteria.includes('MEASURABLE_EFFECT') && effect) {
    dto.measurableEffect = compact({
      kpi: text(effect.kpi) ?? '',
      unit: text(effect.unit) ?? '',
      baseline: number(effect.baseline) as number,
      target: number(effect.target) as number,
      achieved: number(effect.achieved) as number,
      direction: effect.direction ?? ('' as 'INCREASE'),
      method: text(effect.method) ?? '',
      sourceUrl: text(effect.sourceUrl),
      sourceJsonPointer: text(effect.sourceJsonPointer),
    });
  }
  const documents = (values.supportingDocuments ?? [])
    .filter((d) => d && (text(d.title) || text(d.url)))
    .map((d) => compact({ title: text(d.title) ?? '', kind: d.kind ?? 'DOCUMENT', url: text(d.url) }));
  if (documents.length > 0) dto.supportingDocuments = documents;
  return dto;
}

/** The form's values from a previous submission (to fix and submit again). */
export function toFormValues(items: EvidenceDto | undefined): EvidenceFormValues {
  if (!items) return { verifiedData: { format: 'auto' }, realUsers: { source: 'metrics' } };
  const users = items.realUsers;
  return {
    operatingProduct: items.operatingProduct ? { ...items.operatingProduct } : undefined,
    verifiedData: items.verifiedData ? { ...items.verifiedData, format: items.verifiedData.format ?? 'auto' } : undefined,
    realUsers: users
      ? {
          ...users,
          source: users.attestedActiveUsers !== undefined && users.attestedActiveUsers !== null ? 'attested' : 'metrics',
          periodFrom: users.periodFrom ? inVietnam(users.periodFrom) : null,
          periodTo: users.periodTo ? inVietnam(users.periodTo) : null,
        }
      : { source: 'metrics' },
    measurableEffect: items.measurableEffect ? { ...items.measurableEffect } : undefined,
    supportingDocuments: items.supportingDocuments?.map((d) => ({ ...d })),
  };
}

/** The names of the form's fields as the API names them, for its field errors. */
export function formFieldNames(criteria: readonly Criterion[], documents: number): string[] {
  const fields: Record<Criterion, string[]> = {
    OPERATING_PRODUCT: ['url', 'description', 'expectText', 'expectJsonPointer', 'expectJsonValue'],
    VERIFIED_DATA: ['datasetUrl', 'sha256', 'recordCount', 'format', 'jsonPointer', 'description'],
    REAL_USERS: ['metricsUrl', 'jsonPointer', 'attestedActiveUsers', 'periodFrom', 'periodTo'],
    MEASURABLE_EFFECT: ['kpi', 'unit', 'baseline', 'target', 'achieved', 'direction', 'method', 'sourceUrl', 'sourceJsonPointer'],
  };
  const names = criteria.flatMap((c) => fields[c].map((f) => `${CRITERION_FIELD[c]}.${f}`));
  for (let i = 0; i < documents; i++) names.push(`supportingDocuments[${i}].title`, `supportingDocuments[${i}].kind`, `supportingDocuments[${i}].url`);
  return names;
}
