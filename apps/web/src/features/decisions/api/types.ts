import type { components } from '@/lib/api/schema';

// TODO(schema): `GET /api/decisions` is being added to the API; these mirror its DTOs
// (libs/tasks/src/dto/decision.dto.ts) until the generated schema has them.

export type UnitRef = components['schemas']['UnitRefDto'];
export type PersonRef = components['schemas']['PersonRefDto'];

export const DECISION_KINDS = ['escalation', 'extension', 'beyondAuthority', 'evidenceReview', 'explanation'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const CRITERIA = ['OPERATING_PRODUCT', 'VERIFIED_DATA', 'REAL_USERS', 'MEASURABLE_EFFECT'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface DecisionTaskRef {
  id: string;
  code: string;
  title: string;
  status: string;
  rag: 'RED' | 'AMBER' | 'GREEN' | 'DONE' | 'CANCELLED';
  leadUnit: UnitRef;
  dueAt: string;
  originalDueAt: string;
}

export interface EscalationDetails {
  level: number;
  openExplanation: boolean;
  remindedAt: string | null;
}

export interface ExtensionDetails {
  reason: string;
  newDueAt: string;
  currentDueAt: string;
  newDueAtPassed: boolean;
  remindedAt: string | null;
}

export interface BeyondAuthorityDetails {
  reason: string;
  remindedAt: string | null;
}

export interface EvidenceReviewDetails {
  evidenceId: string;
  verifiedAt: string;
  required: Criterion[];
  criteria: Partial<Record<Criterion, string>>;
  remindedAt: string | null;
}

export interface ExplanationDetails {
  question: string;
  deadline: string;
  overdue: boolean;
}

interface ItemBase<K extends DecisionKind, D> {
  kind: K;
  requestId: string;
  requestedAt: string;
  requestedBy: PersonRef | null;
  task: DecisionTaskRef;
  details: D;
}

/** One item of the queue; `details` follows `kind`. */
export type DecisionItem =
  | ItemBase<'escalation', EscalationDetails>
  | ItemBase<'extension', ExtensionDetails>
  | ItemBase<'beyondAuthority', BeyondAuthorityDetails>
  | ItemBase<'evidenceReview', EvidenceReviewDetails>
  | ItemBase<'explanation', ExplanationDetails>;

export interface DecisionPage {
  items: DecisionItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DecisionCounts {
  total: number;
  byKind: Record<DecisionKind, number>;
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
