/**
 * Who may use the incident response routes (ADR 17), and what bad input is
 * told: viewers and stakeholders read and report but change nothing;
 * definitions are for admins; every refusal says what to fix, and nothing
 * answers 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let alice: Person; // EOC: the service's level 1
let bob: Person;
let service: { id: string; slug: string; routingKey: string };
let declared: IncidentView;
let paged: IncidentView;

const NOWHERE = '00000000-0000-7000-8000-000000000000';

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  bob = await w.person();
  service = await w.service(alice);
  declared = await w.ok(
    alice,
    'POST',
    '/api/v1/incidents',
    { serviceId: service.slug, title: 'Slow', severity: 'S3', page: 'none' },
    201,
  );
  paged = await w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Paged only' }, 201);
});
afterAll(async () => w?.close());

/** Every route that changes a declared incident's response, with a body that would pass validation. */
const incidentWrites = (): Array<[string, string, unknown?]> => {
  const n = declared.number;
  return [
    ['POST', '/api/v1/incidents', { serviceId: service.slug, title: 'x', severity: 'S4' }],
    ['POST', `/api/v1/incidents/${paged.number}/declare`, { severity: 'S3' }],
    ['POST', `/api/v1/incidents/${n}/severity`, { severity: 'S2', reason: 'worse' }],
    ['POST', `/api/v1/incidents/${n}/stage`, { stage: 'identified' }],
    ['POST', `/api/v1/incidents/${n}/category`, { category: 'outage' }],
    ['PUT', `/api/v1/incidents/${n}/impacted-services`, { serviceIds: [service.slug] }],
    ['POST', `/api/v1/incidents/${n}/roles/engage`, { role: 'scribe', userId: bob.id }],
    ['POST', `/api/v1/incidents/${n}/roles/take`, { role: 'scribe' }],
    ['POST', `/api/v1/incidents/${n}/handoffs`, { toUserId: bob.id }],
    ['POST', `/api/v1/incidents/${n}/handoffs/${NOWHERE}/accept`],
    ['POST', `/api/v1/incidents/${n}/handoffs/${NOWHERE}/decline`],
    ['POST', `/api/v1/incidents/${n}/handoffs/${NOWHERE}/cancel`],
    ['POST', `/api/v1/incidents/${n}/links`, { otherId: String(paged.number) }],
    ['DELETE', `/api/v1/incidents/${n}/links/${paged.number}`],
    ['POST', `/api/v1/incidents/${n}/merge`, { intoId: String(paged.number) }],
    ['POST', `/api/v1/incidents/${n}/checklist`, { key: 'customers_informed', done: true }],
    ['POST', `/api/v1/incidents/${n}/resolve`],
    ['POST', `/api/v1/incidents/${n}/notes`, { text: 'not theirs' }],
  ];
};

const definitionWrites: Array<[string, string, unknown?]> = [
  ['PATCH', '/api/v1/severities/S4', { description: 'changed' }],
  ['POST', '/api/v1/incident-categories', { slug: 'billing', name: 'Billing' }],
  ['DELETE', '/api/v1/incident-categories/outage'],
  ['POST', '/api/v1/incident-roles', { slug: 'liaison', name: 'Liaison' }],
  ['PATCH', '/api/v1/incident-roles/scribe', { description: 'changed' }],
  ['DELETE', '/api/v1/incident-roles/scribe'],
];

describe('who may', () => {
  it('refuses viewers and stakeholders every change of a response (403), and changes nothing', async () => {
    const before = await w.response(declared.number);
    for (const who of [w.viewer, w.stakeholder]) {
      for (const [method, path, body] of [...incidentWrites(), ...definitionWrites]) {
        const { status, message } = await w.fails(who, method, path, body);
        expect(status, `${method} ${path}`).toBe(403);
        expect(message, `${method} ${path}`).toMatch(/role|stakeholder|reporter/);
      }
    }
    expect(await w.response(declared.number)).toEqual(before);
    expect((await w.response(paged.number).catch((e: Error) => e.message)) as string).toMatch(/404/);
  });

  it('refuses responders the definitions (admin), and lets viewers and stakeholders read them and the response', async () => {
    for (const [method, path, body] of definitionWrites) {
      const { status, message } = await w.fails(alice, method, path, body);
      expect(status, `${method} ${path}`).toBe(403);
      expect(message).toContain('admin');
    }
    for (const who of [w.viewer, w.stakeholder]) {
      for (const path of [
        '/api/v1/severities',
        '/api/v1/incident-categories',
        '/api/v1/incident-roles',
        `/api/v1/incidents/${declared.number}/response`,
      ])
        expect((await w.call(who, 'GET', path)).status, path).toBe(200);
    }
  });

  it('lets anyone signed in report, and only the reporter among non-responders add notes', async () => {
    const reported = await w.ok(
      w.viewer,
      'POST',
      '/api/v1/incidents/report',
      { serviceId: service.slug, title: 'Login page blank' },
      201,
    );
    expect(reported.response).toMatchObject({ severity: 'S4', stage: 'investigating', owner: { id: alice.id } });
    await w.ok(w.viewer, 'POST', `/api/v1/incidents/${reported.number}/notes`, { text: 'Still blank' }, 201);
    const { status, message } = await w.fails(w.stakeholder, 'POST', `/api/v1/incidents/${reported.number}/notes`, {
      text: 'Me too',
    });
    expect(status).toBe(403);
    expect(message).toContain(`#${reported.number}`);
    // The reporter still changes nothing else.
    expect(
      (await w.fails(w.viewer, 'POST', `/api/v1/incidents/${reported.number}/stage`, { stage: 'identified' })).status,
    ).toBe(403);
  });
});

describe('bad input says what to fix', () => {
  const expectRefused = async (
    who: Person,
    method: string,
    path: string,
    body: unknown,
    status: number,
    says: RegExp,
  ): Promise<void> => {
    const answer = await w.fails(who, method, path, body);
    expect(answer, `${method} ${path} ${JSON.stringify(body)}`).toEqual({
      status,
      message: expect.stringMatching(says),
    });
  };

  it('unknown severity, category, service, role or person', async () => {
    const n = declared.number;
    await expectRefused(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'x', severity: 'S5' },
      400,
      /S1/,
    );
    await expectRefused(alice, 'POST', `/api/v1/incidents/${n}/severity`, { severity: 'P1' }, 400, /S1/);
    await expectRefused(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'x', severity: 'S3', category: 'weather' },
      400,
      /No category is called "weather": use one of .*outage/,
    );
    await expectRefused(alice, 'POST', `/api/v1/incidents/${n}/category`, { category: 'weather' }, 400, /outage/);
    await expectRefused(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: 'no-such-service', title: 'x', severity: 'S3' },
      404,
      /GET \/api\/v1\/services/,
    );
    await expectRefused(
      alice,
      'PUT',
      `/api/v1/incidents/${n}/impacted-services`,
      { serviceIds: ['no-such-service'] },
      404,
      /no-such-service/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${n}/roles/engage`,
      { role: 'pilot', userId: bob.id },
      400,
      /No role is called "pilot": use one of eoc, imoc/,
    );
    await expectRefused(alice, 'POST', `/api/v1/incidents/${n}/roles/take`, { role: 'pilot' }, 400, /use one of/);
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${n}/roles/engage`,
      { role: 'scribe', userId: NOWHERE },
      400,
      /No user has id .*GET \/api\/v1\/users/,
    );
    await expectRefused(alice, 'POST', `/api/v1/incidents/${n}/handoffs`, { toUserId: NOWHERE }, 400, /No user has id/);
  });

  it('declaration fields without a severity', async () => {
    await expectRefused(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'x', page: 'none' },
      400,
      /page needs a severity/,
    );
    await expectRefused(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'x', nearMiss: true, category: 'outage' },
      400,
      /category, nearMiss need a severity/,
    );
  });

  it('a channel to announce in that does not exist (was a 500)', async () => {
    const steps = { announceChannelId: NOWHERE };
    await expectRefused(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'x', severity: 'S3', steps },
      400,
      /No chat channel has id .*GET \/api\/v1\/channels/,
    );
    const other = await w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Paged' }, 201);
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${other.number}/declare`,
      { severity: 'S3', steps },
      400,
      /No chat channel/,
    );
    expect((await w.ok(w.owner, 'GET', `/api/v1/incidents/${other.number}`)).response).toBeNull();
  });

  it('a role nobody can hold: a viewer, a disabled user; engaging a role without a schedule or a name', async () => {
    const n = declared.number;
    const carol = await w.person();
    await w.t.app.db.updateTable('users').set({ is_disabled: true }).where('id', '=', carol.id).execute();
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${n}/handoffs`,
      { toUserId: w.viewer.id },
      400,
      /is a viewer and cannot hold the Engineer on call role/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${n}/handoffs`,
      { toUserId: carol.id },
      400,
      /is disabled and cannot hold/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${n}/roles/engage`,
      { role: 'imoc', userId: w.stakeholder.id },
      400,
      /is a stakeholder and cannot hold/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${n}/roles/engage`,
      { role: 'cmoc' },
      409,
      /Nobody is on call for .*name someone with userId/,
    );
    await expectRefused(alice, 'POST', `/api/v1/incidents/${n}/handoffs`, { toUserId: alice.id }, 400, /already hold/);
  });

  it('hand-offs: only the holder asks, only the person asked answers, only the asker cancels', async () => {
    const n = declared.number;
    await expectRefused(
      bob,
      'POST',
      `/api/v1/incidents/${n}/handoffs`,
      { role: 'eoc', toUserId: bob.id },
      403,
      /You do not hold the Engineer on call role/,
    );
    await expectRefused(bob, 'POST', `/api/v1/incidents/${n}/handoffs`, { toUserId: alice.id }, 400, /name the role/);
    const carol = await w.person();
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/handoffs`, { toUserId: carol.id }, 201);
    const handoff = (await w.response(n)).handoffs.find((h) => h.state === 'pending')!;
    await expectRefused(alice, 'POST', `/api/v1/incidents/${n}/handoffs`, { toUserId: bob.id }, 409, /already waiting/);
    await expectRefused(
      bob,
      'POST',
      `/api/v1/incidents/${n}/handoffs/${handoff.id}/accept`,
      undefined,
      403,
      /Only Test responder .* may accept/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${n}/handoffs/${handoff.id}/accept`,
      undefined,
      403,
      /may accept/,
    );
    await expectRefused(
      carol,
      'POST',
      `/api/v1/incidents/${n}/handoffs/${handoff.id}/cancel`,
      undefined,
      403,
      /may cancel/,
    );
    await expectRefused(carol, 'POST', `/api/v1/incidents/${n}/handoffs/${NOWHERE}/accept`, undefined, 404, /Hand-off/);
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/handoffs/${handoff.id}/cancel`);
    await expectRefused(
      carol,
      'POST',
      `/api/v1/incidents/${n}/handoffs/${handoff.id}/accept`,
      undefined,
      409,
      /already cancelled/,
    );
    expect((await w.response(n)).owner?.id).toBe(alice.id);
  });

  it('merges, promotions and links that cannot be', async () => {
    const other = await w.ok(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'Other', severity: 'S4', page: 'none' },
      201,
    );
    const done = await w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Done' }, 201);
    await w.ok(alice, 'POST', `/api/v1/incidents/${done.number}/resolve`);
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${other.number}/merge`,
      { intoId: String(other.number) },
      400,
      /cannot be merged into itself/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${other.number}/merge`,
      { intoId: done.id },
      409,
      /is resolved: merge into an open incident/,
    );
    await expectRefused(alice, 'POST', `/api/v1/incidents/${other.number}/merge`, { intoId: '999999' }, 404, /999999/);
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${other.number}/links`,
      { otherId: other.id },
      400,
      /not related to itself/,
    );
    await expectRefused(
      alice,
      'DELETE',
      `/api/v1/incidents/${other.number}/links/${done.number}`,
      undefined,
      404,
      /Related incident/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${done.number}/declare`,
      { severity: 'S3' },
      409,
      /is resolved: declare a new incident/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${other.number}/declare`,
      { severity: 'S3' },
      409,
      /already declared: change its severity/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${paged.number}/stage`,
      { stage: 'identified' },
      409,
      /is not declared: declare it first/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${paged.number}/checklist`,
      { key: 'channel', done: true },
      409,
      /not declared/,
    );
  });

  it('checklist: only S1/S2 items, and automatic items refuse ticking', async () => {
    const big = await w.ok(
      alice,
      'POST',
      '/api/v1/incidents',
      { serviceId: service.slug, title: 'Big', severity: 'S2', page: 'none', steps: { pageImoc: false } },
      201,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${big.number}/checklist`,
      { key: 'acknowledged', done: true },
      400,
      /ticks itself/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${big.number}/checklist`,
      { key: 'coffee', done: true },
      400,
      /use channel or customers_informed/,
    );
    await expectRefused(
      alice,
      'POST',
      `/api/v1/incidents/${declared.number}/checklist`,
      { key: 'customers_informed', done: true },
      400,
      /S1 and S2 only/,
    );
  });
});
