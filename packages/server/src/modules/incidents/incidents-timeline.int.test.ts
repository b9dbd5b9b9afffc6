/**
 * The timeline API beyond reading it: stars for the postmortem, filters by
 * kind, source and starred, and notes their authors edit and delete, every
 * version kept and a deleted note left as a tombstone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';

interface Entry {
  id: string;
  kind: string;
  source: string;
  message: string;
  version: number;
  starred: { at: string; by: { id: string | null; label: string } } | null;
  edited: { by: { id: string | null } } | null;
  deleted: { by: { id: string | null; label: string } } | null;
}
type User = { id: string; email: string; token: string };

let t: TestApp;
let author: User;
let other: User;
let viewer: User;
let admin: User;
let serviceId: string;

beforeAll(async () => {
  t = await startTestApp();
  author = await t.createUserWithToken('responder');
  other = await t.createUserWithToken('responder');
  viewer = await t.createUserWithToken('viewer');
  admin = await t.createUserWithToken('admin');
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: author.id }] },
  ]);
  serviceId = await insertService(t.app.db, t.clock, { policyId });
});
afterAll(async () => t?.close());

async function call<T>(method: string, path: string, token: string, body?: unknown, status = 200): Promise<T> {
  const response = await t.request(method, path, { token, ...(body !== undefined && { body }) });
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

async function incidentWithNote(text = 'Rolled back the deploy') {
  const incident = await call<{ id: string }>(
    'POST',
    '/api/v1/incidents',
    author.token,
    { serviceId, title: 'Checkout down' },
    201,
  );
  const note = await call<Entry>('POST', `/api/v1/incidents/${incident.id}/notes`, author.token, { text }, 201);
  return { incidentId: incident.id, note, base: `/api/v1/incidents/${incident.id}/timeline` };
}

const timeline = async (base: string, query = '') =>
  (await call<{ items: Entry[] }>('GET', `${base}${query}`, author.token)).items;

const auditActions = async (incidentId: string) =>
  (
    await t.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', incidentId)
      .where('action', 'like', 'incident.%t%')
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('stars', () => {
  it('are set and removed by responders, shown with who and when, filtered, and audited', async () => {
    const { incidentId, note, base } = await incidentWithNote();
    expect(note).toMatchObject({ version: 1, starred: null, edited: null, deleted: null });

    const starred = await call<Entry>('PUT', `${base}/${note.id}/star`, other.token);
    expect(starred.starred).toMatchObject({ by: { id: other.id } });
    // Twice changes nothing: the first star stands.
    expect((await call<Entry>('PUT', `${base}/${note.id}/star`, author.token)).starred?.by.id).toBe(other.id);

    expect((await timeline(base, '?starred=true')).map((e) => e.id)).toEqual([note.id]);
    const others = await timeline(base, '?starred=false');
    expect(others.length).toBeGreaterThan(0);
    expect(others.map((e) => e.id)).not.toContain(note.id);

    expect((await call<Entry>('DELETE', `${base}/${note.id}/star`, other.token)).starred).toBeNull();
    expect(await timeline(base, '?starred=true')).toEqual([]);
    expect(await auditActions(incidentId)).toEqual(
      expect.arrayContaining(['incident.timeline_starred', 'incident.timeline_unstarred']),
    );
    expect((await auditActions(incidentId)).filter((a) => a === 'incident.timeline_starred')).toHaveLength(1);
  });

  it('are refused to viewers, and need an entry of that incident', async () => {
    const { note, base } = await incidentWithNote();
    const refused = await t.request('PUT', `${base}/${note.id}/star`, { token: viewer.token });
    expect(refused.status).toBe(403);
    const elsewhere = await incidentWithNote();
    expect((await t.request('PUT', `${elsewhere.base}/${note.id}/star`, { token: author.token })).status).toBe(404);
    expect((await t.request('PUT', `${base}/not-a-number/star`, { token: author.token })).status).toBe(400);
  });
});

describe('filters', () => {
  it('keep the kinds and sources asked for', async () => {
    const { note, base } = await incidentWithNote();
    const all = await timeline(base);
    // The person declaring writes through the API; paging them is the engine's doing.
    expect(new Set(all.map((e) => e.source))).toEqual(new Set(['api', 'engine']));

    expect((await timeline(base, '?kind=note')).map((e) => e.id)).toEqual([note.id]);
    expect((await timeline(base, '?kind=note,triggered')).map((e) => e.kind)).toEqual(['triggered', 'note']);
    expect((await timeline(base, '?source=engine')).map((e) => e.id)).toEqual(
      all.filter((e) => e.source === 'engine').map((e) => e.id),
    );
    expect((await timeline(base, '?kind=escalated,note')).map((e) => e.id)).toEqual(
      all.filter((e) => e.kind === 'escalated' || e.kind === 'note').map((e) => e.id),
    );
    expect((await timeline(base, '?source=api&kind=note')).map((e) => e.id)).toEqual([note.id]);
    expect(await timeline(base, '?source=web,cli')).toEqual([]);
  });

  it.each([
    ['?kind=postmortem', /Unknown kind "postmortem": use triggered, .*note/],
    ['?kind=note,', /Unknown kind ""/],
    ['?source=fax', /Unknown source "fax": use web, api/],
    ['?starred=yes', /starred/],
  ])('refuse %s with a 400 naming the valid values', async (query, message) => {
    const { base } = await incidentWithNote();
    const response = await t.request('GET', `${base}${query}`, { token: author.token });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
  });
});

describe('notes', () => {
  it('are edited by their author, every version kept with who and when', async () => {
    const { incidentId, note, base } = await incidentWithNote('Rolled back');
    t.clock.advanceMinutes(2);
    const edited = await call<Entry>('PATCH', `${base}/${note.id}`, author.token, { text: 'Rolled back v42' });
    expect(edited).toMatchObject({ message: 'Rolled back v42', version: 2, edited: { by: { id: author.id } } });
    await call<Entry>('PATCH', `${base}/${note.id}`, author.token, { text: 'Rolled back v42 to v41' });

    expect((await timeline(base, '?kind=note'))[0]).toMatchObject({ message: 'Rolled back v42 to v41', version: 3 });
    const history = await call<{ items: Array<{ version: number; text: string; by: { id: string } }> }>(
      'GET',
      `${base}/${note.id}/history`,
      viewer.token,
    );
    expect(history.items.map((v) => [v.version, v.text, v.by.id])).toEqual([
      [1, 'Rolled back', author.id],
      [2, 'Rolled back v42', author.id],
      [3, 'Rolled back v42 to v41', author.id],
    ]);
    expect(await auditActions(incidentId)).toEqual(expect.arrayContaining(['incident.note_edited']));
  });

  it("are not edited or deleted by anyone else, nor by viewers; an admin's edit is refused too", async () => {
    const { note, base } = await incidentWithNote();
    for (const user of [other, viewer, admin]) {
      const response = await t.request('PATCH', `${base}/${note.id}`, {
        token: user.token,
        body: { text: 'Mine now' },
      });
      expect([user.email, response.status]).toEqual([user.email, 403]);
    }
    for (const user of [other, viewer]) {
      const response = await t.request('DELETE', `${base}/${note.id}`, { token: user.token });
      expect([user.email, response.status]).toEqual([user.email, 403]);
    }
    expect((await timeline(base, '?kind=note'))[0]).toMatchObject({ message: note.message, version: 1 });
  });

  it('only notes: any other entry stays as written', async () => {
    const { base } = await incidentWithNote();
    const triggered = (await timeline(base, '?kind=triggered'))[0]!;
    const edit = await t.request('PATCH', `${base}/${triggered.id}`, {
      token: author.token,
      body: { text: 'Nothing' },
    });
    expect(edit.status).toBe(400);
    expect((await t.request('DELETE', `${base}/${triggered.id}`, { token: admin.token })).status).toBe(400);
    expect((await timeline(base, '?kind=triggered'))[0]).toEqual(triggered);
  });

  it('deleted by their author stay as a tombstone; the texts leave the history, the versions stay', async () => {
    const { incidentId, note, base } = await incidentWithNote('Password is hunter2');
    await call<Entry>('PATCH', `${base}/${note.id}`, author.token, { text: 'Password is hunter3' });
    const deleted = await call<Entry>('DELETE', `${base}/${note.id}`, author.token);
    expect(deleted).toMatchObject({
      kind: 'note',
      version: 3,
      edited: null,
      deleted: { by: { id: author.id } },
    });
    expect(deleted.message).toMatch(/^Note deleted by /);
    expect((await timeline(base, '?kind=note')).map((e) => e.message)).toEqual([deleted.message]);

    const history = await call<{ items: Array<{ version: number; text: string | null; deleted: boolean }> }>(
      'GET',
      `${base}/${note.id}/history`,
      author.token,
    );
    expect(history.items.map((v) => [v.version, v.text, v.deleted])).toEqual([
      [1, null, false],
      [2, null, false],
      [3, null, true],
    ]);
    expect(JSON.stringify(await timeline(base))).not.toContain('hunter');
    // A tombstone is final.
    expect(
      (await t.request('PATCH', `${base}/${note.id}`, { token: author.token, body: { text: 'Back' } })).status,
    ).toBe(409);
    expect((await t.request('DELETE', `${base}/${note.id}`, { token: author.token })).status).toBe(409);
    expect(await auditActions(incidentId)).toEqual(expect.arrayContaining(['incident.note_deleted']));
  });

  it('are deleted by an admin to moderate, which the tombstone and the audit log say', async () => {
    const { incidentId, note, base } = await incidentWithNote();
    const deleted = await call<Entry>('DELETE', `${base}/${note.id}`, admin.token);
    expect(deleted.deleted?.by.id).toBe(admin.id);
    expect(deleted.message).toBe(`Note deleted by ${deleted.deleted?.by.label}`);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', incidentId)
      .where('action', '=', 'incident.note_deleted')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ timelineEntryId: note.id, moderation: true });
  });
});

describe('a merge', () => {
  it('copies notes as they read now: the last text, or the tombstone', async () => {
    const from = await incidentWithNote('First try');
    await call<Entry>('PATCH', `${from.base}/${from.note.id}`, author.token, { text: 'Second try' });
    const secret = await call<Entry>(
      'POST',
      `/api/v1/incidents/${from.incidentId}/notes`,
      author.token,
      { text: 'token abc' },
      201,
    );
    await call<Entry>('DELETE', `${from.base}/${secret.id}`, author.token);
    const into = await incidentWithNote('Over here');
    await call('POST', `/api/v1/incidents/${from.incidentId}/merge`, author.token, { intoId: into.incidentId });

    const copied = (await timeline(into.base, '?kind=note')).map((e) => e.message);
    expect(copied).toEqual(
      expect.arrayContaining([expect.stringMatching(/: Second try$/), expect.stringMatching(/: Note deleted by /)]),
    );
    expect(JSON.stringify(await timeline(into.base))).not.toMatch(/First try|token abc/);
  });
});
