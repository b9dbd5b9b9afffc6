import { describe, expect, it } from 'vitest';
import { hashVerificationCode, isVerificationCode, verificationCode, verificationExpiry } from './verification-code.js';

const KEY = 'k'.repeat(64);
const METHOD = '01900000-0000-7000-8000-000000000001';
const AT = new Date('2026-01-05T09:00:00Z');

describe('verification codes', () => {
  it('are six digits, stable for the same method and instant, different otherwise', () => {
    const code = verificationCode(KEY, METHOD, AT);
    expect(code).toMatch(/^\d{6}$/);
    expect(verificationCode(KEY, METHOD, AT)).toBe(code);
    const others = new Set([
      verificationCode(KEY, METHOD, new Date(AT.getTime() + 1000)),
      verificationCode(KEY, '01900000-0000-7000-8000-000000000002', AT),
      verificationCode('other-key', METHOD, AT),
    ]);
    expect(others.has(code)).toBe(false);
  });

  it('match only their own keyed hash, ignoring spaces people type', () => {
    const code = verificationCode(KEY, METHOD, AT);
    const stored = hashVerificationCode(KEY, METHOD, code);
    expect(stored).not.toContain(code);
    expect(isVerificationCode(KEY, METHOD, code, stored)).toBe(true);
    expect(isVerificationCode(KEY, METHOD, `${code.slice(0, 3)} ${code.slice(3)}`, stored)).toBe(true);
    expect(isVerificationCode(KEY, METHOD, code === '000000' ? '000001' : '000000', stored)).toBe(false);
    expect(isVerificationCode(KEY, '01900000-0000-7000-8000-000000000002', code, stored)).toBe(false);
  });

  it('expire ten minutes after they are issued', () => {
    expect(verificationExpiry(AT).toISOString()).toBe('2026-01-05T09:10:00.000Z');
  });
});
