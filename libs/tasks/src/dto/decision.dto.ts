import { RISKS, type Risk } from '../statistics/task-state-at.sql';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@dondoc/common';
import { PersonRefDto, UnitRefDto } from '@dondoc/organisation';
import { CRITERIA, TASK_STATUSES, type Criterion, type TaskStatus } from '@dondoc/workflows/task/task.types';

/**
 * What may wait for someone in the decisions queue: a proposed escalation level they decide, an
 * extension request, a matter beyond authority, evidence to review, an explanation they asked
 * for that is still unanswered, or a blocker no leader over both units has decided on yet.
 */
export const DECISION_KINDS = ['escalation', 'extension', 'beyondAuthority', 'evidenceReview', 'explanation', 'blocker'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export class DecisionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DECISION_KINDS, description: 'Only items of this kind' })
  @IsOptional()
  @IsIn(DECISION_KINDS)
  kind?: DecisionKind;
}

/** The task an item belongs to, as a queue shows it. */
export class DecisionTaskRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NV-2026-000123' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  @ApiProperty({ enum: RISKS, nullable: true, description: 'As the task’s `risk`' }) risk!: Risk | null;
  @ApiProperty({ type: UnitRefDto }) leadUnit!: UnitRefDto;
  @ApiProperty({ format: 'date-time', description: 'The current due time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) originalDueAt!: string;
}

export class EscalationDetailsDto {
  @ApiProperty({ description: 'The proposed level (2, 3…)' }) level!: number;
  @ApiProperty({ description: 'Whether approving it asks the unit to explain' }) openExplanation!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the deciders were last re-notified' }) remindedAt!: string | null;
}

export class ExtensionDetailsDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time', description: 'The due time asked for' }) newDueAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The task’s due time now' }) currentDueAt!: string;
  @ApiProperty({ description: 'The time asked for has passed: the request can only be rejected' }) newDueAtPassed!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) remindedAt!: string | null;
}

export class BeyondAuthorityDetailsDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) remindedAt!: string | null;
}

export class EvidenceReviewDetailsDto {
  @ApiProperty({ example: 'V12' }) evidenceId!: string;
  @ApiProperty({ format: 'date-time', description: 'When every check had finished (all passed)' }) verifiedAt!: string;
  @ApiProperty({ enum: CRITERIA, isArray: true, description: 'The criteria the template requires' }) required!: Criterion[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['pending', 'verifying', 'verified', 'failed', 'attested'] },
    description: 'Each claimed criterion and the result of its check (`attested`: a figure of active users the head vouched for)',
  })
  criteria!: Partial<Record<Criterion, string>>;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) remindedAt!: string | null;
}

export class ExplanationDetailsDto {
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ description: 'The deadline has passed without an answer' }) overdue!: boolean;
}

export class BlockerDetailsDto {
  @ApiProperty({ type: UnitRefDto, nullable: true, description: 'The unit the lead unit waits on (null only if it was since deleted)' }) blockingUnit!: UnitRefDto | null;
  @ApiProperty({ description: 'Whether the blocking unit coordinates the task' }) coordinating!: boolean;
  @ApiProperty({ description: 'What the lead unit waits for' }) awaited!: string;
  @ApiProperty({ format: 'date-time', description: 'Since when it waits' }) since!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why this unit holds the task up (given when it is not a coordinating unit)' }) reason!: string | null;
  @ApiProperty({ enum: ['OPEN', 'RESOLVED'], description: 'OPEN: still waiting (a decision may also end it); RESOLVED: over, and may still be confirmed as an objective cause' }) status!: 'OPEN' | 'RESOLVED';
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Who declared it (as `requestedBy`)' }) declaredBy!: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it ended (null while open)' }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'How it ended: the resolver’s text, or REASSIGNED when the task moved to another lead unit' }) resolution!: string | null;
}

export type DecisionDetails = EscalationDetailsDto | ExtensionDetailsDto | BeyondAuthorityDetailsDto | EvidenceReviewDetailsDto | ExplanationDetailsDto | BlockerDetailsDto;

@ApiExtraModels(EscalationDetailsDto, ExtensionDetailsDto, BeyondAuthorityDetailsDto, EvidenceReviewDetailsDto, ExplanationDetailsDto, BlockerDetailsDto)
export class DecisionItemDto {
  @ApiProperty({ enum: DECISION_KINDS, enumName: 'DecisionKind' }) kind!: DecisionKind;
  @ApiProperty({
    example: 'E7',
    description:
      'The id the decision route takes: P… `escalations/:proposalId/decision`, E… `extension-requests/:requestId/decision`, B… `beyond-authority/:requestId/decision`, `evidence` for `evidence/review`, X… the explanation request, BL… `blockers/:blockerId/decide`',
  })
  requestId!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was proposed, asked, raised, submitted, requested or (a blocker) declared; the queue is oldest first' }) requestedAt!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Who asked, or declared the blocker (null: dondoc itself, for an escalation level)' }) requestedBy!: PersonRefDto | null;
  @ApiProperty({ type: DecisionTaskRefDto }) task!: DecisionTaskRefDto;
  @ApiProperty({
    oneOf: [
      { $ref: getSchemaPath(EscalationDetailsDto) },
      { $ref: getSchemaPath(ExtensionDetailsDto) },
      { $ref: getSchemaPath(BeyondAuthorityDetailsDto) },
      { $ref: getSchemaPath(EvidenceReviewDetailsDto) },
      { $ref: getSchemaPath(ExplanationDetailsDto) },
      { $ref: getSchemaPath(BlockerDetailsDto) },
    ],
    description:
      'By `kind`: escalation → EscalationDetailsDto, extension → ExtensionDetailsDto, beyondAuthority → BeyondAuthorityDetailsDto, evidenceReview → EvidenceReviewDetailsDto, explanation → ExplanationDetailsDto, blocker → BlockerDetailsDto',
  })
  details!: DecisionDetails;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionItemDto] }) items!: DecisionItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class DecisionCountsByKindDto {
  @ApiProperty() escalation!: number;
  @ApiProperty() extension!: number;
  @ApiProperty() beyondAuthority!: number;
  @ApiProperty() evidenceReview!: number;
  @ApiProperty() explanation!: number;
  @ApiProperty() blocker!: number;
}

export class DecisionCountsDto {
  @ApiProperty({ description: 'Every item waiting for you' }) total!: number;
  @ApiProperty({ type: DecisionCountsByKindDto }) byKind!: DecisionCountsByKindDto;
}
