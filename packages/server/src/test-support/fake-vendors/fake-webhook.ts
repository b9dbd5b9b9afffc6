/**
 * A webhook receiver for tests: records every POST, checks Tocsin's
 * X-Tocsin-Signature ("t=<unix>,v1=<hex HMAC-SHA256(key, t.body)>") with the
 * key it is given, and honours Idempotency-Key: a repeat of a key already
 * delivered is acknowledged but not recorded again. Also serves as a Teams
 * incoming webhook (same shape: JSON in, 2xx out).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type FakeRequest, type FakeResponse } from './http-server.js';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: Record<string, unknown>;
  idempotencyKey: string | undefined;
  /** Whether X-Tocsin-Signature verified with the receiver's key. */
  signatureValid: boolean;
}

export function verifyTocsinSignature(key: string, header: string | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', key).update(`${match[1]}.${body}`).digest();
  const given = Buffer.from(match[2]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startFakeWebhook(options: { key?: (path: string) => string | undefined } = {}) {
  const received: ReceivedWebhook[] = [];
  const seenKeys = new Set<string>();
  const failures: Array<{ status: number; body: string }> = [];
  let hangs = 0;
  let duplicates = 0;

  const handle = (req: FakeRequest): FakeResponse | 'hang' => {
    if (hangs > 0) {
      hangs--;
      return 'hang';
    }
    const failure = failures.shift();
    if (failure) return { status: failure.status, body: failure.body };
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    if (idempotencyKey && seenKeys.has(idempotencyKey)) {
      duplicates++;
      return { status: 200, body: 'duplicate' };
    }
    if (idempotencyKey) seenKeys.add(idempotencyKey);
    const key = options.key?.(req.path);
    received.push({
      path: req.path,
      headers: req.headers,
      body: req.body,
      json: JSON.parse(req.body || '{}') as Record<string, unknown>,
      idempotencyKey,
      signatureValid:
        key !== undefined &&
        verifyTocsinSignature(key, req.headers['x-tocsin-signature'] as string | undefined, req.body),
    });
    return { status: 202, body: '' };
  };

  const server = await startFakeServer(handle);
  return {
    url: server.url,
    received,
    duplicates: () => duplicates,
    failNext(times: number, status = 500, body = 'receiver is down') {
      for (let i = 0; i < times; i++) failures.push({ status, body });
    },
    hangNext(times = 1) {
      hangs += times;
    },
    close: () => server.close(),
  };
}

export type FakeWebhook = Awaited<ReturnType<typeof startFakeWebhook>>;
