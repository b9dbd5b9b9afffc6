/**
 * Contact methods through the API: a code goes out through the method
 * itself, wrong codes count, codes expire on the clock, a verified method gets
 * a default rule, only the person (or an admin) may touch them; rules; test
 * messages; the vCard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMAIL_FROM,
  startNotifyWorld,
  TWILIO_FROM,
  type NotifyWorld,
  type Person,
} from '../../test-support/fake-vendors/notify-world.js';

let w: NotifyWorld;
let alice: Person;
let bob: Person;
let admin: Person;

beforeAll(async () => {
  w = await startNotifyWorld();
  alice = await w.person('Alice');
  bob = await w.person('Bob');
  admin = await w.person('Ada', 'admin');
});
afterAll(async () => w?.close());

const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => (await response.json()) as T;
type Method = {
  id: string;
  isVerified: boolean;
  verification: { attemptsLeft: number } | null;
  signingSecret?: string;
  address: string;
};

async function addMethod(person: Person, body: Record<string, unknown>): Promise<Method> {
  const response = await w.t.request('POST', `/api/v1/users/${person.id}/contact-methods`, {
    token: person.token,
    body,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return json<Method>(response);
}

const lastSms = (to: string) => w.twilio.messages.filter((m) => m.to === to).at(-1)!;
const codeIn = (text: string) => /(\d{6})/.exec(text)![1]!;

describe('verification', () => {
  it('sends a 6-digit code by SMS; a wrong code counts, the right one verifies and adds an immediate high-urgency rule', async () => {
    const method = await addMethod(alice, { type: 'sms', address: '+44 7700 900123' });
    expect(method).toMatchObject({ address: '+447700900123', isVerified: false, verification: { attemptsLeft: 5 } });
    await w.run();
    const sms = lastSms('+447700900123');
    expect(sms.from).toBe(TWILIO_FROM);
    const code = codeIn(sms.body);
    const stored = await w.t.app.db
      .selectFrom('contact_methods')
      .select('verification_code_hash')
      .where('id', '=', method.id)
      .executeTakeFirstOrThrow();
    expect(stored.verification_code_hash).not.toContain(code);

    const wrong = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${method.id}/verify`, {
      token: alice.token,
      body: { code: code === '111111' ? '222222' : '111111' },
    });
    expect(wrong.status).toBe(400);
    expect((await json<{ error: { message: string } }>(wrong)).error.message).toMatch(/4 attempts left/);

    const right = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${method.id}/verify`, {
      token: alice.token,
      body: { code },
    });
    expect(right.status).toBe(200);
    expect(await json(right)).toMatchObject({ isVerified: true, verification: null });
    const rules = await json<{ items: Array<{ contactMethodId: string; urgency: string; delayMinutes: number }> }>(
      await w.t.request('GET', `/api/v1/users/${alice.id}/notification-rules`, { token: alice.token }),
    );
    expect(rules.items).toEqual([
      expect.objectContaining({ contactMethodId: method.id, urgency: 'high', delayMinutes: 0 }),
    ]);
  });

  it('refuses a code after ten minutes on the clock, and a new one can be requested', async () => {
    const method = await addMethod(alice, { type: 'email', address: 'alice.other@example.com' });
    await w.run();
    const mail = w.smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['alice.other@example.com']);
    expect(mail.subject).toBe('[Tocsin] Your verification code');
    const code = codeIn(mail.text);
    w.t.clock.advanceMinutes(10);
    const late = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${method.id}/verify`, {
      token: alice.token,
      body: { code },
    });
    expect(late.status).toBe(400);
    expect((await json<{ error: { message: string } }>(late)).error.message).toMatch(/expired/);

    const resent = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${method.id}/resend`, {
      token: alice.token,
    });
    expect(resent.status).toBe(200);
    const again = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${method.id}/resend`, {
      token: alice.token,
    });
    expect(again.status).toBe(429);
    await w.run();
    const fresh = codeIn(w.smtp.mails.at(-1)!.text);
    const ok = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${method.id}/verify`, {
      token: alice.token,
      body: { code: fresh },
    });
    expect(ok.status).toBe(200);
  });

  it('stops accepting codes after five wrong ones until a new code is sent', async () => {
    const method = await addMethod(bob, { type: 'voice', address: '+14155550100' });
    await w.run();
    const call = w.twilio.calls.filter((c) => c.to === '+14155550100').at(-1)!;
    expect(call.twiml).toMatch(/verification code is \d, \d, \d, \d, \d, \d/);
    const code = call.twiml!.match(/code is ((?:\d, ){5}\d)/)![1]!.replace(/, /g, '');
    const wrongCode = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await w.t.request('POST', `/api/v1/users/${bob.id}/contact-methods/${method.id}/verify`, {
        token: bob.token,
        body: { code: wrongCode },
      });
      expect(r.status).toBe(400);
    }
    const blocked = await w.t.request('POST', `/api/v1/users/${bob.id}/contact-methods/${method.id}/verify`, {
      token: bob.token,
      body: { code },
    });
    expect(blocked.status).toBe(429);
  });

  it('verifies a webhook with the code in the signed JSON it receives', async () => {
    const method = await addMethod(bob, { type: 'webhook', address: `${w.hook.url}/bob` });
    expect(method.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    w.hookKeys.set('/bob', method.signingSecret!);
    await w.run();
    const got = w.hook.received.find((r) => r.path === '/bob')!;
    expect(got.signatureValid).toBe(true);
    expect(got.json).toMatchObject({
      type: 'contact_method.verification',
      verificationCode: expect.stringMatching(/^\d{6}$/),
    });
    const ok = await w.t.request('POST', `/api/v1/users/${bob.id}/contact-methods/${method.id}/verify`, {
      token: bob.token,
      body: { code: got.json.verificationCode },
    });
    expect(ok.status).toBe(200);
  });

  it('sends a Slack DM with the code to a Slack member id', async () => {
    await addMethod(bob, { type: 'slack', address: 'U0BOB0001' });
    await w.run();
    expect(w.slack.posts.at(-1)).toMatchObject({
      channel: 'D0BOB0001',
      text: expect.stringMatching(/verification code is \d{6}/),
    });
  });
});

describe('contact methods', () => {
  it('refuses bad addresses with what to fix, duplicates, and other people', async () => {
    const insecure = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods`, {
      token: alice.token,
      body: { type: 'webhook', address: 'http://hooks.example.com/x' },
    });
    expect(insecure.status).toBe(400);
    expect((await json<{ error: { message: string } }>(insecure)).error.message).toMatch(/https/);
    const phone = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods`, {
      token: alice.token,
      body: { type: 'sms', address: '07700 900123' },
    });
    expect(phone.status).toBe(400);
    expect((await json<{ error: { message: string } }>(phone)).error.message).toMatch(/E\.164/);
    const duplicate = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods`, {
      token: alice.token,
      body: { type: 'sms', address: '+447700900123' },
    });
    expect(duplicate.status).toBe(409);
    const unknownField = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods`, {
      token: alice.token,
      body: { type: 'sms', address: '+447700900999', verified: true },
    });
    expect(unknownField.status).toBe(400);

    expect((await w.t.request('GET', `/api/v1/users/${alice.id}/contact-methods`, { token: bob.token })).status).toBe(
      403,
    );
    expect(
      (
        await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods`, {
          token: bob.token,
          body: { type: 'email', address: 'x@example.com' },
        })
      ).status,
    ).toBe(403);
    const asAdmin = await w.t.request('GET', `/api/v1/users/${alice.id}/contact-methods`, { token: admin.token });
    expect(asAdmin.status).toBe(200);
    expect((await json<{ items: unknown[] }>(asAdmin)).items.length).toBeGreaterThanOrEqual(2);
  });

  it('sends a test notification to a verified method, at most once a minute', async () => {
    const methodId = await w.method(alice.id, 'email', 'alice.test@example.com');
    const sent = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${methodId}/test`, {
      token: alice.token,
    });
    expect(sent.status).toBe(202);
    expect(await json(sent)).toMatchObject({ status: 'queued' });
    expect(
      (await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${methodId}/test`, { token: alice.token }))
        .status,
    ).toBe(429);
    await w.run();
    expect(w.smtp.mails.at(-1)).toMatchObject({
      to: ['alice.test@example.com'],
      subject: '[Tocsin] Test notification',
    });
    const listed = await json<{ items: Array<{ kind: string; status: string }> }>(
      await w.t.request('GET', `/api/v1/notifications?userId=${alice.id}`, { token: alice.token }),
    );
    expect(listed.items[0]).toMatchObject({ kind: 'test', status: 'sent' });
  });

  it('refuses a test to an unverified method', async () => {
    const method = await addMethod(alice, { type: 'email', address: 'alice.unverified@example.com' });
    const refused = await w.t.request('POST', `/api/v1/users/${alice.id}/contact-methods/${method.id}/test`, {
      token: alice.token,
    });
    expect(refused.status).toBe(409);
  });
});

describe('provisioning without a code', () => {
  it("lets an admin add someone's email verified, marked as provisioned, with a test message sent to it", async () => {
    const response = await w.t.request('POST', `/api/v1/users/${bob.id}/contact-methods`, {
      token: admin.token,
      body: { type: 'email', address: 'Bob.Pager@example.com', provision: true },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const method = await json<Method & { provisioned: { at: string; byUserId: string } | null }>(response);
    expect(method).toMatchObject({
      address: 'bob.pager@example.com',
      isVerified: true,
      verification: null,
      provisioned: { at: expect.any(String), byUserId: admin.id },
    });
    await w.run();
    expect(w.smtp.mails.filter((m) => m.to.includes('bob.pager@example.com')).map((m) => m.subject)).toEqual([
      '[Tocsin] Test notification',
    ]);
    // Paged like a verified method: it has the default immediate high-urgency rule.
    const rules = await w.t.app.db
      .selectFrom('notification_rules')
      .select(['urgency', 'delay_minutes'])
      .where('contact_method_id', '=', method.id)
      .execute();
    expect(rules).toEqual([{ urgency: 'high', delay_minutes: 0 }]);
    const audit = await w.t.app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', method.id)
      .execute();
    expect(audit).toEqual([{ action: 'contact_method.provisioned', actor_id: admin.id }]);
  });

  it('provisions from tocsin.yaml (users[].contactEmail), for a new person too, once', async () => {
    const document = {
      version: 1,
      users: [
        { email: admin.email, name: 'Ada', role: 'admin' },
        { email: 'cleo@example.com', name: 'Cleo', role: 'responder', contactEmail: 'cleo.pager@example.com' },
      ],
    };
    const plan = async () =>
      json<{ changes: Array<{ line: string }> }>(
        await w.t.request('POST', '/api/v1/config/plan', { token: admin.token, body: { document } }),
      );
    expect((await plan()).changes.map((c) => c.line)).toEqual([
      '+ user cleo@example.com "Cleo" (responder)',
      '+ contact method email cleo.pager@example.com for cleo@example.com (provisioned, a test message is sent)',
    ]);
    const applied = await w.t.request('POST', '/api/v1/config/apply', { token: admin.token, body: { document } });
    expect(applied.status, await applied.clone().text()).toBe(200);
    const cleo = await w.t.app.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'cleo@example.com')
      .executeTakeFirstOrThrow();
    const methods = await json<{ items: Array<{ address: string; isVerified: boolean; provisioned: unknown }> }>(
      await w.t.request('GET', `/api/v1/users/${cleo.id}/contact-methods`, { token: admin.token }),
    );
    expect(methods.items).toEqual([
      expect.objectContaining({
        address: 'cleo.pager@example.com',
        isVerified: true,
        provisioned: { at: expect.any(String), byUserId: admin.id },
      }),
    ]);
    await w.run();
    expect(w.smtp.mails.filter((m) => m.to.includes('cleo.pager@example.com')).map((m) => m.subject)).toEqual([
      '[Tocsin] Test notification',
    ]);
    // Applied once: the same file plans nothing more.
    expect((await plan()).changes).toEqual([]);
  });

  it('refuses it to a non-admin, even for themselves, and for anything but email', async () => {
    const own = await w.t.request('POST', `/api/v1/users/${bob.id}/contact-methods`, {
      token: bob.token,
      body: { type: 'email', address: 'bob.self@example.com', provision: true },
    });
    expect(own.status).toBe(403);
    expect((await json<{ error: { message: string } }>(own)).error.message).toMatch(
      /cannot provision contact methods without a code: it needs the admin role/,
    );
    const sms = await w.t.request('POST', `/api/v1/users/${bob.id}/contact-methods`, {
      token: admin.token,
      body: { type: 'sms', address: '+447700900999', provision: true },
    });
    expect(sms.status).toBe(400);
    const error = await json<{ error: { details: { issues: Array<{ path: string; message: string }> } } }>(sms);
    expect(error.error.details.issues).toEqual([
      { path: 'body.provision', message: 'only an email contact method can be provisioned without a code' },
    ]);
    const stored = await w.t.app.db
      .selectFrom('contact_methods')
      .select('address')
      .where('address', 'in', ['bob.self@example.com', '+447700900999'])
      .execute();
    expect(stored).toEqual([]);
  });
});

describe('notification rules', () => {
  it('are created, changed and deleted for verified methods only', async () => {
    const methodId = await w.method(bob.id, 'sms', '+14155550111', { rule: false });
    const created = await w.t.request('POST', `/api/v1/users/${bob.id}/notification-rules`, {
      token: bob.token,
      body: { contactMethodId: methodId, urgency: 'low', delayMinutes: 5 },
    });
    expect(created.status).toBe(201);
    const rule = await json<{ id: string }>(created);
    expect(
      (
        await w.t.request('POST', `/api/v1/users/${bob.id}/notification-rules`, {
          token: bob.token,
          body: { contactMethodId: methodId, urgency: 'low', delayMinutes: 5 },
        })
      ).status,
    ).toBe(409);
    const patched = await w.t.request('PATCH', `/api/v1/users/${bob.id}/notification-rules/${rule.id}`, {
      token: bob.token,
      body: { delayMinutes: 10 },
    });
    expect(await json(patched)).toMatchObject({ urgency: 'low', delayMinutes: 10 });
    expect(
      (
        await w.t.request('POST', `/api/v1/users/${bob.id}/notification-rules`, {
          token: bob.token,
          body: { contactMethodId: methodId, urgency: 'high', delayMinutes: 2000 },
        })
      ).status,
    ).toBe(400);
    expect(
      (await w.t.request('DELETE', `/api/v1/users/${bob.id}/notification-rules/${rule.id}`, { token: bob.token }))
        .status,
    ).toBe(200);
    expect(
      (await w.t.request('DELETE', `/api/v1/users/${bob.id}/notification-rules/${rule.id}`, { token: bob.token }))
        .status,
    ).toBe(404);

    const unverified = await addMethod(bob, { type: 'email', address: 'bob.unverified@example.com' });
    const refused = await w.t.request('POST', `/api/v1/users/${bob.id}/notification-rules`, {
      token: bob.token,
      body: { contactMethodId: unverified.id, urgency: 'high', delayMinutes: 0 },
    });
    expect(refused.status).toBe(409);
  });
});

describe('vCard', () => {
  it('lists the number and address Tocsin pages from, for any signed-in person', async () => {
    expect((await w.t.request('GET', '/api/v1/notify/vcard')).status).toBe(401);
    const response = await w.t.request('GET', '/api/v1/notify/vcard', { token: bob.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/vcard/);
    const card = await response.text();
    expect(card).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(card).toContain(`TEL;VALUE=uri;TYPE="voice,text":tel:${TWILIO_FROM}\r\n`);
    expect(card).toContain(`EMAIL;TYPE=work:${/<(.+)>/.exec(EMAIL_FROM)![1]}\r\n`);
    expect(card.trimEnd().endsWith('END:VCARD')).toBe(true);
  });
});
