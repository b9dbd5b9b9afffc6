/**
 * Push notifications from the browser, in Chromium. Headless Chromium has no
 * push service of its own (PushManager.subscribe answers "Registration
 * failed - permission denied" even with notifications allowed), so the spec
 * stands in for that one call: the subscription it returns is a real one
 * from a local push service that decrypts what it receives (RFC 8291). All
 * the rest is real: the button registers /sw.js, subscribes with the
 * deployment's VAPID key, stores the subscription as a contact method, the
 * code pushed to it verifies it, a page reaches the push service and
 * decrypts to the incident's summary, and the service worker, handed that
 * payload as a push (DevTools' ServiceWorker.deliverPushMessage), shows the
 * notification with Acknowledge, Resolve and Open.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakePush, type FakePush } from '../../server/src/test-support/fake-vendors/fake-push.js';
import { apiAs, checkoutService, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

describe('Push notifications on this device', () => {
  let h: Harness;
  let push: FakePush;
  let responder: { id: string; email: string; token: string };
  let asResponder: ApiCall;
  let asAdmin: ApiCall;

  beforeAll(async () => {
    [h, push] = await Promise.all([startHarness(), startFakePush()]);
    const admin = await h.app.createUserWithToken('admin');
    responder = await h.app.createUserWithToken('responder');
    asAdmin = apiAs(h.app, admin.token);
    asResponder = apiAs(h.app, responder.token);
  });

  afterAll(async () => {
    await Promise.all([h?.close(), push?.close()]);
  });

  /** Runs the engine until the push service has received `count` pushes (the harness runs no engine loop). */
  async function pushesReceived(count: number) {
    for (let round = 0; round < 20 && push.received.length < count; round++) await h.app.app.engine.runDue();
    expect(push.problems).toEqual([]);
    expect(push.received.length).toBeGreaterThanOrEqual(count);
    return push.received[count - 1]!;
  }

  it('stores this browser as a push method, verifies it by push, and shows a page with its actions', async () => {
    const subscription = push.subscribe();
    const { publicKey } = await asResponder<{ publicKey: string }>('GET', '/api/v1/notify/push-key');
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.context().grantPermissions(['notifications']);
    await page.addInitScript((json) => {
      const given = { ...json, expirationTime: null };
      const record = window as unknown as { subscribedWith?: string };
      PushManager.prototype.getSubscription = async () => null;
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const key = new Uint8Array(options!.applicationServerKey as ArrayBuffer);
        record.subscribedWith = btoa(String.fromCharCode(...key))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
        return {
          endpoint: given.endpoint,
          toJSON: () => given,
          unsubscribe: async () => true,
        } as unknown as PushSubscription;
      };
    }, subscription);
    await signIn(page, responder.email);
    await page.goto('/app/settings/notifications');
    await page.getByRole('button', { name: 'Turn on push notifications' }).click();
    await page.getByText(/was added: enter the code from the notification/).waitFor();
    // It subscribed with this deployment's key, through Tocsin's own service worker.
    expect(await page.evaluate(() => (window as unknown as { subscribedWith?: string }).subscribedWith)).toBe(
      publicKey,
    );
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(
      /\/sw\.js$/,
    );

    const methods = await asResponder<{
      items: Array<{ id: string; type: string; address: string; isVerified: boolean }>;
    }>('GET', `/api/v1/users/${responder.id}/contact-methods`);
    const stored = methods.items.find((m) => m.type === 'push')!;
    expect(stored).toMatchObject({ address: subscription.endpoint, isVerified: false });

    // The code arrives by push; typed in, it verifies the method.
    const verification = await pushesReceived(1);
    const code = /(\d{6})/.exec(String(verification.json.body))![1]!;
    const item = page.getByTestId('contact-method').filter({ hasText: 'Push notification' });
    await item.getByLabel(/^Code sent to /).fill(code);
    await item.getByRole('button', { name: 'Verify' }).click();
    await item.getByText('Verified', { exact: true }).waitFor();

    // A page reaches the push service and decrypts to the incident's summary.
    const service = await checkoutService(asAdmin, responder.id);
    const { routingKey } = await asAdmin<{ routingKey: string }>(
      'POST',
      `/api/v1/services/${service.id}/integration-keys`,
      { type: 'events_v2' },
    );
    const sent = await h.app.request('POST', '/v2/enqueue', {
      body: {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: 'checkout-5xx',
        payload: { summary: 'Checkout answers 503 to 40% of requests', source: 'lb-eu-1', severity: 'critical' },
      },
    });
    expect(sent.status).toBe(202);
    const paged = await pushesReceived(2);
    expect(paged.json).toMatchObject({ kind: 'page', title: expect.stringContaining('Checkout answers 503') });

    // The service worker shows it, with the page's actions.
    const cdp = await page.context().newCDPSession(page);
    const registered = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => !r.isDeleted);
        if (found) resolve(found.registrationId as string);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(h.app.url).origin,
      registrationId: await registered,
      data: JSON.stringify(paged.json),
    });
    // Look until the service worker has shown it (waitForFunction takes an async predicate's promise as true at once).
    const readShown = () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          tag: n.tag,
          actions: (n as unknown as { actions: Array<{ action: string; title: string }> }).actions.map((a) => a.title),
        })),
      );
    const shown = await vi.waitFor(
      async () => {
        const list = await readShown();
        if (list.length === 0) throw new Error('no notification shown yet');
        return list;
      },
      { timeout: 30_000, interval: 100 },
    );
    // As many of Acknowledge, Resolve and Open as the platform shows buttons (a tap opens the incident anyway).
    const maxActions = await page.evaluate(() => (Notification as unknown as { maxActions: number }).maxActions);
    expect(maxActions).toBeGreaterThanOrEqual(2);
    expect(shown).toEqual([
      {
        title: expect.stringContaining('Checkout answers 503 to 40% of requests'),
        tag: `tocsin-incident-${String(paged.json.incidentId)}`,
        actions: ['Acknowledge', 'Resolve', 'Open'].slice(0, maxActions),
      },
    ]);
    await page.screenshot({ path: '/tmp/tocsin-shots/push-settings-390.png', fullPage: true });
  });
});
