import { describe, expect, it } from 'vitest';
import { buildVCard, emailAddressOf, foldLine } from './vcard.js';

describe('buildVCard', () => {
  const card = buildVCard({
    name: 'Tocsin, paging',
    phones: ['+15005550006'],
    emails: ['pager@example.com'],
    url: 'https://tocsin.example.com',
    note: 'Tocsin pages you from these; allow them through; thanks',
  });

  it('is a version 4.0 card with CRLF lines, the numbers and addresses Tocsin pages from', () => {
    const lines = card.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCARD');
    expect(lines[1]).toBe('VERSION:4.0');
    expect(lines.at(-2)).toBe('END:VCARD');
    expect(lines.at(-1)).toBe('');
    expect(card).not.toMatch(/[^\r]\n/);
    expect(lines).toContain('TEL;VALUE=uri;TYPE="voice,text":tel:+15005550006');
    expect(lines).toContain('EMAIL;TYPE=work:pager@example.com');
    expect(lines).toContain('FN:Tocsin\\, paging');
  });

  it('escapes text values and folds long lines at 75 octets', () => {
    const unfolded = card.replace(/\r\n /g, '');
    expect(unfolded).toContain('NOTE:Tocsin pages you from these\\; allow them through\\; thanks');
    for (const line of card.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});

describe('foldLine', () => {
  it.each([
    ['short', 'short'],
    ['x'.repeat(75), 'x'.repeat(75)],
    ['x'.repeat(76), `${'x'.repeat(75)}\r\n x`],
    ['é'.repeat(40), `${'é'.repeat(37)}\r\n ${'é'.repeat(3)}`],
  ])('%j', (line, folded) => {
    expect(foldLine(line)).toBe(folded);
  });
});

describe('emailAddressOf', () => {
  it.each([
    ['Tocsin <pager@example.com>', 'pager@example.com'],
    ['pager@example.com', 'pager@example.com'],
    ['Tocsin', undefined],
  ])('%j → %j', (from, address) => {
    expect(emailAddressOf(from)).toBe(address);
  });
});
