import { TocsinApiError } from '@tocsin/sdk';
import { describe, expect, it } from 'vitest';
import { conflictOf } from './documents.api';

const current = { key: 'summary', text: 'Theirs', version: 3, updatedBy: 'Ada', updatedAt: '2026-12-06T15:00:00.000Z' };

describe('conflictOf', () => {
  it.each([
    ['a stale save', new TocsinApiError(409, 'conflict', 'saved since', { current }), { current }],
    ['another conflict without a section', new TocsinApiError(409, 'conflict', 'not declared'), undefined],
    ['a refusal', new TocsinApiError(403, 'forbidden', 'responders only', { current }), undefined],
    ['a network failure', new TypeError('fetch failed'), undefined],
  ])('%s', (_what, error, expected) => {
    expect(conflictOf(error)).toEqual(expected);
  });
});
