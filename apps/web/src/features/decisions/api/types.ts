import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type UnitRef = Schemas['UnitRefDto'];
export type PersonRef = Schemas['PersonRefDto'];
export type DecisionKind = Schemas['DecisionKind'];
export type DecisionTaskRef = Schemas['DecisionTaskRefDto'];
export type DecisionCounts = Schemas['DecisionCountsDto'];

export const DECISION_KINDS = ['escalation', 'extension', 'beyondAuthority', 'evidenceReview', 'explanation', 'blocker'] as const satisfies readonly DecisionKind[];

export const CRITERIA = ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS', 'MEASURABLE_EFFECT'] as const;
export type Criterion = (typeof CRITERIA)[number];

interface ItemBase<K extends DecisionKind, D> extends Omit<Schemas['DecisionItemDto'], 'kind' | 'details'> {
  kind: K;
  details: D;
}

/** One item of the queue; `details` follows `kind`, as the API documents (its schema types them apart). */
export type DecisionItem =
  | ItemBase<'escalation', Schemas['EscalationDetailsDto']>
  | ItemBase<'extension', Schemas['ExtensionDetailsDto']>
  | ItemBase<'beyondAuthority', Schemas['BeyondAuthorityDetailsDto']>
  | ItemBase<'evidenceReview', Schemas['EvidenceReviewDetailsDto']>
  | ItemBase<'explanation', Schemas['ExplanationDetailsDto']>
  | ItemBase<'blocker', Schemas['BlockerDetailsDto']>;

export interface DecisionPage extends Omit<Schemas['DecisionPageDto'], 'items'> {
  items: DecisionItem[];
}

/** The reviewer's view of one criterion (`GET /api/tasks/{id}/evidence`, typed loosely by the API). */
export interface EvidenceCheckView {
  criterion: string;
  kind: string;
  index: number;
  url: string;
  checkedAt: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  details: Record<string, unknown> | null;
  reasons: { code: string; message: string }[];
}

export interface CriterionView {
  status: 'pending' | 'verifying' | 'verified' | 'failed' | 'attested';
  attested: boolean;
  value: number | null;
  probes: { done: number; healthy: number; of: number } | null;
  reasons: { code: string; message: string }[];
  checks: EvidenceCheckView[];
}

export interface EvidenceSubmissionView {
  id: string;
  submittedBy: string;
  submittedAt: string;
  status: string;
  verifiedAt: string | null;
  items: Record<string, unknown>;
  criteria: Partial<Record<Criterion, CriterionView>>;
  rejections: Partial<Record<Criterion, string>>;
}

export interface TaskEvidenceView {
  taskId: string;
  status: string;
  required: string[];
  evidence: EvidenceSubmissionView | null;
}
