import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_MESSAGES, RESOURCE_NAMES, type ErrorCode, type ResourceName } from '../i18n/error-messages';
import type { Bilingual } from '../i18n/language';

/** One failing field: the rule it broke, its arguments, and optionally a message of its own. */
export interface FieldProblem {
  /** For imported files: the spreadsheet row (the header is row 1). */
  row?: number;
  field: string;
  rule: string;
  args?: unknown[];
  message?: Bilingual;
}

/**
 * An error a user can cause. It carries a code from `ERROR_MESSAGES` and parameters; the
 * exception filter renders it in the caller's language.
 */
export class AppException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly problems: FieldProblem[] = [],
  ) {
    super(ERROR_MESSAGES[code].en, status);
  }
}

/** 400 naming every failing field. */
export function validationFailed(problems: FieldProblem[]): AppException {
  return new AppException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', {}, problems);
}

/** 400 for a single field with a message of its own. */
export function invalidField(field: string, rule: string, message: Bilingual): AppException {
  return validationFailed([{ field, rule, message }]);
}

/** 404 for an unknown id (also used for subjects outside the caller's scope). */
export function notFound(resource: ResourceName, id: string): AppException {
  return new AppException(HttpStatus.NOT_FOUND, 'NOT_FOUND', { resource: RESOURCE_NAMES[resource], id });
}

/** 409 with the reason, in both languages. */
export function conflict(reason: Bilingual, details: Record<string, unknown> = {}): AppException {
  return new AppException(HttpStatus.CONFLICT, 'CONFLICT', { reason, ...details });
}
