import { describe, expect, it } from 'vitest';
import { checkAddress, maskAddress } from './contact-address.js';
import type { ContactMethodType } from './notify.types.js';

describe('checkAddress', () => {
  const cases: Array<[ContactMethodType, string, string | null]> = [
    ['sms', '+447700900123', '+447700900123'],
    ['sms', '+44 7700 900-123', '+447700900123'],
    ['voice', '+1 (415) 555-0100', '+14155550100'],
    ['sms', '07700900123', null],
    ['sms', '+0123456789', null],
    ['sms', '+12', null],
    ['email', 'Alice@Example.com', 'alice@example.com'],
    ['email', 'alice@localhost', null],
    ['email', 'not an email', null],
    ['slack', 'U012AB3CD', 'U012AB3CD'],
    ['slack', 'W0123ABCDEF', 'W0123ABCDEF'],
    ['slack', '@alice', null],
    ['slack', 'C012AB3CD', null],
    ['webhook', 'https://hooks.example.com/tocsin', 'https://hooks.example.com/tocsin'],
    ['webhook', 'http://127.0.0.1:9000/hook', 'http://127.0.0.1:9000/hook'],
    ['webhook', 'http://localhost/hook', 'http://localhost/hook'],
    ['webhook', 'http://hooks.example.com/tocsin', null],
    ['webhook', 'ftp://example.com', null],
    ['webhook', 'https://user:pw@example.com/', null],
    ['webhook', 'not a url', null],
  ];
  it.each(cases)('%s %j → %j', (type, raw, expected) => {
    const result = checkAddress(type, raw);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/must/);
    } else {
      expect(result).toEqual({ ok: true, address: expected });
    }
  });
});

describe('maskAddress', () => {
  it.each([
    ['sms', '+447700901234', '+44…1234'],
    ['voice', '+14155550100', '+14…0100'],
    ['email', 'alice@example.com', 'a…@example.com'],
    ['slack', 'U012AB3CD', 'U012AB3CD'],
    ['webhook', 'https://hooks.example.com/secret/path', 'hooks.example.com'],
  ] as Array<[ContactMethodType, string, string]>)('%s %s → %s', (type, address, masked) => {
    expect(maskAddress(type, address)).toBe(masked);
  });
});
