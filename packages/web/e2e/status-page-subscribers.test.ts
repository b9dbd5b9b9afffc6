/**
 * Status page subscribers in a real browser (issue #13): a customer with
 * JavaScript disabled subscribes with the public page's form, confirms from
 * the mail a real SMTP sink received, and the admin sees the subscriber on
 * the page's screen with the counts, sets the Slack and Teams announcement
 * URLs, and removes the subscriber.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeSmtp, type FakeSmtp } from '../../server/src/test-support/fake-vendors/fake-smtp.js';
import { apiAs, signIn, startHarness, type Harness } from './support/harness.js';

describe('Status page subscribers', () => {
  let h: Harness;
  let smtp: FakeSmtp;
  let admin: { id: string; email: string; token: string };
  let pageId: string;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    h = await startHarness({
      config: {
        providers: {
          email: { smtpUrl: smtp.url, from: 'Acme status <status@acme.test>' },
          inboundSmtp: undefined,
          twilio: undefined,
          slack: undefined,
        },
      },
    });
    admin = await h.app.createUserWithToken('admin');
    const asAdmin = apiAs(h.app, admin.token);
    pageId = (await asAdmin<{ id: string }>('POST', '/api/v1/status-pages', { slug: 'acme', name: 'Acme' })).id;
    await asAdmin('POST', '/api/v1/status-pages/acme/components', { name: 'Checkout API' });
    await asAdmin('POST', '/api/v1/status-pages/acme/components', { name: 'Website' });
  });

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it('subscribes from the public page without JavaScript, confirms from the mail, and the admin manages it', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false, baseURL: h.app.url });
    const visitor = await context.newPage();
    visitor.setDefaultTimeout(10_000);
    await visitor.goto('/status/acme/');
    const form = visitor.getByRole('region', { name: 'Get updates by email' });
    await form.getByLabel('Email address').fill('reader@example.com');
    await form.getByText('Only some components').click();
    await form.getByLabel('Website').check();
    // The form posts to the public URL (http://127.0.0.1 in tests, without the port): send it to this server.
    await visitor.route('http://127.0.0.1/**', (route) =>
      route.continue({ url: route.request().url().replace('http://127.0.0.1/', `${h.app.url}/`) }),
    );
    await form.getByRole('button', { name: 'Subscribe' }).click();
    await visitor.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await h.app.app.engine.runDue();
    await vi.waitFor(() => expect(smtp.mails.filter((m) => m.to.includes('reader@example.com'))).toHaveLength(1));
    const link = /Confirm: (\S+)/.exec(smtp.mails[0]!.text)![1]!;
    await visitor.goto(link.replace('http://127.0.0.1/', `${h.app.url}/`));
    await visitor.getByRole('button', { name: 'Confirm the subscription' }).click();
    await visitor.getByRole('heading', { name: 'Subscribed' }).waitFor();
    await context.close();

    const page = await h.newPage();
    await signIn(page, admin.email);
    await page.goto(`/app/status-pages/${pageId}`);
    const panel = page.getByRole('region', { name: 'Subscribers' });
    await expect.poll(() => panel.getByTestId('subscriber-counts').textContent()).toContain('1 confirmed');
    const row = panel.getByTestId('subscriber-row');
    expect(await row.textContent()).toContain('reader@example.com');
    // The component's name comes with the page's components, which load on their own.
    await expect.poll(() => row.textContent()).toContain('Website');
    expect(await row.textContent()).not.toContain('removed');
    await panel.getByLabel('Slack incoming-webhook URL').fill('https://hooks.slack.com/services/T1/B1/secret');
    await panel.getByRole('button', { name: 'Save chat announcements' }).click();
    await panel.getByText('Saved: each new update is announced there.').waitFor();
    const saved = await apiAs(h.app, admin.token)<{ slack: string | null }>(
      'GET',
      '/api/v1/status-pages/acme/announcements',
    );
    expect(saved.slack).toBe('https://hooks.slack.com/services/T1/B1/secret');
    await panel.getByRole('button', { name: 'Remove subscriber reader@example.com' }).click();
    await panel.getByRole('button', { name: 'Yes, remove this address' }).click();
    await panel.getByText('No subscribers yet.').waitFor();
  });
});
