/**
 * The live state document through the API: sections saved from a named
 * version, a stale save refused with the current text (409), each section's
 * history, objectives that tell the owner when all are met, actions, links,
 * the conference bridge; who may read and edit, and what bad input is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';

interface Section {
  key: string;
  text: string;
  version: number;
  updatedBy: string | null;
}
interface Doc {
  sections: Section[];
  people: Array<{ user: { id: string }; as: string }>;
  objectives: Array<{ id: string; text: string; met: boolean; metBy: string | null; metAt: string | null }>;
  allObjectivesMet: boolean;
  actions: Array<{ id: string; text: string; owner: { id: string } | null; dueDate: string | null }>;
  links: Array<{ id: string; label: string; url: string }>;
  conferenceBridgeUrl: string | null;
}

let w: ResponseWorld;
let alice: Person; // declares: the owner
let bob: Person;
let service: { slug: string };
let incident: IncidentView;

const doc = (n: number = incident.number) => `/api/v1/incidents/${n}/document`;
const section = (d: Doc, key: string) => d.sections.find((s) => s.key === key)!;

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  bob = await w.person();
  service = await w.service(alice);
  incident = await w.ok(
    alice,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title: 'Checkout slow', severity: 'S3', page: 'none' },
    201,
  );
});
afterAll(async () => w?.close());

describe('sections', () => {
  it('saves from the version it started from, and refuses a stale save with the current text (409)', async () => {
    const empty = await w.ok<Doc>(w.viewer, 'GET', doc());
    expect(section(empty, 'summary')).toMatchObject({ text: '', version: 0, updatedBy: null });

    const saved = await w.ok<Doc>(alice, 'PUT', `${doc()}/sections/summary`, {
      text: 'Checkout is slow',
      baseVersion: 0,
    });
    expect(section(saved, 'summary')).toMatchObject({ text: 'Checkout is slow', version: 1 });

    // Bob started from version 0 too: his save is refused, carrying Alice's text to merge.
    const stale = await w.call(bob, 'PUT', `${doc()}/sections/summary`, { text: 'Payments down', baseVersion: 0 });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { message: string; details: { current: Section } } };
    expect(body.error.details.current).toMatchObject({ key: 'summary', text: 'Checkout is slow', version: 1 });
    expect(body.error.message).toMatch(/since you started.*version 1/);

    // Merged, from version 1: accepted.
    const merged = await w.ok<Doc>(bob, 'PUT', `${doc()}/sections/summary`, {
      text: 'Checkout is slow; payments down',
      baseVersion: 1,
    });
    expect(section(merged, 'summary')).toMatchObject({ text: 'Checkout is slow; payments down', version: 2 });
    expect(section(merged, 'detailed_status').version).toBe(0);
  });

  it('keeps every version with who saved it, newest first, and says so on the timeline', async () => {
    const history = await w.ok<{ items: Array<{ version: number; text: string; savedBy: string; savedAt: string }> }>(
      w.stakeholder,
      'GET',
      `${doc()}/sections/summary/history`,
    );
    expect(history.items.map((r) => [r.version, r.text])).toEqual([
      [2, 'Checkout is slow; payments down'],
      [1, 'Checkout is slow'],
    ]);
    expect(history.items[1]!.savedBy).toMatch(/^Test responder/);
    expect(history.items[0]!.savedAt).toBe(w.t.clock.now().toISOString());
    const edits = (await w.timeline(incident.number)).filter((e) => e.kind === 'document_edited');
    expect(edits.map((e) => e.message)).toEqual([
      expect.stringMatching(/edited the summary \(version 1\)$/),
      expect.stringMatching(/edited the summary \(version 2\)$/),
    ]);
  });

  it('lets exactly one of two saves from the same version through, at the same moment', async () => {
    const from = section(await w.ok<Doc>(alice, 'GET', doc()), 'detailed_status').version;
    const answers = await Promise.all(
      [alice, bob].map((who, i) =>
        w.call(who, 'PUT', `${doc()}/sections/detailed_status`, { text: `status ${i}`, baseVersion: from }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const history = await w.ok<{ items: Array<{ version: number }> }>(
      alice,
      'GET',
      `${doc()}/sections/detailed_status/history`,
    );
    expect(history.items.map((r) => r.version)).toEqual([from + 1]);
  });

  it('refuses a version that does not exist yet, and a save that changes nothing adds no version', async () => {
    const ahead = await w.fails(alice, 'PUT', `${doc()}/sections/stakeholders`, { text: 'x', baseVersion: 4 });
    expect(ahead).toEqual({ status: 400, message: expect.stringMatching(/no version 4 \(it is at version 0\)/) });
    const same = await w.ok<Doc>(alice, 'PUT', `${doc()}/sections/summary`, {
      text: 'Checkout is slow; payments down',
      baseVersion: 2,
    });
    expect(section(same, 'summary').version).toBe(2);
  });
});

/** A verified email with a rule for low-urgency messages, so a quiet notice to the person is planned. */
async function reachableByEmail(userId: string): Promise<void> {
  const now = w.t.clock.now();
  const id = newId(now);
  const noCode = { verification_code_hash: null, verification_expires_at: null, disabled_at: null };
  await w.t.app.db
    .insertInto('contact_methods')
    .values({
      id,
      user_id: userId,
      type: 'email',
      label: 'work',
      address: 'owner@example.com',
      verified_at: now,
      ...noCode,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await w.t.app.db
    .insertInto('notification_rules')
    .values({
      id: newId(now),
      user_id: userId,
      contact_method_id: id,
      urgency: 'low',
      delay_minutes: 0,
      created_at: now,
    })
    .execute();
}

describe('objectives', () => {
  it('marks each met with who and when, and tells the owner once all are met', async () => {
    const n = (
      await w.ok<IncidentView>(
        alice,
        'POST',
        '/api/v1/incidents',
        { serviceId: service.slug, title: 'Queue backlog', severity: 'S3', page: 'none' },
        201,
      )
    ).number;
    expect((await w.response(n)).owner?.id).toBe(alice.id);
    await reachableByEmail(alice.id);
    let d = await w.ok<Doc>(bob, 'POST', `${doc(n)}/objectives`, { text: 'p99 under 300 ms for 15 minutes' }, 201);
    d = await w.ok<Doc>(bob, 'POST', `${doc(n)}/objectives`, { text: 'Queue under 1000' }, 201);
    const [latency, queue] = d.objectives;
    expect(d.allObjectivesMet).toBe(false);

    d = await w.ok<Doc>(bob, 'PATCH', `${doc(n)}/objectives/${latency!.id}`, { met: true });
    expect(d.objectives[0]).toMatchObject({ met: true, metBy: expect.stringMatching(/^Test responder/) });
    expect(d.objectives[0]!.metAt).toBe(w.t.clock.now().toISOString());
    expect((await w.timeline(n)).some((e) => e.kind === 'objectives_met')).toBe(false);

    d = await w.ok<Doc>(bob, 'PATCH', `${doc(n)}/objectives/${queue!.id}`, { met: true, text: 'Queue under 500' });
    expect(d.allObjectivesMet).toBe(true);
    expect(d.objectives[1]).toMatchObject({ text: 'Queue under 500', met: true });
    const told = (await w.timeline(n)).filter((e) => e.kind === 'objectives_met');
    expect(told).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^All 2 resolution objectives are met: Test responder/),
      }),
    ]);
    const notices = await w.t.app.db
      .selectFrom('notifications')
      .select(['user_id', 'details'])
      .where('incident_id', '=', (await w.ok<IncidentView>(alice, 'GET', `/api/v1/incidents/${n}`)).id)
      .execute();
    expect(notices.filter((x) => (x.details as { reason?: string } | null)?.reason === 'objectives_met')).toEqual([
      { user_id: alice.id, details: { reason: 'objectives_met', count: 2 } },
    ]);

    // Unmet and met again tells again; rewording alone does not.
    w.t.clock.advanceMinutes(5);
    await w.ok<Doc>(bob, 'PATCH', `${doc(n)}/objectives/${queue!.id}`, { met: false });
    await w.ok<Doc>(bob, 'PATCH', `${doc(n)}/objectives/${queue!.id}`, { met: true });
    await w.ok<Doc>(bob, 'PATCH', `${doc(n)}/objectives/${queue!.id}`, { text: 'Queue under 400' });
    expect((await w.timeline(n)).filter((e) => e.kind === 'objectives_met')).toHaveLength(2);
    d = await w.ok<Doc>(bob, 'DELETE', `${doc(n)}/objectives/${latency!.id}`);
    expect(d.objectives.map((o) => o.text)).toEqual(['Queue under 400']);
  });
});

describe('actions, links, people and the bridge', () => {
  it('lists actions with owner and due date, links, the response people and the organisation bridge', async () => {
    await w.ok(w.owner, 'PUT', '/api/v1/settings/conference-bridge', { url: 'https://meet.example.com/war-room' });
    let d = await w.ok<Doc>(
      alice,
      'POST',
      `${doc()}/actions`,
      { text: 'Add a latency alert on checkout', ownerId: bob.id, dueDate: '2027-01-15' },
      201,
    );
    expect(d.actions).toEqual([
      expect.objectContaining({
        text: 'Add a latency alert on checkout',
        owner: expect.objectContaining({ id: bob.id }),
        dueDate: '2027-01-15',
      }),
    ]);
    d = await w.ok<Doc>(alice, 'PATCH', `${doc()}/actions/${d.actions[0]!.id}`, { ownerId: null, dueDate: null });
    expect(d.actions[0]).toMatchObject({ owner: null, dueDate: null });
    d = await w.ok<Doc>(
      alice,
      'POST',
      `${doc()}/links`,
      { label: 'Checkout dashboard', url: 'https://grafana.example.com/d/1' },
      201,
    );
    expect(d.links).toEqual([
      expect.objectContaining({ label: 'Checkout dashboard', url: 'https://grafana.example.com/d/1' }),
    ]);
    expect(d.conferenceBridgeUrl).toBe('https://meet.example.com/war-room');
    expect(d.people).toContainEqual({ user: expect.objectContaining({ id: alice.id }), as: expect.any(String) });
    d = await w.ok<Doc>(alice, 'DELETE', `${doc()}/links/${d.links[0]!.id}`);
    expect(d.links).toEqual([]);
  });
});

describe('who may, and bad input', () => {
  it('lets viewers and stakeholders read, and refuses them every edit (403) without changing anything', async () => {
    const before = await w.ok<Doc>(alice, 'GET', doc());
    const some = '00000000-0000-7000-8000-000000000000';
    const writes: Array<[string, string, unknown?]> = [
      ['PUT', `${doc()}/sections/summary`, { text: 'mine', baseVersion: 2 }],
      ['POST', `${doc()}/objectives`, { text: 'x' }],
      ['PATCH', `${doc()}/objectives/${some}`, { met: true }],
      ['DELETE', `${doc()}/objectives/${some}`],
      ['POST', `${doc()}/actions`, { text: 'x' }],
      ['PATCH', `${doc()}/actions/${some}`, { text: 'x' }],
      ['DELETE', `${doc()}/actions/${some}`],
      ['POST', `${doc()}/links`, { label: 'x', url: 'https://example.com' }],
      ['DELETE', `${doc()}/links/${some}`],
    ];
    for (const who of [w.viewer, w.stakeholder]) {
      expect((await w.call(who, 'GET', doc())).status).toBe(200);
      for (const [method, path, body] of writes) {
        const answer = await w.fails(who, method, path, body);
        expect(answer, `${method} ${path}`).toEqual({ status: 403, message: expect.stringMatching(/responder/) });
      }
    }
    expect((await w.fails(alice, 'PUT', '/api/v1/settings/conference-bridge', { url: null })).status).toBe(403);
    expect(await w.ok<Doc>(alice, 'GET', doc())).toEqual(before);
  });

  it('says what to fix', async () => {
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ['PUT', `${doc()}/sections/timeline`, { text: 'x', baseVersion: 0 }, 400, /summary|detailed_status/],
      ['PUT', `${doc()}/sections/summary`, { text: 'x' }, 400, /baseVersion/],
      ['PUT', `${doc()}/sections/summary`, { text: 'x', baseVersion: -1 }, 400, /baseVersion/],
      ['POST', `${doc()}/objectives`, { text: '  ' }, 400, /text/],
      ['POST', `${doc()}/links`, { label: 'x', url: 'javascript:alert(1)' }, 400, /http\(s\) URL/],
      ['POST', `${doc()}/actions`, { text: 'x', dueDate: '15/01/2027' }, 400, /YYYY-MM-DD/],
      ['POST', `${doc()}/actions`, { text: 'x', ownerId: '00000000-0000-7000-8000-000000000000' }, 400, /No user/],
      ['PATCH', `${doc()}/objectives/00000000-0000-7000-8000-000000000000`, { met: true }, 404, /objective/],
    ];
    for (const [method, path, body, status, says] of cases)
      expect(await w.fails(alice, method, path, body), `${method} ${path} ${JSON.stringify(body)}`).toEqual({
        status,
        message: expect.stringMatching(says),
      });
    const paged = await w.ok<IncidentView>(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'Paged' },
      201,
    );
    expect(await w.fails(alice, 'GET', doc(paged.number))).toEqual({
      status: 404,
      message: expect.stringMatching(/not declared/),
    });
    expect(
      (await w.fails(alice, 'PUT', `${doc(paged.number)}/sections/summary`, { text: 'x', baseVersion: 0 })).status,
    ).toBe(404);
  });
});
