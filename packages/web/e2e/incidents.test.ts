/**
 * Incidents in a real browser: a responder acknowledges, then resolves, an
 * incident from its own page; the status shown changes and the API agrees.
 * Notes land on the timeline; the alerts behind an incident show their
 * links, trigger count and raw payload. Reassigning to an escalation policy
 * shows on the timeline; the list pages with "Load more", keeping its filters,
 * and filters by team.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameOf, signIn, startHarness, type Harness } from './support/harness.js';

describe('The incident page', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let responder: { id: string; email: string; token: string };
  let serviceId: string;

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await h.app.request(method, path, { token: admin.token, body });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function declare(title: string): Promise<{ id: string; number: number }> {
    return api('POST', '/api/v1/incidents', { serviceId, title });
  }

  async function statusShown(page: Page): Promise<string> {
    return (
      (await page.getByRole('region', { name: 'Summary' }).getByTestId('incident-status').textContent()) ?? ''
    ).trim();
  }

  async function waitForStatus(page: Page, text: string): Promise<void> {
    await page
      .getByRole('region', { name: 'Summary' })
      .getByTestId('incident-status')
      .filter({ hasText: text })
      .waitFor();
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    responder = await h.app.createUserWithToken('responder');
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Checkout primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: responder.id }] }],
    });
    const service = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'checkout',
      name: 'Checkout',
      escalationPolicyId: policy.id,
    });
    serviceId = service.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('acknowledges from the incident page', async () => {
    const incident = await declare('Checkout returns 502');
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.getByRole('link', { name: 'Checkout returns 502' }).click();
    await page.waitForURL(`**/app/incidents/${incident.id}`);
    await page.getByRole('heading', { name: `#${incident.number} Checkout returns 502` }).waitFor();
    expect(await statusShown(page)).toBe('Triggered');
    await page.screenshot({ path: '/tmp/incident-triggered.png', fullPage: true });

    await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await waitForStatus(page, 'Acknowledged');
    expect(await page.getByRole('button', { name: 'Acknowledge', exact: true }).count()).toBe(0);
    await page
      .getByTestId('timeline')
      .getByText(/acknowledged/i)
      .first()
      .waitFor();

    await page.getByLabel('Note', { exact: true }).fill('Rolled back the 14:02 deploy');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('timeline').getByText('Rolled back the 14:02 deploy').waitFor();
    // Done in the browser, with the session cookie: the entry says it came from the web UI.
    await page
      .getByTestId('timeline')
      .locator('li', { hasText: 'Rolled back the 14:02 deploy' })
      .getByTestId('timeline-source')
      .filter({ hasText: 'via web' })
      .waitFor();

    const after = await api<{ status: string; acknowledgedBy: { id: string } | null }>(
      'GET',
      `/api/v1/incidents/${incident.id}`,
    );
    expect(after.status).toBe('acknowledged');
    expect(after.acknowledgedBy?.id).toBe(responder.id);
    await page.screenshot({ path: '/tmp/incident-acknowledged.png', fullPage: true });
  });

  it('escalates now from the incident page: the next level is paged without waiting', async () => {
    const second = await h.app.createUserWithToken('responder');
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Payments two levels',
      levels: [
        { delayMinutes: 30, targets: [{ type: 'user', id: responder.id }] },
        { delayMinutes: 30, targets: [{ type: 'user', id: second.id }] },
      ],
    });
    const payments = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'payments',
      name: 'Payments',
      escalationPolicyId: policy.id,
    });
    const incident = await api<{ id: string; number: number }>('POST', '/api/v1/incidents', {
      serviceId: payments.id,
      title: 'Refunds stuck in pending',
    });
    await h.app.app.engine.runDue();

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto(`/app/incidents/${incident.id}`);
    await page.getByRole('heading', { name: `#${incident.number} Refunds stuck in pending` }).waitFor();
    await page.getByRole('button', { name: 'Escalate now' }).click();
    await page
      .getByTestId('timeline')
      .getByText(/escalated to the next level now/)
      .waitFor();
    // The engine (run by hand in this harness) pages level 2 at once, not in 30 minutes.
    await h.app.app.engine.runDue();
    const after = await api<{ escalation: { level: number }; assignees: Array<{ id: string }> }>(
      'GET',
      `/api/v1/incidents/${incident.id}`,
    );
    expect(after).toMatchObject({ escalation: { level: 2 }, assignees: [{ id: second.id }] });
  });

  it('resolves from the incident page', async () => {
    const incident = await declare('Payments queue stuck');
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto(`/app/incidents/${incident.id}`);
    await waitForStatus(page, 'Triggered');

    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await waitForStatus(page, 'Resolved');
    expect(await page.getByRole('region', { name: 'Respond' }).count()).toBe(0);

    const after = await api<{ status: string; resolvedBy: { id: string } | null }>(
      'GET',
      `/api/v1/incidents/${incident.id}`,
    );
    expect(after.status).toBe('resolved');
    expect(after.resolvedBy?.id).toBe(responder.id);
    await page.screenshot({ path: '/tmp/incident-resolved.png', fullPage: true });

    await page.getByRole('link', { name: '← Incidents' }).click();
    await page.getByRole('checkbox', { name: 'Resolved' }).check();
    const row = page.getByTestId('incident-row').filter({ hasText: 'Payments queue stuck' });
    await row.getByTestId('incident-status').filter({ hasText: 'Resolved' }).waitFor();
    await page.screenshot({ path: '/tmp/incidents-list.png', fullPage: true });
  });

  it('reassigns to a person and snoozes from the incident page', async () => {
    const incident = await declare('Search latency high');
    const adminName = await nameOf(h.app, admin.token, admin.id);
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto(`/app/incidents/${incident.id}`);
    await waitForStatus(page, 'Triggered');

    await page.getByLabel('Reassign to').selectOption({ label: `${adminName} (${admin.email})` });
    await page.getByRole('button', { name: 'Reassign', exact: true }).click();
    await page.getByTestId('incident-assignees').filter({ hasText: adminName }).waitFor();

    await page.getByLabel('Snooze for (minutes)').fill('20');
    await page.getByRole('button', { name: 'Snooze', exact: true }).click();
    await waitForStatus(page, 'Acknowledged');
    await page.getByText('Snoozed until').waitFor();

    const after = await api<{ status: string; snoozedUntil: string | null; assignees: Array<{ id: string }> }>(
      'GET',
      `/api/v1/incidents/${incident.id}`,
    );
    expect(after.status).toBe('acknowledged');
    expect(after.snoozedUntil).not.toBeNull();
    expect(after.assignees.map((assignee) => assignee.id)).toContain(admin.id);
  });

  it('shows the alerts behind an incident: links, trigger count and the raw payload', async () => {
    const key = await api<{ routingKey: string }>('POST', `/api/v1/services/${serviceId}/integration-keys`, {
      type: 'events_v2',
    });
    const event = {
      routing_key: key.routingKey,
      event_action: 'trigger',
      dedup_key: 'disk-db1',
      payload: {
        summary: 'Disk 95% full on db1',
        source: 'db1',
        severity: 'critical',
        custom_details: { mount: '/var/lib/pg' },
      },
      links: [{ href: 'https://grafana.example.com/d/disk', text: 'Disk dashboard' }],
    };
    for (let i = 0; i < 2; i++) {
      const response = await h.app.request('POST', '/v2/enqueue', { body: event });
      expect(response.status).toBe(202);
    }
    // The harness runs no engine loop: process the accepted events by hand.
    await h.app.app.engine.runDue();
    const open = await api<{ items: Array<{ id: string; title: string }> }>(
      'GET',
      `/api/v1/incidents?serviceId=${serviceId}&status=triggered`,
    );
    const incident = open.items.find((item) => item.title.includes('Disk 95% full'));
    expect(incident).toBeDefined();

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto(`/app/incidents/${incident!.id}`);
    const alert = page.getByTestId('alert-item').filter({ hasText: 'Disk 95% full on db1' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('2 times');
    expect(await alert.getByRole('link', { name: 'Disk dashboard' }).getAttribute('href')).toBe(
      'https://grafana.example.com/d/disk',
    );

    await alert.getByText('Raw payload').click();
    await alert.locator('pre.payload').waitFor();
    expect(await alert.locator('pre.payload').textContent()).toContain('/var/lib/pg');
    await page.screenshot({ path: '/tmp/incident-alerts.png', fullPage: true });
  });

  it('reassigns to an escalation policy, and the timeline and summary say so', async () => {
    await api('POST', '/api/v1/escalation-policies', {
      name: 'Checkout backup',
      levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: admin.id }] }],
    });
    const incident = await declare('Checkout slow in eu-west');
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto(`/app/incidents/${incident.id}`);
    await waitForStatus(page, 'Triggered');

    await page.getByLabel('Reassign to').selectOption({ label: 'Checkout backup' });
    await page.getByRole('button', { name: 'Reassign', exact: true }).click();
    await page
      .getByTestId('timeline')
      .getByText(/Reassigned to escalation policy Checkout backup by .*: escalation starts over from its level 1/)
      .waitFor();
    // The timeline and the summary refresh separately: wait for the summary too.
    await page.getByRole('region', { name: 'Summary' }).getByText('Checkout backup').first().waitFor();
    expect(await page.getByRole('region', { name: 'Summary' }).textContent()).toContain('Checkout backup');

    const after = await api<{ escalation: { policy: { name: string } } }>('GET', `/api/v1/incidents/${incident.id}`);
    expect(after.escalation.policy.name).toBe('Checkout backup');
  });

  it('shows the next page of the list with "Load more", keeping the filters', async () => {
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Inventory primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: responder.id }] }],
    });
    const inventory = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'inventory',
      name: 'Inventory',
      escalationPolicyId: policy.id,
    });
    // One page is 50: 53 incidents on Inventory make a second page of 3.
    for (let i = 1; i <= 53; i++)
      await api('POST', '/api/v1/incidents', { serviceId: inventory.id, title: `Inventory sync failed (${i})` });

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto('/app/incidents');
    await page
      .getByRole('form', { name: 'Filter incidents' })
      .getByLabel('Service')
      .selectOption({ label: 'Inventory' });
    const rows = page.getByTestId('incident-row');
    await rows.filter({ hasText: 'Inventory sync failed (53)' }).waitFor();
    // The filter is in the URL: opening that link shows the same list.
    expect(new URL(page.url()).searchParams.get('service')).toBe(inventory.id);
    await page.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    await rows.filter({ hasText: 'Inventory sync failed (53)' }).waitFor();
    // (The service's option appears once the services have loaded.)
    await expect
      .poll(() => page.getByRole('form', { name: 'Filter incidents' }).getByLabel('Service').inputValue())
      .toBe(inventory.id);
    await page.getByTestId('shown-count').filter({ hasText: 'Showing the newest 50 matching incidents.' }).waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.filter({ hasText: 'Inventory sync failed (3)' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByTestId('shown-count').filter({ hasText: 'Showing all 53 matching incidents.' }).waitFor();
    const titles = await rows.getByRole('link').allTextContents();
    expect(titles).toHaveLength(53);
    expect(titles.at(-1)).toBe('Inventory sync failed (1)');
    expect(titles.every((title) => title.startsWith('Inventory sync failed'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/incidents-load-more.png', fullPage: true });
  });
  it('filters the list by team: the incidents of the services the team owns, kept in the URL', async () => {
    const team = await api<{ id: string }>('POST', '/api/v1/teams', { slug: 'storefront', name: 'Storefront' });
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Storefront primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: responder.id }] }],
    });
    const owned = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'web-shop',
      name: 'Web shop',
      teamId: team.id,
      escalationPolicyId: policy.id,
    });
    await api('POST', '/api/v1/incidents', { serviceId: owned.id, title: 'Web shop basket empties itself' });
    await declare('Checkout card form frozen'); // Checkout has no team

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto('/app/incidents');
    const rows = page.getByTestId('incident-row');
    await rows.filter({ hasText: 'Checkout card form frozen' }).waitFor();
    const filters = page.getByRole('form', { name: 'Filter incidents' });
    await filters.getByLabel('Team').selectOption({ label: 'Storefront' });
    await rows.filter({ hasText: 'Checkout card form frozen' }).waitFor({ state: 'detached' });
    expect(await rows.getByRole('link').allTextContents()).toEqual(['Web shop basket empties itself']);
    expect(new URL(page.url()).searchParams.get('team')).toBe(team.id);
    await page.reload();
    await rows.filter({ hasText: 'Web shop basket empties itself' }).waitFor();
    expect(await rows.count()).toBe(1);
    await expect.poll(() => filters.getByLabel('Team').inputValue()).toBe(team.id);
    await filters.getByLabel('Team').selectOption({ label: 'All teams' });
    await rows.filter({ hasText: 'Checkout card form frozen' }).waitFor();
  });
});
