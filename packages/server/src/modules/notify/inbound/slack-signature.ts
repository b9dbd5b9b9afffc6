/**
 * Slack request signing (v0): X-Slack-Signature is "v0=" + hex(HMAC-SHA256(
 * signing secret, "v0:" + X-Slack-Request-Timestamp + ":" + raw body)).
 * Requests older than five minutes are refused so a captured one cannot be
 * replayed; "now" is the injected clock's.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../../../lib/ids.js';

export const SLACK_MAX_AGE_SECONDS = 5 * 60;

export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export type SlackCheck = { ok: true } | { ok: false; reason: string };

export function checkSlackSignature(
  signingSecret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string,
  now: Date,
): SlackCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp)
    return { ok: false, reason: 'X-Slack-Signature and X-Slack-Request-Timestamp are required' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Slack-Request-Timestamp is not a Unix time' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SLACK_MAX_AGE_SECONDS) {
    return { ok: false, reason: 'the request is more than five minutes old' };
  }
  if (!safeEqual(slackSignature(signingSecret, timestamp, rawBody), signature))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
