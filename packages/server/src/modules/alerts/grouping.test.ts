import { describe, expect, it } from 'vitest';
import type { Grouping } from '../services/index.js';
import { toAlertFields } from './alert-fields.js';
import { decideGroup } from './grouping.js';

const KEY = '0190a0b0-0000-7000-8000-000000000001';
const fields = (overrides: Record<string, unknown>) =>
  toAlertFields({ summary: 's', source: 'host-1', severity: 'error', links: [], images: [], ...overrides });

describe('decideGroup', () => {
  it.each<[string, Grouping, Record<string, unknown>, { groupKey: string; windowMinutes: number | null }]>([
    [
      'dedup_key mode: one incident per alert',
      { mode: 'dedup_key' },
      { group: 'db' },
      { groupKey: `${KEY}:disk-full`, windowMinutes: null },
    ],
    [
      'window on group',
      { mode: 'window', windowMinutes: 10, field: 'group' },
      { group: 'db' },
      { groupKey: 'group:db', windowMinutes: 10 },
    ],
    [
      'window on component',
      { mode: 'window', windowMinutes: 5, field: 'component' },
      { component: 'api' },
      { groupKey: 'component:api', windowMinutes: 5 },
    ],
    [
      'window on source',
      { mode: 'window', windowMinutes: 5, field: 'source' },
      {},
      { groupKey: 'source:host-1', windowMinutes: 5 },
    ],
    [
      'window field missing: the alert is its own incident',
      { mode: 'window', windowMinutes: 10, field: 'class' },
      {},
      { groupKey: `${KEY}:disk-full`, windowMinutes: null },
    ],
    [
      'window field blank: the alert is its own incident',
      { mode: 'window', windowMinutes: 10, field: 'group' },
      { group: '   ' },
      { groupKey: `${KEY}:disk-full`, windowMinutes: null },
    ],
  ])('%s', (_name, grouping, overrides, expected) => {
    expect(decideGroup(grouping, { integrationKeyId: KEY, dedupKey: 'disk-full', fields: fields(overrides) })).toEqual(
      expected,
    );
  });
});

describe('toAlertFields', () => {
  it.each([
    ['keeps a known severity', { severity: 'warning' }, 'warning'],
    ['pages on an unknown severity', { severity: 'urgent' }, 'critical'],
    ['pages on a missing severity', {}, 'critical'],
  ])('%s', (_name, stored, severity) => {
    expect(toAlertFields({ summary: 'x', ...stored }).severity).toBe(severity);
  });

  it('gives a summary to an alert without one', () => {
    expect(toAlertFields({ summary: '' }).summary).toBe('Alert without a summary');
  });
});
