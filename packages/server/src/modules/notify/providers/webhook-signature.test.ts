import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidWebhookSignature, webhookSignature } from './webhook-signature.js';

const KEY = 'webhook-key';
const BODY = '{"type":"incident.page"}';
const NOW = new Date('2026-01-05T09:00:00Z');
const T = NOW.getTime() / 1000;

describe('webhook signatures', () => {
  it('are HMAC-SHA256 of "t.body" in hex, with the timestamp beside them', () => {
    const expected = createHmac('sha256', KEY).update(`${T}.${BODY}`).digest('hex');
    expect(webhookSignature(KEY, T, BODY)).toBe(`t=${T},v1=${expected}`);
    expect(isValidWebhookSignature(KEY, webhookSignature(KEY, T, BODY), BODY, NOW)).toBe(true);
  });

  it.each([
    ['another key', webhookSignature('other', T, BODY), BODY, NOW],
    ['a changed body', webhookSignature(KEY, T, BODY), `${BODY} `, NOW],
    ['a stale timestamp', webhookSignature(KEY, T, BODY), BODY, new Date(NOW.getTime() + 301_000)],
    ['a missing header', undefined, BODY, NOW],
    ['a malformed header', 'v1=abc', BODY, NOW],
  ])('refuse %s', (_name, header, body, now) => {
    expect(isValidWebhookSignature(KEY, header, body, now)).toBe(false);
  });
});
