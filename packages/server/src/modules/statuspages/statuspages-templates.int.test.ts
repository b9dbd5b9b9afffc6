/**
 * Page templates: admins manage them per page; a responder publishes a page
 * incident, an update or a maintenance from one (what they type wins over
 * the template); a missing template or message is a 400 that says what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResponseWorld, type Person, type ResponseWorld } from '../../test-support/response-fixtures.js';

let w: ResponseWorld;
let admin: Person;
let cmoc: Person;

interface PageIncident {
  id: string;
  title: string;
  updates: Array<{ state: string; body: string }>;
}

beforeAll(async () => {
  w = await startResponseWorld();
  admin = await w.person('admin');
  cmoc = await w.person('responder');
  await w.ok(admin, 'POST', '/api/v1/status-pages', { slug: 'tpl', name: 'Tpl' }, 201);
});
afterAll(async () => w?.close());

const path = '/api/v1/status-pages/tpl/templates';

describe('page templates', () => {
  it('admins manage them; others read them', async () => {
    expect((await w.fails(cmoc, 'POST', path, { name: 'Outage', body: 'x' })).status).toBe(403);
    const created = await w.ok<{ id: string }>(
      admin,
      'POST',
      path,
      { name: 'Outage', title: 'Service outage', body: 'We are investigating an outage.' },
      201,
    );
    expect((await w.fails(admin, 'POST', path, { name: 'outage', body: 'x' })).status).toBe(409);
    await w.ok(admin, 'POST', path, { name: 'Fixed', body: 'A fix has been deployed.' }, 201);
    await w.ok(admin, 'POST', path, { name: 'Gone', body: 'x' }, 201);
    await w.ok(admin, 'DELETE', `${path}/Gone`, undefined, 204);
    await w.ok(admin, 'PATCH', `${path}/${created.id}`, { body: 'We are investigating an outage of our service.' });
    const list = await w.ok<{ items: Array<{ name: string; body: string }> }>(w.viewer, 'GET', path);
    expect(list.items).toEqual([
      expect.objectContaining({ name: 'Fixed', body: 'A fix has been deployed.' }),
      expect.objectContaining({ name: 'Outage', body: 'We are investigating an outage of our service.' }),
    ]);
  });

  it('fills what the responder leaves out, by name or id', async () => {
    const incident = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/tpl/incidents',
      { template: 'outage' },
      201,
    );
    expect(incident).toMatchObject({
      title: 'Service outage',
      updates: [{ state: 'investigating', body: 'We are investigating an outage of our service.' }],
    });
    const updates = `/api/v1/status-pages/tpl/incidents/${incident.id}/updates`;
    const fixed = await w.ok<PageIncident>(cmoc, 'POST', updates, { state: 'monitoring', template: 'Fixed' }, 201);
    expect(fixed.updates[0]).toEqual(
      expect.objectContaining({ state: 'monitoring', body: 'A fix has been deployed.' }),
    );
    const own = await w.ok<PageIncident>(
      cmoc,
      'POST',
      updates,
      { state: 'resolved', template: 'Fixed', body: 'All good now.' },
      201,
    );
    expect(own.updates[0]!.body).toBe('All good now.');
    const maintenance = await w.ok<PageIncident>(
      cmoc,
      'POST',
      '/api/v1/status-pages/tpl/maintenances',
      {
        template: 'Outage',
        title: 'Planned work',
        scheduledFor: new Date(w.t.clock.now().getTime() + 3_600_000).toISOString(),
        scheduledUntil: new Date(w.t.clock.now().getTime() + 7_200_000).toISOString(),
      },
      201,
    );
    expect(maintenance).toMatchObject({
      title: 'Planned work',
      updates: [{ state: 'scheduled', body: 'We are investigating an outage of our service.' }],
    });
  });

  it('says which templates exist, and asks for a title or message when none is given', async () => {
    expect(
      await w.fails(cmoc, 'POST', '/api/v1/status-pages/tpl/incidents', { template: 'Nope', title: 'x' }),
    ).toMatchObject({ status: 400, message: expect.stringContaining('it has "Fixed", "Outage"') });
    expect(await w.fails(cmoc, 'POST', '/api/v1/status-pages/tpl/incidents', { body: 'x' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('give a title or a template'),
    });
    // "Fixed" has no title: the caller must give one.
    expect(await w.fails(cmoc, 'POST', '/api/v1/status-pages/tpl/incidents', { template: 'Fixed' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('title'),
    });
    expect(await w.fails(cmoc, 'POST', '/api/v1/status-pages/tpl/incidents', { title: 'x' })).toMatchObject({
      status: 400,
      message: expect.stringContaining('give a message or a template'),
    });
  });
});
