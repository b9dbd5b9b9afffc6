/**
 * findRoutedKey with a short memory: the routing key of every event
 * would otherwise cost a query. Only found keys are remembered, for a few
 * seconds, so a new key works at once and a deleted or rotated one stops
 * within `ttlMs` (an event for a key deleted meanwhile fails its insert and
 * the key is forgotten). Concurrent misses for one key share one query.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { findRoutedKey } from './integration-keys.repo.js';
import type { RoutedKey } from './ingest.types.js';

export interface RoutingCache {
  lookup(routingKey: string): Promise<RoutedKey | undefined>;
  forget(routingKey: string): void;
}

export function createRoutingCache(options: { db: Db; clock: Clock; ttlMs?: number; maxKeys?: number }): RoutingCache {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const entries = new Map<string, { value: Promise<RoutedKey | undefined>; expiresMs: number }>();

  return {
    lookup(routingKey) {
      const nowMs = options.clock.now().getTime();
      const hit = entries.get(routingKey);
      if (hit && hit.expiresMs > nowMs) return hit.value;
      if (ttlMs <= 0) return findRoutedKey(options.db, routingKey);
      if (entries.size >= maxKeys) entries.delete(entries.keys().next().value!);
      const value = findRoutedKey(options.db, routingKey);
      entries.set(routingKey, { value, expiresMs: nowMs + ttlMs });
      value.then(
        (found) => {
          if (!found && entries.get(routingKey)?.value === value) entries.delete(routingKey);
        },
        () => {
          if (entries.get(routingKey)?.value === value) entries.delete(routingKey);
        },
      );
      return value;
    },
    forget(routingKey) {
      entries.delete(routingKey);
    },
  };
}
