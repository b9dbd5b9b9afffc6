/** Table-driven checks that returnTo only ever yields a same-site path. */
import { describe, expect, it } from 'vitest';
import { sanitizeReturnTo } from './oidc.return-to.js';

describe('sanitizeReturnTo', () => {
  it.each([
    ['/app/incidents/42', '/app/incidents/42'],
    ['/app?tab=open#top', '/app?tab=open#top'],
    ['/', '/'],
    ['/login', '/login'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(sanitizeReturnTo(input)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['app'],
    ['//evil.example'],
    ['///evil.example'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/ /evil.example'],
    ['https://evil.example/app'],
    ['javascript:alert(1)'],
    ['%2F%2Fevil.example'],
    [`/${'a'.repeat(2001)}`],
  ])('falls back to /app for %j', (input) => {
    expect(sanitizeReturnTo(input)).toBe('/app');
  });
});
