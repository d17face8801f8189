import type { FormInstance } from 'antd';
import { ApiError } from './api-client';

/**
 * Puts the API's field errors next to the fields they name; returns the message to show above
 * the form when the error names no field of this form (or is not a field error at all).
 */
export function showApiErrors(form: FormInstance, error: unknown, fieldNames: readonly string[]): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const known = new Set(fieldNames);
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const problem of error.problem.errors ?? []) {
    const root = problem.field.split(/[.[]/)[0];
    const name = known.has(problem.field) ? problem.field : known.has(root) ? root : null;
    if (name) byField.set(name, [...(byField.get(name) ?? []), problem.message]);
    else other.push(problem.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  if (byField.size > 0 && other.length === 0) return null;
  return [error.problem.message, ...other].join(' ');
}
