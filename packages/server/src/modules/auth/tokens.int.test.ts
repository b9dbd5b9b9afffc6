/**
 * A token never carries more than whoever made it, over the real HTTP API:
 * scopes nest (read ⊂ write ⊂ admin) and stay within the caller's; a token
 * for another user is for admins, refused when that user's role is higher
 * than the caller's, and audited under its own action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';

let t: TestApp;
let owner: { id: string; email: string; token: string };
let admin: { id: string; email: string; token: string };

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.createUserWithToken('owner');
  admin = await t.createUserWithToken('admin');
});
afterAll(async () => t?.close());

type Answer = { status: number; body: Record<string, any> };
async function call(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const response = await t.request(method, path, { token, ...(body !== undefined && { body }) });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
const mint = (token: string, body: Record<string, unknown>) =>
  call('POST', '/api/v1/tokens', token, { name: 'minted', ...body });

describe('tokens for other users', () => {
  it('refuses an admin a token for an owner, so an admin cannot act as one', async () => {
    const refused = await mint(admin.token, { scopes: ['admin'], userId: owner.id });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(refused.body.error.message).toMatch(/cannot create a token for .*owner.*is higher/);
    // Nothing was made: the owner still has only the token the test gave them.
    const tokens = await call('GET', '/api/v1/tokens?all=true', owner.token);
    expect(tokens.body.items.filter((i: { userId: string }) => i.userId === owner.id)).toHaveLength(1);
    // And the admin still cannot make an owner themselves.
    const promote = await call('POST', '/api/v1/users', admin.token, {
      email: 'new-owner@example.com',
      name: 'New owner',
      role: 'owner',
    });
    expect(promote.status).toBe(403);
  });

  it('lets an admin make a token for a user of their role or below, audited as made for that user', async () => {
    const responder = await t.createUserWithToken('responder');
    const peer = await t.createUserWithToken('admin');
    for (const user of [responder, peer]) {
      const made = await mint(admin.token, { scopes: ['read'], userId: user.id });
      expect(made.status).toBe(201);
      expect(made.body.userId).toBe(user.id);
      const audit = await call('GET', `/api/v1/audit?entityId=${made.body.id}`, owner.token);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'api_token.created_for_user',
          actor: expect.objectContaining({ id: admin.id }),
          after: expect.objectContaining({ userId: user.id }),
        }),
      ]);
    }
    const own = await mint(admin.token, { scopes: ['read'] });
    expect(
      (await call('GET', `/api/v1/audit?entityId=${own.body.id}`, owner.token)).body.items.map(
        (e: { action: string }) => e.action,
      ),
    ).toEqual(['api_token.created']);
  });

  it('lets an owner make a token for anyone, and refuses responders a token for someone else', async () => {
    expect((await mint(owner.token, { scopes: ['read'], userId: admin.id })).status).toBe(201);
    const responder = await t.createUserWithToken('responder');
    expect((await mint(responder.token, { scopes: ['read'], userId: admin.id })).status).toBe(403);
  });
});

describe('scopes nest: read ⊂ write ⊂ admin', () => {
  it('a write token mints read and write tokens but not admin ones; a read token mints none', async () => {
    const write = await mint(admin.token, { scopes: ['write'] });
    expect(write.status).toBe(201);
    const read = await mint(write.body.token, { scopes: ['read'] });
    expect(read.status).toBe(201);
    expect(read.body.scopes).toEqual(['read']);
    expect((await mint(write.body.token, { scopes: ['read', 'write'] })).status).toBe(201);
    const wider = await mint(write.body.token, { scopes: ['admin'] });
    expect(wider.status).toBe(403);
    expect(wider.body.error.message).toMatch(/wider scopes \(admin\)/);
    expect((await mint(read.body.token, { scopes: ['read'] })).status).toBe(403);
  });

  it('a write token of an admin cannot act as an admin, nor make a token that can', async () => {
    const write = await mint(admin.token, { scopes: ['write'] });
    const responder = await t.createUserWithToken('responder');
    expect((await mint(write.body.token, { scopes: ['write'], userId: responder.id })).status).toBe(403);
    expect((await call('POST', '/api/v1/users', write.body.token, { email: 'x@example.com', name: 'X' })).status).toBe(
      403,
    );
  });
});

describe('a token made by a token', () => {
  it('expires no later than the token that made it', async () => {
    const shortLived = await mint(admin.token, { scopes: ['read', 'write'], expiresInDays: 7 });
    expect(shortLived.status).toBe(201);
    const forever = await mint(shortLived.body.token, { scopes: ['read'] });
    expect(forever.status).toBe(403);
    expect(forever.body.error.message).toMatch(/must not outlive it: send expiresInDays of 7 or less/);
    expect((await mint(shortLived.body.token, { scopes: ['read'], expiresInDays: 8 })).status).toBe(403);
    const within = await mint(shortLived.body.token, { scopes: ['read'], expiresInDays: 7 });
    expect(within.status).toBe(201);
    expect(within.body.expiresAt).toBe(shortLived.body.expiresAt);
    // A token that never expires, and a browser session, may make tokens that never expire.
    expect((await mint(admin.token, { scopes: ['read'] })).body.expiresAt).toBeNull();
  });
});
