import { describe, expect, it } from 'vitest';
import {
  compact,
  fitDedupKey,
  hashLabels,
  httpUrl,
  isoTimestamp,
  oneLine,
  readPath,
  severityFromLabel,
} from './normalize.js';

describe('severityFromLabel', () => {
  it.each([
    ['critical', 'critical'],
    ['CRITICAL', 'critical'],
    [' page ', 'critical'],
    ['error', 'error'],
    ['warning', 'warning'],
    ['warn', 'warning'],
    ['info', 'info'],
    ['informational', 'info'],
    ['P3', 'error'],
    ['', 'error'],
    [undefined, 'error'],
    [42, 'error'],
  ])('%j → %s', (label, expected) => {
    expect(severityFromLabel(label)).toBe(expected);
  });

  it('uses the fallback it is given', () => {
    expect(severityFromLabel('whatever', 'warning')).toBe('warning');
  });
});

describe('fitDedupKey', () => {
  it('keeps keys up to 255 characters and hashes longer ones stably', () => {
    expect(fitDedupKey('a'.repeat(255))).toBe('a'.repeat(255));
    const long = fitDedupKey('b'.repeat(300));
    expect(long).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fitDedupKey('b'.repeat(300))).toBe(long);
    expect(long.length).toBeLessThanOrEqual(255);
  });
});

describe('hashLabels', () => {
  it('ignores label order and tells different label sets apart', () => {
    expect(hashLabels({ a: '1', b: '2' })).toBe(hashLabels({ b: '2', a: '1' }));
    expect(hashLabels({ a: '1', b: '2' })).not.toBe(hashLabels({ a: '1', b: '3' }));
  });
});

describe('readPath', () => {
  const body = { alert: { title: 'Disk', tags: ['x', 'y'] }, items: [{ id: 7 }], 'dotted.key': 1 };
  it.each([
    ['alert.title', 'Disk'],
    ['items.0.id', 7],
    ['alert.tags.1', 'y'],
    ['alert.missing', undefined],
    ['items.5.id', undefined],
    ['items.first', undefined],
    ['alert.title.length', undefined],
    ['constructor', undefined],
    ['alert.__proto__', undefined],
  ])('%s → %j', (path, expected) => {
    expect(readPath(body, path)).toEqual(expected);
  });
});

describe('isoTimestamp', () => {
  it.each([
    ['2015-07-17T08:42:58.315+0000', '2015-07-17T08:42:58.315Z'],
    ['2026-03-02T10:00:00+01:00', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T10:00:00Z', '2026-03-02T10:00:00.000Z'],
    ['1772445600000', '2026-03-02T10:00:00.000Z'],
    [1772445600, '2026-03-02T10:00:00.000Z'],
    ['0001-01-01T00:00:00Z', undefined],
    ['yesterday', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %s', (input, expected) => {
    expect(isoTimestamp(input)).toBe(expected);
  });
});

describe('httpUrl and oneLine', () => {
  it('keeps only absolute http(s) URLs', () => {
    expect(httpUrl('https://grafana.example.com/d/1')).toBe('https://grafana.example.com/d/1');
    expect(httpUrl('javascript:alert(1)')).toBeUndefined();
    expect(httpUrl('/relative')).toBeUndefined();
  });

  it('flattens whitespace and cuts long text with an ellipsis', () => {
    expect(oneLine('  Disk\n full  on\tdb1 ')).toBe('Disk full on db1');
    expect(oneLine('x'.repeat(2000))).toHaveLength(1024);
  });
});

describe('compact', () => {
  it('drops the keys whose value is undefined and keeps every other value, in order', () => {
    const kept = compact({ a: 1, b: undefined, c: null, d: 0, e: '', f: false, g: [] });
    expect(Object.keys(kept)).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
    expect(kept).toEqual({ a: 1, c: null, d: 0, e: '', f: false, g: [] });
  });
});
