/**
 * Messages about a declared incident say why (ADR 17): the IMOC engaged when
 * the severity is raised is paged by SMS, email, Slack and a call as the
 * IMOC, even though the EOC already acknowledged; the person asked to take
 * a hand-off hears who asks, for which role, the note and where to accept,
 * quietly and not as a page; the announced channel hears what changed, with
 * the severity, stage and owner on the card.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeClock } from '../../src/lib/clock.js';
import { startSmoke, type Smoke, type SmokePerson, type SmokeService } from '../../src/test-support/smoke.js';

let s: Smoke;
let alice: SmokePerson; // EOC: level 1 of the service's policy
let bob: SmokePerson; // asked to take over as EOC
let mia: SmokePerson; // IMOC: the SRE Managers schedule
let dan: SmokePerson; // declares it
let service: SmokeService;
let channelId: string;

const as = async (person: SmokePerson, method: string, path: string, body?: unknown) => {
  const response = await s.w.t.request(method, path, { token: person.token, body });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; number: number };
};

const channelPosts = () => s.w.slack.posts.filter((p) => p.channel === 'C0INCIDENTS').map((p) => p.text);

beforeAll(async () => {
  s = await startSmoke();
  (s.w.t.clock as FakeClock).set('2026-03-02T10:00:00Z');
  alice = await s.person('Alice', { phone: '+447700900801' });
  bob = await s.person('Bob', { phone: '+447700900802', email: 'bob@example.com' });
  mia = await s.person('Mia', { phone: '+447700900803', email: 'mia@example.com' });
  dan = await s.person('Dan', { phone: '+447700900804' });
  await s.w.method(mia.id, 'slack', 'U0MIA001');
  await s.w.method(mia.id, 'voice', '+447700900813');
  service = await s.service(await s.policy([{ delayMinutes: 15, people: [alice] }]));
  channelId = await s.w.channel('slack', 'C0INCIDENTS', 'incidents');
  await s.roleSchedule('imoc', 'SRE Managers', [mia]);
});
afterAll(async () => s?.close());

it('an IMOC page, a hand-off asked and the channel posts each say why', async () => {
  const incident = await as(dan, 'POST', '/api/v1/incidents', {
    serviceId: service.slug,
    title: 'Checkout is slow',
    severity: 'S3',
    steps: { announceChannelId: channelId },
  });
  await s.settle();
  const n = incident.number;
  const url = `https://tocsin.test/app/incidents/${incident.id}`;
  expect(channelPosts()).toHaveLength(1);
  expect(channelPosts()[0]).toMatch(new RegExp(`^#${n} declared S3 by Dan\\n`));
  expect(channelPosts()[0]).toContain('Severity: S3 · Stage: investigating · Owner: Alice');

  // The EOC acknowledges, then raises it to S2: the IMOC is engaged and paged as the IMOC all the same.
  await as(alice, 'POST', `/api/v1/incidents/${incident.id}/acknowledge`);
  await as(alice, 'POST', `/api/v1/incidents/${incident.id}/severity`, {
    severity: 'S2',
    reason: 'customers affected',
  });
  await s.settle();
  const ask = `You are asked to be Incident manager on call (IMOC) for #${n} Checkout is slow`;
  const [sms, ...moreSms] = s.pagesTo(mia.phone!);
  expect(moreSms).toEqual([]);
  expect(sms).toMatch(
    new RegExp(
      `^Tocsin #${n} S2 Smoke \\d+: You are asked to be Incident manager on call \\(IMOC\\)\\. Checkout is slow\\.`,
    ),
  );
  const [mail] = s.mailsTo(mia.address!);
  expect(mail!.subject).toBe(`[Tocsin] ${ask}`);
  expect(mail!.text).toContain('Severity: S2 · Stage: investigating · Owner: Alice');
  const dm = s.w.slack.posts.find((p) => p.channel === 'D0MIA001');
  expect(JSON.stringify(dm!.blocks)).toContain(ask);
  const call = s.w.twilio.calls.find((c) => c.to === '+447700900813');
  expect((await s.w.twilio.answerCall(call!.sid)).body).toContain(`${ask}. Incident ${n} on `);
  expect(channelPosts()[1]).toMatch(new RegExp(`^#${n} S3 → S2 by Alice: customers affected\\n`));

  // Alice asks Bob to take over as EOC: Bob is told quietly (his email), not paged.
  await as(alice, 'POST', `/api/v1/incidents/${incident.id}/handoffs`, {
    toUserId: bob.id,
    note: 'I am off at six',
  });
  await s.settle();
  const asked = s.mailsTo(bob.address!);
  expect(asked).toHaveLength(1);
  expect(asked[0]!.subject).toBe(`[Tocsin] Alice asks you to take over as Engineer on call for #${n} Checkout is slow`);
  expect(asked[0]!.text).toContain('Note: I am off at six');
  expect(asked[0]!.text).toContain(`To accept (or decline), open the incident: ${url}`);
  expect(asked[0]!.text).not.toContain('Acknowledge:');
  expect(s.smsTo(bob.phone!)).toEqual([]);

  // A stage change is posted as what changed.
  await as(alice, 'POST', `/api/v1/incidents/${incident.id}/stage`, { stage: 'identified' });
  await s.settle();
  expect(channelPosts()[2]).toMatch(new RegExp(`^#${n} investigating → identified by Alice\\n`));
  expect(channelPosts()[2]).toContain('Severity: S2 · Stage: identified · Owner: Alice');
});
