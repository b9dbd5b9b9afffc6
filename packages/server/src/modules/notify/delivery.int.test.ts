/**
 * Delivery, driven by IncidentEscalated with a fake clock: rules become
 * messages at the right times, a re-delivered event sends nothing twice,
 * acknowledged incidents are skipped, a flood is bundled, a failing method
 * falls back to the next one, and channels get notices.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { publishEvent } from '../../db/outbox.js';
import { startNotifyWorld, type NotifyWorld, type Person } from '../../test-support/fake-vendors/notify-world.js';

let w: NotifyWorld;
beforeAll(async () => {
  w = await startNotifyWorld();
});
afterAll(async () => w?.close());

const smsTo = (to: string) => w.twilio.messages.filter((m) => m.to === to);

describe('planning pages from an escalation step', () => {
  let alice: Person;
  beforeEach(async () => {
    alice = await w.person('Alice');
  });

  it('sends each rule at step time plus its delay, on the fake clock', async () => {
    await w.method(alice.id, 'sms', '+447700900001');
    await w.method(alice.id, 'email', 'alice-rules@example.com', { rule: { urgency: 'high', delayMinutes: 5 } });
    await w.method(alice.id, 'voice', '+447700900002', { rule: { urgency: 'low', delayMinutes: 0 } });
    const incident = await w.incident();
    await w.escalate(incident.id, [alice.id]);
    await w.run();
    expect(smsTo('+447700900001')).toHaveLength(1);
    expect(smsTo('+447700900001')[0]!.body).toMatch(
      new RegExp(`^Tocsin #${incident.number} .*Reply 4\\d+ to acknowledge, 6\\d+ to resolve\\.$`),
    );
    expect(w.smtp.mails.filter((m) => m.to[0] === 'alice-rules@example.com')).toHaveLength(0);
    expect(w.twilio.calls.filter((c) => c.to === '+447700900002')).toHaveLength(0); // a low-urgency rule

    w.t.clock.advanceMinutes(4);
    await w.run();
    expect(w.smtp.mails.filter((m) => m.to[0] === 'alice-rules@example.com')).toHaveLength(0);
    w.t.clock.advanceMinutes(1);
    await w.run();
    const mail = w.smtp.mails.filter((m) => m.to[0] === 'alice-rules@example.com');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toMatch(/Acknowledge: https:\/\/tocsin\.test\/a\//);
    expect(await w.timeline(incident.id)).toEqual([
      expect.stringMatching(/^Notified Alice by SMS \(\+44…0001\)$/),
      expect.stringMatching(/^Notified Alice by email \(a…@example\.com\)$/),
    ]);
  });

  it('plans nothing twice when the same step is delivered again', async () => {
    await w.method(alice.id, 'sms', '+447700900011');
    const incident = await w.incident();
    await w.escalate(incident.id, [alice.id], { stepKey: `${incident.id}:0:1` });
    await w.run();
    // The outbox refuses the same event key; a second copy with another key still plans nothing new.
    await publishEvent(
      w.t.app.db,
      w.t.clock.now(),
      'IncidentEscalated',
      {
        incidentId: incident.id,
        level: 1,
        loop: 0,
        userIds: [alice.id],
        channelIds: [],
        urgency: 'high',
        stepKey: `${incident.id}:0:1`,
      },
      'replay',
    );
    await w.run();
    expect(smsTo('+447700900011')).toHaveLength(1);
    expect(await w.notifications(incident.id)).toHaveLength(1);
    // The next step pages again.
    await w.escalate(incident.id, [alice.id], { stepKey: `${incident.id}:0:2` });
    await w.run();
    expect(smsTo('+447700900011')).toHaveLength(2);
  });

  it('reaches someone without rules for the urgency: high on every verified method, low once by email', async () => {
    await w.method(alice.id, 'sms', '+447700900021', { rule: false });
    await w.method(alice.id, 'email', 'alice-norules@example.com', { rule: false });
    const nobody = await w.person('Nobody');
    const low = await w.incident({ urgency: 'low' });
    await w.escalate(low.id, [alice.id, nobody.id], { urgency: 'low' });
    await w.run();
    expect(smsTo('+447700900021')).toHaveLength(0); // a low-urgency page is never louder than a high one
    expect(w.smtp.mails.filter((m) => m.to[0] === 'alice-norules@example.com')).toHaveLength(1);
    expect(await w.timeline(low.id)).toContain(
      'Nobody has no verified contact method, so Tocsin could not notify them',
    );

    const high = await w.incident({ urgency: 'high' });
    await w.escalate(high.id, [alice.id], { urgency: 'high' });
    await w.run();
    expect(smsTo('+447700900021')).toHaveLength(1);
    expect(w.smtp.mails.filter((m) => m.to[0] === 'alice-norules@example.com')).toHaveLength(2);
  });

  it('records the sends of one claim together: each row sent with its message id, each page on the timeline', async () => {
    const people = [alice, await w.person('Bob'), await w.person('Carol')];
    for (const [i, person] of people.entries()) await w.method(person.id, 'sms', `+44770090098${i}`);
    const incident = await w.incident();
    await w.escalate(
      incident.id,
      people.map((p) => p.id),
    );
    await w.run();
    const sent = w.twilio.messages.filter((m) => /^\+44770090098\d$/.test(m.to));
    expect(sent).toHaveLength(3);
    const rows = await w.t.app.db
      .selectFrom('notifications')
      .select(['user_id', 'status', 'provider', 'provider_message_id'])
      .where('incident_id', '=', incident.id)
      .execute();
    expect(rows).toHaveLength(3);
    for (const person of people) {
      const row = rows.find((r) => r.user_id === person.id)!;
      expect(row).toMatchObject({ status: 'sent', provider: 'sms' });
      const message = sent.find((m) => m.to === `+44770090098${people.indexOf(person)}`)!;
      expect(row.provider_message_id).toBe(message.sid);
    }
    expect([...(await w.timeline(incident.id))].sort()).toEqual([
      'Notified Alice by SMS (+44…0980)',
      'Notified Bob by SMS (+44…0981)',
      'Notified Carol by SMS (+44…0982)',
    ]);
  });

  it('skips a page whose incident was acknowledged before it was due', async () => {
    await w.method(alice.id, 'sms', '+447700900031', { rule: { urgency: 'high', delayMinutes: 3 } });
    const incident = await w.incident();
    await w.escalate(incident.id, [alice.id]);
    await w.run();
    await w.t.app.db.updateTable('incidents').set({ status: 'acknowledged' }).where('id', '=', incident.id).execute();
    w.t.clock.advanceMinutes(3);
    await w.run();
    expect(smsTo('+447700900031')).toHaveLength(0);
    expect(await w.notifications(incident.id)).toEqual([
      expect.objectContaining({ status: 'skipped', error: expect.stringMatching(/already acknowledged/) }),
    ]);
  });
});

describe('throttling', () => {
  it('turns a flood into three messages and one bundled summary at the end of the window', async () => {
    const carol = await w.person('Carol');
    await w.method(carol.id, 'sms', '+447700900041');
    w.t.clock.set('2026-01-06T10:00:30Z');
    const incidents: Array<{ id: string; number: number }> = [];
    for (let i = 0; i < 12; i++) {
      const incident = await w.incident({ title: `Disk full on db-${i}` });
      incidents.push(incident);
      await w.escalate(incident.id, [carol.id]);
    }
    await w.run();
    expect(smsTo('+447700900041')).toHaveLength(3);
    const statuses = await Promise.all(incidents.map(async (i) => (await w.notifications(i.id))[0]!.status));
    const held = incidents.filter((_, i) => statuses[i] === 'bundled');
    expect(held).toHaveLength(9);
    // Two of the held incidents are dealt with before the summary goes out.
    const [gone1, gone2, ...waiting] = held;
    await w.t.app.db
      .updateTable('incidents')
      .set({ status: 'resolved' })
      .where('id', 'in', [gone1!.id, gone2!.id])
      .execute();
    w.t.clock.set('2026-01-06T10:04:59Z');
    await w.run();
    expect(smsTo('+447700900041')).toHaveLength(3);
    w.t.clock.set('2026-01-06T10:05:00Z');
    await w.run();
    const sent = smsTo('+447700900041');
    expect(sent).toHaveLength(4);
    const listed = waiting.map((i) => `#${i.number} Disk full on db-${incidents.indexOf(i)}`).join(', ');
    expect(sent[3]!.body).toBe(`Tocsin: you have 7 new incidents: ${listed}. Open https://tocsin.test/app/incidents`);
    expect(await w.timeline(waiting[0]!.id)).toEqual([
      expect.stringMatching(
        /^Held back SMS \(\+44…0041\) to Carol: 3 messages in the last 5 minutes, so this one goes out in a summary at 10:05 UTC$/,
      ),
      'Notified Carol by SMS (+44…0041) in a summary of 7 incidents',
    ]);
    expect((await w.notifications(gone1!.id))[0]).toMatchObject({ status: 'skipped' });
  });
});

describe('failure and fallback', () => {
  it('retries with backoff, then marks the page failed, writes the vendor message on the timeline and falls back to the next method', async () => {
    const dave = await w.person('Dave');
    await w.method(dave.id, 'sms', '+447700900051');
    await w.method(dave.id, 'email', 'dave@example.com', { rule: false });
    const incident = await w.incident();
    w.twilio.failNext(3, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    await w.escalate(incident.id, [dave.id]);
    await w.run();
    expect(w.smtp.mails.filter((m) => m.to[0] === 'dave@example.com')).toHaveLength(0);
    w.t.clock.advance(10_000);
    await w.run();
    w.t.clock.advance(20_000);
    await w.run();
    expect(smsTo('+447700900051')).toHaveLength(0);
    expect(w.smtp.mails.filter((m) => m.to[0] === 'dave@example.com')).toHaveLength(1);
    const timeline = await w.timeline(incident.id);
    expect(timeline).toEqual([
      'SMS (+44…0051) to Dave failed (attempt 1 of 3), retrying: Attempt to send to unsubscribed recipient (Twilio error 21610)',
      'SMS (+44…0051) to Dave failed (attempt 2 of 3), retrying: Attempt to send to unsubscribed recipient (Twilio error 21610)',
      'SMS (+44…0051) to Dave failed: Attempt to send to unsubscribed recipient (Twilio error 21610)',
      'Falling back to email (d…@example.com) for Dave',
      'Notified Dave by email (d…@example.com)',
    ]);
    expect((await w.notifications(incident.id)).map((n) => n.status)).toEqual(['failed', 'sent']);
  });

  it('falls back when Twilio reports the SMS undelivered, and ignores forged callbacks', async () => {
    const erin = await w.person('Erin');
    await w.method(erin.id, 'sms', '+447700900061');
    await w.method(erin.id, 'slack', 'U0ERIN001', { rule: false });
    const incident = await w.incident();
    await w.escalate(incident.id, [erin.id]);
    await w.run();
    const [sms] = smsTo('+447700900061');
    const statusUrl = w.local(sms!.statusCallback!);
    const forged = await fetch(statusUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm9wZQ==' },
      body: new URLSearchParams({ MessageSid: sms!.sid, MessageStatus: 'undelivered' }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await w.notifications(incident.id))[0]).toMatchObject({ status: 'sent' });

    expect((await w.twilio.postStatus(sms!.sid, 'undelivered', { ErrorCode: '30003' })).status).toBe(204);
    await w.run();
    expect(w.slack.posts.filter((p) => p.channel === 'D0ERIN001')).toHaveLength(1);
    expect(await w.timeline(incident.id)).toContain(
      'SMS (+44…0061) to Erin failed: The SMS could not be delivered (Twilio status undelivered, error 30003)',
    );
    expect((await w.notifications(incident.id)).map((n) => n.status).sort()).toEqual(['failed', 'sent']);
  });

  it('records a delivered status', async () => {
    const fay = await w.person('Fay');
    await w.method(fay.id, 'sms', '+447700900071');
    const incident = await w.incident();
    await w.escalate(incident.id, [fay.id]);
    await w.run();
    const [sms] = smsTo('+447700900071');
    await w.twilio.postStatus(sms!.sid, 'sent');
    await w.twilio.postStatus(sms!.sid, 'delivered');
    expect((await w.notifications(incident.id))[0]).toMatchObject({
      status: 'delivered',
      provider_message_id: sms!.sid,
    });
  });
});

describe('channel notices', () => {
  it('posts a new incident to the service’s Slack, Teams and webhook channels, and updates the Slack message when it is acknowledged', async () => {
    const slackChannel = await w.channel('slack', 'C0INCIDENTS', 'incidents');
    const teamsChannel = await w.channel('teams', `${w.hook.url}/teams`);
    const hookChannel = await w.channel('webhook', `${w.hook.url}/channel-hook`);
    const secret = await w.t.request('GET', `/api/v1/notify/channels/${hookChannel}/signing-secret`, {
      token: (await w.person('Admin', 'admin')).token,
    });
    w.hookKeys.set('/channel-hook', ((await secret.json()) as { signingSecret: string }).signingSecret);
    const incident = await w.incident({ noticeChannelIds: [slackChannel, teamsChannel, hookChannel] });
    // Paging hears it too: its first page waits a day here, so only notify's notices go out now.
    await publishEvent(w.t.app.db, w.t.clock.now(), 'IncidentTriggered', {
      incidentId: incident.id,
      serviceId: incident.serviceId,
      triggeredAt: w.t.clock.now().toISOString(),
      urgency: 'high',
      priority: null,
      noticeChannelIds: [slackChannel, teamsChannel, hookChannel],
      policy: { id: incident.serviceId, name: 'Policy', repeatCount: 0, levels: [] },
      firstPageAt: new Date(w.t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    await w.run();

    const post = w.slack.posts.find((p) => p.channel === 'C0INCIDENTS')!;
    const buttons = (
      post.blocks.find((b) => b.type === 'actions')!.elements as Array<{ action_id: string; value: string }>
    ).map((b) => [b.action_id, b.value]);
    expect(buttons).toEqual([
      ['tocsin_acknowledge', incident.id],
      ['tocsin_resolve', incident.id],
    ]);
    const teams = w.hook.received.find((r) => r.path === '/teams')!;
    expect(teams.json).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
    });
    const hook = w.hook.received.find((r) => r.path === '/channel-hook')!;
    expect(hook.signatureValid).toBe(true);
    expect(hook.json).toMatchObject({
      type: 'incident.notice',
      incident: { id: incident.id, number: incident.number },
    });
    const posted = await w.timeline(incident.id);
    expect(posted).toHaveLength(3);
    expect(posted).toEqual(
      expect.arrayContaining([
        'Posted to incidents (Slack)',
        expect.stringMatching(/^Posted to .* \(Teams\)$/),
        expect.stringMatching(/^Posted to .* \(webhook\)$/),
      ]),
    );

    await w.t.app.db.updateTable('incidents').set({ status: 'acknowledged' }).where('id', '=', incident.id).execute();
    await publishEvent(w.t.app.db, w.t.clock.now(), 'IncidentAcknowledged', {
      incidentId: incident.id,
      serviceId: incident.serviceId,
      by: { type: 'system', id: null, label: 'test' },
    });
    await w.run();
    const update = w.slack.updates.find((u) => u.channel === 'C0INCIDENTS' && u.ts === post.ts)!;
    expect(JSON.stringify(update.blocks)).toContain('Status: *acknowledged*');
    expect(JSON.stringify(update.blocks)).not.toContain('tocsin_acknowledge');
  });

  it('posts to channels an escalation level targets', async () => {
    const channel = await w.channel('slack', 'C0LEVELTWO', 'level-two');
    const incident = await w.incident();
    await w.escalate(incident.id, [], { channelIds: [channel] });
    await w.run();
    expect(w.slack.posts.filter((p) => p.channel === 'C0LEVELTWO')).toHaveLength(1);
  });
});
