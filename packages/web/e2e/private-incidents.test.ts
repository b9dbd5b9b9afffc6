/**
 * Private incidents and followers in a real browser (ADR 18, issue #12): the
 * owner makes an incident private after a confirmation that names who will
 * stop seeing it; the incident page and the list show the lock; a second
 * user who is no member no longer finds it in the list and gets "not found"
 * on its page, until the owner adds them as a follower. A viewer follows and
 * unfollows an incident. An admin names the security team and sees who is
 * on it; its members then see the private incident.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, nameOf, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

interface Created {
  id: string;
  number: number;
}

type Person = { id: string; email: string; token: string };

describe('Private incidents and followers', () => {
  let h: Harness;
  let admin: Person;
  let olive: Person; // declares, so owns the incidents
  let nina: Person; // a responder who is no member
  let sam: Person; // a responder, put on the security team
  let asOlive: ApiCall;
  let serviceId: string;

  async function openAs(person: Person, path: string): Promise<Page> {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, person.email);
    await page.goto(path);
    return page;
  }

  const declare = (title: string) =>
    asOlive<Created>('POST', '/api/v1/incidents', { serviceId, title, severity: 'S3', page: 'none' });

  /** The incident list once it has loaded (the public incident is always in it). */
  async function listTitles(page: Page): Promise<string[]> {
    await page.goto('/app/incidents');
    await page.getByRole('link', { name: 'Public: search slow' }).waitFor();
    return page.getByTestId('incident-row').getByRole('link').allTextContents();
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    olive = await h.app.createUserWithToken('responder');
    nina = await h.app.createUserWithToken('responder');
    sam = await h.app.createUserWithToken('responder');
    asOlive = apiAs(h.app, olive.token);
    const asAdmin = apiAs(h.app, admin.token);
    const policy = await asAdmin<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Payments primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: olive.id }] }],
    });
    serviceId = (
      await asAdmin<{ id: string }>('POST', '/api/v1/services', {
        slug: 'payments',
        name: 'Payments',
        escalationPolicyId: policy.id,
      })
    ).id;
    await declare('Public: search slow');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('makes an incident private: a non-member loses it from the list and gets "not found", until added as a follower', async () => {
    const incident = await declare('Leaked API key');
    const ninaName = await nameOf(h.app, admin.token, nina.id);
    const ninaPage = await openAs(nina, '/app/incidents');
    expect(await listTitles(ninaPage)).toContain('Leaked API key');

    const page = await openAs(olive, `/app/incidents/${incident.id}`);
    const panel = page.getByRole('region', { name: 'Visibility and followers' });
    await panel.getByText('Everyone signed in sees this incident.').waitFor();
    await panel.getByRole('button', { name: 'Make private…' }).click();
    const confirm = panel.getByRole('alertdialog', { name: 'Confirm visibility' });
    // It says who will stop seeing it: Nina among them; the owner (a role holder) and admins keep it.
    await confirm.getByText(/will stop seeing it unless they are on the security team: /).waitFor();
    const warning = (await confirm.textContent()) ?? '';
    expect(warning).toContain(ninaName);
    expect(warning).not.toContain(await nameOf(h.app, admin.token, olive.id));
    expect(warning).not.toContain(await nameOf(h.app, admin.token, admin.id));
    await confirm.getByRole('button', { name: 'Yes, make it private' }).click();
    await panel.getByTestId('incident-private').waitFor();
    await page.getByRole('region', { name: 'Summary' }).getByTestId('incident-private').waitFor();
    const response = await asOlive<{ private: boolean }>('GET', `/api/v1/incidents/${incident.id}/response`);
    expect(response.private).toBe(true);

    // The owner's list shows the lock on that row only.
    await page.goto('/app/incidents');
    const row = page.getByTestId('incident-row').filter({ hasText: 'Leaked API key' });
    await row.getByTestId('incident-private').waitFor();
    expect(
      await page
        .getByTestId('incident-row')
        .filter({ hasText: 'Public: search slow' })
        .getByTestId('incident-private')
        .count(),
    ).toBe(0);

    // Nina: gone from the list, and its page is "not found", as for an incident that does not exist.
    expect(await listTitles(ninaPage)).not.toContain('Leaked API key');
    await ninaPage.goto(`/app/incidents/${incident.id}`);
    await ninaPage
      .getByRole('alert')
      .filter({ hasText: /not found/i })
      .waitFor();
    expect(await ninaPage.getByText('Leaked API key').count()).toBe(0);

    // The owner adds Nina as a follower: she sees it; removed, she no longer does.
    await page.goto(`/app/incidents/${incident.id}`);
    await panel.getByRole('form', { name: 'Add a follower' }).getByLabel('Person to add').selectOption(nina.id);
    await panel.getByRole('button', { name: 'Add follower' }).click();
    await panel.getByRole('list', { name: 'Followers' }).getByText(ninaName).waitFor();
    await ninaPage.reload();
    await ninaPage.getByRole('heading', { name: `#${incident.number} Leaked API key` }).waitFor();
    await panel.getByRole('button', { name: `Remove ${ninaName} from the followers` }).click();
    await panel.getByText('Nobody follows it yet.').waitFor();
    await ninaPage.reload();
    await ninaPage
      .getByRole('alert')
      .filter({ hasText: /not found/i })
      .waitFor();
  });

  it('a viewer follows and unfollows an incident', async () => {
    const viewer = await h.app.createUserWithToken('viewer');
    const incident = await declare('Card payments declined');
    const page = await openAs(viewer, `/app/incidents/${incident.id}`);
    const panel = page.getByRole('region', { name: 'Visibility and followers' });
    await panel.getByText('Nobody follows it yet.').waitFor();
    // A viewer may not make it private: the control is not offered.
    expect(await panel.getByRole('button', { name: /Make private/ }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Follow', exact: true }).click();
    await panel.getByRole('list', { name: 'Followers' }).getByText('(you)').waitFor();
    const followed = await asOlive<{ stakeholders: Array<{ user: { id: string }; reason: string }> }>(
      'GET',
      `/api/v1/incidents/${incident.id}/response`,
    );
    expect(followed.stakeholders).toEqual([{ user: expect.objectContaining({ id: viewer.id }), reason: 'subscriber' }]);
    await panel.getByRole('button', { name: 'Unfollow' }).click();
    await panel.getByText('Nobody follows it yet.').waitFor();
    await panel.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    const unfollowed = await asOlive<{ stakeholders: unknown[] }>('GET', `/api/v1/incidents/${incident.id}/response`);
    expect(unfollowed.stakeholders).toEqual([]);
  });

  it('an admin names the security team and sees who is on it; its members see private incidents', async () => {
    const asAdmin = apiAs(h.app, admin.token);
    const team = await asAdmin<{ id: string }>('POST', '/api/v1/teams', { slug: 'security', name: 'Security' });
    await asAdmin('PUT', `/api/v1/teams/${team.id}/members/${sam.id}`, { role: 'member' });
    const incident = await declare('Suspicious logins');
    await asOlive('PUT', `/api/v1/incidents/${incident.id}/privacy`, { private: true });
    expect((await h.app.request('GET', `/api/v1/incidents/${incident.id}`, { token: sam.token })).status).toBe(404);

    const page = await openAs(admin, '/app/settings/profile');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Security team' }).click();
    await page.getByRole('heading', { name: 'Security team', level: 1 }).waitFor();
    await page.getByText('No security team is named').waitFor();
    await page.getByLabel('Team whose members see every private incident').selectOption(team.id);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page
      .getByRole('list', { name: 'Security team members' })
      .getByText(await nameOf(h.app, admin.token, sam.id))
      .waitFor();
    expect(await asAdmin<{ teamId: string | null }>('GET', '/api/v1/settings/security-team')).toEqual({
      teamId: team.id,
    });

    const samPage = await openAs(sam, `/app/incidents/${incident.id}`);
    await samPage.getByRole('heading', { name: `#${incident.number} Suspicious logins` }).waitFor();
  });
});
