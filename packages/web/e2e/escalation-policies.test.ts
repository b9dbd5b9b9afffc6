/**
 * Escalation policies in a real browser: an admin builds a two-level policy
 * from names (a person, then a team), sees it listed with its targets, and
 * the API holds the same levels. Deleting a policy a service uses is refused
 * with the server's reason; an unused one is deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameOf, signIn, startHarness, type Harness } from './support/harness.js';

describe('Escalation policies', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let responder: { id: string; email: string; token: string };
  let teamId: string;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    responder = await h.app.createUserWithToken('responder');
    const team = await h.app.request('POST', '/api/v1/teams', {
      token: admin.token,
      body: { name: 'Platform', slug: 'platform' },
    });
    teamId = ((await team.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates a two-level policy from names and lists it with its targets', async () => {
    const responderName = await nameOf(h.app, admin.token, responder.id);
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Escalation policies' }).click();
    await page.waitForURL('**/app/escalation-policies');

    const form = page.getByRole('form', { name: 'Create an escalation policy' });
    await form.getByLabel('Name').fill('Platform primary');
    await form.getByLabel('Repeat after the last level (times)').fill('1');
    await form.getByLabel('Which').selectOption({ label: `${responderName} (${responder.email})` });
    // Choosing a target adds it: no separate Add to forget before saving.
    await form.getByTestId('level-editor').first().getByText(responderName).waitFor();
    await form.getByLabel('Minutes to acknowledge before the next level').fill('5');
    await form.getByRole('button', { name: 'Add a level' }).click();
    const second = form.getByTestId('level-editor').nth(1);
    await second.getByLabel('Notify a').selectOption('team');
    await second.getByLabel('Which').selectOption({ label: 'Platform' });
    await form.getByRole('button', { name: 'Create policy' }).click();

    const card = page.getByTestId('policy').filter({ hasText: 'Platform primary' });
    await card.waitFor();
    const levels = await card.getByTestId('policy-level').allTextContents();
    expect(levels).toHaveLength(2);
    expect(levels[0]).toContain(responderName);
    expect(levels[0]).toContain('5 minutes');
    expect(levels[1]).toContain('Platform');
    await page.screenshot({ path: '/tmp/escalation-policies.png', fullPage: true });

    const listed = await h.app.request('GET', '/api/v1/escalation-policies', { token: admin.token });
    const policies = (
      (await listed.json()) as {
        items: Array<{
          name: string;
          repeatCount: number;
          levels: Array<{ delayMinutes: number; targets: Array<{ type: string; id: string }> }>;
        }>;
      }
    ).items;
    const policy = policies.find((item) => item.name === 'Platform primary');
    expect(policy?.repeatCount).toBe(1);
    expect(policy?.levels.map((level) => level.targets)).toEqual([
      [{ type: 'user', id: responder.id, label: expect.any(String) }],
      [{ type: 'team', id: teamId, label: 'Platform' }],
    ]);
    expect(policy?.levels[0]?.delayMinutes).toBe(5);
  });

  it("says beside a level's targets that it needs one, in plain words, and saves once one is chosen", async () => {
    const responderName = await nameOf(h.app, admin.token, responder.id);
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto('/app/escalation-policies');
    const form = page.getByRole('form', { name: 'Create an escalation policy' });
    await form.getByLabel('Name').fill('Nobody yet');
    await form.getByRole('button', { name: 'Create policy' }).click();
    const beside = form.locator('#new-policy-level-0-target-error');
    await beside.waitFor();
    expect(await beside.textContent()).toBe('A level notifies at least one target.');
    expect(await form.getByRole('alert').textContent()).toBe(
      'Nothing was saved: see what is wrong beside the fields below.',
    );
    await page.screenshot({ path: '/tmp/fp-shots/policy-field-error-1280.png', fullPage: true });
    // Choosing a target is enough: Save works with no separate Add.
    await form.getByLabel('Which').selectOption({ label: `${responderName} (${responder.email})` });
    await form.getByRole('button', { name: 'Create policy' }).click();
    await page.getByTestId('policy').filter({ hasText: 'Nobody yet' }).waitFor();
    expect(await beside.count()).toBe(0);
  });

  it('refuses to delete a policy a service uses, saying which, and deletes an unused one', async () => {
    const create = async (name: string) => {
      const response = await h.app.request('POST', '/api/v1/escalation-policies', {
        token: admin.token,
        body: { name, levels: [{ delayMinutes: 10, targets: [{ type: 'user', id: responder.id }] }] },
      });
      return ((await response.json()) as { id: string }).id;
    };
    const usedId = await create('Billing primary');
    await create('Retired rota');
    const service = await h.app.request('POST', '/api/v1/services', {
      token: admin.token,
      body: { slug: 'billing', name: 'Billing', escalationPolicyId: usedId },
    });
    expect(service.status).toBe(201);

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto('/app/escalation-policies');

    const used = page.getByTestId('policy').filter({ hasText: 'Billing primary' });
    await used.getByRole('button', { name: 'Delete Billing primary' }).click();
    await used.getByRole('button', { name: 'Yes, delete “Billing primary”' }).click();
    const refusal = used.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'Escalation policy "Billing primary" is used by service billing: move them to another policy first',
    );
    expect(await used.count()).toBe(1);
    await page.screenshot({ path: '/tmp/escalation-policy-delete-refused.png', fullPage: true });

    const retired = page.getByTestId('policy').filter({ hasText: 'Retired rota' });
    await retired.getByRole('button', { name: 'Delete Retired rota' }).click();
    await retired.getByRole('button', { name: 'Yes, delete “Retired rota”' }).click();
    await retired.waitFor({ state: 'detached' });
    expect(await page.getByTestId('policy').filter({ hasText: 'Billing primary' }).count()).toBe(1);

    const listed = await h.app.request('GET', '/api/v1/escalation-policies', { token: admin.token });
    const names = ((await listed.json()) as { items: Array<{ name: string }> }).items.map((policy) => policy.name);
    expect(names).toContain('Billing primary');
    expect(names).not.toContain('Retired rota');
  });
});
