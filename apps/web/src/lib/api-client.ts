import createClient from 'openapi-fetch';
import i18n from './i18n';
import type { paths } from './api/schema';
import { getAccessToken, refreshSession, WEB_CLIENT_HEADER } from './session';

/** One error of a field, as the API names it (`field.path[0].name`). */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
  row?: number;
}

/** Every API error: `{ statusCode, code, message, errors?, details?, requestId }`. */
export interface ApiProblem {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
  requestId?: string;
}

/** An API error thrown by `unwrap`, carrying the problem the API described. */
export class ApiError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.statusCode;
  }
}

/** Adds the access token and the language; on a 401, renews the session once and tries again. */
async function sessionFetch(request: Request): Promise<Response> {
  const send = (): Promise<Response> => {
    const attempt = request.clone();
    const token = getAccessToken();
    if (token) attempt.headers.set('Authorization', `Bearer ${token}`);
    attempt.headers.set('Accept-Language', i18n.language === 'en' ? 'en' : 'vi');
    Object.entries(WEB_CLIENT_HEADER).forEach(([name, value]) => attempt.headers.set(name, value));
    return fetch(attempt);
  };
  const response = await send();
  const isAuthRoute = new URL(request.url).pathname.startsWith('/api/auth/refresh');
  if (response.status === 401 && !isAuthRoute && getAccessToken() !== null && (await refreshSession())) return send();
  return response;
}

/** The API client, typed from the API's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: sessionFetch, credentials: 'same-origin' });

/** Returns an openapi-fetch answer's data, or throws an ApiError with the API's problem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const problem = (error && typeof error === 'object' ? error : {}) as Partial<ApiProblem>;
  throw new ApiError({
    statusCode: response.status,
    code: problem.code ?? `HTTP_${response.status}`,
    message: problem.message ?? response.statusText,
    errors: problem.errors,
    details: problem.details,
    requestId: problem.requestId ?? response.headers.get('X-Request-Id') ?? undefined,
  });
}

/** A fresh idempotency key for an action the user takes once (a retry reuses it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
