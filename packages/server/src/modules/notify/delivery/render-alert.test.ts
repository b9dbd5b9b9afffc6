/** A page carries the alert behind it, in every medium within its limits: email (text and HTML), SMS, Slack, webhooks. */
import { describe, expect, it } from 'vitest';
import type { AlertContext } from '../../alerts/index.js';
import type { IncidentSummary } from '../../incidents/index.js';
import { emailHtml } from '../providers/email.provider.js';
import { slackBlocks } from '../providers/slack-blocks.js';
import { webhookBody } from '../providers/webhook.provider.js';
import { renderMessage } from './render.js';

const incident: IncidentSummary = {
  id: '0190a000-0000-7000-8000-000000000077',
  number: 77,
  title: 'Disk almost full on pay-db-2',
  status: 'triggered',
  urgency: 'high',
  priority: 'P1',
  serviceId: '0190a000-0000-7000-8000-000000000001',
  serviceName: 'payments',
  triggeredAt: new Date('2026-01-05T09:00:00Z'),
  response: null,
};
const alert: AlertContext = {
  summary: 'Disk almost full on pay-db-2',
  source: 'pay-db-2.prod.example.com',
  severity: 'critical',
  component: 'postgres',
  details: [
    { key: 'message', value: 'Free space on /var' },
    { key: 'used', value: '96%' },
  ],
  links: [{ label: 'Monitor', url: 'https://monitoring.example.com/monitors/7351' }],
  alertCount: 1,
};
const common = { notificationId: '0190a000-0000-7000-8000-0000000000ab', to: 'x', publicUrl: 'https://t.example.com' };
const links = {
  acknowledge: 'https://t.example.com/a/AQGbjWJ6gnHRrTFrm1wqVVQBm41ieoJ3j5gV1l8VpZTzAZuNYnqAdt-ack',
  resolve: 'https://t.example.com/a/AQGbjWJ6gnHRrTFrm1wqVVQBm41ieoJ3j5gV1l8VpZTzAZuNYnqAdt-res',
};
const page = (extra: Partial<Parameters<typeof renderMessage>[0]> = {}) =>
  renderMessage({ ...common, kind: 'page', incident, links, alert, replyCode: '3', ...extra });

describe('a page with its alert', () => {
  it('puts the source, severity, component, details and the monitor link in the text, after the actions', () => {
    const { text } = page();
    expect(text).toContain('Source: pay-db-2.prod.example.com · Severity: critical · Component: postgres');
    expect(text).toContain('Details:\n  message: Free space on /var\n  used: 96%');
    expect(text).toContain('Monitor: https://monitoring.example.com/monitors/7351');
    expect(text.indexOf('Acknowledge: ')).toBeLessThan(text.indexOf('Source: '));
    // The alert's summary is the title here: not said twice.
    expect(text).not.toContain('Alert: ');
  });

  it("names the alert when it differs from the incident's title, and how many alerts there are", () => {
    const { text } = page({ alert: { ...alert, summary: 'disk.in_use > 0.95', alertCount: 4 } });
    expect(text).toContain('Alert: disk.in_use > 0.95');
    expect(text).toContain('4 alerts (the newest shown)');
  });

  it('adds severity and source to the SMS only while it stays one message with its reply hint', () => {
    expect(page().shortText).toBe(
      'Tocsin #77 payments: Disk almost full on pay-db-2. critical, from pay-db-2.prod.example.com. Reply 43 to acknowledge, 63 to resolve.',
    );
    const long = page({ incident: { ...incident, title: 'x'.repeat(120) } }).shortText;
    expect(long.length).toBeLessThanOrEqual(160);
    expect(long).not.toContain('critical, from');
    expect(long).toContain('Reply 43 to acknowledge');
  });

  it('shows the buttons first in the HTML email, every link named and no URL printed', () => {
    const html = emailHtml(page());
    const buttons = html.indexOf('>Acknowledge</a>');
    expect(buttons).toBeGreaterThan(0);
    expect(html.indexOf('>Resolve</a>')).toBeGreaterThan(buttons);
    expect(html.indexOf('>Open incident #77</a>')).toBeGreaterThan(buttons);
    expect(html.indexOf('Source: ')).toBeGreaterThan(buttons);
    expect(html).toContain('<a href="https://monitoring.example.com/monitors/7351">Monitor</a>');
    expect(html.replace(/href="[^"]*"/g, '')).not.toMatch(/https?:\/\//);
    // Each action's URL once: on its button.
    expect(html.split(links.acknowledge).length - 1).toBe(1);
  });

  it('escapes what the sender wrote in the HTML', () => {
    const html = emailHtml(page({ alert: { ...alert, details: [{ key: 'note', value: '<script>x</script>' }] } }));
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('gives Slack the buttons, then the alert with its link named', () => {
    const blocks = slackBlocks(page());
    const kinds = blocks.map((b) => b.type);
    const actionsAt = kinds.indexOf('actions');
    expect(actionsAt).toBeGreaterThan(0);
    const after = JSON.stringify(blocks.slice(actionsAt + 1));
    expect(after).toContain('*Source:* pay-db-2.prod.example.com · *Severity:* critical');
    expect(after).toContain('• message: Free space on /var');
    expect(after).toContain('<https://monitoring.example.com/monitors/7351|Monitor>');
  });

  it("keeps Slack's section under its 3,000 characters with the link kept", () => {
    const details = Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(200) }));
    const many = { ...alert, details: [...details, ...details] };
    const blocks = slackBlocks(page({ alert: many }));
    const last = blocks[blocks.length - 1] as { text: { text: string } };
    expect(last.text.text.length).toBeLessThanOrEqual(3000);
    expect(last.text.text).toContain('|Monitor>');
  });

  it('gives webhooks the alert as JSON', () => {
    const body = webhookBody(page(), 'k', new Date('2026-01-05T09:00:00Z')) as { incident: { alert: AlertContext } };
    expect(body.incident.alert).toEqual(alert);
  });

  it('says nothing of an alert when the incident came from none', () => {
    const m = renderMessage({ ...common, kind: 'page', incident, links });
    expect(m.text).not.toContain('Source:');
    expect(m.incident!.alert).toBeUndefined();
  });
});
