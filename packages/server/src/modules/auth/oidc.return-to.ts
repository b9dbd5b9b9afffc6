/**
 * Where to send a person after single sign-on. Only same-site relative paths
 * are honoured, so the login link cannot be turned into an open redirect.
 */
import { DEFAULT_RETURN_TO } from './oidc.types.js';

const MAX_RETURN_TO_LENGTH = 2000;
const PROBE_ORIGIN = 'http://tocsin.invalid';

/** `value` when it is a safe relative path such as `/app/incidents/42`, else `/app`. */
export function sanitizeReturnTo(value: string | undefined | null): string {
  if (!value || value.length > MAX_RETURN_TO_LENGTH) return DEFAULT_RETURN_TO;
  if (!value.startsWith('/') || value.startsWith('//')) return DEFAULT_RETURN_TO;
  // Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.com" and
  // "/\t/evil.com" would become protocol-relative "//evil.com".
  if (/[\\\u0000-\u001f\u007f\s]/.test(value)) return DEFAULT_RETURN_TO;
  try {
    if (new URL(value, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return DEFAULT_RETURN_TO;
  } catch {
    return DEFAULT_RETURN_TO;
  }
  return value;
}
