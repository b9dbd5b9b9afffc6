/**
 * Seed 004: a near miss pages nobody and counts as one; an S4 reported by a
 * stakeholder (someone not on call) pages only the EOC, and the reporter
 * stays on it and may add notes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke, type SmokePerson, type SmokeService } from '../../src/test-support/smoke.js';

let s: Smoke;
let alice: SmokePerson;
let bob: SmokePerson;
let service: SmokeService;

const as = async (person: SmokePerson, method: string, path: string, body?: unknown) =>
  s.w.t.request(method, path, { token: person.token, body });

beforeAll(async () => {
  s = await startSmoke();
  alice = await s.person('Alice', { phone: '+447700900801' });
  bob = await s.person('Bob', { phone: '+447700900802' });
  service = await s.service(
    await s.policy([
      { delayMinutes: 5, people: [alice] },
      { delayMinutes: 5, people: [bob] },
    ]),
  );
});
afterAll(async () => s?.close());

it('a near miss pages nobody, is owned by its declarer, and counts as a near miss', async () => {
  const created = await as(alice, 'POST', '/api/v1/incidents', {
    serviceId: service.slug,
    title: 'Backups nearly filled the disk',
    severity: 'S2',
    nearMiss: true,
  });
  expect(created.status).toBe(201);
  const incident = (await created.json()) as {
    id: string;
    status: string;
    response: { nearMiss: boolean; owner: { id: string } };
  };
  expect(incident.response).toMatchObject({ nearMiss: true, owner: { id: alice.id } });
  expect(incident.status).toBe('acknowledged');
  await s.tick(60);
  expect(s.pagesTo(alice.phone!)).toEqual([]);
  expect(s.pagesTo(bob.phone!)).toEqual([]);
  const nearMisses = (await (await s.api('GET', '/api/v1/incidents?nearMiss=true')).json()) as {
    items: Array<{ id: string }>;
  };
  expect(nearMisses.items.map((i) => i.id)).toEqual([incident.id]);
  const declared = (await (await s.api('GET', '/api/v1/incidents?nearMiss=false')).json()) as { items: unknown[] };
  expect(declared.items).toEqual([]);
});

it('an S4 reported by a stakeholder pages only the EOC; the reporter follows it and adds notes', async () => {
  const carol = await s.person('Carol', { phone: '+447700900803', role: 'stakeholder' });
  const reported = await as(carol, 'POST', '/api/v1/incidents/report', {
    serviceId: service.slug,
    title: 'Customers say invoices are missing',
  });
  expect(reported.status).toBe(201);
  const incident = (await reported.json()) as { id: string; response: { severity: string; owner: { id: string } } };
  expect(incident.response).toMatchObject({ severity: 'S4', owner: { id: alice.id } });
  await s.settle();
  expect(s.pagesTo(alice.phone!)).toHaveLength(1);
  // The policy is not walked: level 2 stays quiet even past its delay.
  await s.tick(30);
  expect(s.pagesTo(bob.phone!)).toEqual([]);
  expect(s.pagesTo(alice.phone!)).toHaveLength(1);
  const note = await as(carol, 'POST', `/api/v1/incidents/${incident.id}/notes`, { text: 'Three more customers now' });
  expect(note.status).toBe(201);
  const response = (await (await s.api('GET', `/api/v1/incidents/${incident.id}/response`)).json()) as {
    stakeholders: Array<{ user: { id: string }; reason: string }>;
  };
  expect(response.stakeholders).toEqual([{ user: { id: carol.id, name: 'Carol' }, reason: 'reporter' }]);
  // A stakeholder of another incident may not add notes to this one.
  const other = await as(alice, 'POST', '/api/v1/incidents', {
    serviceId: service.slug,
    title: 'Other',
    severity: 'S4',
  });
  const otherId = ((await other.json()) as { id: string }).id;
  const refused = await as(carol, 'POST', `/api/v1/incidents/${otherId}/notes`, { text: 'Me too' });
  expect(refused.status).toBe(403);
});
