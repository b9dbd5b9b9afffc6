/**
 * Alerts in a real browser: an alert sent through the Events API v2 shows in
 * the alert list (newest first, filterable by status and service, the filters
 * kept in the URL), opens to
 * its fields, raw payload and log of events (each opening to its payload),
 * and links to the incident it was grouped into.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startHarness, type Harness } from './support/harness.js';

describe('The alerts area', () => {
  let h: Harness;
  let admin: { id: string; token: string };
  let viewer: { id: string; email: string; token: string };
  let routingKey: string;

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await h.app.request(method, path, { token: admin.token, body });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function enqueue(event: Record<string, unknown>) {
    const response = await h.app.request('POST', '/v2/enqueue', { body: { routing_key: routingKey, ...event } });
    expect(response.status).toBe(202);
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    viewer = await h.app.createUserWithToken('viewer');
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Database primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: admin.id }] }],
    });
    const service = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'database',
      name: 'Database',
      escalationPolicyId: policy.id,
    });
    await api('POST', '/api/v1/services', { slug: 'search', name: 'Search', escalationPolicyId: policy.id });
    routingKey = (
      await api<{ routingKey: string }>('POST', `/api/v1/services/${service.id}/integration-keys`, {
        type: 'events_v2',
      })
    ).routingKey;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists an alert sent through /v2/enqueue, filters by status and service, and opens its detail and its incident', async () => {
    await enqueue({
      event_action: 'trigger',
      dedup_key: 'replica-lag',
      payload: {
        summary: 'Replica lag 90s on db2',
        source: 'db2',
        severity: 'warning',
        component: 'postgres',
        custom_details: { lagSeconds: 90 },
      },
      links: [{ href: 'https://grafana.example.com/d/replication', text: 'Replication dashboard' }],
    });
    // The harness runs no engine loop: process the accepted events by hand, a minute apart.
    await h.app.app.engine.runDue();
    // The monitor repeats itself: one more event in the alert's log.
    await enqueue({
      event_action: 'trigger',
      dedup_key: 'replica-lag',
      payload: {
        summary: 'Replica lag 90s on db2',
        source: 'db2',
        severity: 'warning',
        custom_details: { lagSeconds: 120 },
      },
    });
    await h.app.app.engine.runDue();
    h.app.clock.advanceMinutes(1);
    await enqueue({
      event_action: 'trigger',
      dedup_key: 'disk',
      payload: { summary: 'Disk 91% full on db1', source: 'db1', severity: 'critical' },
    });
    await enqueue({ event_action: 'resolve', dedup_key: 'disk' });
    await h.app.app.engine.runDue();

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, viewer.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL('**/app/alerts');
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();

    const rows = page.getByTestId('alert-row');
    await rows.filter({ hasText: 'Replica lag 90s on db2' }).waitFor();
    // Newest first: the disk alert arrived later.
    expect(await rows.nth(0).textContent()).toContain('Disk 91% full on db1');
    expect(await rows.nth(1).textContent()).toContain('Replica lag 90s on db2');
    const lag = rows.filter({ hasText: 'Replica lag 90s on db2' });
    expect(await lag.getByTestId('alert-status').textContent()).toBe('Triggered');
    expect(await lag.textContent()).toContain('Database');
    expect(await lag.textContent()).toContain('Warning');
    expect(await rows.filter({ hasText: 'Disk 91% full on db1' }).getByTestId('alert-status').textContent()).toBe(
      'Resolved',
    );
    // Each row names its incident by number.
    const incidents = await api<{ items: Array<{ id: string; number: number; title: string }> }>(
      'GET',
      '/api/v1/incidents?status=triggered',
    );
    const incident = incidents.items.find((item) => item.title === 'Replica lag 90s on db2')!;
    expect(await lag.getByRole('link', { name: 'Incident of Replica lag 90s on db2' }).textContent()).toBe(
      `#${incident.number}`,
    );
    await page.screenshot({ path: '/tmp/alerts-list.png', fullPage: true });

    // Only resolved: the triggered one goes.
    const filters = page.getByRole('form', { name: 'Filter alerts' });
    for (const status of ['Triggered', 'Acknowledged', 'Suppressed'])
      await filters.getByRole('checkbox', { name: status }).uncheck();
    await rows.filter({ hasText: 'Replica lag 90s on db2' }).waitFor({ state: 'detached' });
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Disk 91% full on db1')]);
    // The filters are in the URL: a reload (or a shared link) shows the same list.
    expect(new URL(page.url()).searchParams.get('status')).toBe('resolved');
    await page.reload();
    await rows.filter({ hasText: 'Disk 91% full on db1' }).waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Disk 91% full on db1')]);
    expect(await filters.getByRole('checkbox', { name: 'Triggered' }).isChecked()).toBe(false);
    expect(await filters.getByRole('checkbox', { name: 'Resolved' }).isChecked()).toBe(true);
    // Another service has none.
    await filters.getByLabel('Service').selectOption({ label: 'Search' });
    await page.getByRole('heading', { name: 'No alerts match' }).waitFor();
    await filters.getByLabel('Service').selectOption({ label: 'Database' });
    await filters.getByRole('checkbox', { name: 'Triggered' }).check();
    await lag.waitFor();

    await lag.getByRole('link', { name: 'Replica lag 90s on db2', exact: true }).click();
    await page.waitForURL(/\/app\/alerts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Replica lag 90s on db2', level: 1 }).waitFor();
    const summary = page.getByRole('region', { name: 'Summary' });
    expect(await summary.getByTestId('alert-status').textContent()).toBe('Triggered');
    expect(await summary.textContent()).toContain('postgres');
    expect(await summary.textContent()).toContain('replica-lag');
    expect(await summary.getByRole('link', { name: 'Replication dashboard' }).getAttribute('href')).toBe(
      'https://grafana.example.com/d/replication',
    );
    const raw = await page.getByTestId('alert-raw').textContent();
    expect(raw).toContain('"dedup_key": "replica-lag"');
    expect(raw).toContain('"lagSeconds": 120'); // the latest

    // Both triggers are in its log, newest first; each opens to the payload it came with.
    const events = page.getByTestId('alert-event');
    await events.nth(1).waitFor();
    expect(await events.count()).toBe(2);
    for (const i of [0, 1]) {
      expect(await events.nth(i).getByTestId('alert-event-action').textContent()).toBe('Trigger');
      expect(await events.nth(i).locator('summary').textContent()).toContain('Replica lag 90s on db2');
    }
    const [newest, first] = [
      events.nth(0).getByTestId('alert-event-payload'),
      events.nth(1).getByTestId('alert-event-payload'),
    ];
    expect(await first.isVisible()).toBe(false);
    await events.nth(1).locator('summary').click();
    await first.waitFor();
    expect(await first.textContent()).toContain('"lagSeconds": 90');
    expect(await first.textContent()).not.toContain(routingKey);
    await events.nth(0).locator('summary').click();
    expect(await newest.textContent()).toContain('"lagSeconds": 120');

    const incidentLink = page
      .getByTestId('alert-incident')
      .getByRole('link', { name: `#${incident.number} Replica lag 90s on db2` });
    await incidentLink.waitFor();
    await page.screenshot({ path: '/tmp/alert-detail.png', fullPage: true });
    await incidentLink.click();
    await page.waitForURL(`**/app/incidents/${incident.id}`);
    await page.getByTestId('alert-item').filter({ hasText: 'Replica lag 90s on db2' }).waitFor();
  });
});
