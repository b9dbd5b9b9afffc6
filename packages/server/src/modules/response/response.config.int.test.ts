/**
 * Incident response in config as code against real PostgreSQL: severities
 * updated (never created or removed), custom categories and roles created,
 * changed and pruned (kept, with a warning, while incidents use them),
 * built-in roles changed but never removed, references and ranks checked
 * with the place in the file, nothing to do the second time, and export →
 * apply a no-op.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/actor.js';
import { FakeClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { actorForUser } from '../auth/index.js';
import { listAudit } from '../audit/index.js';
import { applyConfig, exportConfig, planConfig, type ConfigDocument } from '../config/index.js';
import type { Ctx } from '../context.js';
import { findUserByEmail } from '../users/index.js';
import { declareResponse, listCategories, listRoles, listSeverities, takeRole } from './index.js';

let database: TestDatabase;
let system: Ctx;
const clock = new FakeClock('2026-03-02T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  system = { db: database.db, clock, actor: systemActor('test'), source: 'api' };
});
afterAll(async () => database?.drop());

/** The roles once liaison is pruned: comms-lead stays, someone held it. */
const ROLES_KEPT = ['eoc', 'imoc', 'cmoc', 'comms-lead', 'engineer', 'scribe'];

const lines = async (document: ConfigDocument, prune = false) =>
  (await planConfig(system, document, { prune })).changes.map((c) => c.line);

const organisation = (extra: Partial<ConfigDocument>): ConfigDocument => ({
  version: 1,
  users: [{ email: 'bob@example.com', name: 'Bob Builder', role: 'responder' }],
  schedules: [
    {
      name: 'SRE Managers',
      timeZone: 'UTC',
      layers: [
        {
          name: 'Weekly',
          participants: ['bob@example.com'],
          shift: { length: 1, unit: 'weeks' },
          handoffTime: '09:00',
          startDate: '2026-03-02',
        },
      ],
    },
  ],
  escalationPolicies: [{ name: 'SRE', levels: [{ delayMinutes: 15, targets: [{ user: 'bob@example.com' }] }] }],
  services: [{ slug: 'api', name: 'API', escalationPolicy: 'SRE', timeZone: 'UTC' }],
  ...extra,
});

describe('severities as code', () => {
  it('updates the fields given, leaves the rest and the severities left out as they are', async () => {
    const doc = organisation({
      severities: [
        { key: 'S4', troubleshootMinutes: 240, detailedStatusReviewMinutes: null, defaultSteps: { pageImoc: false } },
        { key: 'S2', name: 'Serious', investigatingMinutes: null, description: 'Customers see it.' },
      ],
    });
    expect((await lines(doc)).filter((l) => l.startsWith('~ severity'))).toEqual([
      '~ severity S2 "Major": name "Major" → "Serious", description changed, investigatingMinutes 30 → none',
      '~ severity S4 "Low": troubleshootMinutes 120 → 240, detailedStatusReviewMinutes 240 → none, defaultSteps {} → {"pageImoc":false}',
    ]);
    await applyConfig(system, doc, { prune: true });
    expect(await lines(doc, true)).toEqual([]);
    const byKey = new Map((await listSeverities(system)).map((s) => [s.key, s]));
    expect(byKey.get('S2')).toMatchObject({
      name: 'Serious',
      description: 'Customers see it.',
      investigatingMinutes: null,
      unacknowledgedMinutes: 15,
      engagesImoc: true,
    });
    expect(byKey.get('S4')).toMatchObject({
      name: 'Low',
      troubleshootMinutes: 240,
      detailedStatusReviewMinutes: null,
      defaultSteps: { pageImoc: false },
    });
    expect(byKey.get('S2')!.detailedStatusReviewMinutes).toBe(30);
    expect(byKey.get('S1')).toMatchObject({ name: 'Critical', troubleshootMinutes: 15 });
    expect((await listAudit(system, { limit: 500 })).map((a) => a.action)).toContain('severity.updated');
  });

  it('knows only S1 to S4, once each, and their settings', async () => {
    await expect(planConfig(system, { version: 1, severities: [{ key: 'S5' }] })).rejects.toThrow(
      /severities\[0\]\.key/,
    );
    await expect(planConfig(system, { version: 1, severities: [{ key: 'S1' }, { key: 'S1' }] })).rejects.toThrow(
      /severities\[1\]\.key: "S1" is listed twice/,
    );
    await expect(planConfig(system, { version: 1, severities: [{ key: 'S1', colour: 'red' }] })).rejects.toThrow(
      /severities\[0\]: unknown key "colour" \(allowed: key, name, description, engagesImoc,/,
    );
    await expect(
      planConfig(system, { version: 1, severities: [{ key: 'S1', troubleshootMinutes: 0 }] }),
    ).rejects.toThrow(/severities\[0\]\.troubleshootMinutes/);
  });
});

describe('incident categories as code', () => {
  it('creates, renames and prunes the custom ones; built-in ones are not listed', async () => {
    const doc = organisation({ incidentCategories: [{ slug: 'vendor', name: 'Vendor outage' }] });
    expect(await lines(doc)).toContain('+ incident category vendor "Vendor outage"');
    await applyConfig(system, doc);
    expect(await lines(doc)).toEqual([]);

    const renamed = organisation({
      incidentCategories: [
        { slug: 'vendor', name: 'Third party', description: 'Someone else broke it.' },
        { slug: 'capacity', name: 'Capacity' },
      ],
    });
    expect(await lines(renamed)).toEqual([
      '+ incident category capacity "Capacity"',
      '~ incident category vendor: name "Vendor outage" → "Third party", description changed',
    ]);
    await applyConfig(system, renamed);
    expect(await lines(renamed)).toEqual([]);
    expect((await listCategories(system)).find((c) => c.slug === 'vendor')).toEqual({
      slug: 'vendor',
      name: 'Third party',
      description: 'Someone else broke it.',
      builtin: false,
    });

    const fewer = organisation({ incidentCategories: [{ slug: 'vendor', name: 'Third party' }] });
    expect(await lines(fewer)).toEqual([]);
    expect(await lines(fewer, true)).toEqual(['- incident category capacity (not in the file)']);
    await applyConfig(system, fewer, { prune: true });
    expect((await listCategories(system)).map((c) => c.slug)).not.toContain('capacity');
    expect((await listCategories(system)).map((c) => c.slug)).toContain('outage');

    await expect(
      planConfig(system, organisation({ incidentCategories: [{ slug: 'outage', name: 'Outage' }] })),
    ).rejects.toThrow(/incidentCategories\[0\]\.slug: "outage" is built in: list only the categories you add/);
  });
});

describe('incident roles as code', () => {
  it('creates custom roles with a schedule by name and changes built-in ones', async () => {
    const doc = organisation({
      incidentRoles: [
        { slug: 'imoc', name: 'Incident manager on call', schedule: 'sre managers' },
        { slug: 'comms-lead', name: 'Comms lead', rank: 4, description: 'Talks to customers.' },
        { slug: 'liaison', name: 'Vendor liaison', alias: 'Liaison' },
      ],
    });
    expect((await lines(doc)).filter((l) => l.includes('incident role'))).toEqual([
      '+ incident role comms-lead "Comms lead" (rank 4)',
      '~ incident role imoc: schedule none → "sre managers"',
      '+ incident role liaison "Vendor liaison" (not owning)',
    ]);
    await applyConfig(system, doc);
    expect(await lines(doc)).toEqual([]);
    const roles = await listRoles(system);
    expect(roles.find((r) => r.slug === 'imoc')).toMatchObject({ schedule: { name: 'SRE Managers' }, rank: 2 });
    expect(roles.find((r) => r.slug === 'comms-lead')).toMatchObject({
      rank: 4,
      description: 'Talks to customers.',
      builtin: false,
    });
    expect(roles.map((r) => r.slug)).toEqual(['eoc', 'imoc', 'cmoc', 'comms-lead', 'engineer', 'liaison', 'scribe']);

    const changed = organisation({
      incidentRoles: [
        { slug: 'imoc', name: 'Incident commander', schedule: null },
        { slug: 'comms-lead', name: 'Comms lead', rank: null },
      ],
    });
    expect(await lines(changed)).toEqual([
      '~ incident role comms-lead: rank 4 → none',
      '~ incident role imoc: name "Incident manager on call" → "Incident commander", schedule "SRE Managers" → none',
    ]);
  });

  it('names unknown schedules, changed built-in ranks and shared ranks with their place in the file', async () => {
    const bad = organisation({
      incidentRoles: [
        { slug: 'eoc', name: 'EOC', rank: 5 },
        { slug: 'lead', name: 'Lead', rank: 4, schedule: 'Nope' },
      ],
    });
    await expect(planConfig(system, bad)).rejects.toThrow(
      /incidentRoles\[0\]\.rank: eoc is built in: its rank stays 1.*incidentRoles\[1\]\.schedule: schedule "Nope" does not exist: add it under schedules.*incidentRoles\[1\]\.rank: rank 4 is comms-lead's/,
    );
  });

  it('prunes custom roles nobody held and keeps those people held (and categories in use), with a warning', async () => {
    const bob = await findUserByEmail(system, 'bob@example.com');
    const asBob: Ctx = { ...system, actor: actorForUser(bob!, 'token') };
    const incident = await declareResponse(asBob, {
      serviceId: 'api',
      title: 'Vendor API down',
      severity: 'S4',
      page: 'none',
      category: 'vendor',
    });
    await takeRole(asBob, incident.id, { role: 'comms-lead' });

    const bare = organisation({ incidentRoles: [], incidentCategories: [] });
    const plan = await planConfig(system, bare, { prune: true });
    expect(plan.changes.map((c) => c.line)).toEqual(['- incident role liaison (not in the file)']);
    expect(plan.warnings).toEqual([
      'incident category vendor is not in the file but incidents use it: not removed',
      'incident role comms-lead is not in the file but people held it in incidents: not removed',
    ]);
    await applyConfig(system, bare, { prune: true });
    expect((await listRoles(system)).map((r) => r.slug)).toEqual(ROLES_KEPT);
  });

  it('exports what applying again leaves as it is', async () => {
    const exported = await exportConfig(system);
    expect(exported.severities).toHaveLength(4);
    expect(exported.severities![3]).toEqual({
      key: 'S4',
      name: 'Low',
      description: expect.any(String),
      engagesImoc: false,
      investigatingMinutes: 30,
      unacknowledgedMinutes: 15,
      troubleshootMinutes: 240,
      updateMinutes: null,
      detailedStatusReviewMinutes: null,
      defaultSteps: { pageImoc: false },
    });
    expect(exported.incidentCategories).toEqual([
      { slug: 'vendor', name: 'Third party', description: 'Someone else broke it.' },
    ]);
    expect(exported.incidentRoles!.map((r) => r.slug)).toEqual(ROLES_KEPT);
    expect(exported.incidentRoles![1]).toEqual({
      slug: 'imoc',
      name: 'Incident manager on call',
      alias: 'Incident commander',
      description: expect.any(String),
      rank: 2,
      schedule: 'SRE Managers',
    });
    expect((await planConfig(system, JSON.parse(JSON.stringify(exported)), { prune: true })).changes).toEqual([]);
  });
});
