/**
 * Text that no field may hold: the NUL character (PostgreSQL cannot store it
 * in text or jsonb and fails the whole statement) and lone UTF-16 surrogates
 * (not Unicode at all; they would be stored silently changed). The server
 * refuses both at the edge, in every part of a request that becomes data
 * (path, query, headers, cookies, bodies at any depth), with a 400 that names
 * the field, so nothing downstream has to think about them.
 */
import { AppError } from '../lib/errors.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Deeper than any real payload; a body nested past this is refused rather than walked. */
const MAX_DEPTH = 64;

export interface BadText {
  /** Where the text is, e.g. `body.payload.summary` or `params.routingKey`. */
  path: string;
  message: string;
}

function problemIn(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it holds a lone surrogate such as \\ud800)';
  return undefined;
}

/** Bad text found: its message, and the steps to it from the value it was found in, innermost first. */
interface Found {
  steps: Array<string | number>;
  message: string;
}

/**
 * The first string (or object key) in `value` that no field may hold, if any.
 * Every request's body, query and headers are walked: the path is only
 * spelled out for the field found, not built for every field on the way.
 */
export function findBadText(value: unknown, path: string): BadText | undefined {
  const found = badTextIn(value, 0);
  if (!found) return undefined;
  const steps = found.steps.reverse().map(String);
  return { path: (path ? [path, ...steps] : steps).join('.'), message: found.message };
}

function badTextIn(value: unknown, depth: number): Found | undefined {
  if (typeof value === 'string') {
    const message = problemIn(value);
    return message ? { steps: [], message } : undefined;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (depth > MAX_DEPTH) return { steps: [], message: `is nested more than ${MAX_DEPTH} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badTextIn(value[i], depth + 1);
      if (found) {
        found.steps.push(i);
        return found;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const keyProblem = problemIn(key);
    // Name the key without the character that makes it unprintable.
    if (keyProblem) return { steps: [JSON.stringify(key).slice(1, -1)], message: `is a field name that ${keyProblem}` };
    const found = badTextIn((value as Record<string, unknown>)[key], depth + 1);
    if (found) {
      found.steps.push(key);
      return found;
    }
  }
  return undefined;
}

/** The error for bad text: the same shape and code as any other invalid field. */
export function badTextError(found: BadText): AppError {
  const issue = { path: found.path, message: found.message };
  return new AppError('validation_failed', `Invalid request: ${found.path}: ${found.message}`, {
    details: { issues: [issue] },
  });
}

/** Throws badTextError when `value` holds bad text. */
export function refuseBadText(value: unknown, path: string): void {
  const found = findBadText(value, path);
  if (found) throw badTextError(found);
}
