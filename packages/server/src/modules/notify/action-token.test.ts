import { describe, expect, it } from 'vitest';
import { signActionToken, verifyActionToken, type ActionClaims } from './action-token.js';

const KEY = 'action-key';
const NOW = new Date('2026-01-05T09:00:00Z');
const claims: ActionClaims = {
  notificationId: '01900000-0000-7000-8000-00000000000a',
  incidentId: '01900000-0000-7000-8000-00000000000b',
  userId: '01900000-0000-7000-8000-00000000000c',
  action: 'acknowledge',
  expiresAt: new Date('2026-01-06T09:00:00Z'),
};

describe('action tokens', () => {
  const token = signActionToken(KEY, claims);

  it('round-trip their claims while valid', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{72}\.[A-Za-z0-9_-]{22}$/);
    expect(token.length).toBeLessThanOrEqual(100); // one URL path segment Fastify accepts
    expect(verifyActionToken(KEY, token, NOW)).toEqual({ ok: true, claims });
    const resolve = signActionToken(KEY, { ...claims, action: 'resolve' });
    expect(verifyActionToken(KEY, resolve, NOW)).toMatchObject({ ok: true, claims: { action: 'resolve' } });
  });

  const [body, signature] = token.split('.') as [string, string];
  const bytes = Buffer.from(body, 'base64url');
  bytes[40] = bytes[40]! ^ 1; // another user id
  const forged = bytes.toString('base64url');
  it.each([
    ['another key', 'other-key', token, 'bad_signature'],
    ['a changed payload', KEY, `${forged}.${signature}`, 'bad_signature'],
    ['a truncated signature', KEY, `${body}.${signature.slice(0, 20)}`, 'malformed'],
    ['garbage', KEY, 'not-a-token', 'malformed'],
    ['an empty string', KEY, '', 'malformed'],
  ])('refuse %s', (_name, key, candidate, reason) => {
    expect(verifyActionToken(key, candidate, NOW)).toMatchObject({ ok: false, reason });
  });

  it('expire at their expiry instant', () => {
    expect(verifyActionToken(KEY, token, new Date('2026-01-06T08:59:59Z')).ok).toBe(true);
    expect(verifyActionToken(KEY, token, new Date('2026-01-06T09:00:00Z'))).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });
});
