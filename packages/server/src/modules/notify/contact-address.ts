/**
 * What a valid address is for each contact method type, and how it is shown
 * masked on the timeline ("+44…1234"). Pure, so the rules are tested as a table.
 */
import type { ContactMethodType } from './notify.types.js';

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
/** Slack member ids: U… or W… (Enterprise Grid), upper-case letters and digits. */
const SLACK_USER = /^[UW][A-Z0-9]{6,20}$/;

export type AddressCheck = { ok: true; address: string } | { ok: false; message: string };

function checkWebhookUrl(raw: string): AddressCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'must be an absolute URL such as https://hooks.example.com/tocsin' };
  }
  if (url.username || url.password)
    return { ok: false, message: 'must not carry a user name or password: use the signature to authenticate Tocsin' };
  const isLoopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol === 'https:') return { ok: true, address: url.toString() };
  if (url.protocol === 'http:' && isLoopback) return { ok: true, address: url.toString() };
  return { ok: false, message: 'must use https:// (plain http:// is allowed only for 127.0.0.1 or localhost)' };
}

/** Normalises and checks an address for a contact method type. */
export function checkAddress(type: ContactMethodType, raw: string): AddressCheck {
  const value = raw.trim();
  switch (type) {
    case 'sms':
    case 'voice': {
      const compact = value.replace(/[\s().-]/g, '');
      return E164.test(compact)
        ? { ok: true, address: compact }
        : {
            ok: false,
            message: 'must be a phone number in E.164 form: + then country code and number, e.g. +447700900123',
          };
    }
    case 'email':
      return EMAIL.test(value) && value.length <= 320
        ? { ok: true, address: value.toLowerCase() }
        : { ok: false, message: 'must be an email address such as alice@example.com' };
    case 'slack':
      return SLACK_USER.test(value)
        ? { ok: true, address: value }
        : {
            ok: false,
            message: 'must be a Slack member ID such as U012AB3CD (in Slack: your profile → ⋮ → Copy member ID)',
          };
    case 'webhook':
      return value.length > 2000 ? { ok: false, message: 'must be at most 2000 characters' } : checkWebhookUrl(value);
    case 'push':
      // The push service's endpoint from the browser's subscription: an https URL (http only on loopback, for tests).
      return value.length > 2000 ? { ok: false, message: 'must be at most 2000 characters' } : checkWebhookUrl(value);
  }
}

/** How an address appears on the timeline and in lists others can read. */
export function maskAddress(type: ContactMethodType, address: string): string {
  switch (type) {
    case 'sms':
    case 'voice':
      return address.length > 7 ? `${address.slice(0, 3)}…${address.slice(-4)}` : address;
    case 'email': {
      const [local = '', domain = ''] = address.split('@');
      return `${local.slice(0, 1)}…@${domain}`;
    }
    case 'slack':
      return address;
    case 'webhook':
    case 'push': {
      try {
        return new URL(address).host;
      } catch {
        return type;
      }
    }
  }
}

export const TYPE_LABEL: Record<ContactMethodType, string> = {
  email: 'email',
  sms: 'SMS',
  voice: 'voice call',
  slack: 'Slack',
  webhook: 'webhook',
  push: 'push notification',
};
