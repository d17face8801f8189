import { ERROR_MESSAGES, type ErrorCode } from './error-messages';
import { DEFAULT_LANGUAGE, interpolate, isLanguage, languageFromHeader, type Bilingual, type Language } from './language';
import { UNKNOWN_RULE_MESSAGE, VALIDATION_MESSAGES } from './validation-messages';
import type { FieldProblem } from '../http/app.exception';

function isBilingual(value: unknown): value is Bilingual {
  return typeof value === 'object' && value !== null && 'vi' in value && 'en' in value;
}

/** Resolves bilingual parameters to one language. */
function localiseParams(params: Record<string, unknown>, language: Language): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, isBilingual(value) ? value[language] : value]),
  );
}

/** Renders a bilingual text with parameters in one language. */
export function translate(text: Bilingual, language: Language, params: Record<string, unknown> = {}): string {
  return interpolate(text[language], localiseParams(params, language));
}

/** Renders an error code's message. */
export function translateError(code: ErrorCode, language: Language, params: Record<string, unknown> = {}): string {
  return translate(ERROR_MESSAGES[code], language, params);
}

/** Renders one field problem. */
export function translateProblem(problem: FieldProblem, language: Language): string {
  const text = problem.message ?? VALIDATION_MESSAGES[problem.rule] ?? UNKNOWN_RULE_MESSAGE;
  const params: Record<string, unknown> = { field: problem.field, rule: problem.rule };
  (problem.args ?? []).forEach((arg, index) => (params[String(index)] = arg));
  return translate(text, language, params);
}

/** The language of a response: `?lang=`, then the user's preference, then Accept-Language, then Vietnamese. */
export function resolveLanguage(input: {
  query?: unknown;
  userLanguage?: unknown;
  acceptLanguage?: string;
}): Language {
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.userLanguage)) return input.userLanguage;
  return languageFromHeader(input.acceptLanguage) ?? DEFAULT_LANGUAGE;
}
