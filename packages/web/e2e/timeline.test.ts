/**
 * The incident timeline in a real browser: a responder stars an entry and
 * filters to the starred ones, and edits their own note, which then says
 * "edited" and shows its earlier text in its history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startHarness, type Harness } from './support/harness.js';

describe('The incident timeline', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let responder: { id: string; email: string; token: string };
  let serviceId: string;

  async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
    const response = await h.app.request(method, path, { token, body });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    responder = await h.app.createUserWithToken('responder');
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', admin.token, {
      name: 'Checkout primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: responder.id }] }],
    });
    serviceId = (
      await api<{ id: string }>('POST', '/api/v1/services', admin.token, {
        slug: 'checkout',
        name: 'Checkout',
        escalationPolicyId: policy.id,
      })
    ).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('stars an entry and filters to the starred ones; edits a note, which says "edited"', async () => {
    const incident = await api<{ id: string; number: number }>('POST', '/api/v1/incidents', responder.token, {
      serviceId,
      title: 'Checkout returns 502',
    });
    await api('POST', `/api/v1/incidents/${incident.id}/notes`, responder.token, { text: 'Rolled back v42' });
    await api('POST', `/api/v1/incidents/${incident.id}/notes`, admin.token, { text: 'Paged the database team' });

    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.goto(`/app/incidents/${incident.id}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const entries = timeline.getByTestId('timeline-entry');
    const myNote = entries.filter({ hasText: 'Rolled back v42' });
    await myNote.waitFor();
    // Only the author edits: the admin's note offers no Edit to this responder.
    expect(
      await entries.filter({ hasText: 'Paged the database team' }).getByRole('button', { name: 'Edit' }).count(),
    ).toBe(0);

    await myNote.getByRole('button', { name: 'Star this entry for the postmortem' }).click();
    await myNote.getByRole('button', { name: 'Unstar this entry' }).waitFor();
    await timeline.getByRole('button', { name: '★ Starred' }).click();
    await timeline.getByRole('button', { name: '★ Starred', pressed: true }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-entry"]').length === 1);
    expect(await entries.allTextContents()).toEqual([expect.stringContaining('Rolled back v42')]);
    expect(await timeline.getByTestId('timeline-notification').count()).toBe(0);

    await timeline.getByRole('button', { name: 'Notes' }).click();
    await timeline.getByRole('button', { name: '★ Starred' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-entry"]').length === 2);

    await myNote.getByRole('button', { name: 'Edit' }).click();
    await myNote.getByRole('textbox', { name: 'Note text' }).fill('Rolled back v42 to v41');
    await myNote.getByRole('button', { name: 'Save' }).click();
    const edited = entries.filter({ hasText: 'Rolled back v42 to v41' });
    await edited.getByRole('button', { name: 'edited' }).click();
    const versions = edited.getByRole('list', { name: 'Versions of this note' });
    await versions.getByText('Rolled back v42', { exact: true }).waitFor();
    expect(await versions.getByRole('listitem').count()).toBe(2);
    await page.screenshot({ path: '/tmp/timeline-1280.png', fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await edited.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/timeline-390.png', fullPage: true });
    const timelineWidth = await timeline.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(timelineWidth).toBe(true);
  });
});
