/**
 * Push contact methods at the edge: a push method needs the subscription's
 * keys (and only a push method takes them), each key of the right size, an
 * https endpoint; the keys are stored but never shown back or audited; the
 * deployment's VAPID public key is the same on every read and readable by any
 * signed-in person, never by a caller without credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifyWorld, type NotifyWorld, type Person } from '../../test-support/fake-vendors/notify-world.js';

let w: NotifyWorld;
let pat: Person;
beforeAll(async () => {
  w = await startNotifyWorld();
  pat = await w.person('Pat', 'stakeholder');
});
afterAll(async () => w?.close());

const keys = {
  p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'),
  auth: Buffer.alloc(16, 9).toString('base64url'),
};
const add = (body: Record<string, unknown>) =>
  w.t.request('POST', `/api/v1/users/${pat.id}/contact-methods`, { token: pat.token, body });

describe('push contact methods', () => {
  it.each([
    [{ type: 'push', address: 'https://push.example.com/s/1' }, 'body.keys', /needs the subscription's keys/],
    [{ type: 'email', address: 'pat@example.com', keys }, 'body.keys', /only a push contact method takes keys/],
    [
      { type: 'push', address: 'https://push.example.com/s/1', keys: { ...keys, auth: 'c2hvcnQ' } },
      'body.keys.auth',
      /must be 16 bytes/,
    ],
    [
      { type: 'push', address: 'https://push.example.com/s/1', keys: { ...keys, p256dh: 'not base64!' } },
      'body.keys.p256dh',
      /must be base64url/,
    ],
    [{ type: 'push', address: 'http://push.example.com/s/1', keys }, 'body.address', /must use https/],
  ])('refuses %j with a 400 naming %s', async (body, path, message) => {
    const response = await add(body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as {
      error: { message: string; details: { issues: Array<{ path: string }> } };
    };
    expect(error.error.message).toMatch(message);
    expect(error.error.details.issues.map((issue) => issue.path)).toContain(path);
  });

  it('stores the keys without showing them back, in the API or the audit log', async () => {
    const response = await add({ type: 'push', address: 'https://push.example.com/s/2', keys });
    expect(response.status).toBe(201);
    const method = (await response.json()) as Record<string, unknown>;
    expect(method).toMatchObject({ type: 'push', label: 'Push notification', isVerified: false });
    const listed = await (
      await w.t.request('GET', `/api/v1/users/${pat.id}/contact-methods`, { token: pat.token })
    ).text();
    const audit = await w.t.app.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', String(method.id))
      .execute();
    for (const text of [JSON.stringify(method), listed, JSON.stringify(audit)]) {
      expect(text).not.toContain(keys.auth);
      expect(text).not.toContain(keys.p256dh);
    }
    const row = await w.t.app.db
      .selectFrom('contact_methods')
      .select('push_keys')
      .where('id', '=', String(method.id))
      .executeTakeFirstOrThrow();
    expect(row.push_keys).toEqual(keys);
  });

  it('gives every signed-in person the same VAPID public key, and nobody else', async () => {
    const read = async (token?: string) => w.t.request('GET', '/api/v1/notify/push-key', token ? { token } : {});
    const first = (await (await read(pat.token)).json()) as { publicKey: string };
    const again = (await (await read(pat.token)).json()) as { publicKey: string };
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(again.publicKey).toBe(first.publicKey);
    expect((await read()).status).toBe(401);
    // Kept sealed: the settings row holds the public key, never the private one in clear.
    const stored = await w.t.app.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'notify.vapid_keys')
      .executeTakeFirstOrThrow();
    expect(stored.value).toMatchObject({ publicKey: first.publicKey, sealedPrivateKey: expect.any(String) });
    expect(Object.keys(stored.value as object).sort()).toEqual(['publicKey', 'sealedPrivateKey']);
  });
});
