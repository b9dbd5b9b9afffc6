/**
 * Services in a real browser: an admin opens a service, adds an integration
 * key, and sees the URL to paste into the sender, the same one the API
 * gives; then schedules a maintenance window. Admins create services, edit
 * their urgency rules, business hours, grouping, targets and notice channels,
 * rotate and rename keys, and
 * delete services (refused, with the server's reason, once one has incidents).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startHarness, type Harness } from './support/harness.js';

describe('The service page', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let serviceId: string;

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await h.app.request(method, path, { token: admin.token, body });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Storage primary',
      levels: [{ delayMinutes: 10, targets: [{ type: 'user', id: admin.id }] }],
    });
    serviceId = (
      await api<{ id: string }>('POST', '/api/v1/services', {
        slug: 'storage',
        name: 'Storage',
        escalationPolicyId: policy.id,
      })
    ).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it("shows a new key's URL to paste, as the API gives it, and schedules maintenance", async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
    await page.getByTestId('service-row').getByRole('link', { name: 'Storage' }).click();
    await page.waitForURL(`**/app/services/${serviceId}`);
    expect(await page.getByTestId('service-policy').textContent()).toBe('Storage primary');

    await page.getByLabel('Type').selectOption('alertmanager');
    await page.getByLabel('Name (optional)').fill('prod alertmanager');
    await page.getByRole('button', { name: 'Add key' }).click();
    const key = page.getByTestId('integration-key').filter({ hasText: 'prod alertmanager' });
    await key.waitFor();

    const keys = await api<{ items: Array<{ name: string; endpoints: Array<{ value: string }> }> }>(
      'GET',
      `/api/v1/services/${serviceId}/integration-keys`,
    );
    const created = keys.items.find((item) => item.name === 'prod alertmanager');
    expect(created?.endpoints.length).toBeGreaterThan(0);
    const shown = await key.getByTestId('endpoint').allTextContents();
    expect(shown.map((text) => text.trim())).toEqual(created!.endpoints.map((endpoint) => endpoint.value));
    expect(shown[0]).toContain('/api/v1/ingest/alertmanager/');

    await page.getByLabel('Reason (optional)').fill('disk swap');
    await page.getByRole('button', { name: 'Schedule maintenance' }).click();
    await page.getByTestId('maintenance-row').filter({ hasText: 'disk swap' }).waitFor();
    await page.getByText('In maintenance').waitFor();
    await page.screenshot({ path: '/tmp/service-page.png', fullPage: true });
  });

  it('adds a generic webhook key with a field mapping, and events sent to it follow the mapping', async () => {
    // A service of its own: Storage is in maintenance by now, which would suppress the alert.
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Builds',
      levels: [{ delayMinutes: 10, targets: [{ type: 'user', id: admin.id }] }],
    });
    const builds = (
      await api<{ id: string }>('POST', '/api/v1/services', {
        slug: 'builds',
        name: 'Builds',
        escalationPolicyId: policy.id,
      })
    ).id;
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto(`/app/services/${builds}`);
    await page.getByLabel('Type').selectOption('webhook');
    await page.getByLabel('Name (optional)').fill('build bot');
    await page.getByLabel('Summary is at').fill('alert.title');
    await page.getByLabel('Dedup key is at').fill('alert.id');
    await page.getByLabel('Severity is at (optional)').fill('');
    await page.getByLabel('Action is at (optional: else every request triggers)').fill('state');
    await page.getByLabel('Values that trigger (comma-separated)').fill('firing, alerting');
    await page.getByLabel('Values that resolve (comma-separated)').fill('ok');
    await page.getByRole('button', { name: 'Add key' }).click();
    const key = page.getByTestId('integration-key').filter({ hasText: 'build bot' });
    await key.waitFor();
    const url = new URL((await key.getByTestId('endpoint').first().textContent())!.trim());
    expect(url.pathname).toMatch(/^\/api\/v1\/ingest\/webhook\/\w+$/);

    const send = async (state: string) => {
      const response = await h.app.request('POST', url.pathname, {
        body: { state, alert: { id: 'build-42', title: 'Nightly build broken' } },
      });
      expect(response.status).toBe(202);
      await h.app.app.engine.runDue();
    };
    await send('alerting');
    const alerts = async () =>
      (
        await api<{ items: Array<{ dedupKey: string; summary: string; status: string; severity: string }> }>(
          'GET',
          `/api/v1/alerts?serviceId=${builds}`,
        )
      ).items.filter((a) => a.dedupKey === 'build-42');
    expect(await alerts()).toEqual([expect.objectContaining({ summary: 'Nightly build broken', status: 'triggered' })]);
    await send('ok');
    expect(await alerts()).toEqual([expect.objectContaining({ status: 'resolved' })]);
  });

  it('lets an admin create a service with a policy, and opens its page', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto('/app/services');
    const form = page.getByRole('form', { name: 'Create a service' });
    await form.getByLabel('Name').fill('Billing API');
    expect(await form.getByLabel('Slug').inputValue()).toBe('billing-api');
    await form.getByLabel('Escalation policy').selectOption({ label: 'Storage primary' });
    await form.getByRole('button', { name: 'Create service' }).click();

    await page.getByRole('heading', { name: 'Billing API', level: 1 }).waitFor();
    expect(await page.getByTestId('service-policy').textContent()).toBe('Storage primary');
    const created = await api<{ escalationPolicy: { name: string } }>('GET', '/api/v1/services/billing-api');
    expect(created.escalationPolicy.name).toBe('Storage primary');
  });

  it("edits a service's urgency rule and business hours, and shows them saved", async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto(`/app/services/${serviceId}`);
    const rules = page.getByTestId('urgency-rule');
    expect(await rules.nth(2).textContent()).toBe('Warning: low urgency, P3');

    await page.getByRole('button', { name: 'Edit service' }).click();
    const form = page.getByRole('form', { name: 'Edit Storage' });
    const third = form.getByRole('group', { name: 'Rule 3' });
    await third.getByLabel('Urgency').selectOption('high');
    await third.getByLabel('Priority').selectOption('P2');
    await form.getByLabel('Description').fill('Disks and object storage');
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByRole('checkbox', { name: 'Low urgency pages only during business hours' }).check();
    await form.getByRole('checkbox', { name: 'Friday' }).uncheck();
    await form.getByLabel('Starts at').fill('08:00');
    await form.getByLabel('Ends at').fill('18:00');
    await page.screenshot({ path: '/tmp/service-edit-form.png', fullPage: true });
    await form.getByRole('button', { name: 'Save service' }).click();

    await page.getByText('The service is saved.').waitFor();
    await rules.nth(2).filter({ hasText: 'Warning: high urgency, P2' }).waitFor();
    expect(await page.getByTestId('service-business-hours').textContent()).toBe('Mon–Thu 08:00–18:00');
    expect(await page.getByText('Disks and object storage').count()).toBe(1);
    await page.screenshot({ path: '/tmp/service-edited.png', fullPage: true });

    const saved = await api<{ timeZone: string; businessHours: unknown; urgencyRules: unknown[] }>(
      'GET',
      `/api/v1/services/${serviceId}`,
    );
    expect(saved.timeZone).toBe('Europe/Berlin');
    expect(saved.businessHours).toEqual({ days: [1, 2, 3, 4], start: '08:00', end: '18:00' });
    expect(saved.urgencyRules[2]).toEqual({ when: { severity: ['warning'] }, urgency: 'high', priority: 'P2' });
    expect(saved.urgencyRules).toHaveLength(4);
  });

  it('edits how alerts group, the targets, and the channel new incidents are posted to', async () => {
    const channel = await api<{ id: string }>('POST', '/api/v1/channels', {
      type: 'webhook',
      name: 'ops-hooks',
      target: 'https://hooks.example.com/ops',
    });
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto(`/app/services/${serviceId}`);
    expect(await page.getByTestId('service-grouping').textContent()).toBe('One incident per alert (by its dedup key)');
    expect(await page.getByTestId('service-notice-channels').textContent()).toBe('No chat channel');

    await page.getByRole('button', { name: 'Edit service' }).click();
    const form = page.getByRole('form', { name: 'Edit Storage' });
    await form.getByLabel('Alerts make incidents').selectOption('window');
    await form.getByLabel('Shared field').selectOption('component');
    await form.getByLabel('Window (minutes)').fill('20');
    await form.getByLabel('High urgency: acknowledge within (minutes)').fill('5');
    await form.getByLabel('High urgency: resolve within (minutes)').fill('120');
    await form.getByRole('checkbox', { name: 'ops-hooks (webhook)' }).check();
    await page.screenshot({ path: '/tmp/service-edit-grouping.png', fullPage: true });
    await form.getByRole('button', { name: 'Save service' }).click();

    await page.getByText('The service is saved.').waitFor();
    // (The saved service is read again after the message shows.)
    await page
      .getByTestId('service-grouping')
      .filter({ hasText: 'Alerts with the same component within 20 minutes share an incident' })
      .waitFor();
    expect(await page.getByTestId('service-targets').textContent()).toMatch(
      /^High urgency: acknowledge within 5 min, resolve within 2 h; low urgency: /,
    );
    await page.getByTestId('service-notice-channels').filter({ hasText: 'ops-hooks' }).waitFor();
    const saved = await api<{ grouping: unknown; slaTargets: { high: unknown }; noticeChannelIds: string[] }>(
      'GET',
      `/api/v1/services/${serviceId}`,
    );
    expect(saved.grouping).toEqual({ mode: 'window', field: 'component', windowMinutes: 20 });
    expect(saved.slaTargets.high).toEqual({ ackMinutes: 5, resolveMinutes: 120 });
    expect(saved.noticeChannelIds).toEqual([channel.id]);

    // A resolve target shorter than the acknowledge one: the server's reason, nothing saved.
    await page.getByRole('button', { name: 'Edit service' }).click();
    await form.getByLabel('High urgency: resolve within (minutes)').fill('3');
    await form.getByRole('button', { name: 'Save service' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: /resolveMinutes must not be shorter than ackMinutes/ })
      .waitFor();
    expect(
      (await api<{ slaTargets: { high: unknown } }>('GET', `/api/v1/services/${serviceId}`)).slaTargets.high,
    ).toEqual({ ackMinutes: 5, resolveMinutes: 120 });
  });

  it('rotates a key and shows the new routing key and URL, then renames it', async () => {
    const before = await api<{ id: string; routingKey: string }>(
      'POST',
      `/api/v1/services/${serviceId}/integration-keys`,
      { type: 'grafana', name: 'grafana prod' },
    );
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto(`/app/services/${serviceId}`);
    const key = page.getByTestId('integration-key').filter({ hasText: 'grafana prod' });
    expect(await key.getByTestId('routing-key').textContent()).toBe(before.routingKey);

    await key.getByRole('button', { name: 'Rotate key grafana prod' }).click();
    await key.getByText('The old routing key stops working within seconds.').waitFor();
    await key.getByRole('button', { name: 'Yes, rotate “grafana prod”' }).click();
    const notice = page.getByTestId('rotated-key');
    await notice.getByRole('heading', { name: 'New routing key for “grafana prod”' }).waitFor();
    const shownKey = (await notice.getByTestId('routing-key').textContent())!.trim();
    expect(shownKey).toMatch(/^[0-9a-f]{32}$/);
    expect(shownKey).not.toBe(before.routingKey);
    expect(await notice.getByTestId('endpoint').textContent()).toContain(`/api/v1/ingest/grafana/${shownKey}`);
    // The list shows the new key too, and the API agrees.
    await key.getByTestId('routing-key').filter({ hasText: shownKey }).waitFor();
    const keys = await api<{ items: Array<{ id: string; routingKey: string }> }>(
      'GET',
      `/api/v1/services/${serviceId}/integration-keys`,
    );
    expect(keys.items.find((item) => item.id === before.id)?.routingKey).toBe(shownKey);
    await page.screenshot({ path: '/tmp/service-key-rotated.png', fullPage: true });
    await notice.getByRole('button', { name: 'Done' }).click();
    await notice.waitFor({ state: 'detached' });

    await key.getByRole('button', { name: 'Rename key grafana prod' }).click();
    await key.getByLabel('New name').fill('grafana production');
    await key.getByRole('button', { name: 'Save name' }).click();
    await page.getByTestId('integration-key').filter({ hasText: 'grafana production' }).waitFor();
  });

  it("refuses to delete a service that has incidents, with the server's reason, and deletes one that has none", async () => {
    const policyId = (await api<{ escalationPolicy: { id: string } }>('GET', `/api/v1/services/${serviceId}`))
      .escalationPolicy.id;
    const busy = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'queue',
      name: 'Queue',
      escalationPolicyId: policyId,
    });
    await api('POST', '/api/v1/incidents', { serviceId: busy.id, title: 'Queue backed up' });
    const idle = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'sandbox',
      name: 'Sandbox',
      escalationPolicyId: policyId,
    });

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto(`/app/services/${busy.id}`);
    await page.getByRole('button', { name: 'Delete service' }).click();
    await page.getByRole('button', { name: 'Yes, delete Queue' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'Service queue has incidents, whose history must stay: disable it instead',
    );
    expect(new URL(page.url()).pathname).toBe(`/app/services/${busy.id}`);

    await page.goto(`/app/services/${idle.id}`);
    await page.getByRole('button', { name: 'Delete service' }).click();
    await page.getByRole('button', { name: 'Yes, delete Sandbox' }).click();
    await page.waitForURL('**/app/services');
    await page.getByTestId('service-row').filter({ hasText: 'Queue' }).waitFor();
    expect(await page.getByTestId('service-row').filter({ hasText: 'Sandbox' }).count()).toBe(0);
    expect((await h.app.request('GET', `/api/v1/services/${idle.id}`, { token: admin.token })).status).toBe(404);
  });
});
