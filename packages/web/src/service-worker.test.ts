/**
 * The service worker's handlers (public/sw.js), run in a sandbox that plays
 * the browser: a push shows the page with its actions; Acknowledge and
 * Resolve POST the page's signed link marked ?via=push and say how it went;
 * a tap, or Open, opens the incident. (Chromium cannot click a notification
 * for a spec; e2e/push.test.ts covers showing one in the real browser.)
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SOURCE = readFileSync(new URL('../public/sw.js', import.meta.url), 'utf8');

interface Shown {
  title: string;
  options: { body?: string; tag?: string; actions?: Array<{ action: string; title: string }>; data?: unknown };
}

function worker(fetchAnswer: (url: string, init: RequestInit) => Promise<{ ok: boolean; status: number }>) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: Shown[] = [];
  const fetched: Array<{ url: string; method: string | undefined }> = [];
  const opened: string[] = [];
  const self = {
    location: { origin: 'https://tocsin.example.com' },
    Notification: { maxActions: 3 },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: () => undefined,
    registration: {
      showNotification: async (title: string, options: Shown['options']) => void shown.push({ title, options }),
    },
    clients: {
      claim: async () => undefined,
      matchAll: async () => [],
      openWindow: async (url: string) => void opened.push(url),
    },
  };
  runInNewContext(SOURCE, {
    self,
    URL,
    fetch: async (url: string, init: RequestInit) => {
      fetched.push({ url, method: init.method });
      return fetchAnswer(url, init);
    },
  });
  /** Fires an event and waits for what it handed to waitUntil. */
  async function fire(type: string, event: Record<string, unknown>) {
    let work: Promise<unknown> = Promise.resolve();
    listeners.get(type)!({ ...event, waitUntil: (promise: Promise<unknown>) => (work = promise) });
    await work;
  }
  return { fire, shown, fetched, opened };
}

const payload = {
  kind: 'page',
  notificationId: 'n1',
  title: '#12 Checkout answers 503',
  body: 'Checkout · critical from lb-eu-1',
  tag: 'tocsin-incident-i1',
  url: 'https://tocsin.example.com/app/incidents/i1',
  incidentId: 'i1',
  actions: [
    { action: 'acknowledge', title: 'Acknowledge', url: 'https://tocsin.example.com/a/ACK' },
    { action: 'resolve', title: 'Resolve', url: 'https://tocsin.example.com/a/RES' },
  ],
};

const notification = (data: unknown) => ({ data, close: () => undefined });

describe('the service worker', () => {
  it('shows a pushed page with Acknowledge, Resolve and Open', async () => {
    const w = worker(async () => ({ ok: true, status: 200 }));
    await w.fire('push', { data: { json: () => payload } });
    expect(w.shown).toHaveLength(1);
    expect(w.shown[0]!.title).toBe('#12 Checkout answers 503');
    expect(w.shown[0]!.options).toMatchObject({ body: payload.body, tag: payload.tag, data: payload });
    expect(w.shown[0]!.options.actions!.map((a) => a.title)).toEqual(['Acknowledge', 'Resolve', 'Open']);
  });

  it('still shows something when the push cannot be read', async () => {
    const w = worker(async () => ({ ok: true, status: 200 }));
    await w.fire('push', {
      data: {
        json: () => {
          throw new SyntaxError('not JSON');
        },
      },
    });
    expect(w.shown.map((s) => s.title)).toEqual(['Tocsin']);
  });

  it.each([
    ['acknowledge', 'https://tocsin.example.com/a/ACK?via=push', 'acknowledged'],
    ['resolve', 'https://tocsin.example.com/a/RES?via=push', 'resolved'],
  ])('%s POSTs the signed link marked as from push, and says it worked', async (action, url, done) => {
    const w = worker(async () => ({ ok: true, status: 200 }));
    await w.fire('notificationclick', { action, notification: notification(payload) });
    expect(w.fetched).toEqual([{ url, method: 'POST' }]);
    expect(w.shown.map((s) => s.title)).toEqual([`#12 Checkout answers 503: ${done}`]);
    expect(w.opened).toEqual([]);
  });

  it('says so when acting failed', async () => {
    const w = worker(async () => ({ ok: false, status: 410 }));
    await w.fire('notificationclick', { action: 'acknowledge', notification: notification(payload) });
    expect(w.shown.map((s) => s.title)).toEqual(['#12 Checkout answers 503: not acknowledged (410)']);
  });

  it.each([['open'], ['']])('opens the incident on %j (Open, or a tap on the notification)', async (action) => {
    const w = worker(async () => ({ ok: true, status: 200 }));
    await w.fire('notificationclick', { action, notification: notification(payload) });
    expect(w.fetched).toEqual([]);
    expect(w.opened).toEqual(['https://tocsin.example.com/app/incidents/i1']);
  });
});
