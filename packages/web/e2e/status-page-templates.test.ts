/**
 * Status page templates in a real browser (issue #13): an admin adds,
 * changes and removes a page's templates on its admin screen; responders
 * pick one in the forms that publish (a page update, a maintenance, a page
 * incident from an incident), which fills the title and message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkoutService, openIncidentAs, signIn, startHarness, type Harness } from './support/harness.js';

describe('Status page templates', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let ada: { id: string; email: string; token: string };
  let incident: { id: string };

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    ada = await h.app.createUserWithToken('responder');
    const asAdmin = apiAs(h.app, admin.token);
    const service = await checkoutService(asAdmin, ada.id);
    await asAdmin('POST', '/api/v1/status-pages', { slug: 'tpl', name: 'Templated' });
    await asAdmin('POST', '/api/v1/status-pages/tpl/components', { name: 'Website' });
    await asAdmin('POST', '/api/v1/status-pages/tpl/templates', { name: 'Old wording', body: 'Remove me.' });
    await asAdmin('POST', '/api/v1/status-pages/tpl/incidents', { title: 'Slow pages', body: 'Looking.' });
    incident = await apiAs(h.app, ada.token)('POST', '/api/v1/incidents', {
      serviceId: service.id,
      title: 'Checkout failing',
      severity: 'S2',
      page: 'none',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets an admin add, change and remove templates, and responders pick them', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto('/app/status-pages');
    await page.getByRole('link', { name: 'Templated', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Templates' });
    await panel.getByText('Remove me.').waitFor();

    await panel.getByText('Add a template').click();
    const add = panel.getByRole('form', { name: 'Add a template' });
    await add.getByLabel('Template name').fill('Planned work');
    await add.getByLabel('Title it fills (optional)').fill('Database upgrade');
    await add.getByLabel('Message it fills (Markdown)').fill('We upgrade the database; expect a short pause.');
    await add.getByRole('button', { name: 'Add template' }).click();
    await panel.getByText('We upgrade the database; expect a short pause.').waitFor();
    // The list may hear of the new template before the form has its answer and clears itself:
    // filling before the clearing would lose what was filled.
    await expect.poll(() => add.getByLabel('Message it fills (Markdown)').inputValue()).toBe('');
    await add.getByLabel('Template name').fill('Fixed');
    await add.getByLabel('Message it fills (Markdown)').fill('Fixed and watching.');
    await add.getByRole('button', { name: 'Add template' }).click();
    await panel.getByText('Fixed and watching.').waitFor();

    await panel.getByRole('button', { name: 'Edit Planned work' }).click();
    const edit = panel.getByRole('form', { name: 'Edit template Planned work' });
    await edit.getByLabel('Message it fills (Markdown)').fill('We upgrade the database tonight.');
    await edit.getByRole('button', { name: 'Save template' }).click();
    await panel.getByText('We upgrade the database tonight.').waitFor();

    await panel.getByRole('button', { name: 'Remove Old wording' }).click();
    await panel.getByText('Remove me.').waitFor({ state: 'detached' });
    const stored = (await apiAs(h.app, admin.token)('GET', '/api/v1/status-pages/tpl/templates')) as {
      items: { name: string; title: string; body: string }[];
    };
    expect(stored.items.map((t) => [t.name, t.title, t.body]).sort()).toEqual([
      ['Fixed', '', 'Fixed and watching.'],
      ['Planned work', 'Database upgrade', 'We upgrade the database tonight.'],
    ]);
    await panel.screenshot({ path: '/tmp/sp-templates-1280.png' });

    // The maintenance form: the template fills title and announcement.
    const maintenance = page.getByRole('form', { name: 'Schedule maintenance' });
    await maintenance.getByLabel('Start from a template (optional)').selectOption({ label: 'Planned work' });
    expect(await maintenance.getByLabel('Title').inputValue()).toBe('Database upgrade');
    expect(await maintenance.getByLabel('Announcement (Markdown)').inputValue()).toBe(
      'We upgrade the database tonight.',
    );

    await maintenance.getByLabel('Starts (your local time)').fill('2030-01-01T10:00');
    await maintenance.getByLabel('Ends').fill('2030-01-01T12:00');
    await maintenance.getByLabel('Website').check();
    await maintenance.getByRole('button', { name: 'Schedule maintenance' }).click();
    const scheduled = page.locator('li.panel', { hasText: 'Database upgrade' });
    await scheduled.locator('.badge', { hasText: 'Scheduled' }).waitFor();

    // Responders move a maintenance on from the screen: started early, verifying, completed.
    for (const [state, message] of [
      ['In progress', 'Started early.'],
      ['Verifying', 'Checking the new database.'],
      ['Completed', 'All done.'],
    ] as const) {
      // The form stays open between updates.
      if (state === 'In progress') await scheduled.getByText('Post a maintenance update').click();
      const form = scheduled.getByRole('form', { name: 'Update Database upgrade' });
      await form.getByLabel(new RegExp(`^${state}`)).check();
      await form.getByLabel('Message for the public').fill(message);
      if (state === 'Verifying') await scheduled.screenshot({ path: '/tmp/sp-maintenance-update-1280.png' });
      await form.getByRole('button', { name: 'Post page update' }).click();
      await scheduled.locator('.badge', { hasText: state }).waitFor();
      await scheduled.getByText(message).waitFor();
    }
    // Completed: no more updates offered, and the component is back.
    expect(await scheduled.getByText('Post a maintenance update').count()).toBe(0);
    const website = page.getByRole('region', { name: 'Components' }).locator('li', { hasText: 'Website' });
    await website.locator('.component-status', { hasText: 'Operational' }).waitFor();

    // A page update: the template fills the message.
    const incidents = page.getByRole('region', { name: 'Page incidents' });
    await incidents.getByText('Post an update').click();
    const update = incidents.getByRole('form', { name: 'Update Slow pages' });
    await update.getByLabel('Start from a template (optional)').selectOption({ label: 'Fixed' });
    expect(await update.getByLabel('Message for the public').inputValue()).toBe('Fixed and watching.');
    await update.getByRole('button', { name: 'Post page update' }).click();
    await incidents.locator('li', { hasText: 'Fixed and watching.' }).first().waitFor();

    await page.screenshot({ path: '/tmp/sp-admin-templates-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/sp-admin-templates-390.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  });

  it('fills the publish form from a template on the incident page', async () => {
    const page = await openIncidentAs(h, ada.email, incident.id, 'Status page');
    const region = page.getByRole('region', { name: 'Status page' });
    await region.getByText('Publish to a status page').click();
    const form = region.getByRole('form', { name: 'Publish to a status page' });
    await form.getByLabel('Start from a template (optional)').selectOption({ label: 'Planned work' });
    expect(await form.getByLabel('Title for the public').inputValue()).toBe('Database upgrade');
    expect(await form.getByLabel('Message for the public').inputValue()).toBe('We upgrade the database tonight.');
    // A template without a title keeps the title already there.
    await form.getByLabel('Start from a template (optional)').selectOption({ label: 'Fixed' });
    expect(await form.getByLabel('Title for the public').inputValue()).toBe('Database upgrade');
    expect(await form.getByLabel('Message for the public').inputValue()).toBe('Fixed and watching.');
    await page.setViewportSize({ width: 390, height: 844 });
    await region.screenshot({ path: '/tmp/sp-publish-template-390.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  });
});
