/**
 * `tocsin report --oncall` against a real Tocsin: a person paged at night in
 * their own zone shows one sleep-hours interruption, as text and as JSON;
 * `--team` (slug or id) keeps to that team's services; a reversed period or an
 * unknown team says what to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/src/lib/ids.js';
import { startResponseWorld, type ResponseWorld } from '../../server/src/test-support/response-fixtures.js';
import { createTeam } from '../../server/src/modules/teams/teams.service.js';
import { updateUser } from '../../server/src/modules/users/index.js';
import { runCli } from './run-cli.js';

let w: ResponseWorld;
let auth: string[];
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let sreId: string;
const period = ['--from', '2026-01-05T00:00:00Z', '--to', '2026-01-12T00:00:00Z'];

beforeAll(async () => {
  w = await startResponseWorld();
  auth = ['--server', w.t.url, '--token', w.owner.token];
  alice = await w.person();
  await updateUser(w.t.ctx, alice.id, { name: 'Alice', timeZone: 'Europe/Paris' });
  const service = await w.service(alice);
  const sre = await createTeam(w.t.ctx, { slug: 'sre', name: 'SRE' });
  sreId = sre.id;
  await createTeam(w.t.ctx, { slug: 'quiet', name: 'Quiet' });
  await w.t.ctx.db.updateTable('services').set({ team_id: sre.id }).where('id', '=', service.id).execute();
  await pageAt(service.id, alice.id, new Date('2026-01-06T02:30:00Z'), sre.id); // 03:30 in Paris: sleep hours
  // Bob is paged for a service of no team: --team sre leaves him out.
  bob = await w.person();
  await updateUser(w.t.ctx, bob.id, { name: 'Bob', timeZone: 'UTC' });
  const other = await w.service(bob);
  await pageAt(other.id, bob.id, new Date('2026-01-07T10:00:00Z'));
});

/** An incident paging one person; with a team, the SLA snapshot that records the team it opened in. */
async function pageAt(serviceId: string, userId: string, at: Date, teamId?: string): Promise<void> {
  const incidentId = newId(at);
  await w.t.ctx.db
    .insertInto('incidents')
    .values({
      id: incidentId,
      service_id: serviceId,
      title: 'Disk full',
      status: 'triggered',
      urgency: 'high',
      priority: null,
      group_key: null,
      triggered_at: at,
      created_by: 'test',
      created_at: at,
      updated_at: at,
    })
    .execute();
  if (teamId)
    await w.t.ctx.db
      .insertInto('incident_sla')
      .values({
        incident_id: incidentId,
        opened_at: at,
        service_id: serviceId,
        team_id: teamId,
        urgency: 'high',
        time_zone: 'UTC',
        updated_at: at,
      })
      .execute();
  await w.t.ctx.db
    .insertInto('notifications')
    .values({
      id: newId(at),
      idempotency_key: `cli-oncall-${incidentId}`,
      kind: 'page',
      incident_id: incidentId,
      user_id: userId,
      status: 'sent',
      send_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
afterAll(async () => w?.close());

describe('tocsin report --oncall', () => {
  it('prints interruptions per person by the hours of their own zone, and gives JSON', async () => {
    const text = await runCli(['report', '--oncall', ...period, ...auth]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("hours in each person's own zone");
    expect(text.stdout).toMatch(/Alice\s+Europe\/Paris\s+1\s+0\s+0\s+1\s/);
    expect(text.stdout).toMatch(/Bob\s+UTC\s+1\s+1\s+0\s+0\s/);
    const json = await runCli(['report', '--oncall', '--json', '--team', 'sre', ...period, ...auth]);
    expect(JSON.parse(json.stdout).people).toEqual([
      expect.objectContaining({ userId: alice.id, interruptions: { total: 1, business: 0, off: 0, sleep: 1 } }),
    ]);
  });

  it('keeps to one team by slug or id', async () => {
    const bySlug = await runCli(['report', '--oncall', '--team', 'sre', ...period, ...auth]);
    expect(bySlug.code).toBe(0);
    expect(bySlug.stdout).toContain('Alice');
    expect(bySlug.stdout).not.toContain('Bob');
    const byId = await runCli(['report', '--oncall', '--json', '--team', sreId, ...period, ...auth]);
    expect(JSON.parse(byId.stdout).people.map((p: { name: string }) => p.name)).toEqual(['Alice']);
    const quiet = await runCli(['report', '--oncall', '--team', 'quiet', ...period, ...auth]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('Nobody was paged or on call.');
    const unknown = await runCli(['report', '--oncall', '--team', 'nosuch', ...period, ...auth]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/team/i);
  });

  it('says what to fix in a reversed period', async () => {
    const result = await runCli([
      'report',
      '--oncall',
      '--from',
      '2026-01-12T00:00:00Z',
      '--to',
      '2026-01-05T00:00:00Z',
      ...auth,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/must be before/);
  });
});
