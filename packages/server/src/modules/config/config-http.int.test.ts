/**
 * Config as code over HTTP: admins plan, apply and export; others get 403;
 * a bad document answers 400 with the place in the file, not in the body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';

let t: TestApp;
let admin: string;
let responder: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.createUserWithToken('admin', 'root@example.com')).token;
  responder = (await t.createUserWithToken('responder', 'rita@example.com')).token;
});
afterAll(async () => t?.close());

const document = {
  version: 1,
  users: [{ email: 'bob@example.com', name: 'Bob Builder', role: 'responder' }],
  teams: [{ slug: 'payments', name: 'Payments', members: [{ email: 'bob@example.com', role: 'manager' }] }],
};

async function json(response: Response) {
  return (await response.json()) as Record<string, any>;
}

describe('config routes', () => {
  it('forbids non-admins to plan, apply or export', async () => {
    for (const [method, path, body] of [
      ['POST', '/api/v1/config/plan', { document }],
      ['POST', '/api/v1/config/apply', { document }],
      ['GET', '/api/v1/config/export', undefined],
    ] as const) {
      const response = await t.request(method, path, { token: responder, body });
      expect(response.status, path).toBe(403);
      expect((await json(response)).error.code).toBe('forbidden');
    }
  });

  it('plans, applies, then plans nothing; export → apply changes nothing', async () => {
    const plan = await json(await t.request('POST', '/api/v1/config/plan', { token: admin, body: { document } }));
    expect(plan.changes.map((c: { line: string }) => c.line)).toEqual([
      '+ user bob@example.com "Bob Builder" (responder)',
      '+ team payments "Payments"',
      '+ member bob@example.com to payments (manager)',
    ]);
    expect(plan.changes[0]).toEqual({
      kind: 'user',
      action: 'create',
      key: 'bob@example.com',
      line: plan.changes[0].line,
    });

    const applied = await t.request('POST', '/api/v1/config/apply', { token: admin, body: { document } });
    expect(applied.status).toBe(200);
    expect((await json(applied)).changes).toEqual(plan.changes);
    const again = await json(await t.request('POST', '/api/v1/config/apply', { token: admin, body: { document } }));
    expect(again).toMatchObject({ changes: [], warnings: [] });

    const exported = await t.request('GET', '/api/v1/config/export', { token: admin });
    expect(exported.status).toBe(200);
    const exportedDocument = await json(exported);
    expect(exportedDocument.teams).toEqual([
      { slug: 'payments', name: 'Payments', members: [{ email: 'bob@example.com', role: 'manager' }] },
    ]);
    expect(exportedDocument.users.map((u: { email: string }) => u.email)).toEqual([
      'bob@example.com',
      'rita@example.com',
      'root@example.com',
    ]);
    const noop = await json(
      await t.request('POST', '/api/v1/config/apply', {
        token: admin,
        body: { document: exportedDocument, prune: true },
      }),
    );
    expect(noop).toMatchObject({ changes: [], warnings: [] });

    const audit = await json(await t.request('GET', '/api/v1/audit?entityType=config', { token: admin }));
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: 'config.applied',
      actor: { label: expect.stringContaining('root@example.com') },
    });
  });

  it('prunes over HTTP, never disabling the caller', async () => {
    const response = await t.request('POST', '/api/v1/config/plan', {
      token: admin,
      body: { document: { version: 1, users: document.users, teams: [] }, prune: true },
    });
    const plan = await json(response);
    expect(plan.changes.map((c: { line: string }) => c.line)).toEqual([
      '- team payments "Payments" (not in the file)',
      '- user rita@example.com: disable (not in the file)',
    ]);
    expect(plan.warnings).toEqual(['user root@example.com is not in the file but is you: not disabled']);
  });

  it('answers 400 naming the place in the file for a bad document, and the body field for a bad envelope', async () => {
    const bad = await t.request('POST', '/api/v1/config/plan', {
      token: admin,
      body: { document: { version: 1, teams: [{ slug: 'payments', name: 'Payments', colour: 'blue' }] } },
    });
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe(
      'The config document is invalid: teams[0]: unknown key "colour" (allowed: slug, name, description, members)',
    );
    expect(body.error.details.issues).toEqual([{ path: 'teams[0]', message: expect.stringContaining('colour') }]);

    const envelope = await t.request('POST', '/api/v1/config/apply', {
      token: admin,
      body: { document, prune: 'yes' },
    });
    expect(envelope.status).toBe(400);
    expect((await json(envelope)).error.message).toMatch(/prune/);
    const missing = await t.request('POST', '/api/v1/config/apply', { token: admin, body: {} });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.message).toBe('The config document is invalid: document: is required');
  });

  it('applies only the plan that was reviewed when given its fingerprint (409, nothing applied, when it changed)', async () => {
    const reviewed = {
      version: 1,
      users: [{ email: 'fay@example.com', name: 'Fay', role: 'responder' }],
      teams: [{ slug: 'search', name: 'Search', members: [] }],
    };
    const plan = await json(
      await t.request('POST', '/api/v1/config/plan', { token: admin, body: { document: reviewed } }),
    );
    expect(plan.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Planning the same thing again gives the same fingerprint; another document, another one.
    expect(
      (await json(await t.request('POST', '/api/v1/config/plan', { token: admin, body: { document: reviewed } })))
        .fingerprint,
    ).toBe(plan.fingerprint);
    const other = { ...reviewed, teams: [{ slug: 'search', name: 'Search and Discovery', members: [] }] };
    expect(
      (await json(await t.request('POST', '/api/v1/config/plan', { token: admin, body: { document: other } })))
        .fingerprint,
    ).not.toBe(plan.fingerprint);

    // Someone creates the team between the review and the apply: the plan is no longer the reviewed one.
    await t.request('POST', '/api/v1/teams', { token: admin, body: { slug: 'search', name: 'Search' } });
    const refused = await t.request('POST', '/api/v1/config/apply', {
      token: admin,
      body: { document: reviewed, expectedFingerprint: plan.fingerprint },
    });
    expect(refused.status).toBe(409);
    const error = (await json(refused)).error;
    expect(error.message).toMatch(
      /^The plan is no longer the one reviewed .*nothing was applied: review the new plan \(1 change\) and apply again\.$/,
    );
    expect(error.details.changes.map((c: { line: string }) => c.line)).toEqual([
      '+ user fay@example.com "Fay" (responder)',
    ]);
    expect(
      await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'fay@example.com').execute(),
    ).toHaveLength(0);

    const applied = await t.request('POST', '/api/v1/config/apply', {
      token: admin,
      body: { document: reviewed, expectedFingerprint: error.details.fingerprint },
    });
    expect(applied.status).toBe(200);
    expect((await json(applied)).changes.map((c: { line: string }) => c.line)).toEqual([
      '+ user fay@example.com "Fay" (responder)',
    ]);

    const malformed = await t.request('POST', '/api/v1/config/apply', {
      token: admin,
      body: { document: reviewed, expectedFingerprint: 'abc' },
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error.message).toMatch(/expectedFingerprint.*64 hexadecimal characters/);
  });
});
