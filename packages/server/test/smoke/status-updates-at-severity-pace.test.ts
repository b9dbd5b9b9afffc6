/**
 * Status updates at the severity's pace (issue #12; seeds 003 and 004): an
 * S2 with a 30-minute cadence reminds the CMOC when an update is due and
 * again every 30 minutes while none is posted; posting one restarts the
 * cadence, and resolving stops it. The follower who reported it hears every
 * update quietly on their own phone, never as a page; the channel an
 * incident was announced in gets each update as a post.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeClock } from '../../src/lib/clock.js';
import { startSmoke, type Smoke, type SmokePerson, type SmokeService } from '../../src/test-support/smoke.js';

let s: Smoke;
let alice: SmokePerson; // EOC: level 1 of the service's policy, owns it
let carol: SmokePerson; // CMOC
let fred: SmokePerson; // reports it, so follows it; a viewer
let service: SmokeService;

const as = async (person: SmokePerson, method: string, path: string, body?: unknown) =>
  s.w.t.request(method, path, { token: person.token, body });

const json = async <T>(response: Response, status = 200): Promise<T> => {
  if (response.status !== status) throw new Error(`${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

const remindersTo = (person: SmokePerson) => s.smsTo(person.phone!).filter((m) => /status update .* is due/.test(m));
const updatesTo = (person: SmokePerson) => s.smsTo(person.phone!).filter((m) => /^Tocsin: Update on #\d+ /.test(m));
const nextUpdateDueAt = async (id: string) =>
  (await json<{ nextUpdateDueAt: string | null }>(await s.api('GET', `/api/v1/incidents/${id}/response`)))
    .nextUpdateDueAt;

beforeAll(async () => {
  s = await startSmoke();
  (s.w.t.clock as FakeClock).set('2026-03-02T10:00:00Z');
  alice = await s.person('Alice', { phone: '+447700900801', rules: 'both' });
  carol = await s.person('Carol', { phone: '+447700900802', rules: 'both' });
  fred = await s.person('Fred', { phone: '+447700900803', rules: 'both', role: 'viewer' });
  service = await s.service(await s.policy([{ delayMinutes: 15, people: [alice] }]));
  await s.roleSchedule('cmoc', 'Comms', [carol]);
  await json(await s.api('PATCH', '/api/v1/severities/S2', { updateMinutes: 30 }));
});
afterAll(async () => s?.close());

it('S2 every 30 minutes: the CMOC is reminded at 30 and 60, not after an update; the follower hears updates unpaged', async () => {
  const incident = await json<{ id: string; number: number }>(
    await as(fred, 'POST', '/api/v1/incidents/report', {
      serviceId: service.slug,
      title: 'Checkout fails',
      severity: 'S2',
    }),
    201,
  );
  await json(await as(alice, 'POST', `/api/v1/incidents/${incident.id}/roles/engage`, { role: 'cmoc' }));
  await s.settle();
  expect(await nextUpdateDueAt(incident.id)).toMatch(/^2026-03-02T10:30:00/);

  await s.tick(29);
  expect(remindersTo(carol)).toHaveLength(0);
  await s.tick(2);
  expect(remindersTo(carol)).toEqual([
    expect.stringContaining(`A status update on #${incident.number} Checkout fails is due (every 30 minutes)`),
  ]);
  await s.tick(30);
  expect(remindersTo(carol)).toHaveLength(2);
  expect(remindersTo(alice)).toHaveLength(0);

  // A viewer may not post; the owner posts one, moving the stage: the follower hears it quietly.
  expect((await as(fred, 'POST', `/api/v1/incidents/${incident.id}/updates`, { message: 'x' })).status).toBe(403);
  const posted = await json<{ stage: string; audience: string[] }>(
    await as(alice, 'POST', `/api/v1/incidents/${incident.id}/updates`, {
      message: 'Found the bad deploy, rolling back',
      stage: 'identified',
    }),
    201,
  );
  expect(posted).toMatchObject({ stage: 'identified', audience: ['internal'] });
  await s.settle();
  expect(updatesTo(fred)).toEqual([
    expect.stringContaining(
      `Update on #${incident.number} Checkout fails (identified) from Alice: Found the bad deploy`,
    ),
  ]);
  expect(s.pagesTo(fred.phone!)).toHaveLength(0);
  expect(updatesTo(alice)).toHaveLength(0);
  expect(await nextUpdateDueAt(incident.id)).toMatch(/^2026-03-02T11:31:00/);

  // No reminder before the restarted cadence falls due; resolving stops it for good.
  await s.tick(20);
  expect(remindersTo(carol)).toHaveLength(2);
  await json(
    await as(alice, 'POST', `/api/v1/incidents/${incident.id}/updates`, { message: 'Fixed', stage: 'resolved' }),
    201,
  );
  await s.settle();
  expect(updatesTo(fred)).toHaveLength(2);
  expect(await nextUpdateDueAt(incident.id)).toBeNull();
  await s.tick(180);
  expect(remindersTo(carol)).toHaveLength(2);
  expect(s.pagesTo(fred.phone!)).toHaveLength(0);

  const updates = await json<{ items: Array<{ message: string }> }>(
    await as(fred, 'GET', `/api/v1/incidents/${incident.id}/updates`),
  );
  expect(updates.items.map((u) => u.message)).toEqual(['Fixed', 'Found the bad deploy, rolling back']);
});

it('an update on an announced incident is posted to its channel too', async () => {
  const channelId = await s.w.channel('slack', 'C0UPDATES', 'updates');
  const incident = await json<{ id: string; number: number }>(
    await as(alice, 'POST', '/api/v1/incidents', {
      serviceId: service.slug,
      title: 'Search is down',
      severity: 'S3',
      steps: { announceChannelId: channelId },
    }),
    201,
  );
  // The declaration's post goes out first: two posts planned at one instant are sent side by side, in either order.
  await s.settle();
  const posted = await json<{ audience: string[] }>(
    await as(alice, 'POST', `/api/v1/incidents/${incident.id}/updates`, { message: 'Restarting the index' }),
    201,
  );
  expect(posted.audience).toEqual(['internal', 'channel']);
  await s.settle();
  const posts = s.w.slack.posts.filter((p) => p.channel === 'C0UPDATES').map((p) => p.text);
  expect(posts).toHaveLength(2);
  expect(posts[1]).toMatch(
    new RegExp(`^#${incident.number} update \\(investigating\\) from Alice: Restarting the index\\n`),
  );
});
