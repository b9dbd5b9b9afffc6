import { TocsinApiError } from '@tocsin/sdk';
import { describe, expect, it } from 'vitest';
import { splitIssues } from '../../ui/field-errors';
import { nameTheAddresses, splitAddresses } from './report-subscriptions.api';

describe('splitAddresses', () => {
  it.each([
    ['', []],
    ['cto@example.com', ['cto@example.com']],
    [' a@x.io,b@y.io ; c@z.io\n\nd@w.io ', ['a@x.io', 'b@y.io', 'c@z.io', 'd@w.io']],
  ])('%j → %j', (text, expected) => {
    expect(splitAddresses(text)).toEqual(expected);
  });
});

describe('nameTheAddresses', () => {
  const refusal = (issues: Array<{ path: string; message: string }>) =>
    new TocsinApiError(400, 'validation_failed', 'Invalid request', { issues });

  it('tells each wrong address by itself, beside the addresses field', () => {
    const error = nameTheAddresses(
      refusal([
        { path: 'body.recipientEmails.1', message: 'must be an email address, e.g. cto@example.com' },
        { path: 'body.dayOfMonth', message: 'Too big: expected number to be <=28' },
      ]),
      ['ok@example.com', 'not-an-address'],
    );
    expect(splitIssues(error, { emails: 'body.recipientEmails', day: 'body.dayOfMonth' }).byField).toEqual({
      emails: '“not-an-address” must be an email address, e.g. cto@example.com.',
      day: 'Must be at most 28.',
    });
  });

  it('leaves other errors as they are', () => {
    const forbidden = new TocsinApiError(403, 'forbidden', 'Only admins');
    expect(nameTheAddresses(forbidden, [])).toBe(forbidden);
    const plain = new Error('offline');
    expect(nameTheAddresses(plain, [])).toBe(plain);
    const noIssues = new TocsinApiError(400, 'bad_request', 'Give at least one recipient');
    expect(nameTheAddresses(noIssues, [])).toBe(noIssues);
  });
});
