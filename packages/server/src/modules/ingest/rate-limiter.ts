/**
 * A token bucket per routing key, on this node: each key may send
 * `ratePerMinute` events per minute, in bursts of up to a minute's worth.
 * A batch larger than what is left is let through when the bucket is full
 * and paid back from later refills, so one big Alertmanager group is never
 * refused forever. Time comes from the injected clock.
 */
import type { Clock } from '../../lib/clock.js';

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string, cost?: number): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export function createRateLimiter(options: { ratePerMinute: number; clock: Clock; maxKeys?: number }): RateLimiter {
  const capacity = Math.max(1, options.ratePerMinute);
  const perMs = capacity / 60_000;
  const maxKeys = options.maxKeys ?? 50_000;
  const buckets = new Map<string, Bucket>();

  return {
    take(key, cost = 1) {
      const nowMs = options.clock.now().getTime();
      let bucket = buckets.get(key);
      if (!bucket) {
        // Forget the longest-idle key rather than grow without bound.
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: capacity, updatedMs: nowMs };
      } else {
        buckets.delete(key); // re-inserted below: Map order is least recently used first
        bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, nowMs - bucket.updatedMs) * perMs);
        bucket.updatedMs = nowMs;
      }
      buckets.set(key, bucket);
      const needed = Math.min(cost, capacity);
      if (bucket.tokens + 1e-9 < needed) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / perMs / 1000)) };
      }
      bucket.tokens -= cost;
      return { ok: true };
    },
  };
}
