/**
 * findRoutedKey with a memory: the routing key of every event would
 * otherwise cost a query. Only found keys are remembered, so a new key works
 * at once. A change to any integration key (rotated, deleted, new settings,
 * its service deleted) makes every node forget every key it remembers as
 * soon as it hears of it: a trigger NOTIFYs (migration 0026) and each node
 * LISTENs (listenForKeyChanges). While a node is not sure to have heard
 * every change (starting, its connection lost, or its listening connection
 * not confirmed to answer within HEARD_WITHIN_MS: db/listen.ts checks it)
 * it remembers nothing and looks every key up; so a change reaches every
 * node within HEARD_WITHIN_MS even if a connection dies without a word, and
 * a key that does not change is remembered for KEY_MEMORY_MS (ADR 37).
 * Concurrent misses for one key share one query (ADR 31), and so do
 * concurrent misses for different keys: while LOOKUPS_IN_FLIGHT queries are
 * out, the keys asked for meanwhile wait and go together in the next (ADR
 * 35): in a storm from many services, one query for dozens of keys instead
 * of one each.
 */
import type pg from 'pg';
import type { Db } from '../../db/client.js';
import { handleValue } from '../../db/context.js';
import { ChangeFeed, listenForChanges } from '../../db/listen.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { findRoutedKeys, KEY_CHANGES_CHANNEL } from './integration-keys.repo.js';
import type { RoutedKey } from './ingest.types.js';

/** What a node has heard of changes to integration keys (db/listen.ts's ChangeFeed). */
export interface KeyChanges {
  readonly version: number | undefined;
}

/** How long a key that does not change is remembered, at most. */
export const KEY_MEMORY_MS = 10 * 60_000;

/** This node's ear for key changes: one per database handle, shared by every ingest edge on it (HTTP, SMTP). */
export const keyChangesOf = (db: Db): KeyChanges => feedOf(db);

const feedOf = (db: Db): ChangeFeed => handleValue(db, 'ingest.key-changes', () => new ChangeFeed());

/**
 * A change this node made itself: forgotten here at once, without waiting
 * to hear the NOTIFY (which follows, and tells the other nodes).
 */
export function keysChangedHere(db: Db): void {
  feedOf(db).changed();
}

/**
 * LISTENs for key changes on the pool's listening connection (while the node runs:
 * without it, keyChangesOf never hears and nothing is remembered); returns
 * how to stop.
 */
export function listenForKeyChanges(deps: { db: Db; pool: pg.Pool; logger: Logger }): () => Promise<void> {
  const feed = feedOf(deps.db);
  return listenForChanges(
    deps.pool,
    KEY_CHANGES_CHANNEL,
    () => [feed],
    () => feed.changed(),
    deps.logger.child({ component: 'ingest' }),
  );
}

export interface RoutingCache {
  lookup(routingKey: string): Promise<RoutedKey | undefined>;
  forget(routingKey: string): void;
}

/** Lookups of keys out at once per cache; keys missed meanwhile wait for the next, together. */
export const LOOKUPS_IN_FLIGHT = 2;
/** Keys in one lookup at most; the rest wait for the next. */
const KEYS_PER_LOOKUP = 500;

interface Asking {
  resolve(found: RoutedKey | undefined): void;
  reject(error: unknown): void;
}

/** findRoutedKeys for one key at a time, grouping the keys asked for while earlier lookups are out. */
function groupedLookup(db: Db): (routingKey: string) => Promise<RoutedKey | undefined> {
  const waiting = new Map<string, Asking[]>();
  let inFlight = 0;
  const start = (): void => {
    if (inFlight >= LOOKUPS_IN_FLIGHT || waiting.size === 0) return;
    const taken = new Map<string, Asking[]>();
    for (const [key, askers] of waiting) {
      if (taken.size >= KEYS_PER_LOOKUP) break;
      taken.set(key, askers);
      waiting.delete(key);
    }
    inFlight++;
    findRoutedKeys(db, [...taken.keys()])
      .then(
        (found) => taken.forEach((askers, key) => askers.forEach((a) => a.resolve(found.get(key)))),
        (error: unknown) => taken.forEach((askers) => askers.forEach((a) => a.reject(error))),
      )
      .finally(() => {
        inFlight--;
        start();
      });
  };
  return (routingKey) =>
    new Promise((resolve, reject) => {
      const askers = waiting.get(routingKey);
      if (askers) askers.push({ resolve, reject });
      else waiting.set(routingKey, [{ resolve, reject }]);
      start();
    });
}

/** No change is ever heard: keys are remembered for `ttlMs`, 5 s unless said (tests, and one-off tools). */
const DEAF: KeyChanges = { version: 0 };
const DEAF_MEMORY_MS = 5_000;

export function createRoutingCache(options: {
  db: Db;
  clock: Clock;
  ttlMs?: number;
  maxKeys?: number;
  changes?: KeyChanges;
}): RoutingCache {
  const changes = options.changes ?? DEAF;
  const ttlMs = options.ttlMs ?? (changes === DEAF ? DEAF_MEMORY_MS : KEY_MEMORY_MS);
  const maxKeys = options.maxKeys ?? 10_000;
  const entries = new Map<string, { value: Promise<RoutedKey | undefined>; expiresMs: number; version: number }>();
  const find = groupedLookup(options.db);

  return {
    lookup(routingKey) {
      const version = changes.version;
      if (version === undefined || ttlMs <= 0) return find(routingKey);
      const nowMs = options.clock.now().getTime();
      const hit = entries.get(routingKey);
      if (hit && hit.version === version && hit.expiresMs > nowMs) return hit.value;
      if (!hit && entries.size >= maxKeys) entries.delete(entries.keys().next().value!);
      const value = find(routingKey);
      entries.set(routingKey, { value, expiresMs: nowMs + ttlMs, version });
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
