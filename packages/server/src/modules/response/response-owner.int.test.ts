/**
 * The one owner of a declared incident (seed 004, ADR 17): the EOC paged at
 * declaration owns it before answering; an owning role of higher rank takes
 * ownership only once its holder takes it up (taking the role, accepting a
 * hand-off), not when they are merely asked; and only the owner resolves,
 * closes or reopens, by every way a person has (the API's stage and resolve
 * routes, and the acting link in a notification).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actAs } from '../../http/routes/notify-actions.routes.js';
import {
  startResponseWorld,
  type IncidentView,
  type Person,
  type ResponseWorld,
} from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let alice: Person; // EOC: level 1 of the service
let mia: Person; // IMOC: the managers' schedule
let bob: Person;
let dan: Person; // declares; on call for nothing
let service: { id: string; slug: string };

beforeAll(async () => {
  w = await startResponseWorld();
  [alice, mia, bob, dan] = [await w.person(), await w.person(), await w.person(), await w.person()];
  service = await w.service(alice);
  await w.staffRole('imoc', mia);
});
afterAll(async () => w?.close());

const nameOf = async (who: Person) =>
  (await w.t.app.db.selectFrom('users').select('name').where('id', '=', who.id).executeTakeFirstOrThrow()).name;

/** Resolving from a notification's link, as `who` (the same function the /a/:token route calls). */
const resolveByLink = (who: Person, incident: IncidentView) =>
  actAs(w.t.app, who.id, incident.id, 'resolve', 'email_link', 'req-1');

const declare = (who: Person, body: Record<string, unknown>) =>
  w.ok(who, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Checkout errors', ...body }, 201);

describe('who owns it', () => {
  it('the EOC paged at a declaration owns it before answering; the declarer does not', async () => {
    const incident = await declare(dan, { severity: 'S3', page: 'eoc' });
    expect(incident.response?.owner?.id).toBe(alice.id);
    const response = await w.response(incident.number);
    expect(response.ownerRole).toBe('eoc');
    expect(response.roles.map((r) => [r.role.slug, r.user.id, r.acceptedAt, r.paged])).toEqual([
      ['eoc', alice.id, null, true],
    ]);
  });

  it('an IMOC engaged by someone else (asked, not taken up) does not own it; taking the role does', async () => {
    const incident = await declare(alice, { severity: 'S3', page: 'none' });
    expect(incident.response?.owner?.id).toBe(alice.id);
    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/roles/engage`, { role: 'imoc' });
    let response = await w.response(incident.number);
    expect(response.roles.find((r) => r.role.slug === 'imoc')).toMatchObject({
      user: { id: mia.id },
      acceptedAt: null,
      paged: true,
    });
    expect(response.owner?.id).toBe(alice.id);

    const taken = await w.ok(mia, 'POST', `/api/v1/incidents/${incident.number}/roles/take`, { role: 'imoc' });
    expect(taken.response?.owner?.id).toBe(mia.id);
    response = await w.response(incident.number);
    expect(response.ownerRole).toBe('imoc');
    expect(response.roles.filter((r) => r.role.slug === 'imoc' && r.endedAt === null)).toHaveLength(1);
    expect((await w.timeline(incident.number)).filter((e) => e.kind === 'owner_changed').at(-1)?.message).toContain(
      await nameOf(mia),
    );
  });

  it('the S2 IMOC engaged at declaration is asked, so the EOC keeps ownership until the IMOC accepts a hand-off', async () => {
    const incident = await declare(dan, { severity: 'S2', page: 'eoc' });
    let response = await w.response(incident.number);
    expect(response.roles.map((r) => [r.role.slug, r.user.id, r.acceptedAt === null])).toEqual([
      ['eoc', alice.id, true],
      ['imoc', mia.id, true],
    ]);
    expect(response.owner?.id).toBe(alice.id);
    // Mia hands her IMOC role to Bob; accepting it, Bob takes the role up and owns the incident.
    await w.ok(mia, 'POST', `/api/v1/incidents/${incident.number}/handoffs`, { role: 'imoc', toUserId: bob.id }, 201);
    expect((await w.response(incident.number)).owner?.id).toBe(alice.id);
    const handoff = (await w.response(incident.number)).handoffs[0]!;
    const accepted = await w.ok(bob, 'POST', `/api/v1/incidents/${incident.number}/handoffs/${handoff.id}/accept`);
    expect(accepted.response?.owner?.id).toBe(bob.id);
    response = await w.response(incident.number);
    expect(
      response.roles
        .filter((r) => r.endedAt === null)
        .map((r) => [r.role.slug, r.user.id, r.how, r.paged])
        .sort(),
    ).toEqual([
      ['eoc', alice.id, 'engaged', true],
      ['imoc', bob.id, 'handoff', false],
    ]);
    // Handing off the EOC role now moves the role, not ownership.
    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/handoffs`, { role: 'eoc', toUserId: dan.id }, 201);
    const eocHandoff = (await w.response(incident.number)).handoffs.find((h) => h.state === 'pending')!;
    await w.ok(dan, 'POST', `/api/v1/incidents/${incident.number}/handoffs/${eocHandoff.id}/accept`);
    expect((await w.response(incident.number)).owner?.id).toBe(bob.id);
  });
});

describe('only the owner resolves, closes and reopens', () => {
  it('refuses anyone else with 403 naming the owner, through /stage, /resolve and the acting link', async () => {
    const incident = await declare(dan, { severity: 'S3', page: 'eoc' });
    const alicesName = await nameOf(alice);
    const n = incident.number;
    for (const refused of [
      await w.fails(dan, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'resolved' }),
      await w.fails(dan, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'closed' }),
      await w.fails(bob, 'POST', `/api/v1/incidents/${n}/resolve`),
    ])
      expect(refused).toEqual({ status: 403, message: expect.stringContaining(`, ${alicesName}, may`) });
    await expect(resolveByLink(bob, incident)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(alicesName),
    });
    const after = await w.ok(w.owner, 'GET', `/api/v1/incidents/${n}`);
    expect(after).toMatchObject({ status: 'triggered', response: { stage: 'investigating' } });

    // Anyone responding moves the stages before Resolved.
    await w.ok(dan, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'identified' });
    await w.ok(bob, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'monitoring' });
    // The owner resolves from the link: the stage moves and paging stops.
    const resolved = await resolveByLink(alice, incident);
    expect(resolved).toMatchObject({ status: 'resolved', response: { stage: 'resolved' } });

    expect(await w.fails(dan, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'investigating' })).toEqual({
      status: 403,
      message: expect.stringContaining(`may reopen it`),
    });
    const reopened = await w.ok(alice, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'investigating' });
    expect(reopened.response?.stage).toBe('investigating');
    expect((await w.fails(bob, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'closed' })).status).toBe(403);
    const closed = await w.ok(alice, 'POST', `/api/v1/incidents/${n}/stage`, { stage: 'closed' });
    expect(closed).toMatchObject({ status: 'resolved', response: { stage: 'closed' } });
    expect((await w.response(n)).nextRuleAt).toBeNull();
    const stages = (await w.timeline(n)).filter((e) => e.kind === 'stage_changed').map((e) => e.message);
    expect(stages.map((m) => m.replace(/^.* from /, ''))).toEqual([
      'investigating to identified',
      'identified to monitoring',
      'monitoring to resolved',
      'resolved to investigating',
      'investigating to closed',
    ]);
  });

  it('the owner resolves through POST /resolve; a second resolve changes nothing', async () => {
    const incident = await declare(alice, { severity: 'S4', page: 'none' });
    expect(incident.status).toBe('acknowledged'); // the declarer paged nobody: they are on it
    const resolved = await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/resolve`);
    expect(resolved).toMatchObject({ status: 'resolved', response: { stage: 'resolved', owner: { id: alice.id } } });
    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/resolve`);
    expect((await w.timeline(incident.number)).filter((e) => e.kind === 'stage_changed')).toHaveLength(1);
  });

  it('a paged-only incident still resolves by anyone responding, from the API and the link', async () => {
    const first = await w.ok(dan, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Paged' }, 201);
    expect(first.response).toBeNull();
    expect(await w.ok(bob, 'POST', `/api/v1/incidents/${first.number}/resolve`)).toMatchObject({ status: 'resolved' });
    const second = await w.ok(dan, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Paged' }, 201);
    expect(await resolveByLink(bob, second)).toMatchObject({ status: 'resolved' });
  });
});

describe('ownership is not taken by going round the owner', () => {
  it('a role someone has taken up moves by hand-off: taking or engaging over them is refused, naming them; an admin may', async () => {
    const incident = await declare(alice, { severity: 'S4', page: 'none' });
    const n = incident.number;
    const took = await w.fails(bob, 'POST', `/api/v1/incidents/${n}/roles/take`, { role: 'eoc' });
    expect(took.status).toBe(409);
    expect(took.message).toContain(await nameOf(alice));
    expect(took.message).toContain('hand it off');
    const engaged = await w.fails(bob, 'POST', `/api/v1/incidents/${n}/roles/engage`, { role: 'eoc', userId: bob.id });
    expect(engaged.status).toBe(409);
    expect((await w.response(n)).owner?.id).toBe(alice.id);
    // A role only asked for is anyone's to take.
    await w.ok(alice, 'POST', `/api/v1/incidents/${n}/roles/engage`, { role: 'imoc' });
    expect((await w.ok(bob, 'POST', `/api/v1/incidents/${n}/roles/take`, { role: 'imoc' })).response?.owner?.id).toBe(
      bob.id,
    );
    const admin = await w.person('admin');
    const reassigned = await w.ok(admin, 'POST', `/api/v1/incidents/${n}/roles/engage`, {
      role: 'imoc',
      userId: mia.id,
      page: false,
    });
    expect(
      (await w.response(reassigned.number)).roles.find((r) => r.role.slug === 'imoc' && r.endedAt === null)?.user.id,
    ).toBe(mia.id);
  });

  it('merging a declared incident away resolves it, so only its owner may; links of a paged-only incident are readable', async () => {
    const declared = await declare(alice, { severity: 'S4', page: 'none' });
    const other = await declare(alice, { severity: 'S4', page: 'none' });
    const refused = await w.fails(bob, 'POST', `/api/v1/incidents/${declared.number}/merge`, {
      intoId: String(other.number),
    });
    expect(refused.status).toBe(403);
    expect(refused.message).toContain(await nameOf(alice));
    await w.ok(alice, 'POST', `/api/v1/incidents/${declared.number}/merge`, { intoId: String(other.number) });
    const paged = await w.ok(dan, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'Paged' }, 201);
    await w.ok(bob, 'POST', `/api/v1/incidents/${paged.number}/links`, { otherId: String(other.number) });
    const links = await w.ok<{ items: Array<{ incident: { number: number }; kind: string }> }>(
      w.viewer,
      'GET',
      `/api/v1/incidents/${paged.number}/links`,
    );
    expect(links.items).toEqual([{ incident: expect.objectContaining({ number: other.number }), kind: 'related' }]);
  });
});
