/**
 * No read leaks a private incident (ADR 18): every read route (GET) the
 * served OpenAPI document lists, found by itself so routes added later are
 * walked too, is called as every role, member of the private incident or
 * not, with its path parameters filled with the private incident's id and
 * number, its alert's id, and a public incident linked to it. No answer to a
 * non-member may carry the private incident's id, title or number-with-title,
 * nor its alert's id, summary or dedup key. A route registered only here
 * answers the title unguarded: the walk must report it, or it cannot fail.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptEvents } from '../modules/alerts/index.js';
import { operationsOf, type Operation } from '../test-support/openapi-fuzz.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../test-support/response-fixtures.js';

const PROBE = '/api/v1/test-only/unguarded/{id}';
const SECRET = 'Zanzibar breach 7f3a';
const DEDUP = 'dedup-zanzibar-7f3a';

/** A read that forgets the visibility rule, for proving the walk can fail. */
function unguardedProbe(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/test-only/unguarded/:id', {
    schema: { params: z.object({ id: z.string() }) },
    handler: async (request) => {
      const { db } = world.t.app;
      const row = await db
        .selectFrom('incidents')
        .select('title')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      return { title: row?.title ?? null };
    },
  });
}

let world: ResponseWorld;
let privateIncident: IncidentView & { title: string };
let publicIncident: IncidentView;
let alertId: string;
let secrets: string[];
let operations: Operation[];
/** Every role twice: a member of the private incident (a follower) and not. */
const people: Array<{ role: string; member: boolean; who: Person }> = [];

beforeAll(async () => {
  world = await startResponseWorld({ extraRoutes: [unguardedProbe] });
  const { t } = world;
  const alice = await world.person();
  const service = await world.service(alice);
  const key = await t.app.db
    .selectFrom('integration_keys')
    .select('id')
    .where('routing_key', '=', service.routingKey)
    .executeTakeFirstOrThrow();
  const alert = { summary: SECRET, source: 'db-1', severity: 'critical' as const, links: [], images: [] };
  await acceptEvents(t.app.db, t.clock, key.id, [
    { action: 'trigger', dedupKey: DEDUP, alert, raw: { dedup_key: DEDUP } },
  ]);
  await t.app.engine.runDue();
  const row = await t.app.db
    .selectFrom('alerts')
    .select(['id', 'incident_id'])
    .where('dedup_key', '=', DEDUP)
    .executeTakeFirstOrThrow();
  alertId = row.id;
  // Promoted as a security incident: private by default.
  privateIncident = await world.ok(alice, 'POST', `/api/v1/incidents/${row.incident_id}/declare`, {
    severity: 'S2',
    category: 'security',
  });
  publicIncident = await world.ok(
    alice,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title: 'Public and slow', severity: 'S3', page: 'none' },
    201,
  );
  await world.ok(alice, 'POST', `/api/v1/incidents/${publicIncident.number}/links`, { otherId: privateIncident.id });
  await t.app.engine.runDue();
  secrets = [privateIncident.id, SECRET, `#${privateIncident.number} ${SECRET}`, alertId, DEDUP];
  for (const role of ['owner', 'admin', 'responder', 'viewer', 'stakeholder'] as const) {
    for (const member of [true, false]) {
      const who = await t.createUserWithToken(role);
      // Made a member the way people are: someone on it adds them as a follower.
      if (member)
        await world.ok(alice, 'POST', `/api/v1/incidents/${privateIncident.id}/followers`, { userId: who.id });
      people.push({ role, member, who });
    }
  }
  const document = (await (await t.request('GET', '/api/openapi.json')).json()) as Parameters<typeof operationsOf>[0];
  operations = operationsOf(document).filter((op) => op.method.toUpperCase() === 'GET');
}, 60_000);
afterAll(async () => world?.close());

/**
 * Every request for one read: each path parameter filled with each target
 * (an enum's values where it has one), with the values the caller sent.
 */
function requestsOf(operation: Operation): Array<{ url: string; sent: string[] }> {
  const targets = [privateIncident.id, String(privateIncident.number), alertId, String(publicIncident.number)];
  let requests = [{ url: operation.path, sent: [] as string[] }];
  for (const param of operation.parameters.filter((p) => p.in === 'path')) {
    const values = (param.schema?.enum as string[] | undefined) ?? targets;
    requests = requests.flatMap(({ url, sent }) =>
      values.map((v) => ({ url: url.replace(`{${param.name}}`, encodeURIComponent(v)), sent: [...sent, v] })),
    );
  }
  // A query parameter naming an id (incidentId, alertId, ...) is sent with each target too.
  for (const param of operation.parameters.filter((p) => p.in === 'query' && /id$/i.test(p.name)))
    requests = requests.flatMap(({ url, sent }) => [
      { url, sent },
      ...targets.map((v) => ({
        url: `${url}${url.includes('?') ? '&' : '?'}${param.name}=${encodeURIComponent(v)}`,
        sent: [...sent, v],
      })),
    ]);
  return requests;
}

/** Ids and a number nothing has: a private incident must answer as these do. */
const GHOST_INCIDENT = '00000000-0000-7000-8000-00000000dead';
const GHOST_ALERT = '00000000-0000-7000-8000-00000000beef';
const GHOST_NUMBER = '987654';

/** The same request about nothing, when it is about the private incident or its alert. */
function ghostOf(url: string): string | undefined {
  const ghost = url
    .split(privateIncident.id)
    .join(GHOST_INCIDENT)
    .split(alertId)
    .join(GHOST_ALERT)
    .replace(new RegExp(`([/=])${privateIncident.number}(?=[/&]|$)`, 'g'), `$1${GHOST_NUMBER}`);
  return ghost === url ? undefined : ghost;
}

/** A read that can also be a server-sent event stream (its summary says so): walked both ways. */
const isStream = (operation: Operation) => /server-sent event/i.test(operation.summary ?? '');

/**
 * A stream's opening, read as EventSource would after a long absence (from
 * the oldest cursor, so it replays every change kept) up to its "ready" event.
 */
async function streamOpening(who: Person, url: string): Promise<{ status: number; body: string }> {
  const controller = new AbortController();
  const response = await fetch(`${world.t.url}${url}`, {
    headers: { authorization: `Bearer ${who.token}`, accept: 'text/event-stream', 'last-event-id': '3:3:' },
    signal: controller.signal,
  });
  if (!response.body || !/event-stream/.test(response.headers.get('content-type') ?? ''))
    return { status: response.status, body: await response.text() };
  let body = '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  while (!/event: ready\n/.test(body)) {
    const { value, done } = await reader.read();
    if (done) break;
    body += decoder.decode(value, { stream: true });
  }
  controller.abort();
  // The cursors move with every transaction anywhere: not part of what is compared.
  return { status: response.status, body: body.replace(/^id: [\d:,]+$/gm, 'id: <cursor>') };
}

/** An answer with what the caller sent taken out (only ids: taking out "2" would mangle every id holding it). */
async function answer(
  who: Person,
  url: string,
  sent: string[],
  stream = false,
): Promise<{ status: number; body: string }> {
  const response = stream ? await streamOpening(who, url) : await world.call(who, 'GET', url);
  let body = stream ? (response as { body: string }).body : await (response as Response).text();
  for (const value of sent.filter((v) => v.length > 8)) body = body.split(value).join('<sent>');
  return { status: response.status, body };
}

/**
 * Every read, as `who`: the URLs whose answer carries a secret, with the
 * secret, or that answer otherwise than the same request about an incident
 * that does not exist ("exists"). An answer may echo what the caller sent
 * ("Incident <id> not found" tells nothing the caller did not know).
 */
async function leaksFor(who: Person): Promise<Array<{ url: string; secret: string }>> {
  const found: Array<{ url: string; secret: string }> = [];
  for (const operation of operations) {
    for (const [{ url, sent }, stream] of requestsOf(operation).flatMap((r) =>
      isStream(operation) ? [[r, false] as const, [r, true] as const] : [[r, false] as const],
    )) {
      const real = await answer(who, url, sent, stream);
      const secret = secrets.find((s) => real.body.includes(s));
      if (secret) found.push({ url: stream ? `${url} (stream)` : url, secret });
      const ghostUrl = ghostOf(url);
      if (!ghostUrl) continue;
      const ghost = await answer(who, ghostUrl, [GHOST_INCIDENT, GHOST_ALERT, ...sent], stream);
      const same = (text: string) => text.split(GHOST_NUMBER).join(String(privateIncident.number));
      if (real.status !== ghost.status || same(ghost.body) !== real.body) found.push({ url, secret: 'exists' });
    }
  }
  return found;
}

describe('private incidents: no read leaks to a non-member', () => {
  it('walks the probe and the routes that read incidents, alerts and documents', () => {
    const paths = operations.map((op) => op.path);
    for (const path of [PROBE, '/api/v1/incidents/{id}', '/api/v1/alerts/{id}', '/api/v1/incidents/{id}/document'])
      expect(paths).toContain(path);
    // The live stream is walked as JSON and as a stream.
    expect(operations.filter(isStream).map((op) => op.path)).toContain('/api/v1/live');
  });

  it.each(['responder', 'viewer', 'stakeholder'])(
    'a %s who is no member reads nothing of it',
    async (role) => {
      const { who } = people.find((p) => p.role === role && !p.member)!;
      const leaks = await leaksFor(who);
      // The probe answers the title unguarded: the walk sees it, so it can fail.
      expect(leaks.filter((l) => l.url.startsWith('/api/v1/test-only/')).length).toBeGreaterThan(0);
      expect(leaks.filter((l) => !l.url.startsWith('/api/v1/test-only/'))).toEqual([]);
      expect((await world.call(who, 'GET', `/api/v1/incidents/${privateIncident.id}`)).status).toBe(404);
      expect((await world.call(who, 'GET', `/api/v1/incidents/${privateIncident.number}/timeline`)).status).toBe(404);
      expect((await world.call(who, 'GET', `/api/v1/alerts/${alertId}`)).status).toBe(404);
      // A public incident it reads as ever.
      expect((await world.call(who, 'GET', `/api/v1/incidents/${publicIncident.number}`)).status).toBe(200);
    },
    120_000,
  );

  it('members, owners and admins see it, its alert and its link', async () => {
    for (const { role, member, who } of people) {
      if (!member && (role === 'responder' || role === 'viewer' || role === 'stakeholder')) continue;
      const incident = await world.call(who, 'GET', `/api/v1/incidents/${privateIncident.number}`);
      expect([role, member, incident.status]).toEqual([role, member, 200]);
      expect(await incident.text()).toContain(SECRET);
      expect((await world.call(who, 'GET', `/api/v1/alerts/${alertId}`)).status).toBe(200);
      const list = await (await world.call(who, 'GET', '/api/v1/incidents')).text();
      expect(list).toContain(privateIncident.id);
      const links = await (await world.call(who, 'GET', `/api/v1/incidents/${publicIncident.number}/links`)).text();
      expect(links).toContain(privateIncident.id);
    }
  });
});
