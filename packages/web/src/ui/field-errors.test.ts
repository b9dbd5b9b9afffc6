import { TocsinApiError } from '@tocsin/sdk';
import { describe, expect, it } from 'vitest';
import { matchPath, plainWords, splitIssues } from './field-errors';

const refusal = (issues: Array<{ path: string; message: string }>) =>
  new TocsinApiError(400, 'validation_failed', 'Invalid request', { issues });

describe('matchPath', () => {
  it.each([
    ['body.name', 'body.name', []],
    ['body.levels.*.targets', 'body.levels.0.targets', ['0']],
    ['body.levels.*.targets', 'body.levels.12.targets.3.id', ['12']],
    ['body.levels.*.targets', 'body.levels.0.delayMinutes', undefined],
    ['body.name', 'body', undefined],
    ['body.name', 'body.names', undefined],
  ])('%s against %s', (pattern, path, expected) => {
    expect(matchPath(pattern, path)).toEqual(expected);
  });
});

describe('splitIssues', () => {
  it('puts each issue beside the field that owns it, the level index taken from the path', () => {
    const split = splitIssues(
      refusal([
        { path: 'body.levels.1.targets', message: 'a level notifies at least one target' },
        { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.repeatCount', message: 'Too big: expected number to be <=9' },
      ]),
      { 'policy-name': 'body.name', 'level-{index}-targets': 'body.levels.*.targets' },
    );
    expect(split.byField).toEqual({
      'level-1-targets': 'A level notifies at least one target.',
      'policy-name': 'Is required.',
    });
    expect(split.rest).toEqual([{ path: 'body.repeatCount', message: 'Too big: expected number to be <=9' }]);
  });

  it('claims nothing from an error that is not a 400 with issues', () => {
    expect(splitIssues(new Error('offline'), { a: 'body.a' })).toEqual({ byField: {}, rest: [] });
    expect(splitIssues(new TocsinApiError(409, 'conflict', 'Taken'), { a: 'body.a' })).toEqual({
      byField: {},
      rest: [],
    });
  });
});

describe('plainWords', () => {
  it.each([
    ['Invalid input: expected string, received undefined', 'Is required'],
    ['Too big: expected string to have <=200 characters', 'Is too long: at most 200 characters'],
    ['must be an IANA time zone such as Europe/London', 'Must be an IANA time zone such as Europe/London'],
  ])('%s reads %s', (message, expected) => {
    expect(plainWords(message)).toBe(expected);
  });
});
