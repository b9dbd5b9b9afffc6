/**
 * The detailed status is reviewed periodically (issue #12; seed 001: "review
 * periodically to keep current"): an S2 whose severity asks for a review
 * every 30 minutes reminds its owner at 30 minutes and again at 60 while
 * nobody saves the detailed status; a save re-arms it 30 minutes after the
 * save, and resolving stops it for good. The owner hears each reminder
 * quietly on their phone, saying why, never as a page.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeClock } from '../../src/lib/clock.js';
import { startSmoke, type Smoke, type SmokePerson, type SmokeService } from '../../src/test-support/smoke.js';

let s: Smoke;
let alice: SmokePerson; // declares it, so holds EOC and owns it
let service: SmokeService;

const as = async (person: SmokePerson, method: string, path: string, body?: unknown) =>
  s.w.t.request(method, path, { token: person.token, body });

const json = async <T>(response: Response, status = 200): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

const remindersTo = (person: SmokePerson) => s.smsTo(person.phone!).filter((m) => / the detailed status, /.test(m));

beforeAll(async () => {
  s = await startSmoke();
  (s.w.t.clock as FakeClock).set('2026-03-02T10:00:00Z');
  alice = await s.person('Alice', { phone: '+447700900811', rules: 'both' });
  service = await s.service(await s.policy([{ delayMinutes: 15, people: [alice] }]));
  await json(await s.api('PATCH', '/api/v1/severities/S2', { detailedStatusReviewMinutes: 30 }));
});
afterAll(async () => s?.close());

it('S2 reviewed every 30 minutes: the owner is reminded at 30 and 60, not until 30 minutes after a save, never after resolving', async () => {
  const incident = await json<{ id: string; number: number }>(
    await as(alice, 'POST', '/api/v1/incidents', {
      serviceId: service.slug,
      title: 'Checkout fails',
      severity: 'S2',
      page: 'none',
    }),
    201,
  );
  await s.settle();

  await s.tick(29);
  expect(remindersTo(alice)).toHaveLength(0);
  await s.tick(1); // 10:30
  expect(remindersTo(alice)).toEqual([
    expect.stringContaining(
      `Tocsin: Write the detailed status, still empty 30 minutes after declaring (every 30): #${incident.number} Checkout fails.`,
    ),
  ]);
  expect(remindersTo(alice)[0]).toContain(`/app/incidents/`);
  await s.tick(30); // 11:00
  expect(remindersTo(alice)).toHaveLength(2);
  expect(remindersTo(alice)[1]).toContain('still empty 60 minutes after declaring');
  expect(s.pagesTo(alice.phone!)).toHaveLength(0);

  // 11:10: Alice writes it. Nothing until 11:40, then a reminder counted from the save.
  await s.tick(10);
  const path = `/api/v1/incidents/${incident.id}/document/sections/detailed_status`;
  await json(await as(alice, 'PUT', path, { text: 'db-1 failed over; replaying the queue', baseVersion: 0 }));
  await s.tick(29);
  expect(remindersTo(alice)).toHaveLength(2);
  await s.tick(1); // 11:40
  expect(remindersTo(alice)).toHaveLength(3);
  expect(remindersTo(alice)[2]).toContain(
    `Tocsin: Review the detailed status, not saved for 30 minutes (every 30): #${incident.number} Checkout fails.`,
  );

  // 11:45: resolved. No reminder ever again.
  await s.tick(5);
  await json(await as(alice, 'POST', `/api/v1/incidents/${incident.id}/resolve`));
  await s.tick(30);
  await s.tick(180);
  expect(remindersTo(alice)).toHaveLength(3);
  expect(s.pagesTo(alice.phone!)).toHaveLength(0);

  const timeline = await json<{ items: Array<{ kind: string; at: string }> }>(
    await as(alice, 'GET', `/api/v1/incidents/${incident.id}/timeline`),
  );
  expect(timeline.items.filter((e) => e.kind === 'review_reminded').map((e) => e.at.slice(11, 16))).toEqual([
    '10:30',
    '11:00',
    '11:40',
  ]);
});
