/*
 * Tocsin's service worker: shows a page pushed to this browser (Web Push,
 * ADR 22) and acts from it. Acknowledge and Resolve POST the page's signed
 * link (ADR 11) with ?via=push, so the lock screen acts as the person paged
 * without a session; a tap, or Open, opens the incident. Nothing is cached:
 * a pager must show what is true now, not a copy.
 */
/* eslint-env serviceworker */

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The notification for a payload from push.provider.ts (PushPayload). */
function notificationFor(payload) {
  const actions = (payload.actions || []).map((a) => ({ action: a.action, title: a.title }));
  actions.push({ action: 'open', title: 'Open' });
  return {
    body: payload.body || '',
    tag: payload.tag,
    renotify: payload.kind === 'page',
    requireInteraction: payload.kind === 'page',
    icon: '/favicon.svg',
    badge: '/favicon.svg',
    // As many buttons as the platform shows (two on desktop Chromium); a tap on the notification opens it anyway.
    actions: actions.slice(0, (self.Notification && self.Notification.maxActions) || 2),
    data: payload,
  };
}

self.addEventListener('push', (event) => {
  let payload;
  try {
    payload = event.data ? event.data.json() : undefined;
  } catch {
    payload = undefined;
  }
  if (!payload || !payload.title) payload = { title: 'Tocsin', body: 'Something needs you: open Tocsin.', url: '/app' };
  event.waitUntil(self.registration.showNotification(payload.title, notificationFor(payload)));
});

/** POSTs the signed link, then says how it went in a notification that replaces the page's. */
async function act(payload, action) {
  const link = (payload.actions || []).find((a) => a.action === action);
  if (!link) return openPage(payload.url);
  const done = action === 'acknowledge' ? 'acknowledged' : 'resolved';
  let title;
  try {
    const separator = link.url.includes('?') ? '&' : '?';
    const response = await fetch(`${link.url}${separator}via=push`, { method: 'POST', credentials: 'omit' });
    title = response.ok ? `${payload.title}: ${done}` : `${payload.title}: not ${done} (${response.status})`;
  } catch {
    title = `${payload.title}: not ${done}, Tocsin could not be reached`;
  }
  return self.registration.showNotification(title, {
    tag: payload.tag,
    body: 'Tap to open the incident.',
    icon: '/favicon.svg',
    data: { ...payload, actions: [] },
  });
}

async function openPage(url) {
  const target = new URL(url || '/app', self.location.origin);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin === target.origin && 'navigate' in client) {
      await client.focus();
      return client.navigate(target.href);
    }
  }
  return self.clients.openWindow(target.href);
}

self.addEventListener('notificationclick', (event) => {
  const payload = event.notification.data || {};
  event.notification.close();
  const action = event.action;
  event.waitUntil(action === 'acknowledge' || action === 'resolve' ? act(payload, action) : openPage(payload.url));
});
