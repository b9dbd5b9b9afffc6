import { describe, expect, it } from 'vitest';
import { grafanaSource } from './grafana.adapter.js';
import type { ParseResult } from './ingest.types.js';

const ctx = { settings: {}, newDedupKey: () => 'generated' };
const eventsOf = (result: ParseResult) => (result.ok ? result.events : []);
const errorsOf = (result: ParseResult) => (result.ok ? [] : result.errors);

const firing = {
  status: 'firing',
  labels: { alertname: 'DiskFull', instance: 'db1:9100', severity: 'critical' },
  annotations: { summary: 'Disk almost full on db1', runbook_url: 'https://runbooks.example.com/disk' },
  startsAt: '2026-03-02T09:58:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'https://grafana.example.com/alerting/grafana/rule1/view',
  fingerprint: 'c6a1b2d3e4f50617',
};
const group = {
  receiver: 'tocsin',
  status: 'firing',
  groupKey: 'k',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'https://grafana.example.com/',
};

describe('Grafana alerting webhook', () => {
  const grafana = {
    ...group,
    version: '1',
    orgId: 1,
    title: '[FIRING:1] DiskFull',
    state: 'alerting',
    message: '**Firing**',
    alerts: [
      {
        ...firing,
        dashboardURL: 'https://grafana.example.com/d/abc',
        panelURL: 'https://grafana.example.com/d/abc?viewPanel=2',
        silenceURL: 'https://grafana.example.com/alerting/silence/new',
        imageURL: 'https://grafana.example.com/render/x.png',
        valueString: "[ var='B' value=99 ]",
        values: { B: 99 },
      },
    ],
  };

  it('maps like Alertmanager, with "View in Grafana" links, the values and the panel image', () => {
    const [event] = eventsOf(grafanaSource.parse(grafana, ctx));
    expect(event).toMatchObject({
      action: 'trigger',
      dedupKey: 'c6a1b2d3e4f50617',
      alert: {
        summary: 'Disk almost full on db1',
        severity: 'critical',
        client: 'Grafana',
        links: [
          { href: 'https://grafana.example.com/d/abc?viewPanel=2', text: 'View in Grafana' },
          { href: 'https://grafana.example.com/d/abc', text: 'Dashboard' },
          { href: 'https://grafana.example.com/alerting/grafana/rule1/view', text: 'Alert rule' },
          { href: 'https://grafana.example.com/alerting/silence/new', text: 'Silence' },
          { href: 'https://runbooks.example.com/disk', text: 'Runbook' },
        ],
        images: [
          { src: 'https://grafana.example.com/render/x.png', href: 'https://grafana.example.com/d/abc?viewPanel=2' },
        ],
        customDetails: { valueString: "[ var='B' value=99 ]", values: { B: 99 } },
      },
    });
  });

  it('resolves a resolved alert', () => {
    const body = { ...grafana, alerts: [{ ...grafana.alerts[0], status: 'resolved' }] };
    expect(eventsOf(grafanaSource.parse(body, ctx))[0]!.action).toBe('resolve');
  });

  it("explains that Grafana's legacy alerting webhook is not read", () => {
    const legacy = { ruleId: 1, ruleName: 'CPU', state: 'alerting', title: '[Alerting] CPU', evalMatches: [] };
    expect(errorsOf(grafanaSource.parse(legacy, ctx))[0]).toMatch(/legacy alerting.*Grafana 9/);
  });
});
