/**
 * The secret that signs action links, verification codes and webhook bodies.
 * From TOCSIN_SECRET_KEY when set; otherwise generated once and kept in the
 * settings table, so every node signs with the same key. Each use gets its
 * own key derived from it, so a leaked webhook key opens no action link.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { claimSetting, getSetting } from '../settings/index.js';

const SETTING_KEY = 'notify.secret_key';

export type KeyPurpose =
  'action-links' | 'verification-codes' | 'vapid-at-rest' | 'status-page-links' | `webhook:${string}`;

/** Keys derived lately, for the last secret asked about: every page signs its action links with one. */
let derived = { secret: '', keys: new Map<KeyPurpose, string>() };
const DERIVED_KEPT = 1_000;

/** A key for one purpose, derived from the base secret. */
export function deriveKey(secret: string, purpose: KeyPurpose): string {
  if (derived.secret !== secret || derived.keys.size >= DERIVED_KEPT) derived = { secret, keys: new Map() };
  let key = derived.keys.get(purpose);
  if (key === undefined) {
    key = createHmac('sha256', secret).update(`tocsin:${purpose}`).digest('hex');
    derived.keys.set(purpose, key);
  }
  return key;
}

export type SecretSource = () => Promise<string>;

/** Returns a function that yields the base secret, reading the database at most once. */
export function secretSource(db: Db, clock: Clock, configured: string | undefined): SecretSource {
  let cached: Promise<string> | undefined;
  return () => {
    if (configured) return Promise.resolve(configured);
    cached ??= (async () => {
      await claimSetting(db, clock, SETTING_KEY, randomBytes(32).toString('base64url'));
      const stored = await getSetting<string>(db, SETTING_KEY);
      if (!stored) throw new Error('The generated secret key could not be read back from the settings table');
      return stored;
    })();
    cached.catch(() => {
      cached = undefined; // try again next time rather than caching a failure
    });
    return cached;
  };
}
