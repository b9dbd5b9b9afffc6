import { describe, expect, it } from 'vitest';
import { nextFreeCode, parseReply, replyHint } from './reply-code.js';

describe('parseReply', () => {
  it.each([
    ['41', { action: 'acknowledge', code: '1' }],
    ['612', { action: 'resolve', code: '12' }],
    ['4 12', { action: 'acknowledge', code: '12' }],
    [' 6-3. ', { action: 'resolve', code: '3' }],
    ['4007', { action: 'acknowledge', code: '7' }],
    ['ACK 5', { action: 'acknowledge', code: '5' }],
    ['a5', { action: 'acknowledge', code: '5' }],
    ['Resolve 9!', { action: 'resolve', code: '9' }],
    ['c2', { action: 'resolve', code: '2' }],
    ['4', undefined],
    ['5 1', undefined],
    ['41234', undefined],
    ['hello', undefined],
    ['', undefined],
  ])('%j → %j', (body, expected) => {
    expect(parseReply(body)).toEqual(expected);
  });

  it('reads back what the hint tells people to send', () => {
    const hint = replyHint('17');
    const [ack, resolve] = [...hint.matchAll(/Reply (\d+)|, (\d+) to/g)].map((m) => m[1] ?? m[2]);
    expect(parseReply(ack!)).toEqual({ action: 'acknowledge', code: '17' });
    expect(parseReply(resolve!)).toEqual({ action: 'resolve', code: '17' });
  });
});

describe('nextFreeCode', () => {
  it.each([
    [[], '1'],
    [['1', '2', '4'], '3'],
    [['2'], '1'],
    [Array.from({ length: 999 }, (_, i) => String(i + 1)), undefined],
  ])('%j → %j', (used, expected) => {
    expect(nextFreeCode(used)).toBe(expected);
  });
});
