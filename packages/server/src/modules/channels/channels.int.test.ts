/**
 * Chat channels over the API: admins create Slack, Teams and webhook
 * channels with targets checked per type; webhook URLs are shown in full to
 * admins acting with the admin scope only (masked to read-only tokens); names are unique without regard to case; a channel a service
 * or policy uses cannot be deleted; every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { listAudit } from '../audit/index.js';

let t: TestApp;
let admin: string;
let responder: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.createUserWithToken('admin')).token;
  responder = (await t.createUserWithToken('responder')).token;
});
afterAll(async () => t?.close());

const json = async (response: Response) => (await response.json()) as Record<string, any>;
const create = (body: unknown, token = admin) => t.request('POST', '/api/v1/channels', { token, body });

describe('chat channels', () => {
  it('creates channels of each type and audits them', async () => {
    const slack = await create({ type: 'slack', name: 'Ops alerts', target: 'C0123ABC' });
    expect(slack.status).toBe(201);
    const channel = await json(slack);
    expect(channel).toMatchObject({ type: 'slack', name: 'Ops alerts', target: 'C0123ABC' });
    expect(
      (await create({ type: 'teams', name: 'Teams', target: 'https://example.webhook.office.com/webhookb2/secret' }))
        .status,
    ).toBe(201);
    expect((await create({ type: 'webhook', name: 'Local', target: 'http://127.0.0.1:9999/hook' })).status).toBe(201);
    const [entry] = await listAudit(t.ctx, { entityType: 'chat_channel', entityId: channel.id, limit: 5 });
    expect(entry).toMatchObject({ action: 'channel.created', after: { name: 'Ops alerts', target: 'C0123ABC' } });
  });

  it.each([
    [{ type: 'slack', name: 'x1', target: '#ops' }, 'not a Slack channel id'],
    [{ type: 'teams', name: 'x2', target: 'http://example.com/hook' }, 'https:// URLs'],
    [{ type: 'webhook', name: 'x3', target: 'nonsense' }, 'is not a URL'],
    [{ type: 'sms', name: 'x4', target: 'x' }, 'body.type'],
  ])('refuses %j', async (body, message) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain(message);
  });

  it('shows webhook URLs in full to admins only', async () => {
    const asResponder = await json(await t.request('GET', '/api/v1/channels', { token: responder }));
    expect(asResponder.items.find((c: { name: string }) => c.name === 'Teams').target).toBe(
      'https://example.webhook.office.com/…cret',
    );
    expect(asResponder.items.find((c: { name: string }) => c.name === 'Ops alerts').target).toBe('C0123ABC');
    const asAdmin = await json(await t.request('GET', '/api/v1/channels/teams', { token: admin }));
    expect(asAdmin.target).toBe('https://example.webhook.office.com/webhookb2/secret');

    // An admin's read-only token is a read credential: it sees what responders see.
    const readOnly = await json(
      await t.request('POST', '/api/v1/tokens', { token: admin, body: { name: 'dashboard', scopes: ['read'] } }),
    );
    const listed = await json(await t.request('GET', '/api/v1/channels', { token: readOnly.token }));
    expect(listed.items.find((c: { name: string }) => c.name === 'Teams').target).toBe(
      'https://example.webhook.office.com/…cret',
    );
    expect(
      (await json(await t.request('GET', '/api/v1/channels/teams', { token: readOnly.token }))).target,
    ).not.toContain('secret');
  });

  it('forbids responders to write and refuses a duplicate name', async () => {
    expect((await create({ type: 'slack', name: 'Mine', target: 'C0123ABD' }, responder)).status).toBe(403);
    const duplicate = await create({ type: 'slack', name: 'OPS ALERTS', target: 'C0123ABD' });
    expect(duplicate.status).toBe(409);
    expect((await json(duplicate)).error.message).toContain('"Ops alerts" already exists');
  });

  it('checks the target against the new type on update', async () => {
    const refused = await t.request('PATCH', '/api/v1/channels/local', { token: admin, body: { type: 'slack' } });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.message).toContain('not a Slack channel id');
    const updated = await t.request('PATCH', '/api/v1/channels/local', {
      token: admin,
      body: { type: 'slack', target: 'C0999XYZ', name: 'Was local' },
    });
    expect(updated.status).toBe(200);
    expect(await json(updated)).toMatchObject({ type: 'slack', target: 'C0999XYZ', name: 'Was local' });
  });

  it('refuses to delete a channel a service or policy uses, naming them; deletes it once unused', async () => {
    const channel = await json(await t.request('GET', '/api/v1/channels/ops%20alerts', { token: admin }));
    const policyId = await insertPolicy(
      t.app.db,
      t.clock,
      [{ delayMinutes: 5, targets: [{ type: 'channel', id: channel.id }] }],
      { name: 'Noisy' },
    );
    const serviceId = await insertService(t.app.db, t.clock, { policyId, slug: 'web', noticeChannelIds: [channel.id] });
    const refused = await t.request('DELETE', `/api/v1/channels/${channel.id}`, { token: admin });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.message).toBe(
      'Chat channel "Ops alerts" is used by services web and escalation policies "Noisy": remove it from them first',
    );

    await t.app.db.deleteFrom('services').where('id', '=', serviceId).execute();
    await t.app.db.deleteFrom('escalation_policies').where('id', '=', policyId).execute();
    expect((await t.request('DELETE', `/api/v1/channels/${channel.id}`, { token: admin })).status).toBe(204);
    const [entry] = await listAudit(t.ctx, { entityType: 'chat_channel', entityId: channel.id, limit: 1 });
    expect(entry?.action).toBe('channel.deleted');
  });
});
