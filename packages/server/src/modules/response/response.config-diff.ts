/**
 * What the response kinds of config as code (response.config.ts) share: the
 * fields a file item changes, how a plan's line says so, and a removal with
 * prune that becomes a warning while something still needs the thing.
 */
import { sameJson, type PlanEnv, type PlannedChange } from '../config-kit/index.js';

/** The fields of `desired` that are given and differ from `current`. */
export function changedFields<T extends object>(current: T, desired: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(desired).filter(
      ([key, value]) => value !== undefined && !sameJson(value, (current as Record<string, unknown>)[key]),
    ),
  ) as Partial<T>;
}

const shown = (value: unknown): string =>
  value === null ? 'none' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value);

/** `name "Major" → "Serious", description changed` for the plan's line. */
export function describeChanges<T extends object>(current: T, changed: Partial<T>): string {
  return Object.entries(changed)
    .map(([key, value]) =>
      key === 'description'
        ? 'description changed'
        : `${key} ${shown((current as Record<string, unknown>)[key])} → ${shown(value)}`,
    )
    .join(', ');
}

/** A removal with prune, or a warning instead when something still needs it (`keep` says what). */
export function removal(
  env: PlanEnv,
  what: { kind: string; label: string; key: string; keep: string | undefined },
  run: PlannedChange['run'],
): PlannedChange[] {
  if (what.keep) {
    env.warn(`${what.label} is not in the file but ${what.keep}: not removed`);
    return [];
  }
  return [{ kind: what.kind, action: 'delete', key: what.key, line: `- ${what.label} (not in the file)`, run }];
}
