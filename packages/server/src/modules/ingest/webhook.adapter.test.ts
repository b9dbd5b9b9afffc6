import { describe, expect, it } from 'vitest';
import type { ParseResult } from './ingest.types.js';
import { webhookSource } from './webhook.adapter.js';

const errorsOf = (result: ParseResult) => (result.ok ? [] : result.errors);
const parse = (body: unknown, settings: Record<string, unknown> = {}) =>
  webhookSource.parse(body, { settings, newDedupKey: () => 'generated' });

const mapping = {
  summary: 'alert.title',
  dedupKey: 'items.0.id',
  severity: 'alert.level',
  source: 'origin.host',
  action: { path: 'state', trigger: ['open', 'reopened'], resolve: ['closed'], acknowledge: ['seen'] },
};
const body = {
  alert: { title: 'Queue backed up', level: 'WARNING' },
  items: [{ id: 'q-17' }],
  origin: { host: 'worker-3' },
  state: 'open',
};

describe('generic JSON webhook', () => {
  it('reads the fields the mapping points at', () => {
    const result = parse(body, mapping);
    expect(result.ok && result.events[0]).toEqual({
      action: 'trigger',
      dedupKey: 'q-17',
      alert: {
        summary: 'Queue backed up',
        source: 'worker-3',
        severity: 'warning',
        customDetails: body,
        links: [],
        images: [],
        client: 'Webhook',
      },
      raw: body,
    });
  });

  it.each([
    ['open', 'trigger'],
    ['REOPENED', 'trigger'],
    ['closed', 'resolve'],
    ['seen', 'acknowledge'],
    [undefined, 'trigger'],
  ])('action value %j → %s', (state, action) => {
    const result = parse({ ...body, state }, mapping);
    expect(result.ok && result.events[0]!.action).toBe(action);
  });

  it('triggers every event when the mapping has no action, defaults severity to error and source to "webhook"', () => {
    const result = parse({ t: 'Hi', id: 5, state: 'closed' }, { summary: 't', dedupKey: 'id' });
    expect(result.ok && result.events[0]).toMatchObject({
      action: 'trigger',
      dedupKey: '5',
      alert: { severity: 'error', source: 'webhook' },
    });
  });

  it('uses a PagerDuty-like flat mapping when the key has none', () => {
    const result = parse({ summary: 'Flat', dedup_key: 'f1', severity: 'critical', source: 'cron', action: 'resolve' });
    expect(result.ok && result.events[0]).toMatchObject({
      action: 'resolve',
      dedupKey: 'f1',
      alert: { summary: 'Flat', severity: 'critical', source: 'cron' },
    });
  });

  it.each([
    [
      'no summary',
      { ...body, alert: { level: 'x' } },
      "No summary at 'alert.title' (the mapping's summary path): send it, or change the mapping",
    ],
    [
      'no dedup key',
      { ...body, items: [] },
      "No dedup key at 'items.0.id' (the mapping's dedupKey path): send it, or change the mapping",
    ],
    [
      'an object where text is expected',
      { ...body, alert: { title: { nested: true } } },
      "No summary at 'alert.title' (the mapping's summary path): send it, or change the mapping",
    ],
    [
      'an unknown action value',
      { ...body, state: 'snoozed' },
      'The value "snoozed" at \'state\' (the mapping\'s action path) is none of "open", "reopened", "closed", "seen": send one of them, or add it to the mapping',
    ],
    ['a body that is not JSON object', 'text', 'The body must be a JSON object or array'],
  ])('refuses %s, naming the mapping path', (_name, input, error) => {
    expect(errorsOf(parse(input, mapping))).toContain(error);
  });

  it('refuses to work with a broken mapping and says where to fix it', () => {
    expect(errorsOf(parse(body, { summary: 42 }))[0]).toMatch(
      /^The integration key's field mapping is invalid \(summary: .*dedupKey: .*\): fix it in the key's settings$/,
    );
  });
});
