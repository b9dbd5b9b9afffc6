/**
 * Config as code for channels, escalation policies and services (with their
 * integration keys) against real PostgreSQL: plan in dependency order, apply
 * through the use cases (audited), nothing to do the second time, changes
 * and prune, references checked with the place in the file, routing keys
 * kept (never exported), and export → apply a no-op, also for the demo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../app/demo.js';
import { systemActor } from '../../lib/actor.js';
import { FakeClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { listAudit } from '../audit/index.js';
import type { Ctx } from '../context.js';
import { listPolicies } from '../escalation/index.js';
import { listIntegrationKeys } from '../ingest/index.js';
import { getService } from '../services/index.js';
import { applyConfig, exportConfig, planConfig, type ConfigDocument } from '../config/index.js';

let database: TestDatabase;
let system: Ctx;
const clock = new FakeClock();

beforeAll(async () => {
  database = await createTestDatabase();
  system = { db: database.db, clock, actor: systemActor('test'), source: 'api' };
});
afterAll(async () => database?.drop());

const organisation = (): ConfigDocument => ({
  version: 1,
  users: [
    { email: 'ada@example.com', name: 'Ada Admin', role: 'owner' },
    { email: 'bob@example.com', name: 'Bob Builder', role: 'responder' },
  ],
  teams: [{ slug: 'sre', name: 'SRE', members: [{ email: 'bob@example.com', role: 'member' }] }],
  channels: [{ name: 'Ops', type: 'slack', target: 'C0123ABC' }],
  escalationPolicies: [
    {
      name: 'SRE on call',
      team: 'sre',
      repeatCount: 1,
      levels: [
        { delayMinutes: 15, targets: [{ user: 'BOB@example.com' }] },
        { delayMinutes: 30, targets: [{ team: 'sre' }, { channel: 'ops' }] },
      ],
    },
  ],
  services: [
    {
      slug: 'api',
      name: 'API',
      team: 'sre',
      escalationPolicy: 'SRE on call',
      timeZone: 'Europe/London',
      businessHours: { days: [5, 1], start: '09:00', end: '17:00' },
      noticeChannels: ['Ops'],
      integrationKeys: [
        { name: 'Events', type: 'events_v2' },
        { name: 'Backup', type: 'heartbeat', settings: { intervalSeconds: 3600 } },
      ],
    },
  ],
});

const lines = async (document: unknown, prune = false) =>
  (await planConfig(system, document, { prune })).changes.map((c) => c.line);

describe('config as code: channels, policies, services', () => {
  it('plans every create in dependency order', async () => {
    const planned = await lines(organisation());
    expect(planned.slice(4)).toEqual([
      '+ channel "Ops" (slack C0123ABC)',
      '+ escalation policy "SRE on call" (2 levels)',
      '+ service api "API"',
      '+ integration key api/heartbeat "Backup"',
      '+ integration key api/events_v2 "Events"',
    ]);
  });

  it('applies through the use cases, audited, and plans nothing the second time', async () => {
    const applied = await applyConfig(system, organisation());
    expect(applied.changes).toHaveLength(9);
    const policy = (await listPolicies(system))[0]!;
    expect(policy).toMatchObject({ name: 'SRE on call', repeatCount: 1, team: { slug: 'sre' } });
    expect(policy.levels.map((l) => l.targets.map((t) => `${t.type}:${t.label}`))).toEqual([
      ['user:Bob Builder'],
      ['team:SRE', 'channel:Ops'],
    ]);
    const service = await getService(system, 'api');
    expect(service).toMatchObject({
      escalationPolicy: { name: 'SRE on call' },
      businessHours: { days: [1, 5] },
      timeZone: 'Europe/London',
    });
    expect(service.noticeChannelIds).toHaveLength(1);
    const keys = await listIntegrationKeys(system, 'api');
    expect(keys.map((k) => [k.type, k.name, k.heartbeat?.intervalSeconds ?? null])).toEqual([
      ['heartbeat', 'Backup', 3600],
      ['events_v2', 'Events', null],
    ]);

    const actions = (await listAudit(system, { limit: 500 })).map((a) => a.action);
    for (const action of ['channel.created', 'escalation_policy.created', 'service.created', 'integration_key.created'])
      expect(actions).toContain(action);

    expect(await lines(organisation())).toEqual([]);
    expect((await applyConfig(system, organisation())).changes).toEqual([]);
  });

  it('exports without routing keys, and applying the export changes nothing', async () => {
    const exported = await exportConfig(system);
    expect(exported.channels).toEqual([{ name: 'Ops', type: 'slack', target: 'C0123ABC' }]);
    expect(exported.escalationPolicies).toEqual([
      {
        name: 'SRE on call',
        team: 'sre',
        repeatCount: 1,
        levels: [
          { delayMinutes: 15, targets: [{ user: 'bob@example.com' }] },
          { delayMinutes: 30, targets: [{ team: 'sre' }, { channel: 'Ops' }] },
        ],
      },
    ]);
    expect(exported.services).toEqual([
      {
        slug: 'api',
        name: 'API',
        team: 'sre',
        escalationPolicy: 'SRE on call',
        timeZone: 'Europe/London',
        businessHours: { days: [1, 5], start: '09:00', end: '17:00' },
        noticeChannels: ['Ops'],
        integrationKeys: [
          { name: 'Backup', type: 'heartbeat', settings: { intervalSeconds: 3600 } },
          { name: 'Events', type: 'events_v2' },
        ],
      },
    ]);
    const keys = await listIntegrationKeys(system, 'api');
    for (const key of keys) expect(JSON.stringify(exported)).not.toContain(key.routingKey);
    expect(await lines(exported, true)).toEqual([]);
  });

  it('plans and applies changes, keeping the routing keys of keys that stay', async () => {
    const before = await listIntegrationKeys(system, 'api');
    const doc = organisation();
    doc.escalationPolicies![0]!.levels[0]!.delayMinutes = 5;
    doc.escalationPolicies![0]!.repeatCount = 0;
    doc.services![0]!.businessHours = null;
    doc.services![0]!.urgencyRules = [{ urgency: 'high', priority: 'P1' }];
    doc.services![0]!.integrationKeys = [
      { name: 'Events', type: 'events_v2' },
      { name: 'Backup', type: 'heartbeat', settings: { intervalSeconds: 7200 } },
      { name: 'Alerts', type: 'email' },
    ];
    doc.channels![0]!.target = 'C0999XYZ';
    expect(await lines(doc)).toEqual([
      '~ channel "Ops": target C0123ABC → C0999XYZ',
      '~ escalation policy "SRE on call": repeat 1 → 0, levels changed',
      '~ service api: business hours changed, urgency rules changed',
      '+ integration key api/email "Alerts"',
      '~ integration key api/heartbeat "Backup": settings changed',
    ]);
    await applyConfig(system, doc);
    expect(await lines(doc)).toEqual([]);
    const after = await listIntegrationKeys(system, 'api');
    const routing = (list: typeof after, type: string) => list.find((k) => k.type === type)?.routingKey;
    expect(routing(after, 'events_v2')).toBe(routing(before, 'events_v2'));
    expect(routing(after, 'heartbeat')).toBe(routing(before, 'heartbeat'));
    expect(after.find((k) => k.type === 'heartbeat')?.heartbeat?.intervalSeconds).toBe(7200);
    expect(after.find((k) => k.type === 'email')?.settings).toEqual({ dedupRule: 'subject' });

    doc.services![0]!.integrationKeys = [{ name: 'Events', type: 'events_v2' }];
    expect(await lines(doc)).toEqual([
      '- integration key api/email "Alerts" (not in the file)',
      '- integration key api/heartbeat "Backup" (not in the file)',
    ]);
    await applyConfig(system, doc);
    expect((await listIntegrationKeys(system, 'api')).map((k) => k.type)).toEqual(['events_v2']);
  });

  it('refuses references to what will not exist, naming the place in the file', async () => {
    const doc = organisation();
    doc.escalationPolicies![0]!.levels[1]!.targets = [
      { user: 'nobody@example.com' },
      { team: 'ghosts' },
      { channel: 'Nowhere' },
    ];
    doc.services![0]!.escalationPolicy = 'Missing';
    doc.services![0]!.noticeChannels = ['Nowhere'];
    await expect(planConfig(system, doc)).rejects.toThrow(
      'escalationPolicies[0].levels[1].targets[0].user: nobody@example.com is not an active user: add them under users; ' +
        'escalationPolicies[0].levels[1].targets[1].team: team ghosts does not exist: add it under teams; ' +
        'escalationPolicies[0].levels[1].targets[2].channel: channel "Nowhere" does not exist: add it under channels',
    );
    const services = organisation();
    services.services![0]!.escalationPolicy = 'Missing';
    services.services![0]!.noticeChannels = ['Nowhere'];
    await expect(planConfig(system, services)).rejects.toThrow(
      'services[0].escalationPolicy: escalation policy "Missing" does not exist: add it under escalationPolicies; services[0].noticeChannels[0]: channel "Nowhere" does not exist',
    );
  });

  it('explains bad items: schedule targets, two targets in one, key settings', async () => {
    const doc = organisation() as unknown as Record<string, any>;
    doc.escalationPolicies[0].levels[0].targets = [{ schedule: 'primary' }, { user: 'bob@example.com', team: 'sre' }];
    doc.services[0].integrationKeys = [
      { name: 'Hook', type: 'webhook' },
      { name: 'Beat', type: 'heartbeat', settings: { intervalSeconds: 5 } },
    ];
    const error = (await planConfig(system, doc).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('targets[0]'); // a schedule target is a valid target now
    const onlySchedule = organisation() as unknown as Record<string, any>;
    onlySchedule.escalationPolicies[0].levels[0].targets = [{ schedule: 'primary' }];
    await expect(planConfig(system, onlySchedule)).rejects.toThrow(
      /escalationPolicies\[0\]\.levels\[0\]\.targets\[0\]\.schedule: schedule "primary" does not exist: add it under schedules/,
    );
    expect(error.message).toContain('escalationPolicies[0].levels[0].targets[1]: name exactly one target');
    expect(error.message).toContain('services[0].integrationKeys[0].settings.summary: is required');
    expect(error.message).toContain(
      'services[0].integrationKeys[1].settings.intervalSeconds: must be at least 60 seconds',
    );
  });

  it('prunes services, then policies, then channels the file leaves out', async () => {
    const doc: ConfigDocument = { version: 1, channels: [], escalationPolicies: [], services: [] };
    expect(await lines(doc, true)).toEqual([
      '- service api "API" (not in the file)',
      '- escalation policy "SRE on call" (not in the file)',
      '- channel "Ops" (not in the file)',
    ]);
    await applyConfig(system, doc, { prune: true });
    expect(await lines(doc, true)).toEqual([]);
    expect(await listPolicies(system)).toEqual([]);
  });

  it('refuses to prune a policy a service outside the file still uses', async () => {
    await applyConfig(system, organisation());
    const doc: ConfigDocument = { version: 1, escalationPolicies: [] };
    await expect(applyConfig(system, doc, { prune: true })).rejects.toThrow(
      'Escalation policy "SRE on call" is used by service api: move them to another policy first',
    );
    expect(await listPolicies(system)).toHaveLength(1);
  });
});

describe('config as code on the demo organisation', () => {
  it('exports the demo so that applying it changes nothing', async () => {
    const demo = await createTestDatabase();
    try {
      const ctx: Ctx = { db: demo.db, clock, actor: systemActor('test'), source: 'api' };
      await seedDemo(demo.db, clock, { resetPassword: false });
      const exported = await exportConfig(ctx);
      expect(exported.services?.map((s) => [s.slug, s.escalationPolicy, s.integrationKeys])).toEqual([
        ['checkout-api', 'Payments', [{ name: 'Events API v2', type: 'events_v2' }]],
        ['edge-gateway', 'Platform SRE on call', [{ name: 'Events API v2', type: 'events_v2' }]],
      ]);
      expect((await planConfig(ctx, exported, { prune: true })).changes).toEqual([]);
    } finally {
      await demo.drop();
    }
  });
});
