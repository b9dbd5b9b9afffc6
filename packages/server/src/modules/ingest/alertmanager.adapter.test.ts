import { describe, expect, it } from 'vitest';
import { alertmanagerSource } from './alertmanager.adapter.js';
import type { ParseResult } from './ingest.types.js';
import { hashLabels } from './normalize.js';

const ctx = { settings: {}, newDedupKey: () => 'generated' };
const eventsOf = (result: ParseResult) => (result.ok ? result.events : []);
const errorsOf = (result: ParseResult) => (result.ok ? [] : result.errors);

const firing = {
  status: 'firing',
  labels: { alertname: 'DiskFull', instance: 'db1:9100', job: 'node', severity: 'page', cluster: 'eu-1' },
  annotations: {
    summary: 'Disk almost full on db1',
    description: 'Only 1% left',
    runbook_url: 'https://runbooks.example.com/disk',
  },
  startsAt: '2026-03-02T09:58:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus:9090/graph?g0.expr=disk',
  fingerprint: 'c6a1b2d3e4f50617',
};

const group = {
  version: '4',
  groupKey: '{}:{alertname="DiskFull"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'tocsin',
  groupLabels: { alertname: 'DiskFull' },
  commonLabels: { alertname: 'DiskFull' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [
    firing,
    {
      ...firing,
      status: 'resolved',
      labels: { alertname: 'DiskFull', instance: 'db2:9100' },
      annotations: {},
      fingerprint: undefined,
      endsAt: '2026-03-02T10:00:00Z',
    },
  ],
};

describe('Alertmanager webhook', () => {
  it('makes one event per alert: firing triggers, resolved resolves', () => {
    const events = eventsOf(alertmanagerSource.parse(group, ctx));
    expect(events.map((e) => e.action)).toEqual(['trigger', 'resolve']);
  });

  it('maps the labels and annotations of an alert', () => {
    const [event] = eventsOf(alertmanagerSource.parse(group, ctx));
    expect(event).toMatchObject({
      dedupKey: 'c6a1b2d3e4f50617',
      alert: {
        summary: 'Disk almost full on db1',
        source: 'db1:9100',
        severity: 'critical',
        timestamp: '2026-03-02T09:58:00.000Z',
        component: 'node',
        group: 'eu-1',
        class: 'DiskFull',
        client: 'Alertmanager',
        clientUrl: 'http://alertmanager:9093/',
        labels: firing.labels,
        links: [
          { href: 'http://prometheus:9090/graph?g0.expr=disk', text: 'Source' },
          { href: 'https://runbooks.example.com/disk', text: 'Runbook' },
          { href: 'http://alertmanager:9093/', text: 'Alertmanager' },
        ],
      },
    });
    expect((event!.alert.customDetails as { endsAt?: string }).endsAt).toBeUndefined(); // "0001-01-01" means no end
    expect(event!.raw).toMatchObject({ receiver: 'tocsin', groupKey: group.groupKey, alerts: [firing] });
  });

  it('deduplicates an alert without a fingerprint by a hash of its labels', () => {
    const [, resolved] = eventsOf(alertmanagerSource.parse(group, ctx));
    expect(resolved!.dedupKey).toBe(hashLabels({ alertname: 'DiskFull', instance: 'db2:9100' }));
    expect(resolved!.alert.summary).toBe('DiskFull'); // no annotations: the alert name
  });

  it.each([
    ['severity=critical', { severity: 'critical' }, 'critical'],
    ['severity=warning', { severity: 'warning' }, 'warning'],
    ['severity=info', { severity: 'info' }, 'info'],
    ['severity=page', { severity: 'page' }, 'critical'],
    ['severity=major', { severity: 'major' }, 'error'],
    ['no severity', {}, 'error'],
  ])('%s → %s', (_name, labels, severity) => {
    const body = { ...group, alerts: [{ ...firing, labels: { alertname: 'X', ...labels } }] };
    expect(eventsOf(alertmanagerSource.parse(body, ctx))[0]!.alert.severity).toBe(severity);
  });

  it('takes the summary from summary, then description, then the alert name', () => {
    const summaryOf = (annotations: Record<string, string>) =>
      eventsOf(alertmanagerSource.parse({ ...group, alerts: [{ ...firing, annotations }] }, ctx))[0]!.alert.summary;
    expect(summaryOf({ summary: 'S', description: 'D' })).toBe('S');
    expect(summaryOf({ description: 'D' })).toBe('D');
    expect(summaryOf({})).toBe('DiskFull');
  });

  it.each([
    ['no alerts list', { ...group, alerts: undefined }, "'alerts' is missing"],
    ['alerts not a list', { ...group, alerts: 'x' }, "'alerts' must be an array"],
    ['an alert without labels', { ...group, alerts: [{ status: 'firing' }] }, "'alerts.0.labels' is missing"],
    [
      'an unknown status',
      { ...group, alerts: [{ ...firing, status: 'pending' }] },
      "'alerts.0.status' must be one of: firing, resolved",
    ],
    [
      'a label that is not text',
      { ...group, alerts: [{ ...firing, labels: { n: 1 } }] },
      "'alerts.0.labels.n' must be a string",
    ],
  ])('refuses %s', (_name, body, error) => {
    expect(errorsOf(alertmanagerSource.parse(body, ctx))).toContain(error);
  });
});
