/**
 * Private incidents (ADR 18) beyond the reads: a security incident is private
 * unless the declarer says otherwise; who declared it and who holds a role
 * see it, the security team and admins too, others get 404; outbound
 * webhooks and the chat channel it is announced in are told nothing of it.
 * (http/private-incidents-walk.int.test.ts walks every read route.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeRequest, type FakeServer } from '../../test-support/fake-vendors/http-server.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let receiver: FakeServer;
const received: FakeRequest[] = [];
let alice: Person; // the service's EOC
let carol: Person; // declares, holds no role
let outsider: Person;
let admin: Person;
let service: { id: string; slug: string };
let channelId: string;

beforeAll(async () => {
  receiver = await startFakeServer((request) => {
    received.push(request);
    return { status: 200, body: 'ok' };
  });
  w = await startResponseWorld();
  alice = await w.person();
  carol = await w.person();
  outsider = await w.person();
  admin = await w.person('admin');
  service = await w.service(alice);
  await w.ok(admin, 'POST', '/api/v1/webhooks', { url: `${receiver.url}/hooks` }, 201);
  const trusted = { url: `${receiver.url}/trusted`, includePrivate: true };
  expect(await w.ok(admin, 'POST', '/api/v1/webhooks', trusted, 201)).toMatchObject({ includePrivate: true });
  channelId = (
    await w.ok<{ id: string }>(
      admin,
      'POST',
      '/api/v1/channels',
      { type: 'slack', name: 'ops', target: 'C0123ABC' },
      201,
    )
  ).id;
});
afterAll(async () => {
  await w?.close();
  await receiver?.close();
});

const declare = async (who: Person, title: string, extra: Record<string, unknown> = {}) => {
  const incident = await w.ok<IncidentView & { title: string }>(
    who,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title, severity: 'S2', steps: { announceChannelId: channelId }, ...extra },
    201,
  );
  await w.t.app.engine.runDue();
  return incident;
};

const isPrivate = async (incident: IncidentView) =>
  (await w.ok<{ private: boolean }>(w.owner, 'GET', `/api/v1/incidents/${incident.number}/response`)).private;

describe('private incidents', () => {
  it('a security incident is private unless said otherwise; any other is public unless asked', async () => {
    expect(await isPrivate(await declare(carol, 'Leaked key', { category: 'security' }))).toBe(true);
    expect(await isPrivate(await declare(carol, 'Pen test', { category: 'security', private: false }))).toBe(false);
    expect(await isPrivate(await declare(carol, 'Quiet outage', { category: 'outage', private: true }))).toBe(true);
    expect(await isPrivate(await declare(carol, 'Loud outage', { category: 'outage' }))).toBe(false);
  });

  it('its declarer and role holders see it; others get 404, the security team and admins see it', async () => {
    const incident = await declare(carol, 'Token theft', { category: 'security' });
    const path = `/api/v1/incidents/${incident.number}`;
    expect((await w.call(carol, 'GET', path)).status).toBe(200);
    expect((await w.call(alice, 'GET', path)).status).toBe(200); // paged as EOC: holds the role
    expect((await w.call(admin, 'GET', path)).status).toBe(200);
    expect((await w.call(outsider, 'GET', path)).status).toBe(404);
    expect((await w.call(w.viewer, 'GET', path)).status).toBe(404);
    // Writes hide it as reads do: no 403 that would say it exists.
    expect((await w.call(outsider, 'POST', `${path}/notes`, { text: 'hello?' })).status).toBe(404);
    const team = await w.ok<{ id: string }>(
      w.owner,
      'POST',
      '/api/v1/teams',
      { slug: 'security', name: 'Security' },
      201,
    );
    await w.t.app.db
      .insertInto('team_memberships')
      .values({ team_id: team.id, user_id: outsider.id, role: 'member', created_at: w.t.clock.now() })
      .execute();
    expect((await w.call(carol, 'PUT', '/api/v1/settings/security-team', { teamId: 'security' })).status).toBe(403);
    await w.ok(admin, 'PUT', '/api/v1/settings/security-team', { teamId: 'security' });
    expect(await w.ok(admin, 'GET', '/api/v1/settings/security-team')).toEqual({ teamId: team.id });
    expect((await w.call(outsider, 'GET', path)).status).toBe(200);
    expect((await w.call(w.viewer, 'GET', path)).status).toBe(404);
  });

  it('who sees it follows it or adds a follower, who then sees it; unfollowing ends that', async () => {
    const incident = await declare(carol, 'Odd logins', { category: 'security' });
    const path = `/api/v1/incidents/${incident.number}`;
    const dave = await w.person('viewer');
    expect((await w.call(dave, 'POST', `${path}/followers`, {})).status).toBe(404);
    expect((await w.call(dave, 'GET', path)).status).toBe(404);
    await w.ok(carol, 'POST', `${path}/followers`, { userId: dave.id });
    expect((await w.call(dave, 'GET', path)).status).toBe(200);
    const timeline = await w.timeline(incident.number);
    expect(timeline.some((e) => e.kind === 'stakeholder_added' && e.message.includes('as a follower'))).toBe(true);
    expect(await w.ok(dave, 'DELETE', `${path}/followers`)).toMatchObject({ userId: dave.id, following: false });
    expect((await w.call(dave, 'GET', path)).status).toBe(404);
    // A public incident anyone may follow.
    const open = await declare(carol, 'Slow search', { category: 'outage' });
    expect(await w.ok(dave, 'POST', `/api/v1/incidents/${open.number}/followers`, {})).toMatchObject({
      following: true,
    });
  });

  it('its owner or an admin makes it public or private again, on its timeline', async () => {
    const incident = await declare(carol, 'Suspicious export', { category: 'security', page: 'none' });
    const path = `/api/v1/incidents/${incident.number}`;
    const dave = await w.person();
    expect((await w.call(dave, 'PUT', `${path}/privacy`, { private: false })).status).toBe(404);
    expect((await w.call(alice, 'PUT', `${path}/privacy`, { private: false })).status).toBe(404);
    await w.ok(carol, 'PUT', `${path}/privacy`, { private: false }); // carol owns it: she declared it paging nobody
    expect((await w.call(dave, 'GET', path)).status).toBe(200);
    await w.ok(admin, 'PUT', `${path}/privacy`, { private: true });
    expect((await w.call(dave, 'GET', path)).status).toBe(404);
    const bob = await w.person();
    await w.ok(carol, 'POST', `${path}/followers`, { userId: bob.id });
    expect((await w.call(bob, 'PUT', `${path}/privacy`, { private: false })).status).toBe(403);
    const messages = (await w.timeline(incident.number)).filter((e) => e.kind === 'privacy_changed');
    expect(messages.map((e) => e.message)).toEqual([
      expect.stringMatching(/made it public$/),
      expect.stringMatching(/made it private$/),
    ]);
  });

  it('a private incident is not merged into a public one, whose timeline would show it', async () => {
    const secret = await declare(carol, 'Stolen laptop', { category: 'security', page: 'none' });
    const open = await declare(carol, 'Laptop fleet slow', { category: 'outage', page: 'none' });
    const refused = await w.fails(carol, 'POST', `/api/v1/incidents/${secret.number}/merge`, { intoId: open.id });
    expect(refused.status).toBe(409);
    expect(refused.message).toContain('is private');
  });

  it('outbound webhooks (but those including private incidents) and the announcing channel are told nothing of it', async () => {
    received.length = 0;
    const secret = await declare(carol, 'Intruder in billing', { category: 'security' });
    const open = await declare(carol, 'Billing slow', { category: 'outage' });
    const bodies = received
      .filter((r) => r.path === '/hooks')
      .map((r) => r.body)
      .join('\n');
    expect(bodies).toContain(open.id);
    expect(bodies).not.toContain(secret.id);
    expect(bodies).not.toContain('Intruder in billing');
    // A subscription that includes private incidents receives it.
    const trusted = received
      .filter((r) => r.path === '/trusted')
      .map((r) => r.body)
      .join('\n');
    expect(trusted).toContain(open.id);
    expect(trusted).toContain(secret.id);
    const notices = await w.t.app.db
      .selectFrom('notifications')
      .select(['incident_id', 'status', 'error'])
      .where('channel_id', '=', channelId)
      .where('incident_id', 'in', [secret.id, open.id])
      .execute();
    const of = (id: string) => notices.filter((n) => n.incident_id === id);
    expect(of(secret.id).length).toBeGreaterThan(0);
    expect(of(secret.id).every((n) => n.status === 'skipped' && n.error === 'The incident is private')).toBe(true);
    expect(of(open.id).some((n) => n.status !== 'skipped')).toBe(true);
  });
});
