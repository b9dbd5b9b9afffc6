/**
 * Every timeline entry says what it was done through, and the API shows it:
 * the web UI (session cookie), an API token, the CLI (a token and
 * X-Tocsin-Client: cli), an integration's alert (ingest) and Tocsin on its
 * own (engine). Acting from an SMS reply, an email link, a call and a Slack
 * button is checked in notify/acting.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '../../lib/source.js';
import { acceptEvents } from '../alerts/index.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test-support/app.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';

let t: TestApp;
let user: { id: string; email: string; token: string };
let session: { cookie: string; csrf: string };
let serviceId: string;
let keyId: string;

beforeAll(async () => {
  t = await startTestApp();
  user = await t.createUserWithToken('responder');
  const login = await t.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: TEST_PASSWORD } });
  session = {
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: user.id }] },
  ]);
  serviceId = await insertService(t.app.db, t.clock, { policyId });
  keyId = (await insertIntegrationKey(t.app.db, t.clock, serviceId)).id;
});
afterAll(async () => t?.close());

interface Entry {
  kind: string;
  source: Source;
}

async function timeline(incidentId: string): Promise<Entry[]> {
  const response = await t.request('GET', `/api/v1/incidents/${incidentId}/timeline`, { token: user.token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Entry[] }).items;
}

const sourceOf = (entries: Entry[], kind: string) => entries.find((e) => e.kind === kind)?.source;

const CALLERS: Array<{ through: string; source: Source; headers: () => Record<string, string> }> = [
  {
    through: 'the web UI (session cookie)',
    source: 'web',
    headers: () => ({ cookie: session.cookie, 'x-csrf-token': session.csrf }),
  },
  { through: 'an API token', source: 'api', headers: () => ({ authorization: `Bearer ${user.token}` }) },
  {
    through: 'the CLI (token and X-Tocsin-Client: cli)',
    source: 'cli',
    headers: () => ({ authorization: `Bearer ${user.token}`, 'x-tocsin-client': 'cli' }),
  },
  {
    through: 'a token naming another client',
    source: 'api',
    headers: () => ({ authorization: `Bearer ${user.token}`, 'x-tocsin-client': 'grafana' }),
  },
];

describe('the source of timeline entries', () => {
  it.each(CALLERS)('is $source for what a person does through $through', async ({ source, headers }) => {
    const call = async (path: string, body: unknown) => {
      const response = await t.request('POST', path, { headers: headers(), body });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as { id: string };
    };
    const incident = await call('/api/v1/incidents', { serviceId, title: `Declared through ${source}` });
    await call(`/api/v1/incidents/${incident.id}/notes`, { text: 'Looking' });
    await call(`/api/v1/incidents/${incident.id}/acknowledge`, {});
    await call(`/api/v1/incidents/${incident.id}/resolve`, {});
    const entries = await timeline(incident.id);
    for (const kind of ['triggered', 'note', 'acknowledged', 'resolved'])
      expect([kind, sourceOf(entries, kind)]).toEqual([kind, source]);
    // The first page is the engine's doing, whoever declared the incident.
    expect(sourceOf(entries, 'escalated')).toBe('engine');
  });

  it('is ingest for what an integration does and engine for escalation', async () => {
    const alert = { summary: 'Disk full', source: 's', severity: 'critical' as const, links: [], images: [] };
    await acceptEvents(t.app.db, t.clock, keyId, [{ action: 'trigger', dedupKey: 'disk', alert, raw: {} }]);
    await t.app.engine.runDue();
    const { incident_id: incidentId } = await t.app.db
      .selectFrom('alerts')
      .select('incident_id')
      .where('dedup_key', '=', 'disk')
      .executeTakeFirstOrThrow();
    await acceptEvents(t.app.db, t.clock, keyId, [{ action: 'acknowledge', dedupKey: 'disk', alert, raw: {} }]);
    await t.app.engine.runDue();
    t.clock.advanceMinutes(11);
    await t.app.engine.runDue();
    const entries = await timeline(incidentId!);
    expect(sourceOf(entries, 'triggered')).toBe('ingest');
    expect(sourceOf(entries, 'acknowledged')).toBe('ingest');
    expect(entries.filter((e) => e.kind === 'escalated').map((e) => e.source)).toEqual(['engine']);
  });
});
