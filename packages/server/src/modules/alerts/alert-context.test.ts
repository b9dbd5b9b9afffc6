import { describe, expect, it } from 'vitest';
import { keyDetails, monitorLinks, MAX_DETAIL_VALUE } from './alert-context.js';

describe('keyDetails', () => {
  it('puts the message first, then the rest by name, values as short text', () => {
    expect(
      keyDetails({
        region: 'eu-west-1',
        p99: 2450,
        tags: ['a', 'b'],
        empty: '',
        none: null,
        message: 'Disk  full\n now',
      }),
    ).toEqual([
      { key: 'message', value: 'Disk full now' },
      { key: 'p99', value: '2450' },
      { key: 'region', value: 'eu-west-1' },
      { key: 'tags', value: '["a","b"]' },
    ]);
  });

  it('stops at the limit and clips long values', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, 'x'.repeat(500)]));
    const details = keyDetails(many);
    expect(details).toHaveLength(8);
    expect(details[0]!.value).toHaveLength(MAX_DETAIL_VALUE);
    expect(details[0]!.value.endsWith('…')).toBe(true);
  });

  it('reads a plain string, and nothing from nothing', () => {
    expect(keyDetails('disk  full\non /var')).toEqual([{ key: 'details', value: 'disk  full\non /var' }]);
    expect(keyDetails(null)).toEqual([]);
    expect(keyDetails(undefined)).toEqual([]);
  });
});

describe('monitorLinks', () => {
  it('keeps web links, labelled by their text or host, and drops the rest', () => {
    expect(
      monitorLinks([
        { href: 'https://app.datadoghq.com/monitors/1', text: 'View in Datadog' },
        { href: 'javascript:alert(1)', text: 'bad' },
        { href: 'not a url' },
        { href: 'https://grafana.example.com/d/x' },
        { text: 'no href' },
      ]),
    ).toEqual([
      { label: 'View in Datadog', url: 'https://app.datadoghq.com/monitors/1' },
      { label: 'grafana.example.com', url: 'https://grafana.example.com/d/x' },
    ]);
  });

  it('keeps at most three', () => {
    const links = Array.from({ length: 5 }, (_, i) => ({ href: `https://x.example/${i}` }));
    expect(monitorLinks(links)).toHaveLength(3);
    expect(monitorLinks('nope')).toEqual([]);
  });
});
