import type { FormInstance } from 'antd';
import { ApiError } from './api-client';

/** `realUsers.periodTo` → ['realUsers', 'periodTo']; `supportingDocuments[0].url` → ['supportingDocuments', 0, 'url']. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/\.|(?=\[)/)
    .filter((part) => part !== '')
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** `['a', 0, 'b']` → `a[0].b`, the API's way of naming a field. */
function fieldName(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/**
 * Puts the API's field errors next to the fields they name; returns the message to show above
 * the form when the error names no field of this form (or is not a field error at all).
 * `fieldNames` are the form's fields as the API names them: `email`, `operatingProduct.url`,
 * `supportingDocuments[0].title`. An error on a field the form lacks goes to the closest field
 * that contains it (`operatingProduct.url.host` → `operatingProduct.url`).
 */
export function showApiErrors(form: FormInstance, error: unknown, fieldNames: readonly string[]): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const known = new Set(fieldNames.map((name) => fieldName(fieldPath(name))));
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const problem of error.problem.errors ?? []) {
    const path = fieldPath(problem.field);
    let name: string | null = null;
    for (let length = path.length; length > 0 && name === null; length--) {
      const candidate = fieldName(path.slice(0, length));
      if (known.has(candidate)) name = candidate;
    }
    if (name) byField.set(name, [...(byField.get(name) ?? []), problem.message]);
    else other.push(problem.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: fieldPath(name), errors })));
  if (byField.size > 0 && other.length === 0) return null;
  return [error.problem.message, ...other].join(' ');
}
