/**
 * Config as code against real PostgreSQL: planning on an empty database,
 * applying, idempotence, updates, membership changes, prune, owner and caller
 * protection, and export → apply being a no-op.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/actor.js';
import { FakeClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { listAudit } from '../audit/index.js';
import { actorForUser } from '../auth/index.js';
import type { Ctx } from '../context.js';
import { setMembership, listTeams, updateTeam } from '../teams/index.js';
import { createUser, findUserByEmail, listUsers, updateUser } from '../users/index.js';
import { applyConfig, exportConfig, planConfig, type ConfigDocument } from './index.js';

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
    { email: 'ada@example.com', name: 'Ada Admin', role: 'owner', timeZone: 'Europe/London' },
    { email: 'bob@example.com', name: 'Bob Builder', role: 'responder' },
    { email: 'chen@example.com', name: 'Chen Li', role: 'responder' },
    { email: 'dana@example.com', name: 'Dana Scully', role: 'responder' },
  ],
  teams: [
    {
      slug: 'payments',
      name: 'Payments',
      members: [
        { email: 'chen@example.com', role: 'member' },
        { email: 'dana@example.com', role: 'member' },
      ],
    },
    {
      slug: 'platform-sre',
      name: 'Platform SRE',
      description: 'Runs the platform.',
      members: [
        { email: 'ada@example.com', role: 'manager' },
        { email: 'bob@example.com', role: 'member' },
      ],
    },
  ],
});

const lines = async (ctx: Ctx, document: unknown, prune = false) =>
  (await planConfig(ctx, document, { prune })).changes.map((c) => c.line);

async function ctxAs(email: string): Promise<Ctx> {
  const user = await findUserByEmail(system, email);
  return { ...system, actor: actorForUser(user!, 'token') };
}

describe('config as code', () => {
  it('plans every create, in order, on an empty database', async () => {
    expect(await lines(system, organisation())).toEqual([
      '+ user ada@example.com "Ada Admin" (owner)',
      '+ user bob@example.com "Bob Builder" (responder)',
      '+ user chen@example.com "Chen Li" (responder)',
      '+ user dana@example.com "Dana Scully" (responder)',
      '+ team payments "Payments"',
      '+ member chen@example.com to payments (member)',
      '+ member dana@example.com to payments (member)',
      '+ team platform-sre "Platform SRE"',
      '+ member ada@example.com to platform-sre (manager)',
      '+ member bob@example.com to platform-sre (member)',
    ]);
    expect(await listUsers(system, { includeDisabled: true })).toEqual([]);
  });

  it('applies the plan, records each change in the audit log, and plans nothing the second time', async () => {
    const applied = await applyConfig(system, organisation());
    expect(applied.changes).toHaveLength(10);
    const teams = await listTeams(system);
    expect(teams.map((t) => [t.slug, t.description, t.members.map((m) => `${m.email}:${m.role}`)])).toEqual([
      ['payments', '', ['chen@example.com:member', 'dana@example.com:member']],
      ['platform-sre', 'Runs the platform.', ['ada@example.com:manager', 'bob@example.com:member']],
    ]);
    const ada = await findUserByEmail(system, 'ada@example.com');
    expect(ada).toMatchObject({ role: 'owner', timeZone: 'Europe/London' });
    expect((await findUserByEmail(system, 'bob@example.com'))?.timeZone).toBe('UTC');

    const audit = await listAudit(system, { limit: 500 });
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'user.created')).toHaveLength(4);
    expect(actions.filter((a) => a === 'team.created')).toHaveLength(2);
    expect(actions.filter((a) => a === 'team.member_set')).toHaveLength(4);
    expect(actions.filter((a) => a === 'config.applied')).toHaveLength(1);

    expect(await lines(system, organisation())).toEqual([]);
    expect((await applyConfig(system, organisation())).changes).toEqual([]);
    expect((await listAudit(system, { limit: 500 })).length).toBe(audit.length);
  });

  it('plans and applies a role change, and matches emails without regard to case', async () => {
    const doc = organisation();
    doc.users![1] = { email: 'BOB@example.com', name: 'Bob Builder', role: 'admin' };
    expect(await lines(system, doc)).toEqual(['~ user bob@example.com: role responder → admin']);
    await applyConfig(system, doc);
    expect((await findUserByEmail(system, 'bob@example.com'))?.role).toBe('admin');
    expect(await lines(system, doc)).toEqual([]);
  });

  it('adds, changes and removes team members to match a listed membership', async () => {
    const doc = organisation();
    doc.users![1]!.role = 'admin';
    doc.teams![0]!.members = [
      { email: 'bob@example.com', role: 'member' },
      { email: 'dana@example.com', role: 'manager' },
    ];
    doc.teams![1]!.description = 'Runs everything else stands on.';
    expect(await lines(system, doc)).toEqual([
      '+ member bob@example.com to payments (member)',
      '~ member dana@example.com in payments: member → manager',
      '~ team platform-sre: description changed',
      '- member chen@example.com from payments',
    ]);
    await applyConfig(system, doc);
    expect(await lines(system, doc)).toEqual([]);

    // A team without `members`, and a file without `users`, leave them alone.
    expect(await lines(system, { version: 1, teams: [{ slug: 'payments', name: 'Payments' }] })).toEqual([]);
    expect(await lines(system, { version: 1 }, true)).toEqual([]);
  });

  it('removes only with prune: disables users (never deletes them) and deletes teams', async () => {
    const doc = organisation();
    doc.users![1]!.role = 'admin';
    doc.users = doc.users!.filter((u) => u.email !== 'dana@example.com');
    doc.teams = [{ slug: 'platform-sre', name: 'Platform SRE' }];
    expect(await lines(system, doc)).toEqual([]);
    expect(await lines(system, doc, true)).toEqual([
      '- team payments "Payments" (not in the file)',
      '- user dana@example.com: disable (not in the file)',
    ]);
    await applyConfig(system, doc, { prune: true });
    expect((await listTeams(system)).map((t) => t.slug)).toEqual(['platform-sre']);
    expect(await findUserByEmail(system, 'dana@example.com')).toMatchObject({ isDisabled: true });
    expect(await lines(system, doc, true)).toEqual([]);

    // Listing a disabled user enables them again.
    const back = organisation();
    back.users![1]!.role = 'admin';
    back.teams = [{ slug: 'platform-sre', name: 'Platform SRE' }];
    expect(await lines(system, back)).toEqual(['~ user dana@example.com: disabled → enabled']);
  });

  it('refuses a member who is not a user, or whom prune would disable', async () => {
    const doc: ConfigDocument = {
      version: 1,
      teams: [{ slug: 'x', name: 'X', members: [{ email: 'nobody@example.com', role: 'member' }] }],
    };
    await expect(planConfig(system, doc)).rejects.toThrow(
      /teams\[0\]\.members\[0\]\.email: nobody@example\.com is not an active user: add them under users/,
    );
    const pruned: ConfigDocument = {
      version: 1,
      users: [{ email: 'ada@example.com', name: 'Ada Admin', role: 'owner' }],
      teams: [{ slug: 'x', name: 'X', members: [{ email: 'bob@example.com', role: 'member' }] }],
    };
    await expect(planConfig(system, pruned, { prune: true })).rejects.toThrow(
      /bob@example\.com is not an active user \(or --prune disables them\)/,
    );
  });

  it('never takes away the last active owner, and never disables the caller', async () => {
    const demoted = organisation();
    demoted.users![0]!.role = 'admin';
    await expect(planConfig(system, demoted)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/without an active owner/),
    });
    const withoutOwner: ConfigDocument = {
      version: 1,
      users: [{ email: 'bob@example.com', name: 'Bob Builder', role: 'admin' }],
    };
    await expect(planConfig(system, withoutOwner, { prune: true })).rejects.toThrow(/without an active owner/);

    const ada = await ctxAs('ada@example.com');
    await createUser(system, { email: 'olga@example.com', name: 'Olga Owner', role: 'owner' });
    const plan = await planConfig(
      ada,
      { version: 1, users: [{ email: 'olga@example.com', name: 'Olga Owner', role: 'owner' }] },
      { prune: true },
    );
    expect(plan.changes.map((c) => c.line)).toEqual([
      '- user bob@example.com: disable (not in the file)',
      '- user chen@example.com: disable (not in the file)',
    ]);
    expect(plan.warnings).toEqual(['user ada@example.com is not in the file but is you: not disabled']);
  });

  it('needs the owner role for changes to owners, and the admin role for anything', async () => {
    const bob = await ctxAs('bob@example.com');
    const doc = organisation();
    doc.users![0]!.name = 'Ada Lovelace';
    await expect(planConfig(bob, doc)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/change owner ada@example\.com/),
    });
    const chen = await ctxAs('chen@example.com');
    await expect(planConfig(chen, { version: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(applyConfig(chen, { version: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(exportConfig(chen)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('rejects unknown keys, wrong versions and duplicates, saying where', async () => {
    const bad = { version: 1, teams: [{ slug: 'payments', name: 'Payments', colour: 'blue' }], widgets: [] };
    await expect(planConfig(system, bad)).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('teams[0]: unknown key "colour" (allowed: slug, name, description, members)'),
    });
    await expect(planConfig(system, bad)).rejects.toThrow(
      /document: unknown key "widgets" \(allowed: version, users, teams, schedules, channels, escalationPolicies, services/,
    );
    await expect(planConfig(system, { version: 2 })).rejects.toThrow(/version: must be 1/);
    await expect(planConfig(system, { users: [{ email: 'a@example.com', role: 'admin' }] })).rejects.toThrow(
      /version: is required: start the document with "version: 1".*users\[0\]\.name: is required/,
    );
    const twice = {
      version: 1,
      users: [
        { email: 'x@example.com', name: 'X', role: 'viewer' },
        { email: 'X@example.com', name: 'X', role: 'viewer' },
      ],
      teams: [{ slug: 'a', name: 'A', members: [{ email: 'x@example.com' }, { email: 'x@example.com' }] }],
    };
    await expect(planConfig(system, twice)).rejects.toThrow(
      /users\[1\]\.email: "x@example\.com" is listed twice \(also at \[0\]\)/,
    );
    await expect(planConfig(system, twice)).rejects.toThrow(
      /teams\[0\]\.members\[1\]\.email: "x@example\.com" is listed twice/,
    );
  });

  it('exports a document that applies as a no-op, leaving disabled users out', async () => {
    await updateUser(system, (await findUserByEmail(system, 'dana@example.com'))!.id, { isDisabled: false });
    const payments = await applyConfig(system, {
      version: 1,
      teams: [{ slug: 'payments', name: 'Payments', description: 'Money.' }],
    });
    expect(payments.changes.map((c) => c.line)).toEqual(['+ team payments "Payments"']);
    await setMembership(system, 'payments', (await findUserByEmail(system, 'dana@example.com'))!.id, 'manager');
    await setMembership(system, 'payments', (await findUserByEmail(system, 'chen@example.com'))!.id, 'member');
    await updateTeam(system, 'platform-sre', { description: '' });
    await updateUser(system, (await findUserByEmail(system, 'chen@example.com'))!.id, {
      isDisabled: true,
      timeZone: 'Asia/Tokyo',
    });

    const exported = await exportConfig(system);
    expect(exported.users!.map((u) => u.email)).toEqual([
      'ada@example.com',
      'bob@example.com',
      'dana@example.com',
      'olga@example.com',
    ]);
    expect(exported.teams).toEqual([
      {
        slug: 'payments',
        name: 'Payments',
        description: 'Money.',
        members: [{ email: 'dana@example.com', role: 'manager' }],
      },
      {
        slug: 'platform-sre',
        name: 'Platform SRE',
        members: [
          { email: 'ada@example.com', role: 'manager' },
          { email: 'bob@example.com', role: 'member' },
        ],
      },
    ]);
    expect(await lines(system, exported)).toEqual([]);
    expect(await lines(system, exported, true)).toEqual([]);
    expect((await applyConfig(system, JSON.parse(JSON.stringify(exported)), { prune: true })).changes).toEqual([]);
  });

  it('hands ownership over in one apply: the new owner is made before the old one steps down', async () => {
    await updateUser(system, (await findUserByEmail(system, 'olga@example.com'))!.id, { isDisabled: true });
    const doc = await exportConfig(system);
    doc.users = doc.users!.map((u) =>
      u.email === 'ada@example.com'
        ? { ...u, role: 'admin' as const }
        : u.email === 'bob@example.com'
          ? { ...u, role: 'owner' as const }
          : u,
    );
    expect(await lines(system, doc)).toEqual([
      '~ user bob@example.com: role admin → owner',
      '~ user ada@example.com: role owner → admin',
    ]);
    await applyConfig(system, doc);
    expect((await listUsers(system)).filter((u) => u.role === 'owner').map((u) => u.email)).toEqual([
      'bob@example.com',
    ]);
  });

  it('applies all or nothing: a change that fails rolls back the ones before it', async () => {
    // The database refuses one team, as a failure the plan cannot foresee.
    await sql`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.slug = 'boom' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; END $$`.execute(database.db);
    await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON teams FOR EACH ROW EXECUTE FUNCTION refuse_boom()`.execute(
      database.db,
    );
    const doc = await exportConfig(system);
    doc.users!.push({ email: 'eve@example.com', name: 'Eve', role: 'viewer' });
    doc.teams!.push({ slug: 'boom', name: 'Boom', members: [{ email: 'eve@example.com', role: 'member' }] });
    await expect(applyConfig(system, doc)).rejects.toThrow(
      /^Applying "\+ team boom "Boom"" failed, so nothing was applied: boom refused$/,
    );
    expect(await findUserByEmail(system, 'eve@example.com')).toBeUndefined();
  });
});
