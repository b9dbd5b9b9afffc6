/**
 * Helpers the resource handlers share: comparing JSON-like settings without
 * regard to key order, and knowing which things of a kind exist once a plan
 * is applied (what the file lists, plus what exists and is not pruned).
 */
import type { ConfigResource, PlanEnv } from './config-kit.types.js';

/** JSON with object keys sorted and undefined values dropped, so equal settings compare equal. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, inner]) => inner !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, inner]) => [k, sort(inner)]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value) ?? null);
}

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * The keys (slugs, lowercased names) of a kind that exist after the apply:
 * when the file lists the kind, its items, plus the existing ones unless
 * prune removes them; when it leaves the kind out, what exists now.
 */
export function keysAfterApply<Item>(
  env: PlanEnv,
  resource: ConfigResource<Item, unknown>,
  existing: Iterable<string>,
  keyOf: (item: Item) => string,
): Set<string> {
  const desired = env.desired(resource);
  if (!desired) return new Set(existing);
  const keys = new Set(desired.map(keyOf));
  if (!env.prune) for (const key of existing) keys.add(key);
  return keys;
}

export const nameKey = (name: string): string => name.trim().toLowerCase();
