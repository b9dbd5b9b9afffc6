/**
 * The ingest edge: what every delivery goes through, whatever its wire
 * format. Find the integration key (remembered until it changes, see
 * routing-cache.ts), check it is of the source's type, parse, apply the
 * key's rate limit, store with acceptEvents. The answer is an IngestOutcome; HTTP and SMTP turn it into
 * the vendor's reply. A delivery is only "accepted" once it is committed.
 */
import type { Db } from '../../db/client.js';
import type { IntegrationType } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { randomId } from '../../lib/ids.js';
import { acceptEvents, type InboundEvent } from '../alerts/index.js';
import type { RoutedKey } from './ingest.types.js';
import { recordHeartbeatPing } from './heartbeat.ping.js';
import type { IngestOutcome, IngestSource } from './ingest.types.js';
import { createRateLimiter } from './rate-limiter.js';
import { createRoutingCache, type KeyChanges } from './routing-cache.js';

export interface IngestEdgeOptions {
  db: Db;
  clock: Clock;
  /** Events per integration key per minute on this node (config.ingestRatePerMinute). */
  ratePerMinute: number;
  /** How long a found routing key is remembered at most; 0 turns the cache off. */
  routingCacheMs?: number;
  /** What this node hears of key changes (keyChangesOf); without it, a key is remembered for routingCacheMs whatever happens to it. */
  keyChanges?: KeyChanges;
}

export type RouteResult =
  | { kind: 'routed'; routed: RoutedKey }
  | Extract<IngestOutcome, { kind: 'unknown_key' | 'wrong_type' | 'unavailable' }>;

export type PingOutcome =
  | { kind: 'pinged'; nextDueAt: Date }
  | { kind: 'not_set_up'; routingKey: string }
  | Exclude<IngestOutcome, { kind: 'accepted' | 'invalid' }>;

export interface IngestEdge {
  /** Finds the key for `routingKey` and checks it is a key of type `expected`. */
  route(routingKey: string, expected: IntegrationType): Promise<RouteResult>;
  /** Rate limit, then store; `accepted` only after the events are committed. */
  store(routingKey: string, routed: RoutedKey, events: InboundEvent[]): Promise<IngestOutcome>;
  /**
   * The whole path for an HTTP source. `bodyJson` is the JSON text `body`
   * was parsed from, if it was: an event whose raw payload is the whole body
   * stores that text.
   */
  receive(
    source: IngestSource,
    input: { routingKey?: string; body: unknown; bodyJson?: string },
  ): Promise<IngestOutcome>;
  /** A heartbeat ping. */
  ping(routingKey: string): Promise<PingOutcome>;
}

/** A fresh dedup key, like PagerDuty's: 32 hex characters. */
export const newDedupKey = (): string => randomId().replace(/-/g, '');

export function createIngestEdge(options: IngestEdgeOptions): IngestEdge {
  const { db, clock } = options;
  const routes = createRoutingCache({ db, clock, ttlMs: options.routingCacheMs, changes: options.keyChanges });
  const limiter = createRateLimiter({ ratePerMinute: options.ratePerMinute, clock });

  async function route(routingKey: string, expected: IntegrationType): Promise<RouteResult> {
    let routed: RoutedKey | undefined;
    try {
      routed = await routes.lookup(routingKey);
    } catch (error) {
      return { kind: 'unavailable', error };
    }
    if (!routed) return { kind: 'unknown_key', routingKey };
    if (routed.key.type !== expected) return { kind: 'wrong_type', routingKey, keyType: routed.key.type, expected };
    return { kind: 'routed', routed };
  }

  function failed(error: unknown, routingKey: string): IngestOutcome {
    const code = (error as { code?: unknown }).code;
    if (code === '23503') {
      // The key was deleted after we looked it up.
      routes.forget(routingKey);
      return { kind: 'unknown_key', routingKey };
    }
    if (typeof code === 'string' && code.startsWith('22')) {
      // The database's own text names columns and values: the caller gets a plain reason.
      return { kind: 'invalid', errors: ['The event holds a value out of range or in the wrong format for its field'] };
    }
    return { kind: 'unavailable', error };
  }

  async function store(routingKey: string, routed: RoutedKey, events: InboundEvent[]): Promise<IngestOutcome> {
    const decision = limiter.take(routed.key.id, events.length);
    if (!decision.ok) return { kind: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
    try {
      await acceptEvents(db, clock, routed.key.id, events);
    } catch (error) {
      return failed(error, routingKey);
    }
    return { kind: 'accepted', events };
  }

  return {
    route,
    store,
    async receive(source, input) {
      let routingKey = input.routingKey;
      if (routingKey === undefined) {
        const found = source.routingKeyOf?.(input.body) ?? { ok: false as const, errors: ['No routing key'] };
        if (!found.ok) return { kind: 'invalid', errors: found.errors };
        routingKey = found.routingKey;
      }
      const routed = await route(routingKey, source.keyType);
      if (routed.kind !== 'routed') return routed;
      const parsed = source.parse(input.body, { settings: routed.routed.key.settings, newDedupKey });
      if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
      const { bodyJson } = input;
      if (bodyJson !== undefined)
        for (const event of parsed.events) if (event.raw === input.body) event.rawJson = bodyJson;
      return store(routingKey, routed.routed, parsed.events);
    },
    async ping(routingKey) {
      const routed = await route(routingKey, 'heartbeat');
      if (routed.kind !== 'routed') return routed;
      const decision = limiter.take(routed.routed.key.id);
      if (!decision.ok) return { kind: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
      try {
        const nextDueAt = await recordHeartbeatPing(db, clock, routed.routed.key);
        return nextDueAt ? { kind: 'pinged', nextDueAt } : { kind: 'not_set_up', routingKey };
      } catch (error) {
        const outcome = failed(error, routingKey);
        return outcome.kind === 'invalid' || outcome.kind === 'accepted' ? { kind: 'unavailable', error } : outcome;
      }
    },
  };
}
