/**
 * Verification codes: six digits, derived from the secret key, the contact
 * method and the instant the code was issued, so the queued message can be
 * rendered without the code ever being stored in plain text. Only a keyed
 * hash is kept on the contact method (a plain hash of six digits would be
 * reversed in a millisecond).
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../../lib/ids.js';

export const VERIFICATION_TTL_MINUTES = 10;
export const VERIFICATION_MAX_ATTEMPTS = 5;
/** A new code may be requested this often per method. */
export const VERIFICATION_RESEND_SECONDS = 60;

export function verificationCode(key: string, contactMethodId: string, issuedAt: Date): string {
  const digest = createHmac('sha256', key).update(`code:${contactMethodId}:${issuedAt.toISOString()}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function hashVerificationCode(key: string, contactMethodId: string, code: string): string {
  return createHmac('sha256', key).update(`hash:${contactMethodId}:${code}`).digest('hex');
}

export function isVerificationCode(key: string, contactMethodId: string, code: string, storedHash: string): boolean {
  const normalised = code.replace(/\s+/g, '');
  return safeEqual(hashVerificationCode(key, contactMethodId, normalised), storedHash);
}

/** When a code issued at `issuedAt` stops working. */
export const verificationExpiry = (issuedAt: Date): Date =>
  new Date(issuedAt.getTime() + VERIFICATION_TTL_MINUTES * 60_000);
