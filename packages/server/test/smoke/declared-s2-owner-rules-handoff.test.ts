/**
 * A declared S2 (seed 004): the EOC on call owns it, the IMOC is engaged at
 * once and nothing more pages; the rules with timers fire once; a hand-off is
 * told to the person asked and moves ownership without paging anyone; only
 * the owner resolves; alerts resolving alone never resolve a declared
 * incident.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeClock } from '../../src/lib/clock.js';
import { startSmoke, type Smoke, type SmokePerson, type SmokeService } from '../../src/test-support/smoke.js';

let s: Smoke;
let alice: SmokePerson; // EOC: level 1 of the service's policy
let bob: SmokePerson; // takes over as EOC
let mia: SmokePerson; // IMOC: the SRE Managers schedule
let dan: SmokePerson; // declares it; not on call
let service: SmokeService;

interface IncidentView {
  id: string;
  number: number;
  status: string;
  response: { severity: string; stage: string; owner: { id: string; name: string } | null } | null;
}

const as = async (person: SmokePerson, method: string, path: string, body?: unknown) =>
  s.w.t.request(method, path, { token: person.token, body });

const json = async <T>(response: Response, status = 200): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

const timelineKinds = async (id: string): Promise<string[]> =>
  (await json<{ items: Array<{ kind: string }> }>(await s.api('GET', `/api/v1/incidents/${id}/timeline`))).items.map(
    (e) => e.kind,
  );

beforeAll(async () => {
  s = await startSmoke();
  (s.w.t.clock as FakeClock).set('2026-03-02T10:00:00Z');
  alice = await s.person('Alice', { phone: '+447700900701' });
  bob = await s.person('Bob', { phone: '+447700900702' });
  mia = await s.person('Mia', { phone: '+447700900703' });
  dan = await s.person('Dan', { phone: '+447700900704' });
  service = await s.service(
    await s.policy([
      { delayMinutes: 15, people: [alice] },
      { delayMinutes: 15, people: [bob] },
    ]),
  );
  await s.roleSchedule('imoc', 'SRE Managers', [mia]);
});
afterAll(async () => s?.close());

it('declare S2 → EOC owns, IMOC paged at once, one rule fires once, hand-off without pages, owner-only resolve', async () => {
  const declared = await json<IncidentView>(
    await as(dan, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Checkout is slow', severity: 'S2' }),
    201,
  );
  await s.settle();
  expect(declared.status).toBe('triggered');
  expect(declared.response).toMatchObject({ severity: 'S2', stage: 'investigating', owner: { id: alice.id } });
  // The EOC and the IMOC are paged once each; the declarer and the policy's level 2 are not.
  expect(s.pagesTo(alice.phone!)).toHaveLength(1);
  expect(s.pagesTo(mia.phone!)).toHaveLength(1);
  expect(s.pagesTo(bob.phone!)).toHaveLength(0);
  expect(s.pagesTo(dan.phone!)).toHaveLength(0);

  const response = await json<{
    roles: Array<{ role: { slug: string }; user: { id: string }; acceptedAt: string | null }>;
  }>(await s.api('GET', `/api/v1/incidents/${declared.number}/response`));
  expect(response.roles.map((r) => [r.role.slug, r.user.id, r.acceptedAt === null])).toEqual([
    ['eoc', alice.id, true],
    ['imoc', mia.id, true],
  ]);

  // Alice acknowledges; Investigating for 30 minutes: the IMOC is already engaged, so nobody is paged again,
  // and the owner is reminded to call for backup, once.
  await json(await as(alice, 'POST', `/api/v1/incidents/${declared.id}/acknowledge`));
  await s.tick(31);
  expect((await timelineKinds(declared.id)).filter((k) => k === 'rule_fired')).toHaveLength(1);
  await s.tick(120);
  expect((await timelineKinds(declared.id)).filter((k) => k === 'rule_fired')).toHaveLength(1);
  expect(s.pagesTo(mia.phone!)).toHaveLength(1);
  expect(s.pagesTo(bob.phone!)).toHaveLength(0);

  // Hand-off: Alice asks Bob, who is told (quietly: not paged); Bob accepts: he owns it, nobody is paged.
  await json(await as(alice, 'POST', `/api/v1/incidents/${declared.id}/handoffs`, { toUserId: bob.id }), 201);
  await s.settle();
  expect(s.smsTo(bob.phone!)).toEqual([
    expect.stringMatching(
      new RegExp(`^Tocsin: Alice asks you to take over as Engineer on call for #${declared.number} `),
    ),
  ]);
  expect(s.pagesTo(bob.phone!)).toHaveLength(0);
  const sent = s.w.twilio.messages.length;
  const pending = await json<{ handoffs: Array<{ id: string; state: string }> }>(
    await s.api('GET', `/api/v1/incidents/${declared.id}/response`),
  );
  const handoffId = pending.handoffs[0]!.id;
  const accepted = await json<IncidentView>(
    await as(bob, 'POST', `/api/v1/incidents/${declared.id}/handoffs/${handoffId}/accept`),
  );
  expect(accepted.response!.owner!.id).toBe(bob.id);
  await s.settle();
  expect(s.pagesTo(bob.phone!)).toHaveLength(0);
  expect(s.w.twilio.messages.length).toBe(sent);

  // A non-owner's resolve is refused, naming the owner; the owner resolves.
  const refused = await as(alice, 'POST', `/api/v1/incidents/${declared.id}/resolve`);
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('Bob');
  const resolved = await json<IncidentView>(await as(bob, 'POST', `/api/v1/incidents/${declared.id}/resolve`));
  expect(resolved.status).toBe('resolved');
  expect(resolved.response!.stage).toBe('resolved');
});

it('alerts resolving alone never resolve a declared incident', async () => {
  await s.event(service.routingKey, 'trigger', 'db-latency', 'Database latency high');
  await s.settle();
  const [paged] = await s.incidents('?status=triggered');
  const promoted = await json<IncidentView>(
    await as(alice, 'POST', `/api/v1/incidents/${paged!.id}/declare`, { severity: 'S3' }),
  );
  expect(promoted.response).toMatchObject({ severity: 'S3', owner: { id: alice.id } });
  await s.event(service.routingKey, 'resolve', 'db-latency');
  await s.settle();
  const after = await json<IncidentView>(await s.api('GET', `/api/v1/incidents/${paged!.id}`));
  expect(after.status).not.toBe('resolved');
  expect(after.response!.stage).toBe('investigating');
  expect(await timelineKinds(paged!.id)).toContain('alerts_resolved');
});
