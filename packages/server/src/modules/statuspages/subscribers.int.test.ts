/**
 * Status page subscribers, end to end over HTTP with a real SMTP sink and the
 * local fake Slack and webhook receivers: double opt-in (only confirmed
 * addresses are sent updates), the same answer for known and unknown
 * addresses, validation and rate limits, component choice, one-click
 * unsubscribe (RFC 8058), webhook subscribers signed, Slack and Teams
 * announcements, and each recipient told about each update exactly once,
 * also when Tocsin restarts in the middle of a fan-out.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTocsin, type Tocsin } from '../../app/app.js';
import { JobQueue } from '../../engine/index.js';
import { systemActor } from '../../lib/actor.js';
import { FakeClock } from '../../lib/clock.js';
import { silentLogger } from '../../lib/logger.js';
import { testConfig } from '../../test-support/app.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { startFakeSlack, type FakeSlack } from '../../test-support/fake-vendors/fake-slack.js';
import { startFakeSmtp, type CapturedMail, type FakeSmtp } from '../../test-support/fake-vendors/fake-smtp.js';
import {
  startFakeWebhook,
  verifyTocsinSignature,
  type FakeWebhook,
} from '../../test-support/fake-vendors/fake-webhook.js';
import { createApiToken } from '../auth/index.js';
import { createUser } from '../users/index.js';
import { FAN_OUT_JOB, fanOutUpdate, SIGN_UP_ANSWER, type FanOutPayload } from './index.js';

const clock = new FakeClock();
let database: TestDatabase;
let smtp: FakeSmtp;
let slack: FakeSlack;
let receiver: FakeWebhook;
let app: Tocsin;
let url: string;
let token: string;
let api: { id: string };
let web: { id: string };
let webhookSecret = '';
let client = 0;

async function startTocsin(): Promise<void> {
  app = await createTocsin(
    {
      ...testConfig({
        providers: {
          email: { smtpUrl: smtp.url, from: 'Acme status <status@acme.test>' },
          inboundSmtp: undefined,
          twilio: undefined,
          slack: undefined,
        },
        // Each test signs up from its own client address (X-Forwarded-For), so the per-client limit is its own.
        trustedProxies: ['127.0.0.1'],
      }),
      databaseUrl: database.url,
    },
    { clock, logger: silentLogger, maxConnections: 5, shutdownGraceMs: 500 },
  );
  url = await app.start();
}

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function ok<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
  const response = await call(method, path, body);
  const text = await response.text();
  if (response.status !== status) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** A public sign-up (no credentials) from client address `from`. */
const signUp = (body: unknown, from: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/v1/status-pages/acme/subscribe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers },
    body: JSON.stringify(body),
  });

const mailsTo = (address: string, subject?: RegExp): CapturedMail[] =>
  smtp.mails.filter((m) => m.to.includes(address) && (!subject || subject.test(m.subject)));

const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};

/** Signs `address` up and follows the mailed link (GET shows the button, POST confirms). */
async function subscribe(address: string, components?: string[]): Promise<void> {
  const from = `10.0.0.${++client}`;
  const before = mailsTo(address, /^Confirm/).length;
  expect((await signUp({ email: address, ...(components && { components }) }, from)).status).toBe(202);
  await app.engine.runDue();
  await vi.waitFor(() => expect(mailsTo(address, /^Confirm/)).toHaveLength(before + 1));
  const link = /Confirm: (\S+)/.exec(mailsTo(address, /^Confirm/).at(-1)!.text)![1]!;
  const shown = await fetch(`${url}${pathOf(link)}`);
  expect(await shown.text()).toContain('Confirm the subscription');
  const confirmed = await fetch(`${url}${pathOf(link)}`, { method: 'POST' });
  expect(confirmed.status).toBe(200);
  expect(await confirmed.text()).toContain('You are subscribed');
}

let published = 0;
/** Publishes a page incident on `components`; answers the title, which every message about it carries. */
async function publish(components: string[]): Promise<string> {
  const title = `Outage number ${++published}`;
  await ok(
    'POST',
    '/api/v1/status-pages/acme/incidents',
    { title, body: 'We are **looking** into it.', components },
    201,
  );
  return title;
}

beforeAll(async () => {
  [database, smtp, slack, receiver] = await Promise.all([
    createTestDatabase(),
    startFakeSmtp(),
    startFakeSlack(),
    startFakeWebhook(),
  ]);
  await startTocsin();
  const ctx = { db: app.db, clock, actor: systemActor('test'), source: 'api' as const };
  const admin = await createUser(ctx, {
    email: 'admin@acme.test',
    name: 'Admin',
    role: 'admin',
    password: 'x'.repeat(12),
  });
  token = (await createApiToken(ctx, { name: 't', scopes: ['read', 'write', 'admin'], userId: admin.id })).token;
  await ok('POST', '/api/v1/status-pages', { slug: 'acme', name: 'Acme' }, 201);
  await ok('POST', '/api/v1/status-pages', { slug: 'inside', name: 'Inside', visibility: 'private' }, 201);
  api = await ok('POST', '/api/v1/status-pages/acme/components', { name: 'API' }, 201);
  web = await ok('POST', '/api/v1/status-pages/acme/components', { name: 'Website' }, 201);
});
afterAll(async () => {
  await app?.close();
  await Promise.all([database?.drop(), smtp?.close(), slack?.close(), receiver?.close()]);
});

describe('signing up', () => {
  it('offers a form without JavaScript on the public page, and takes its post', async () => {
    const html = await (await fetch(`${url}/status/acme/`)).text();
    expect(html).toContain(`<form class="card sub" method="post" action="http://127.0.0.1/status/acme/subscribe">`);
    expect(html).toContain(`name="components" value="${api.id}"`);
    const posted = await fetch(`${url}/status/acme/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.1.0.1' },
      body: new URLSearchParams([
        ['email', 'Form@Example.com'],
        ['components', web.id],
      ]).toString(),
    });
    expect(posted.status).toBe(202);
    expect(await posted.text()).toContain('Check your inbox');
    await app.engine.runDue();
    await vi.waitFor(() => expect(mailsTo('form@example.com', /^Confirm your subscription to Acme/)).toHaveLength(1));
    const bad = await fetch(`${url}/status/acme/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.1.0.1' },
      body: 'email=not-an-address',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('not an email address');
  });

  it('answers a known address exactly as an unknown one, and mails a confirmed one nothing', async () => {
    await subscribe('known@example.com');
    const known = await signUp({ email: 'known@example.com' }, '10.2.0.1');
    const unknown = await signUp({ email: 'unknown@example.com' }, '10.2.0.2');
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.json()).toEqual(await unknown.json());
    expect(SIGN_UP_ANSWER).toContain('If this address is not subscribed yet');
    await app.engine.runDue();
    await vi.waitFor(() => expect(mailsTo('unknown@example.com', /^Confirm/)).toHaveLength(1));
    expect(mailsTo('known@example.com', /^Confirm/)).toHaveLength(1);
  });

  it('refuses a bad address or a component of another page with 400 and what to fix, and private pages with 404', async () => {
    const bad = await signUp({ email: 'nobody' }, '10.3.0.1');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('email');
    const stranger = await signUp(
      { email: 'a@example.com', components: ['00000000-0000-7000-8000-000000000000'] },
      '10.3.0.1',
    );
    expect(stranger.status).toBe(400);
    expect(((await stranger.json()) as { error: { message: string } }).error.message).toContain('not on this page');
    const inside = await fetch(`${url}/api/v1/status-pages/inside/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.3.0.1' },
      body: JSON.stringify({ email: 'a@example.com' }),
    });
    expect(inside.status).toBe(404);
    const privateHtml = await (
      await fetch(`${url}/status/inside/`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    expect(privateHtml).not.toContain('Get updates by email');
  });

  it('refuses a confirmation link that a newer sign-up replaced, or that expired, and leaves the address unconfirmed', async () => {
    const confirmLinks = () =>
      mailsTo('twice@example.com', /^Confirm/).map((m) => pathOf(/Confirm: (\S+)/.exec(m.text)![1]!));
    expect((await signUp({ email: 'twice@example.com' }, '10.7.0.1')).status).toBe(202);
    await app.engine.runDue();
    await vi.waitFor(() => expect(confirmLinks()).toHaveLength(1));
    clock.advance(1000);
    expect((await signUp({ email: 'twice@example.com' }, '10.7.0.1')).status).toBe(202);
    await app.engine.runDue();
    await vi.waitFor(() => expect(confirmLinks()).toHaveLength(2));
    const [first, second] = confirmLinks();
    const replaced = await fetch(`${url}${first}`, { method: 'POST' });
    expect(replaced.status).toBe(400);
    expect(await replaced.text()).toContain('replaced by a newer one');
    clock.advance(8 * 86_400_000);
    const expired = await fetch(`${url}${second}`, { method: 'POST' });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('expired');
    const list = await ok<{ items: Array<{ target: string; state: string }> }>(
      'GET',
      '/api/v1/status-pages/acme/subscribers',
    );
    expect(list.items.find((i) => i.target === 'twice@example.com')?.state).toBe('unconfirmed');
  });

  it('limits sign-ups per address and per client with 429 and when to retry', async () => {
    for (let i = 0; i < 3; i++) expect((await signUp({ email: 'flood@example.com' }, `10.4.0.${i}`)).status).toBe(202);
    const perAddress = await signUp({ email: 'flood@example.com' }, '10.4.0.9');
    expect(perAddress.status).toBe(429);
    // RFC 9110 Retry-After: within the hour the limit counts.
    expect(Number(perAddress.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(perAddress.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect(((await perAddress.json()) as { error: { message: string } }).error.message).toMatch(
      /Too many subscription requests for this address: try again in \d+ minutes/,
    );
    for (let i = 0; i < 10; i++) expect((await signUp({ email: `many${i}@example.com` }, '10.5.0.1')).status).toBe(202);
    const perClient = await signUp({ email: 'one-more@example.com' }, '10.5.0.1');
    expect(perClient.status).toBe(429);
    expect(((await perClient.json()) as { error: { message: string } }).error.message).toContain('from your network');
    await app.engine.runDue();
    // The refused sign-ups mailed nothing; the flooded address gets the latest confirmation only (a newer sign-up replaces an unsent one).
    await vi.waitFor(() => expect(mailsTo('flood@example.com', /^Confirm/)).toHaveLength(1));
    expect(mailsTo('one-more@example.com')).toHaveLength(0);
    clock.advance(61 * 60_000);
    expect((await signUp({ email: 'flood@example.com' }, '10.4.0.9')).status).toBe(202);
  });
});

describe('signing up from a widget on another site', () => {
  const origin = { origin: 'https://widgets.example.org' };
  const cors = (response: Response) => ({
    origin: response.headers.get('access-control-allow-origin'),
    credentials: response.headers.get('access-control-allow-credentials'),
    exposed: response.headers.get('access-control-expose-headers'),
  });

  it('answers the preflight, and lets any origin read every answer, without credentials', async () => {
    const preflight = await fetch(`${url}/api/v1/status-pages/acme/subscribe`, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const accepted = await signUp({ email: 'widget@example.com' }, '10.8.0.1', origin);
    expect(accepted.status).toBe(202);
    expect(cors(accepted)).toEqual({ origin: '*', credentials: null, exposed: 'retry-after' });
    // Refusals are readable too, so the widget can say what to fix; validation is unchanged.
    const bad = await signUp({ email: 'nobody' }, '10.8.0.1', origin);
    expect(bad.status).toBe(400);
    expect(cors(bad).origin).toBe('*');
    for (let i = 2; i <= 3; i++) await signUp({ email: 'widget@example.com' }, `10.8.0.${i}`, origin);
    const limited = await signUp({ email: 'widget@example.com' }, '10.8.0.4', origin);
    expect(limited.status).toBe(429);
    expect(cors(limited)).toEqual({ origin: '*', credentials: null, exposed: 'retry-after' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The admin API next to it is not opened to other origins.
    const admin = await call('GET', '/api/v1/status-pages/acme/subscribers', undefined, origin);
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('telling subscribers', () => {
  it('sends each update once to confirmed subscribers of its components, never to unconfirmed ones', async () => {
    await subscribe('all@example.com');
    await subscribe('web-only@example.com', [web.id]);
    expect((await signUp({ email: 'lazy@example.com' }, '10.6.0.1')).status).toBe(202);
    const apiTitle = await publish([api.id]);
    const webTitle = await publish([web.id]);
    await app.engine.runDue();
    await vi.waitFor(() => expect(mailsTo('all@example.com', /Outage/)).toHaveLength(2));
    await vi.waitFor(() => expect(mailsTo('web-only@example.com', /Outage/)).toHaveLength(1));
    expect(mailsTo('web-only@example.com', /Outage/)[0]!.subject).toBe(`[Acme] Investigating: ${webTitle}`);
    expect(mailsTo('all@example.com', new RegExp(apiTitle))).toHaveLength(1);
    expect(mailsTo('lazy@example.com', /Outage/)).toHaveLength(0);
    expect(mailsTo('form@example.com', /Outage/)).toHaveLength(0); // signed up, never confirmed
    await app.engine.runDue();
    expect(mailsTo('all@example.com', /Outage/)).toHaveLength(2);
  });

  it('unsubscribes with one click (RFC 8058) and sends nothing more', async () => {
    const mail = mailsTo('all@example.com', /Outage/)[0]!;
    const raw = mail.raw.replace(/\r?\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
    const link = /^List-Unsubscribe: <([^>]+)>/im.exec(raw)![1]!;
    expect(mail.text).toContain(`Unsubscribe: ${link}`);
    const shown = await fetch(`${url}${pathOf(link)}`);
    expect(await shown.text()).toContain('all@example.com will receive no more updates');
    const done = await fetch(`${url}${pathOf(link)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are unsubscribed');
    await publish([api.id, web.id]);
    await app.engine.runDue();
    await vi.waitFor(() => expect(mailsTo('web-only@example.com', /Outage/)).toHaveLength(2));
    expect(mailsTo('all@example.com', /Outage/)).toHaveLength(2);
  });

  it('posts each update once to a webhook subscriber, signed, and announces it in Slack and Teams', async () => {
    const added = await ok<{ id: string; secret: string; state: string }>(
      'POST',
      '/api/v1/status-pages/acme/subscribers',
      { url: `${receiver.url}/hook`, components: [api.id] },
      201,
    );
    webhookSecret = added.secret;
    expect(added.state).toBe('confirmed');
    await ok('PUT', '/api/v1/status-pages/acme/announcements', {
      slack: slack.incomingWebhookUrl,
      teams: `${receiver.url}/teams`,
    });
    const title = await publish([api.id]);
    await app.engine.runDue();
    await vi.waitFor(() => expect(receiver.received.filter((r) => r.path === '/hook')).toHaveLength(1));
    const hook = receiver.received.find((r) => r.path === '/hook')!;
    // Signed as the webhooks module signs: Tocsin-Signature: t=<unix>,v1=<HMAC-SHA256(secret, "t.body")>.
    expect(verifyTocsinSignature(webhookSecret, hook.headers['tocsin-signature'] as string, hook.body)).toBe(true);
    expect(verifyTocsinSignature('another key', hook.headers['tocsin-signature'] as string, hook.body)).toBe(false);
    expect(hook.headers['tocsin-event']).toBe('statuspage.update');
    expect(hook.json).toMatchObject({
      event: 'statuspage.update',
      page: { slug: 'acme' },
      incident: { title, components: [{ id: api.id, name: 'API' }] },
      update: { state: 'investigating', stateLabel: 'Investigating' },
    });
    await vi.waitFor(() => expect(slack.hooks).toHaveLength(1));
    expect(slack.hooks[0]!.text).toContain(title);
    await vi.waitFor(() => expect(receiver.received.filter((r) => r.path === '/teams')).toHaveLength(1));
    expect(JSON.stringify(receiver.received.find((r) => r.path === '/teams')!.json)).toContain(title);
    await app.engine.runDue();
    expect(receiver.duplicates()).toBe(0);
    expect(receiver.received.filter((r) => r.path === '/hook')).toHaveLength(1);
    expect(slack.hooks).toHaveLength(1);
    const list = await ok<{
      items: Array<{ kind: string; state: string; sent: number; target: string }>;
      counts: Record<string, number>;
    }>('GET', '/api/v1/status-pages/acme/subscribers');
    expect(list.counts.webhook).toBe(1);
    expect(list.items.find((s) => s.target === 'web-only@example.com')).toMatchObject({ state: 'confirmed', sent: 2 });
    expect(list.items.find((s) => s.target === 'lazy@example.com')).toMatchObject({ state: 'unconfirmed', sent: 0 });
  });

  it('tells each subscriber once when Tocsin restarts mid-fan-out, and a repeated delivery job sends nothing', async () => {
    await ok('PUT', '/api/v1/status-pages/acme/announcements', { slack: null, teams: null });
    const list = await ok<{ items: Array<{ id: string; kind: string }> }>(
      'GET',
      '/api/v1/status-pages/acme/subscribers',
    );
    for (const s of list.items.filter((i) => i.kind === 'webhook'))
      await ok('DELETE', `/api/v1/status-pages/acme/subscribers/${s.id}`, undefined, 204);
    const people = ['r1@example.com', 'r2@example.com', 'r3@example.com'];
    for (const p of people) await subscribe(p);
    const title = await publish([web.id]);
    // Only the fan-out runs: the deliveries are queued, none sent.
    const fanOut = new JobQueue({
      db: app.db,
      clock,
      logger: silentLogger,
      nodeId: 'fan-out-only',
      handlers: [
        {
          kind: FAN_OUT_JOB,
          run: async (job, ctx) =>
            void (await fanOutUpdate(ctx.db, ctx.clock, (job.payload as FanOutPayload).updateId)),
        },
      ],
    });
    expect(await fanOut.runOnce(clock.now())).toBe(true);
    expect(people.flatMap((p) => mailsTo(p, new RegExp(title)))).toHaveLength(0);
    // Restart; the first delivery meets a busy SMTP server (451: tried again later).
    await app.close();
    smtp.failNext(1, 451, 'Try again later');
    await startTocsin();
    await app.engine.runDue();
    // Confirmed and following the Website: the three, and two from the tests before.
    const told = () =>
      [...people, 'web-only@example.com', 'known@example.com'].map((p) => mailsTo(p, new RegExp(title)).length);
    const deliveries = await app.db
      .selectFrom('status_page_deliveries as d')
      .innerJoin('status_page_incident_updates as u', 'u.id', 'd.update_id')
      .innerJoin('status_page_incidents as i', 'i.id', 'u.page_incident_id')
      .select(['d.status', 'd.error'])
      .where('i.title', '=', title)
      .execute();
    expect(deliveries.map((d) => d.status).sort(), JSON.stringify(deliveries)).toEqual([
      'pending',
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
    expect(deliveries.find((d) => d.status === 'pending')!.error).toContain('451 Try again later');
    await vi.waitFor(() => expect(told().reduce((a, b) => a + b)).toBe(4));
    // Restart again while that one waits for its retry.
    await app.close();
    await startTocsin();
    clock.advance(5 * 60_000);
    await app.engine.runDue();
    await vi.waitFor(() => expect(told()).toEqual([1, 1, 1, 1, 1]));
    // A node that died after sending but before marking its jobs done: the jobs run again, and send nothing.
    await app.db
      .updateTable('engine_jobs')
      .set({ status: 'pending', finished_at: null, locked_until: null })
      .where('kind', '=', 'statuspages.deliver')
      .execute();
    await app.engine.runDue();
    expect(told()).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('a big list', () => {
  it('sends a fan-out over a few SMTP connections kept open, one message to each subscriber', async () => {
    const crowd = Array.from({ length: 8 }, (_, i) => `crowd${i}@example.com`);
    for (const address of crowd) await subscribe(address);
    const opened = smtp.connections;
    const title = await publish([api.id]);
    await app.engine.runDue();
    await vi.waitFor(() => expect(crowd.map((p) => mailsTo(p, new RegExp(title)).length)).toEqual(crowd.map(() => 1)));
    // Not one connection per message: at most the pool's three for the whole fan-out.
    expect(smtp.connections - opened).toBeLessThanOrEqual(3);
  });
});
