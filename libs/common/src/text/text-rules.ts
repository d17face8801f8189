/**
 * What every piece of text that enters dondoc must be, wherever it comes from (a request, a
 * spreadsheet cell, a Temporal Update, a page read from an evidence URL): well-formed Unicode
 * (no lone UTF-16 surrogate) without control characters. PostgreSQL stores neither a NUL nor a
 * lone surrogate, so one such character must never get as far as a write.
 * Pure code with no imports, so the workflows' validators (Temporal's sandbox) import it too.
 */

export type TextRule = 'wellFormedText' | 'noControlCharacters' | 'singleLine';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;

/** The rule `text` breaks, or null. Tabs and line breaks are allowed only in multi-line text. */
export function brokenTextRule(text: string, multiline: boolean): TextRule | null {
  if (LONE_SURROGATE.test(text)) return 'wellFormedText';
  if (CONTROL.test(text)) return 'noControlCharacters';
  if (!multiline && LINE_BREAK.test(text)) return 'singleLine';
  return null;
}

/** The deepest a JSON value may nest (objects and arrays) anywhere in dondoc. */
export const MAX_JSON_DEPTH = 32;

/** Keys that name a property every object inherits: refused so that no input can shadow one. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

export interface TextProblem {
  /** The path of the value, e.g. `items[2].title` (empty for the value itself). */
  field: string;
  rule: TextRule | 'maxDepth' | 'forbiddenKey';
}

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Every string in `value` (keys included) that is not well-formed or holds a control character,
 * every forbidden key and every nesting beyond `MAX_JSON_DEPTH`. Line breaks are not judged here:
 * which fields may hold several lines is the caller's knowledge.
 */
export function findTextProblems(value: unknown, path = '', depth = 0, problems: TextProblem[] = []): TextProblem[] {
  if (problems.length >= 20) return problems;
  if (typeof value === 'string') {
    const rule = brokenTextRule(value, true);
    if (rule) problems.push({ field: path, rule });
  } else if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    if (depth >= MAX_JSON_DEPTH) {
      problems.push({ field: path, rule: 'maxDepth' });
      return problems;
    }
    if (Array.isArray(value)) value.forEach((item, index) => findTextProblems(item, join(path, index), depth + 1, problems));
    else {
      for (const key of Object.keys(value)) {
        const field = join(path, key);
        if (FORBIDDEN_KEYS.has(key)) problems.push({ field, rule: 'forbiddenKey' });
        else if (brokenTextRule(key, false)) problems.push({ field: path || '(key)', rule: brokenTextRule(key, false)! });
        else findTextProblems((value as Record<string, unknown>)[key], field, depth + 1, problems);
      }
    }
  }
  return problems;
}

/** JSON-like objects (parsed bodies, query objects with a null prototype), not class instances. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` with every string in the composed form (NFC), so Vietnamese typed on any keyboard compares equal. */
export function normaliseText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => normaliseText(item)) as T;
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = normaliseText((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * `value` with every control character and lone surrogate replaced by U+FFFD: the last line of
 * defence before text that came from outside (a page an evidence check read, an old workflow's
 * state) is written to the database.
 */
export function scrubText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATES, '\uFFFD').replace(CONTROLS, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubText(item)) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrubText(key), scrubText(item)])) as T;
  }
  return value;
}
