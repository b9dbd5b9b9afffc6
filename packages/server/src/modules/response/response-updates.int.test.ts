/**
 * Status updates (issue #12): who may post and draft, what bad input gets,
 * the timeline and owner rules when an update moves the stage, the
 * organisation's templates (admin edits, drafts fill placeholders), and the
 * severity's cadence shown as nextUpdateDueAt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let alice: Person; // the EOC: owner
let bob: Person; // another responder
let admin: Person;
let service: { id: string; slug: string };

beforeAll(async () => {
  w = await startResponseWorld();
  alice = await w.person();
  bob = await w.person();
  admin = await w.person('admin');
  service = await w.service(alice);
});
afterAll(async () => w?.close());

const declare = (severity: string, title = 'Checkout is slow') =>
  w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title, severity, page: 'none' }, 201);

interface Update {
  id: string;
  message: string;
  stage: string;
  audience: string[];
  postedBy: string;
}

describe('status updates', () => {
  it('a viewer may read but not post or draft; bad input is refused', async () => {
    const incident = await declare('S3');
    const path = `/api/v1/incidents/${incident.number}/updates`;
    expect((await w.fails(w.viewer, 'POST', path, { message: 'hello' })).status).toBe(403);
    expect((await w.fails(w.viewer, 'GET', `${path}/draft`)).status).toBe(403);
    expect(await w.ok(w.viewer, 'GET', path)).toEqual({ items: [] });
    expect((await w.fails(bob, 'POST', path, { message: '' })).status).toBe(400);
    expect((await w.fails(bob, 'POST', path, { message: 'x', stage: 'fixed' })).status).toBe(400);
    expect((await w.fails(bob, 'POST', path, { message: 'x', extra: true })).status).toBe(400);
    expect((await w.fails(bob, 'GET', `${path}/draft?stage=closed`)).status).toBe(400);
    const paged = await w.ok(alice, 'POST', '/api/v1/incidents', { serviceId: service.slug, title: 'p' }, 201);
    expect((await w.fails(bob, 'POST', `/api/v1/incidents/${paged.number}/updates`, { message: 'x' })).status).toBe(
      409,
    );
  });

  it('posting lists newest first, joins the timeline; only the owner resolves through an update', async () => {
    const incident = await declare('S3');
    const path = `/api/v1/incidents/${incident.number}/updates`;
    const first = await w.ok<Update>(bob, 'POST', path, { message: 'Looking into it' }, 201);
    expect(first).toMatchObject({ message: 'Looking into it', stage: 'investigating', audience: ['internal'] });
    await w.ok<Update>(bob, 'POST', path, { message: 'Cause found', stage: 'identified' }, 201);
    expect(await w.fails(bob, 'POST', path, { message: 'Done', stage: 'resolved' })).toEqual({
      status: 403,
      message: expect.stringContaining('Only the owner'),
    });
    const list = await w.ok<{ items: Update[] }>(w.viewer, 'GET', path);
    expect(list.items.map((u) => [u.message, u.stage])).toEqual([
      ['Cause found', 'identified'],
      ['Looking into it', 'investigating'],
    ]);
    expect((await w.response(incident.number)).stage).toBe('identified');
    const kinds = (await w.timeline(incident.number)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'status_update')).toHaveLength(2);
    expect(kinds).toContain('stage_changed');
    await w.ok<Update>(alice, 'POST', path, { message: 'Done', stage: 'resolved' }, 201);
    expect((await w.response(incident.number)).stage).toBe('resolved');
  });

  it('templates: admins edit them, drafts fill the placeholders, others may not edit', async () => {
    const templates = await w.ok<{ items: Array<{ stage: string; body: string }> }>(
      w.viewer,
      'GET',
      '/api/v1/update-templates',
    );
    expect(templates.items.map((t) => t.stage)).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
    const body = { body: '{{title}} at {{severity}} on {{service}}: {{eta}}' };
    expect((await w.fails(bob, 'PUT', '/api/v1/update-templates/monitoring', body)).status).toBe(403);
    expect((await w.fails(admin, 'PUT', '/api/v1/update-templates/closed', body)).status).toBe(400);
    expect((await w.fails(admin, 'PUT', '/api/v1/update-templates/monitoring', { body: ' ' })).status).toBe(400);
    await w.ok(admin, 'PUT', '/api/v1/update-templates/monitoring', body);
    const incident = await declare('S2', 'Payments down');
    const draft = await w.ok(bob, 'GET', `/api/v1/incidents/${incident.number}/updates/draft?stage=monitoring`);
    expect(draft).toEqual({ stage: 'monitoring', message: `Payments down at S2 on ${service.slug}: {{eta}}` });
    const current = await w.ok<{ stage: string; message: string }>(
      bob,
      'GET',
      `/api/v1/incidents/${incident.number}/updates/draft`,
    );
    expect(current).toEqual({
      stage: 'investigating',
      message: expect.stringContaining('We are investigating Payments down (S2)'),
    });
  });

  it('nextUpdateDueAt follows the severity cadence (seeded S1 30, S2 60, S3 240, S4 none) and restarts with each update', async () => {
    const incident = await declare('S3');
    const declaredAt = Date.parse(
      (await w.ok<{ declaredAt: string }>(w.viewer, 'GET', `/api/v1/incidents/${incident.number}/response`)).declaredAt,
    );
    const due = async () =>
      (await w.ok<{ nextUpdateDueAt: string | null }>(w.viewer, 'GET', `/api/v1/incidents/${incident.number}/response`))
        .nextUpdateDueAt;
    expect(await due()).toBe(new Date(declaredAt + 240 * 60_000).toISOString());
    const posted = await w.ok<{ postedAt: string }>(
      bob,
      'POST',
      `/api/v1/incidents/${incident.number}/updates`,
      { message: 'x' },
      201,
    );
    expect(await due()).toBe(new Date(Date.parse(posted.postedAt) + 240 * 60_000).toISOString());
    await w.ok(admin, 'PATCH', '/api/v1/severities/S3', { updateMinutes: 45 });
    expect(await due()).toBe(new Date(Date.parse(posted.postedAt) + 45 * 60_000).toISOString());
    expect(
      await w.ok<{ items: Array<{ key: string; updateMinutes: number | null }> }>(
        w.viewer,
        'GET',
        '/api/v1/severities',
      ),
    ).toMatchObject({
      items: [
        { key: 'S1', updateMinutes: 30 },
        { key: 'S2', updateMinutes: 60 },
        { key: 'S3', updateMinutes: 45 },
        { key: 'S4', updateMinutes: null },
      ],
    });
  });
});
