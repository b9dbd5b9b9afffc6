/** A responder acknowledges from the page itself: an SMS reply, or the link in the email. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmoke, type Smoke } from '../../src/test-support/smoke.js';

let s: Smoke;
beforeAll(async () => {
  s = await startSmoke();
});
afterAll(async () => s?.close());

const SMS_WEBHOOK = 'https://tocsin.test/api/v1/providers/twilio/sms';

it('replying to the SMS with its code acknowledges that incident as the person paged', async () => {
  const alice = await s.person('Alice', { phone: '+447700900581' });
  const bob = await s.person('Bob', { phone: '+447700900582' });
  const service = await s.service(
    await s.policy([
      { delayMinutes: 15, people: [alice] },
      { delayMinutes: 15, people: [bob] },
    ]),
  );
  await s.event(service.routingKey, 'trigger', 'payments-failing');
  await s.settle();
  const [sms] = s.smsTo(alice.phone!);
  const code = /Reply (\d+) to acknowledge/.exec(sms!)![1]!;
  const reply = await s.w.twilio.sendInboundSms(SMS_WEBHOOK, alice.phone!, code);
  expect(reply.status).toBe(200);
  expect(reply.body).toMatch(/acknowledged/);
  const [incident] = await s.incidents();
  expect(incident!.status).toBe('acknowledged');
  await s.tick(30);
  expect(s.smsTo(bob.phone!)).toEqual([]);
});

it('the link in the email asks first (GET changes nothing), then acknowledges (POST)', async () => {
  await s.tick(10);
  const carol = await s.person('Carol', { email: 'carol@example.com' });
  const service = await s.service(await s.policy([{ delayMinutes: 15, people: [carol] }]));
  await s.event(service.routingKey, 'trigger', 'search-slow', 'Search is slow');
  await s.settle();
  const [mail] = s.mailsTo('carol@example.com');
  const link = s.w.local(/Acknowledge: (\S+)/.exec(mail!.text)![1]!);
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const open = (await s.incidents('?status=triggered')).find((i) => i.title === 'Search is slow');
  expect(open).toBeDefined();
  const act = await fetch(link, { method: 'POST' });
  expect(act.status).toBeLessThan(400);
  const after = (await s.incidents()).find((i) => i.title === 'Search is slow');
  expect(after!.status).toBe('acknowledged');
});
