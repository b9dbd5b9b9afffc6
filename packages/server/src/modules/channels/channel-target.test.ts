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
  it.each<[ChannelType, string, string]>([
    ['slack', 'C0123ABC', 'C0123ABC'],
    ['webhook', 'https://hooks.example.com/secret/path', 'https://hooks.example.com/…'],
    [
      'teams',
      'https://example.webhook.office.com/webhookb2/abc123@def/IncomingWebhook/0f1e2d',
      'https://example.webhook.office.com/…1e2d',
    ],
    ['webhook', 'https://hooks.example.com/services/T000/B000/XXXXXXXXwxyz', 'https://hooks.example.com/…wxyz'],
    ['webhook', 'not a url', '…'],
  ])('%s %s → %s (Slack ids whole, webhook secrets hidden but for the last characters)', (type, target, shown) => {
    expect(maskTarget(type, target)).toBe(shown);
  });
});
