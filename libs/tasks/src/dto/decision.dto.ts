import { RISKS, type Risk } from '../statistics/task-state-at.sql';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@dondoc/common';
import { PersonRefDto, UnitRefDto } from '@dondoc/organisation';
import { CRITERIA, TASK_STATUSES, type Criterion, type TaskStatus } from '@dondoc/workflows/task/task.types';

/**
 * What may wait for someone in the decisions queue: a proposed escalation level they decide, an
 * extension request, a matter beyond authority, evidence to review, or an explanation they asked
 * for that is still unanswered.
 */
export const DECISION_KINDS = ['escalation', 'extension', 'beyondAuthority', 'evidenceReview', 'explanation'] as const;
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

export type DecisionDetails = EscalationDetailsDto | ExtensionDetailsDto | BeyondAuthorityDetailsDto | EvidenceReviewDetailsDto | ExplanationDetailsDto;

@ApiExtraModels(EscalationDetailsDto, ExtensionDetailsDto, BeyondAuthorityDetailsDto, EvidenceReviewDetailsDto, ExplanationDetailsDto)
export class DecisionItemDto {
  @ApiProperty({ enum: DECISION_KINDS, enumName: 'DecisionKind' }) kind!: DecisionKind;
  @ApiProperty({
    example: 'E7',
    description:
      'The id the decision route takes: P… `escalations/:proposalId/decision`, E… `extension-requests/:requestId/decision`, B… `beyond-authority/:requestId/decision`, `evidence` for `evidence/review`, X… the explanation request',
  })
  requestId!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was proposed, asked, raised, submitted or requested; the queue is oldest first' }) requestedAt!: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Who asked (null: dondoc itself, for an escalation level)' }) requestedBy!: PersonRefDto | null;
  @ApiProperty({ type: DecisionTaskRefDto }) task!: DecisionTaskRefDto;
  @ApiProperty({
    oneOf: [
      { $ref: getSchemaPath(EscalationDetailsDto) },
      { $ref: getSchemaPath(ExtensionDetailsDto) },
      { $ref: getSchemaPath(BeyondAuthorityDetailsDto) },
      { $ref: getSchemaPath(EvidenceReviewDetailsDto) },
      { $ref: getSchemaPath(ExplanationDetailsDto) },
    ],
    description: 'By `kind`: escalation → EscalationDetailsDto, extension → ExtensionDetailsDto, beyondAuthority → BeyondAuthorityDetailsDto, evidenceReview → EvidenceReviewDetailsDto, explanation → ExplanationDetailsDto',
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
}

export class DecisionCountsDto {
  @ApiProperty({ description: 'Every item waiting for you' }) total!: number;
  @ApiProperty({ type: DecisionCountsByKindDto }) byKind!: DecisionCountsByKindDto;
}
