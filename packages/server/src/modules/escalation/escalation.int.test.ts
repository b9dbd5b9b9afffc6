/**
 * Escalation policies over the API against real PostgreSQL: admins write,
 * everyone reads; levels, delays, targets and repeats are checked with
 * messages that say what to fix; missing targets (schedules too) are named; a policy a service uses cannot be deleted; every change
 * is audited; the snapshot contract reads what the use cases wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertService } from '../../test-support/paging-fixtures.js';
import { listAudit } from '../audit/index.js';
import { getPolicySnapshot } from './index.js';

let t: TestApp;
let admin: string;
let responder: string;
let viewer: string;
let bob: { id: string; email: string };
let teamId: string;
let channelId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.createUserWithToken('admin')).token;
  const r = await t.createUserWithToken('responder', 'bob@example.com');
  responder = r.token;
  bob = r;
  viewer = (await t.createUserWithToken('viewer')).token;
  const team = await t.request('POST', '/api/v1/teams', { token: admin, body: { slug: 'sre', name: 'SRE' } });
  teamId = ((await team.json()) as { id: string }).id;
  const channel = await t.request('POST', '/api/v1/channels', {
    token: admin,
    body: { type: 'slack', name: 'ops', target: 'C0123ABC' },
  });
  channelId = ((await channel.json()) as { id: string }).id;
});
afterAll(async () => t?.close());

const json = async (response: Response) => (await response.json()) as Record<string, any>;
const post = (body: unknown, token = admin) => t.request('POST', '/api/v1/escalation-policies', { token, body });
const level = (targets: Array<{ type: string; id: string }>, delayMinutes = 15) => ({ delayMinutes, targets });

describe('escalation policies', () => {
  it('creates a policy with user, team and channel targets, labelled, and audits it', async () => {
    const response = await post({
      name: 'SRE on call',
      teamId,
      repeatCount: 2,
      levels: [
        level([{ type: 'user', id: bob.id }]),
        level(
          [
            { type: 'team', id: teamId },
            { type: 'channel', id: channelId },
          ],
          30,
        ),
      ],
    });
    expect(response.status).toBe(201);
    const policy = await json(response);
    expect(policy).toMatchObject({
      name: 'SRE on call',
      description: '',
      team: { id: teamId, slug: 'sre', name: 'SRE' },
      repeatCount: 2,
      levels: [
        { delayMinutes: 15, targets: [{ type: 'user', id: bob.id, label: expect.stringContaining('Test responder') }] },
        {
          delayMinutes: 30,
          targets: [
            { type: 'team', id: teamId, label: 'SRE' },
            { type: 'channel', id: channelId, label: 'ops' },
          ],
        },
      ],
    });
    const audit = await listAudit(t.ctx, { entityType: 'escalation_policy', entityId: policy.id, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['escalation_policy.created']);
    expect(audit[0]?.after).toMatchObject({ name: 'SRE on call' });

    const snapshot = await getPolicySnapshot(t.app.db, policy.id);
    expect(snapshot).toMatchObject({
      name: 'SRE on call',
      repeatCount: 2,
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: bob.id }] }, { delayMinutes: 30 }],
    });
  });

  it('lets every role read, by id or by name without regard to case', async () => {
    const list = await json(await t.request('GET', '/api/v1/escalation-policies', { token: viewer }));
    expect(list.items.map((p: { name: string }) => p.name)).toContain('SRE on call');
    const byName = await t.request('GET', `/api/v1/escalation-policies/${encodeURIComponent('sre ON CALL')}`, {
      token: viewer,
    });
    expect(byName.status).toBe(200);
    expect((await json(byName)).name).toBe('SRE on call');
    expect((await t.request('GET', '/api/v1/escalation-policies/nope', { token: viewer })).status).toBe(404);
  });

  it('forbids responders to write', async () => {
    const response = await post({ name: 'Mine', levels: [level([{ type: 'user', id: bob.id }])] }, responder);
    expect(response.status).toBe(403);
    expect((await json(response)).error.message).toContain('cannot create escalation policies');
    expect(
      (await t.request('DELETE', '/api/v1/escalation-policies/sre%20on%20call', { token: responder })).status,
    ).toBe(403);
  });

  it.each([
    ['no levels', { levels: [] }, 'a policy has at least one level'],
    [
      '21 levels',
      { levels: Array.from({ length: 21 }, () => level([{ type: 'user', id: 'BOB' }])) },
      'at most 20 levels',
    ],
    ['a zero delay', { levels: [level([{ type: 'user', id: 'BOB' }], 0)] }, 'must be at least 1 minute'],
    ['a delay over a day', { levels: [level([{ type: 'user', id: 'BOB' }], 1441)] }, 'at most 1440 minutes'],
    ['a level without targets', { levels: [level([])] }, 'at least one target'],
    [
      '21 targets',
      { levels: [level(Array.from({ length: 21 }, () => ({ type: 'user', id: 'BOB' })))] },
      'at most 20 targets',
    ],
    ['repeat 10', { repeatCount: 10, levels: [level([{ type: 'user', id: 'BOB' }])] }, 'must be 0 to 9'],
    ['an unknown field', { colour: 'red', levels: [level([{ type: 'user', id: 'BOB' }])] }, 'colour'],
  ])('refuses %s with a message that says what to fix', async (_name, body, message) => {
    const fixed = JSON.parse(JSON.stringify(body).replaceAll('"BOB"', JSON.stringify(bob.id))) as Record<
      string,
      unknown
    >;
    const response = await post({ name: 'Bad', ...fixed });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain(message);
  });

  it('names the targets that do not exist, schedules included', async () => {
    const ghost = newId();
    const response = await post({
      name: 'Ghosts',
      levels: [
        level([
          { type: 'user', id: ghost },
          { type: 'channel', id: channelId },
        ]),
        level([{ type: 'team', id: ghost }]),
      ],
    });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.error.message).toContain(`level 1, target 1: user ${ghost} does not exist`);
    expect(body.error.message).toContain(`level 2, target 1: team ${ghost} does not exist`);
    expect(body.error.details.issues).toHaveLength(2);

    const missingScheduleId = newId();
    const schedule = await post({ name: 'Schedules', levels: [level([{ type: 'schedule', id: missingScheduleId }])] });
    expect(schedule.status).toBe(400);
    expect((await json(schedule)).error.message).toContain(`schedule ${missingScheduleId} does not exist`);

    const twice = await post({
      name: 'Twice',
      levels: [
        level([
          { type: 'user', id: bob.id },
          { type: 'user', id: bob.id },
        ]),
      ],
    });
    expect((await json(twice)).error.message).toContain('is listed twice');
  });

  it('refuses a second policy with the same name in another case', async () => {
    const response = await post({ name: 'sre ON CALL', levels: [level([{ type: 'user', id: bob.id }])] });
    expect(response.status).toBe(409);
    expect((await json(response)).error.message).toContain('An escalation policy named "SRE on call" already exists');
  });

  it('updates levels and name, auditing before and after; a snapshot taken earlier keeps the old levels', async () => {
    const before = await getPolicySnapshot(
      t.app.db,
      (await json(await t.request('GET', '/api/v1/escalation-policies/SRE%20on%20call', { token: admin }))).id,
    );
    const response = await t.request('PATCH', '/api/v1/escalation-policies/SRE%20on%20call', {
      token: admin,
      body: { name: 'SRE primary', repeatCount: 0, levels: [level([{ type: 'team', id: teamId }], 5)] },
    });
    expect(response.status).toBe(200);
    const policy = await json(response);
    expect(policy).toMatchObject({
      name: 'SRE primary',
      repeatCount: 0,
      levels: [{ delayMinutes: 5, targets: [{ type: 'team', id: teamId }] }],
    });
    expect(before.levels).toHaveLength(2);
    const [entry] = await listAudit(t.ctx, { entityType: 'escalation_policy', entityId: policy.id, limit: 1 });
    expect(entry).toMatchObject({
      action: 'escalation_policy.updated',
      before: { name: 'SRE on call' },
      after: { name: 'SRE primary' },
    });

    const invalid = await t.request('PATCH', `/api/v1/escalation-policies/${policy.id}`, {
      token: admin,
      body: { levels: [level([{ type: 'user', id: newId() }])] },
    });
    expect(invalid.status).toBe(400);
  });

  it('refuses to delete a policy a service uses, naming the service; deletes it once unused', async () => {
    const policy = await json(await post({ name: 'Used', levels: [level([{ type: 'user', id: bob.id }])] }));
    const serviceId = await insertService(t.app.db, t.clock, { policyId: policy.id, slug: 'checkout' });
    const refused = await t.request('DELETE', `/api/v1/escalation-policies/${policy.id}`, { token: admin });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.message).toBe(
      'Escalation policy "Used" is used by service checkout: move them to another policy first',
    );

    await t.app.db.deleteFrom('services').where('id', '=', serviceId).execute();
    expect((await t.request('DELETE', '/api/v1/escalation-policies/used', { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/api/v1/escalation-policies/${policy.id}`, { token: admin })).status).toBe(404);
    const [entry] = await listAudit(t.ctx, { entityType: 'escalation_policy', entityId: policy.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'escalation_policy.deleted', before: { name: 'Used' } });
  });
});
