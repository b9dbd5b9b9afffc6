/**
 * Validation issues as the sentences vendors' error lists carry:
 * "'payload.severity' must be one of: critical, error, warning, info".
 */
import type { z } from 'zod';
import { readPath } from './normalize.js';

type Issue = z.core.$ZodIssue;

function describe(issue: Issue, body: unknown): string {
  const path = issue.path.map(String).join('.');
  const where = path ? `'${path}'` : 'The event';
  switch (issue.code) {
    case 'invalid_type': {
      const present = path === '' ? body !== undefined : readPath(body, path) !== undefined;
      if (!present) return `${where} is missing`;
      return `${where} must be ${issue.expected === 'array' ? 'an array' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    }
    case 'too_big':
      return `${where} is too long (at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'})`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? `${where} is blank` : `${where} is too short`;
    case 'invalid_value':
      return `${where} must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** Parses with `schema`; on failure returns one sentence per problem (at most 20). */
export function check<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: string[] } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.slice(0, 20).map((issue) => describe(issue, body)) };
}
