/** Keys derived from the base secret: one per purpose, a different one for another secret, remembered or not. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey } from './secret-key.js';

const hmac = (secret: string, purpose: string) =>
  createHmac('sha256', secret).update(`tocsin:${purpose}`).digest('hex');

describe('deriveKey', () => {
  it('gives each purpose its own key of the secret, the same every time, and other keys for another secret', () => {
    expect(deriveKey('s1', 'action-links')).toBe(hmac('s1', 'action-links'));
    expect(deriveKey('s1', 'action-links')).toBe(hmac('s1', 'action-links'));
    expect(deriveKey('s1', 'verification-codes')).toBe(hmac('s1', 'verification-codes'));
    expect(deriveKey('s2', 'action-links')).toBe(hmac('s2', 'action-links'));
    expect(deriveKey('s1', 'action-links')).toBe(hmac('s1', 'action-links'));
    for (let i = 0; i < 1_500; i++)
      expect(deriveKey('s1', `webhook:channel:${i}`)).toBe(hmac('s1', `webhook:channel:${i}`));
  });
});
