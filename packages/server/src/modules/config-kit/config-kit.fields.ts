/**
 * Building blocks for config document schemas and their errors. A config file
 * is written by hand, so every message names where in the file it is
 * (`teams[1].members[0].email`) and what would be accepted.
 */
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';

/** A strict object whose unknown-key error lists the keys it accepts. */
export function configObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed})`
        : undefined,
  });
}

export interface DocumentIssue {
  path: string;
  message: string;
}

/** `['teams', 1, 'members', 0, 'email']` → `teams[1].members[0].email`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || 'document';
}

/** The one error a config document fails with, listing what is wrong and where. */
export function invalidDocument(issues: DocumentIssue[]): AppError {
  const shown = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
  return new AppError('validation_failed', `The config document is invalid: ${shown.join('; ')}${more}`, {
    details: { issues },
  });
}

export function issuesOf(error: z.ZodError): DocumentIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message,
  }));
}

/** Issues for items of a list that share an identifying value, for a superRefine. */
export function duplicateIssues<T>(
  items: T[],
  identify: (item: T) => { field: string; value: string },
): Array<{ path: PropertyKey[]; message: string }> {
  const seen = new Map<string, number>();
  const issues: Array<{ path: PropertyKey[]; message: string }> = [];
  items.forEach((item, index) => {
    const { field, value } = identify(item);
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else issues.push({ path: [index, field], message: `"${value}" is listed twice (also at [${first}])` });
  });
  return issues;
}

/** Sorts by a text key, by code point, so the order is the same on every machine. */
export const byText =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
