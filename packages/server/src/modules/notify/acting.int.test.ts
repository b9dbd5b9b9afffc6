/**
 * Acknowledging and resolving from the notification itself: an SMS reply
 * code, a link in an email (GET shows a page, only POST acts), a keypress in
 * a call, a Slack button. Each is authenticated by the vendor's signature or
 * a signed token; a forged one is refused and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PUBLIC_URL,
  startNotifyWorld,
  type NotifyWorld,
  type Person,
} from '../../test-support/fake-vendors/notify-world.js';

let w: NotifyWorld;
let alice: Person;
const SMS_URL = `${PUBLIC_URL}/api/v1/providers/twilio/sms`;
const SLACK_URL = '/api/v1/providers/slack/interactions';

beforeAll(async () => {
  w = await startNotifyWorld();
  alice = await w.person('Alice');
  await w.method(alice.id, 'sms', '+447700900101');
  await w.method(alice.id, 'email', 'alice@example.com');
  await w.method(alice.id, 'voice', '+447700900102', { rule: { urgency: 'low', delayMinutes: 0 } });
  await w.method(alice.id, 'slack', 'U0ALICE01', { rule: { urgency: 'low', delayMinutes: 1 } });
});
afterAll(async () => w?.close());

async function incidentState(id: string) {
  return w.t.app.db
    .selectFrom('incidents')
    .select(['status', 'acknowledged_by', 'resolved_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function pagedIncident(urgency: 'high' | 'low' = 'high') {
  w.t.clock.advanceMinutes(6); // a fresh throttle window for each page
  const incident = await w.incident({ urgency });
  await w.escalate(incident.id, [alice.id], { urgency });
  await w.run();
  return incident;
}

/** What the entry of `kind` was done through (the timeline's source). */
async function sourceOf(incidentId: string, kind: string) {
  const rows = await w.t.app.db
    .selectFrom('incident_timeline')
    .select('source')
    .where('incident_id', '=', incidentId)
    .where('kind', '=', kind)
    .execute();
  return rows.map((r) => r.source);
}

const replyCodeIn = (body: string) => /Reply 4(\d+) to acknowledge/.exec(body)![1]!;

describe('SMS reply codes', () => {
  it('acknowledge the incident the code names, as the person paged, and answer with TwiML', async () => {
    const first = await pagedIncident();
    const second = await pagedIncident();
    const smsFor = (n: number) =>
      w.twilio.messages.find((m) => m.to === '+447700900101' && m.body.startsWith(`Tocsin #${n} `))!;
    const code1 = replyCodeIn(smsFor(first.number).body);
    const code2 = replyCodeIn(smsFor(second.number).body);
    expect(code1).not.toBe(code2);

    const forged = await w.twilio.sendInboundSms(
      SMS_URL,
      '+447700900101',
      `4${code2}`,
      undefined,
      'not-the-auth-token',
    );
    expect(forged.status).toBe(403);
    expect((await incidentState(second.id)).status).toBe('triggered');

    const reply = await w.twilio.sendInboundSms(SMS_URL, '+447700900101', `4${code2}`);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/xml/);
    expect(reply.body).toContain(`<Message>Incident #${second.number} acknowledged:`);
    expect(await incidentState(second.id)).toMatchObject({ status: 'acknowledged', acknowledged_by: alice.id });
    expect((await incidentState(first.id)).status).toBe('triggered');
    expect(await w.timeline(second.id)).toContain('Acknowledged by Alice');
    expect(await sourceOf(second.id, 'acknowledged')).toEqual(['sms_reply']);
    expect(await sourceOf(second.id, 'notified')).toEqual(expect.arrayContaining(['engine']));

    const resolve = await w.twilio.sendInboundSms(SMS_URL, '+447700900101', `resolve ${code1}`);
    expect(resolve.body).toContain(`Incident #${first.number} resolved`);
    expect(await incidentState(first.id)).toMatchObject({ status: 'resolved', resolved_by: alice.id });
    expect(await sourceOf(first.id, 'resolved')).toEqual(['sms_reply']);
  });

  it('differ for two incidents paged to one number at once (their deliveries decided together)', async () => {
    w.t.clock.advanceMinutes(6);
    const first = await w.incident({ urgency: 'high' });
    const second = await w.incident({ urgency: 'high' });
    await w.escalate(first.id, [alice.id], { urgency: 'high' });
    await w.escalate(second.id, [alice.id], { urgency: 'high' });
    await w.run();
    const codeOf = (n: number) =>
      replyCodeIn(w.twilio.messages.find((m) => m.to === '+447700900101' && m.body.startsWith(`Tocsin #${n} `))!.body);
    expect(codeOf(first.number)).not.toBe(codeOf(second.number));
  });

  it('explain what went wrong for unknown codes, other numbers and gibberish', async () => {
    const incident = await pagedIncident();
    const code = replyCodeIn(w.twilio.messages.find((m) => m.body.startsWith(`Tocsin #${incident.number} `))!.body);
    expect((await w.twilio.sendInboundSms(SMS_URL, '+447700900999', `4${code}`)).body).toContain(
      'no open page with that code for this number',
    );
    expect((await w.twilio.sendInboundSms(SMS_URL, '+447700900101', 'what?')).body).toContain('did not understand');
    expect((await incidentState(incident.id)).status).toBe('triggered');
  });
});

describe('links in emails', () => {
  it('show a confirmation page on GET (changing nothing) and act on POST', async () => {
    const incident = await pagedIncident();
    const mail = w.smtp.mails.find((m) => m.subject.startsWith(`[Tocsin] #${incident.number} `))!;
    const ackUrl = w.local(/Acknowledge: (\S+)/.exec(mail.text)![1]!);
    expect(mail.html).toContain('Acknowledge</a>');

    const page = await fetch(ackUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Acknowledge incident #${incident.number}?`);
    expect(html).toContain('<form method="post"');
    expect((await incidentState(incident.id)).status).toBe('triggered');

    // Change the first character of the signature (a whole 6 bits of it, so never a no-op).
    const dot = ackUrl.lastIndexOf('.');
    const tampered = await fetch(
      `${ackUrl.slice(0, dot + 1)}${ackUrl[dot + 1] === 'A' ? 'B' : 'A'}${ackUrl.slice(dot + 2)}`,
      { method: 'POST' },
    );
    expect(tampered.status).toBe(403);
    expect((await incidentState(incident.id)).status).toBe('triggered');

    const done = await fetch(ackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`Incident #${incident.number} acknowledged`);
    expect(await incidentState(incident.id)).toMatchObject({ status: 'acknowledged', acknowledged_by: alice.id });
    expect(await sourceOf(incident.id, 'acknowledged')).toEqual(['email_link']);
  });

  it('expire after 72 hours on the clock', async () => {
    const incident = await pagedIncident();
    const mail = w.smtp.mails.find((m) => m.subject.startsWith(`[Tocsin] #${incident.number} `))!;
    const resolveUrl = w.local(/Resolve: (\S+)/.exec(mail.text)![1]!);
    w.t.clock.advanceMinutes(72 * 60);
    const expired = await fetch(resolveUrl, { method: 'POST' });
    expect(expired.status).toBe(410);
    expect((await incidentState(incident.id)).status).toBe('triggered');
  });
});

describe('voice', () => {
  it('reads the incident and resolves it when 6 is pressed', async () => {
    const incident = await pagedIncident('low');
    const call = w.twilio.calls.filter((c) => c.to === '+447700900102').at(-1)!;
    expect(call.url).toMatch(/^https:\/\/tocsin\.test\/api\/v1\/providers\/twilio\/voice\?n=/);
    const answered = await w.twilio.answerCall(call.sid);
    expect(answered.status).toBe(200);
    expect(answered.body).toContain(`Incident ${incident.number} on `);
    expect(answered.body).toContain('Press 4 to acknowledge. Press 6 to resolve.');
    const action = /<Gather numDigits="1" action="([^"]+)"/.exec(answered.body)![1]!.replace(/&amp;/g, '&');

    const forged = await fetch(w.local(action), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'Zm9yZ2Vk' },
      body: 'Digits=6',
    });
    expect(forged.status).toBe(403);
    expect((await incidentState(incident.id)).status).toBe('triggered');

    const pressed = await w.twilio.pressKeys(call.sid, action, '6');
    expect(pressed.body).toContain(`<Say>Incident #${incident.number} resolved`);
    expect(await incidentState(incident.id)).toMatchObject({ status: 'resolved', resolved_by: alice.id });
    expect(await sourceOf(incident.id, 'resolved')).toEqual(['voice']);
  });
});

describe('Slack buttons', () => {
  it('act as the Tocsin person whose Slack member id clicked, and refuse bad signatures and stale requests', async () => {
    const incident = await pagedIncident('low');
    w.t.clock.advanceMinutes(1);
    await w.run();
    const post = w.slack.posts.find((p) => p.channel === 'D0ALICE01' && p.text.includes(`#${incident.number} `))!;
    const url = `${w.t.url}${SLACK_URL}`;
    const now = Math.floor(w.t.clock.now().getTime() / 1000);

    const badSignature = await w.slack.clickButton({
      url,
      userId: 'U0ALICE01',
      post,
      actionId: 'tocsin_acknowledge',
      timestamp: now,
      signWith: 'wrong-secret',
    });
    expect(badSignature.status).toBe(403);
    const stale = await w.slack.clickButton({
      url,
      userId: 'U0ALICE01',
      post,
      actionId: 'tocsin_acknowledge',
      timestamp: now - 600,
    });
    expect(stale.status).toBe(403);
    const stranger = await w.slack.clickButton({
      url,
      userId: 'U0STRANGE',
      post,
      actionId: 'tocsin_acknowledge',
      timestamp: now,
    });
    expect(stranger.status).toBe(200);
    expect(w.slack.responses.at(-1)).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/not linked to a Tocsin user/),
    });
    expect((await incidentState(incident.id)).status).toBe('triggered');

    const clicked = await w.slack.clickButton({
      url,
      userId: 'U0ALICE01',
      post,
      actionId: 'tocsin_acknowledge',
      timestamp: now,
    });
    expect(clicked.status).toBe(200);
    expect(await incidentState(incident.id)).toMatchObject({ status: 'acknowledged', acknowledged_by: alice.id });
    expect(await sourceOf(incident.id, 'acknowledged')).toEqual(['slack']);
    expect(w.slack.responses.at(-1)).toMatchObject({
      text: expect.stringMatching(new RegExp(`^Incident #${incident.number} acknowledged`)),
    });
  });
});
