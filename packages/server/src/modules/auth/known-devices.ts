/**
 * Known devices: a browser that signed in to an account carries a signed
 * mark for that account (a cookie the HTTP layer keeps), so a later sign-in
 * from it is told apart from a stranger's. It lets the owner in while a
 * stranger's guesses hold the account back (login-guard.ts). The mark names
 * no account: it is an HMAC of the email and the time it was issued, with a
 * key generated once and kept in the settings table (shared by every node).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { claimSetting, getSetting } from '../settings/index.js';

/** How long a browser stays known after its last sign-in. */
export const KNOWN_DEVICE_TTL_MS = 90 * 24 * 60 * 60 * 1000;
/** Accounts one browser is remembered for (people with a second account, shared machines). */
const MARKS_PER_BROWSER = 5;
const SETTING_KEY = 'auth.known_device_key';

export interface KnownDevices {
  /** The mark's id when `cookie` holds a valid, unexpired mark for `email`; else undefined. */
  recognise(email: string, cookie: string | undefined): Promise<string | undefined>;
  /** The cookie value after a sign-in to `email`: a fresh mark for it first, then the others still valid. */
  remember(email: string, cookie: string | undefined): Promise<string>;
}

export function knownDevices(db: Db, clock: Clock): KnownDevices {
  let key: Promise<string> | undefined;
  const keyOf = (): Promise<string> => {
    key ??= (async () => {
      await claimSetting(db, clock, SETTING_KEY, randomBytes(32).toString('base64url'));
      const stored = await getSetting<string>(db, SETTING_KEY);
      if (!stored) throw new Error('The known-device key could not be read back from the settings table');
      return stored;
    })();
    key.catch(() => {
      key = undefined; // try again next time rather than keep a failure
    });
    return key;
  };
  const mac = (secret: string, email: string, issuedAt: number) =>
    createHmac('sha256', secret).update(`known-device:${email.toLowerCase()}:${issuedAt}`).digest('base64url');
  const marksOf = (cookie: string | undefined) =>
    (cookie ?? '')
      .split('~')
      .slice(0, MARKS_PER_BROWSER)
      .map((mark) => /^(\d{1,15})\.([\w-]{43})$/.exec(mark))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ issuedAt: Number(m[1]), mac: m[2]!, text: m[0] }))
      .filter((m) => clock.now().getTime() - m.issuedAt < KNOWN_DEVICE_TTL_MS);
  const matches = (expected: string, actual: string) => timingSafeEqual(Buffer.from(expected), Buffer.from(actual));

  return {
    async recognise(email, cookie) {
      const marks = marksOf(cookie);
      if (marks.length === 0) return undefined;
      const secret = await keyOf();
      return marks.find((m) => matches(mac(secret, email, m.issuedAt), m.mac))?.mac;
    },
    async remember(email, cookie) {
      const secret = await keyOf();
      const issuedAt = clock.now().getTime();
      const others = marksOf(cookie).filter((m) => !matches(mac(secret, email, m.issuedAt), m.mac));
      return [`${issuedAt}.${mac(secret, email, issuedAt)}`, ...others.map((m) => m.text)]
        .slice(0, MARKS_PER_BROWSER)
        .join('~');
    },
  };
}
