/**
 * On-call health in the Analytics area, in a real browser: a person paged at
 * night in their own zone shows one sleep-hours interruption, an alert shows
 * among the noisiest; the page is no wider than a 390 px phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/src/lib/ids.js';
import { updateUser } from '../../server/src/modules/users/index.js';
import { apiAs, signIn, startHarness, type Harness } from './support/harness.js';

describe('Analytics: on-call health', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    await updateUser(h.app.ctx, admin.id, { name: 'Ada Night', timeZone: 'Europe/Paris' });
    const api = apiAs(h.app, admin.token);
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Primary',
      levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: admin.id }] }],
    });
    const service = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'login',
      name: 'Login',
      escalationPolicyId: policy.id,
    });
    // 02:30 UTC yesterday is 03:30 in Paris: a sleep-hours interruption.
    const today = h.app.clock.now();
    const at = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, 2, 30));
    const incidentId = newId(at);
    await h.app.ctx.db
      .insertInto('incidents')
      .values({
        id: incidentId,
        service_id: service.id,
        title: 'Disk full',
        status: 'triggered',
        urgency: 'high',
        priority: null,
        group_key: null,
        triggered_at: at,
        created_by: 'test',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await h.app.ctx.db
      .insertInto('notifications')
      .values({
        id: newId(at),
        idempotency_key: `e2e-oncall-${incidentId}`,
        kind: 'page',
        incident_id: incidentId,
        user_id: admin.id,
        status: 'sent',
        send_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await h.app.ctx.db
      .insertInto('alerts')
      .values({
        id: newId(at),
        service_id: service.id,
        integration_key_id: null,
        incident_id: incidentId,
        dedup_key: 'disk-full',
        status: 'triggered',
        summary: 'Disk /var is 98% full',
        severity: 'critical',
        raw: '{}',
        trigger_count: 7,
        first_triggered_at: at,
        last_triggered_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows interruptions by the hours of each person and the noisiest alerts, at desktop and phone width', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, admin.email);
    await page.goto('/app/analytics');
    const panel = page.getByRole('region', { name: 'On-call health' });
    const person = panel.getByRole('table', { name: 'Interruptions and time on call per person' });
    await person.getByText('Ada Night').waitFor();
    const cells = await person.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(1, 5)).toEqual(['1', '0', '0', '1']); // total, business, off, sleep
    expect(await panel.getByRole('table', { name: 'Noisiest alerts' }).textContent()).toContain(
      'Disk /var is 98% full',
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await person.getByText('Ada Night').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(
      0,
    );
  });
});
