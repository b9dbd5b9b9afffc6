/**
 * Services in a real browser: an admin opens a service, adds an integration
 * key, and sees the URL to paste into the sender, the same one the API
 * gives; then schedules a maintenance window. Admins create services.
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
    serviceId = (await api<{ id: string }>('POST', '/api/v1/services', { slug: 'storage', name: 'Storage', escalationPolicyId: policy.id })).id;
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
});

