/**
 * The organisation's response definitions (ADR 17): severity settings that
 * the next declaration follows, custom categories and roles with the rules
 * that keep history intact; and engaging a role never pages someone twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let alice: Person;
let admin: Person;
let service: { id: string; slug: string };

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  admin = await w.person('admin');
  service = await w.service(alice);
});
afterAll(async () => w?.close());

const declare = (body: Record<string, unknown>) =>
  w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 't', ...body }, 201);

describe('definitions', () => {
  it('severity settings drive the next declaration, audited', async () => {
    const s4 = await w.ok(admin, 'PATCH', '/api/v1/severities/S4', {
      investigatingMinutes: 5,
      troubleshootMinutes: null,
      unacknowledgedMinutes: null,
    });
    expect(s4).toMatchObject({ key: 'S4', investigatingMinutes: 5, troubleshootMinutes: null });
    const incident = await declare({ severity: 'S4', page: 'none' });
    expect((await w.response(incident.number)).nextRuleAt).toBe(
      new Date(w.t.clock.now().getTime() + 5 * 60_000).toISOString(),
    );
    const audit = await w.t.app.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', 'S4')
      .execute();
    expect(audit).toEqual([{ action: 'severity.updated', actor_id: admin.id }]);
  });

  it('custom categories are used, and stay while an incident uses them', async () => {
    await w.ok(admin, 'POST', '/api/v1/incident-categories', { slug: 'billing', name: 'Billing' }, 201);
    expect(
      (await w.fails(admin, 'POST', '/api/v1/incident-categories', { slug: 'billing', name: 'Again' })).status,
    ).toBe(409);
    const incident = await declare({ severity: 'S4', page: 'none', category: 'billing' });
    expect((await w.response(incident.number)).severity).toBe('S4');
    expect(await w.fails(admin, 'DELETE', '/api/v1/incident-categories/billing')).toEqual({
      status: 409,
      message: expect.stringContaining('recategorise'),
    });
    expect((await w.fails(admin, 'DELETE', '/api/v1/incident-categories/outage')).status).toBe(400);
    await w.ok(alice, 'POST', `/api/v1/incidents/${incident.number}/category`, { category: null });
    expect((await w.call(admin, 'DELETE', '/api/v1/incident-categories/billing')).status).toBe(204);
  });

  it('custom roles: a free rank, built-in ranks stay, a role once held stays', async () => {
    expect(
      await w.fails(admin, 'POST', '/api/v1/incident-roles', { slug: 'sec', name: 'Security lead', rank: 2 }),
    ).toEqual({ status: 409, message: expect.stringContaining('Rank 2 belongs to') });
    await w.ok(admin, 'POST', '/api/v1/incident-roles', { slug: 'sec', name: 'Security lead', rank: 4 }, 201);
    expect((await w.fails(admin, 'PATCH', '/api/v1/incident-roles/imoc', { rank: 5 })).status).toBe(400);
    expect((await w.fails(admin, 'DELETE', '/api/v1/incident-roles/eoc')).status).toBe(400);
    const incident = await declare({ severity: 'S4', page: 'none' });
    const bob = await w.person();
    // Rank 4 is above the CMOC: taking it makes Bob the owner.
    const taken = await w.ok(bob, 'POST', `/api/v1/incidents/${incident.number}/roles/take`, { role: 'sec' });
    expect(taken.response?.owner?.id).toBe(bob.id);
    expect(await w.fails(admin, 'DELETE', '/api/v1/incident-roles/sec')).toEqual({
      status: 409,
      message: expect.stringContaining('held'),
    });
  });
});

describe('never paged twice', () => {
  it('a person the policy already paged is engaged without a second page', async () => {
    const bob = await w.person();
    const own = await w.service(bob);
    const paged = await w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: own.slug, title: 'p' }, 201);
    await w.t.app.engine.runDue(); // the policy pages Bob
    await w.ok(alice, 'POST', `/api/v1/incidents/${paged.number}/declare`, { severity: 'S3' });
    await w.ok(alice, 'POST', `/api/v1/incidents/${paged.number}/roles/engage`, { role: 'scribe', userId: bob.id });
    const scribe = (await w.response(paged.number)).roles.find((r) => r.role.slug === 'scribe');
    expect(scribe).toMatchObject({ user: { id: bob.id }, paged: false });
    expect((await w.timeline(paged.number)).at(-1)?.message).toContain('already paged for this incident');
    // Someone not paged yet is.
    const carol = await w.person();
    await w.ok(alice, 'POST', `/api/v1/incidents/${paged.number}/roles/engage`, { role: 'engineer', userId: carol.id });
    const engineer = (await w.response(paged.number)).roles.find((r) => r.role.slug === 'engineer');
    expect(engineer).toMatchObject({ user: { id: carol.id }, paged: true });
  });
});
