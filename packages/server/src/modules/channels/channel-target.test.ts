import { describe, expect, it } from 'vitest';
import { maskTarget, targetProblem, type ChannelType } from './channel-target.js';

describe('targetProblem', () => {
  it.each<[ChannelType, string, boolean]>([
    ['slack', 'C0123ABC', true],
    ['slack', 'G01234567', true],
    ['slack', '#ops', false],
    ['slack', 'c0123abc', false],
    ['slack', 'https://hooks.slack.com/services/x', false],
    ['teams', 'https://example.webhook.office.com/webhookb2/abc', true],
    ['teams', 'http://example.com/hook', false],
    ['webhook', 'http://127.0.0.1:8080/hook', true],
    ['webhook', 'http://localhost/hook', true],
    ['webhook', 'ftp://example.com/hook', false],
    ['webhook', 'not a url', false],
  ])('%s %s → ok: %s', (type, target, ok) => {
    expect(targetProblem(type, target) === undefined).toBe(ok);
  });

  it('says what to use instead', () => {
    expect(targetProblem('slack', '#ops')).toContain('such as C0123ABC');
    expect(targetProblem('teams', 'http://example.com/x')).toContain('https://');
  });
});

describe('maskTarget', () => {
  it('keeps Slack ids and hides webhook paths', () => {
    expect(maskTarget('slack', 'C0123ABC')).toBe('C0123ABC');
    expect(maskTarget('webhook', 'https://hooks.example.com/secret/path')).toBe('https://hooks.example.com/…');
  });
});
