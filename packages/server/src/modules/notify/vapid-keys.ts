/**
 * The VAPID key pair (RFC 8292) that identifies this Tocsin to push services:
 * generated once, kept in the settings table so every node signs with the
 * same key, its private half sealed at rest (AES-256-GCM under a key derived
 * from the base secret, ADR 22). The public half is what browsers subscribe
 * with. If the base secret changes the sealed key cannot be opened: a new
 * pair is made, and people turn push on again (their old subscriptions were
 * bound to the old public key).
 */
import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { claimSetting, getSetting, putSetting } from '../settings/index.js';
import { deriveKey, type SecretSource } from './secret-key.js';

const SETTING_KEY = 'notify.vapid_keys';

/** Both halves, base64url: the 65-byte uncompressed P-256 public key and the 32-byte private scalar. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** What the settings table holds: the public key in clear, the private key sealed. */
export interface StoredVapidKeys {
  publicKey: string;
  /** base64url of iv (12) | tag (16) | ciphertext. */
  sealedPrivateKey: string;
}

export function generateVapidKeys(): VapidKeys {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const raw = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  return { publicKey: raw.toString('base64url'), privateKey: jwk.d! };
}

const atRestKey = (secret: string): Buffer => Buffer.from(deriveKey(secret, 'vapid-at-rest'), 'hex');

export function sealVapidKeys(keys: VapidKeys, secret: string): StoredVapidKeys {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', atRestKey(secret), iv);
  // The public key is bound in as associated data: a swapped public half does not open.
  cipher.setAAD(Buffer.from(keys.publicKey));
  const data = Buffer.concat([cipher.update(keys.privateKey, 'utf8'), cipher.final()]);
  return {
    publicKey: keys.publicKey,
    sealedPrivateKey: Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url'),
  };
}

/** The keys, or undefined when they were sealed under another secret (or tampered with). */
export function openVapidKeys(stored: StoredVapidKeys, secret: string): VapidKeys | undefined {
  try {
    const sealed = Buffer.from(stored.sealedPrivateKey, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', atRestKey(secret), sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(stored.publicKey));
    decipher.setAuthTag(sealed.subarray(12, 28));
    const privateKey = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    return { publicKey: stored.publicKey, privateKey };
  } catch {
    return undefined;
  }
}

export type VapidSource = () => Promise<VapidKeys>;

/** Yields the deployment's VAPID keys, making and keeping them on first use; reads the database at most once. */
export function vapidSource(db: Db, clock: Clock, secret: SecretSource): VapidSource {
  let cached: Promise<VapidKeys> | undefined;
  return () => {
    cached ??= (async () => {
      const base = await secret();
      await claimSetting(db, clock, SETTING_KEY, sealVapidKeys(generateVapidKeys(), base));
      const stored = await getSetting<StoredVapidKeys>(db, SETTING_KEY);
      if (!stored) throw new Error('The VAPID keys could not be read back from the settings table');
      const opened = openVapidKeys(stored, base);
      if (opened) return opened;
      // Sealed under an earlier secret: a new pair (existing subscriptions were bound to the old one).
      const fresh = generateVapidKeys();
      await putSetting(db, clock, SETTING_KEY, sealVapidKeys(fresh, base));
      return fresh;
    })();
    cached.catch(() => {
      cached = undefined;
    });
    return cached;
  };
}
