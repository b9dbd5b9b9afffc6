/**
 * Identifiers and secrets. Ids are UUIDv7-like (time-ordered, so indexes stay
 * compact); secrets are random and only ever stored as hashes.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * A time-ordered UUID (version 7 layout, RFC 9562) from the given instant:
 * 48 bits of milliseconds, the version, then 74 random bits taken from a
 * random (version 4) UUID, whose variant bits are already the ones v7 wants.
 * randomUUID draws from a cache of random bytes: cheaper than randomBytes(16)
 * per id on the paging path (ADR 34).
 */
export function newId(now: Date = new Date()): string {
  const time = now.getTime().toString(16).padStart(12, '0');
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

export const randomId = (): string => randomUUID();

/** A url-safe random secret with a readable prefix, e.g. `tcs_...`. */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** SHA-256 for high-entropy secrets (tokens, session ids); passwords use argon2. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_RE.test(value);
