/**
 * A page carries the alert that woke someone: a Datadog monitor's event,
 * through the real ingest route, pages a person whose email (through a real
 * SMTP server) has the summary, source, severity, custom details and the
 * monitor's link, the act buttons before everything else, and no long signed
 * URL printed; their SMS carries the severity and source in one message.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATADOG_WEBHOOK_TEMPLATE } from '../../src/modules/ingest/datadog.adapter.js';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

const MONITOR_LINK = 'https://app.datadoghq.com/monitors/7351?group=host%3Apay-db-2';

it("a Datadog event's page email and SMS carry its summary, source, severity, details and monitor link", async () => {
  const dana = await s.person('Dana', { email: 'dana@example.com', phone: '+447700900611' });
  const service = await s.service(await s.policy([{ delayMinutes: 15, people: [dana] }]));
  const key = await s.api('POST', `/api/v1/services/${service.slug}/integration-keys`, {
    type: 'datadog',
    name: 'Datadog',
  });
  expect(key.status).toBe(201);
  const { routingKey } = (await key.json()) as { routingKey: string };
  const event = await s.api('POST', `/api/v1/ingest/datadog/${routingKey}`, {
    ...(JSON.parse(DATADOG_WEBHOOK_TEMPLATE) as object),
    aggreg_key: 'pay-db-2-disk',
    alert_id: '7351',
    alert_transition: 'Triggered',
    alert_type: 'error',
    alert_priority: 'P1',
    event_title: '[Triggered on {host:pay-db-2}] Disk almost full',
    alert_status: 'disk.in_use over host:pay-db-2 was > 0.95 on average during the last 5m.',
    alert_query: 'avg(last_5m):avg:system.disk.in_use{*} by {host} > 0.95',
    event_msg: '%%%\nFree space on /var before the WAL fills it @webhook-tocsin\n%%%',
    hostname: 'pay-db-2',
    org_name: 'Acme',
    tags: 'env:prod,team:payments',
    link: MONITOR_LINK,
  });
  expect(event.status).toBeLessThan(300);
  await s.settle();

  const mails = s.w.smtp.mails.filter((m) => m.to.includes('dana@example.com'));
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail.subject).toContain('[Triggered on {host:pay-db-2}] Disk almost full');
  // The text: the summary, source and severity, the custom details, the monitor's link.
  expect(mail.text).toContain('[Triggered on {host:pay-db-2}] Disk almost full');
  expect(mail.text).toContain('Source: pay-db-2 · Severity: critical');
  expect(mail.text).toContain('message: Free space on /var before the WAL fills it @webhook-tocsin');
  expect(mail.text).toContain('query: avg(last_5m):avg:system.disk.in_use{*} by {host} > 0.95');
  expect(mail.text).toContain(`View in Datadog: ${MONITOR_LINK}`);
  // The HTML: the same facts, the monitor's link as a named link, the buttons before any of it.
  const html = mail.html;
  expect(html).toContain('Source: pay-db-2 · Severity: critical');
  expect(html).toContain('Free space on /var before the WAL fills it');
  expect(html).toContain(`<a href="${MONITOR_LINK.replace(/&/g, '&amp;')}">View in Datadog</a>`);
  const firstButton = html.indexOf('>Acknowledge</a>');
  expect(firstButton).toBeGreaterThan(0);
  expect(html.indexOf('>Resolve</a>')).toBeGreaterThan(firstButton);
  expect(html.indexOf('Source: pay-db-2')).toBeGreaterThan(firstButton);
  // No URL is printed as text anywhere: every one is inside an href.
  const printed = html.replace(/href="[^"]*"/g, '');
  expect(printed).not.toMatch(/https?:\/\//);

  const [sms] = s.smsTo(dana.phone!);
  expect(sms).toMatch(/critical, from pay-db-2\. Reply \d+ to acknowledge/);
  expect(sms!.length).toBeLessThanOrEqual(160);
});
