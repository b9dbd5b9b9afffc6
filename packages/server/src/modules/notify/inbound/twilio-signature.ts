/**
 * Twilio request validation: X-Twilio-Signature is base64(HMAC-SHA1(auth
 * token, full URL + each POST parameter name and value, sorted by name)).
 * Tocsin rebuilds the URL from its public URL, the address Twilio was given.
 */
import { createHmac } from 'node:crypto';
import { safeEqual } from '../../../lib/ids.js';

export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  const pairs = Object.entries(params)
    .flatMap(([name, value]) =>
      Array.isArray(value) ? value.map((v) => [name, v] as const) : [[name, value] as const],
    )
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + pairs.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string | string[]>,
): boolean {
  if (!signature) return false;
  return safeEqual(twilioSignature(authToken, url, params), signature);
}
