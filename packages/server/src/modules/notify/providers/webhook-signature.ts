/**
 * Tocsin's webhook signature: X-Tocsin-Signature is "t=<unix seconds>,v1=<hex
 * HMAC-SHA256(key, t + "." + raw body)>". Receivers recompute it with the key
 * shown on the contact method (or channel) and refuse stale timestamps.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../../../lib/ids.js';

export function webhookSignature(key: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', key).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** What a receiver does; exported for tests and documentation. */
export function isValidWebhookSignature(
  key: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  return safeEqual(webhookSignature(key, t, body), header!);
}
