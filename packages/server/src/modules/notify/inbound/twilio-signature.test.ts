import { describe, expect, it } from 'vitest';
import { isValidTwilioSignature, twilioSignature } from './twilio-signature.js';

// The example from Twilio's "Webhooks security" documentation.
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};

describe('Twilio signatures', () => {
  it('match the documented example', () => {
    expect(twilioSignature('12345', URL, PARAMS)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('do not depend on the order parameters arrive in', () => {
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(isValidTwilioSignature('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL, reversed)).toBe(true);
  });

  it.each([
    ['a missing header', undefined, URL, PARAMS, '12345'],
    ['another token', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL, PARAMS, 'other'],
    ['another URL', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', 'https://mycompany.com/myapp.php', PARAMS, '12345'],
    ['a changed parameter', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL, { ...PARAMS, Digits: '4' }, '12345'],
    ['an added parameter', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', URL, { ...PARAMS, Extra: 'x' }, '12345'],
  ])('refuse %s', (_name, signature, url, params, token) => {
    expect(isValidTwilioSignature(token, signature, url, params)).toBe(false);
  });
});
