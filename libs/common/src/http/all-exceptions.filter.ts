import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { ErrorCode } from '../i18n/error-messages';
import { translateError, translateProblem } from '../i18n/translate';
import { AppException, type FieldProblem } from './app.exception';
import { requestId, requestLanguage, type AppRequest } from './request-context';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'BODY_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TOO_MANY_REQUESTS',
};

/** Errors raised by the JSON body parser before any route runs. */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

interface Rendered {
  status: number;
  code: ErrorCode;
  params?: Record<string, unknown>;
  problems?: FieldProblem[];
}

/**
 * Renders every error as `{ statusCode, code, message, errors?, requestId }` in the caller's
 * language. Anything unexpected is a 500 and is logged; the client never sees internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<AppRequest>();
    const res = ctx.getResponse<Response>();
    if (res.headersSent) return;

    // Terminus reports health as a 503 whose body is the health report itself.
    if (exception instanceof HttpException && exception.getStatus() === 503) {
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'details' in body) {
        res.status(503).json(body);
        return;
      }
    }

    const rendered = this.render(exception, req);
    const language = requestLanguage(req);
    const id = requestId(req);
    const params = { requestId: id, method: req.method, path: req.path, ...rendered.params };
    const body: Record<string, unknown> = {
      statusCode: rendered.status,
      code: rendered.code,
      message: translateError(rendered.code, language, params),
    };
    if (rendered.problems?.length) {
      body.errors = rendered.problems.map((problem) => ({
        ...(problem.row !== undefined ? { row: problem.row } : {}),
        field: problem.field,
        rule: problem.rule,
        message: translateProblem(problem, language),
      }));
    }
    if (rendered.code === 'CONFLICT' && rendered.params) {
      const { reason: _reason, ...details } = rendered.params;
      if (Object.keys(details).length) body.details = details;
    } else if (typeof rendered.params?.details === 'object' && rendered.params.details !== null) {
      // Other errors say what the client may need next (e.g. the task of a link already used) only when given `details`.
      body.details = rendered.params.details;
    }
    body.requestId = id;
    if (typeof rendered.params?.retryAfter === 'number') res.setHeader('Retry-After', String(rendered.params.retryAfter));
    res.status(rendered.status).json(body);
  }

  private render(exception: unknown, req: AppRequest): Rendered {
    if (exception instanceof AppException) {
      return { status: exception.getStatus(), code: exception.code, params: exception.params, problems: exception.problems };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status];
      if (code) return { status, code };
    }
    if (isBodyParserError(exception)) {
      if (exception.type === 'entity.parse.failed') return { status: 400, code: 'MALFORMED_BODY' };
      if (exception.type === 'entity.too.large') {
        return { status: 413, code: 'BODY_TOO_LARGE', params: { limit: `${exception.limit ?? ''} bytes` } };
      }
      if (exception.status === 415 || exception.type.endsWith('.unsupported')) {
        return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' };
      }
      if (exception.status >= 400 && exception.status < 500) return { status: exception.status, code: 'BAD_REQUEST' };
    }
    if (exception instanceof QueryFailedError && (exception.driverError as { code?: string })?.code === '23505') {
      // A unique constraint the service did not check first; still the caller's conflict, not a crash.
      this.logger.warn({ requestId: requestId(req), constraint: (exception.driverError as { constraint?: string }).constraint }, 'unique violation reached the filter');
      return { status: 409, code: 'CONFLICT', params: { reason: { vi: 'dữ liệu đã tồn tại.', en: 'the record already exists.' } } };
    }
    this.logger.error(
      { requestId: requestId(req), err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : String(exception) },
      'unhandled error',
    );
    return { status: 500, code: 'INTERNAL' };
  }
}
