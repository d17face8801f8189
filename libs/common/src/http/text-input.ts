import 'reflect-metadata';
import type { NextFunction, Request, Response } from 'express';
import { brokenTextRule, findTextProblems, normaliseText, type TextProblem } from '../text/text-rules';
import { validationFailed, type FieldProblem } from './app.exception';

export { brokenTextRule, findTextProblems, normaliseText, scrubText, MAX_JSON_DEPTH } from '../text/text-rules';

const MULTILINE = Symbol('dondoc:multiline');

/**
 * Marks a string property (or a list of strings) that may hold several lines: tabs and line
 * breaks are allowed there. Every other string is one line.
 */
export function MultiLine(): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(MULTILINE, true, target, property);
}

function isMultiLine(instance: object, property: string): boolean {
  return Reflect.getMetadata(MULTILINE, instance, property) === true;
}

const toFieldProblems = (problems: TextProblem[], root: string): FieldProblem[] =>
  problems.map(({ field, rule }) => ({ field: field || root, rule }));

/** 400 for any text problem in a request's value; `root` names the value itself (a parameter). */
export function assertCleanInput(value: unknown, root: string): void {
  const problems = findTextProblems(value);
  if (problems.length > 0) throw validationFailed(toFieldProblems(problems, root));
}

/**
 * Tabs and line breaks in a validated DTO, outside the properties marked `@MultiLine()`: walks
 * the class instances the pipe produced (nested DTOs included).
 */
export function singleLineProblems(value: unknown, path = ''): FieldProblem[] {
  if (typeof value === 'string') {
    const rule = brokenTextRule(value, false);
    return rule ? [{ field: path, rule }] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const problems: FieldProblem[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const multiline = isMultiLine(value, key);
    const check = (text: unknown, at: string) => {
      if (typeof text === 'string') {
        const rule = brokenTextRule(text, multiline);
        if (rule) problems.push({ field: at, rule });
      } else problems.push(...singleLineProblems(text, at));
    };
    if (Array.isArray(item)) item.forEach((element, index) => check(element, `${field}[${index}]`));
    else check(item, field);
  }
  return problems;
}

/**
 * Runs right after the body parsers, for every route: a body nested deeper than
 * `MAX_JSON_DEPTH`, with a key every object inherits (`__proto__`, `toString`…), a control
 * character or a lone surrogate anywhere is a 400 naming the field; the rest is normalised to NFC.
 */
export function inputGuardMiddleware(req: Request, _res: Response, next: NextFunction): void {
  try {
    assertCleanInput(req.body, 'body');
    normaliseText(req.body);
    next();
  } catch (error) {
    next(error);
  }
}

const BODY_TYPES = /^(application\/(json|[\w.+-]+\+json|x-www-form-urlencoded)|multipart\/form-data)\s*(;|$)/i;

/**
 * A request that carries a body in a type dondoc does not read (text/plain, XML…) is refused with
 * 415, rather than treated as an empty object; JSON, the password form and file uploads pass.
 */
export function bodyTypeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || BODY_TYPES.test(req.headers['content-type'] ?? '')) return next();
  next(Object.assign(new Error('unsupported media type'), { type: 'unsupported', status: 415 }));
}
