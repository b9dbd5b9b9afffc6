/**
 * `tocsin report --oncall` against a real Tocsin: a person paged at night in
 * their own zone shows one sleep-hours interruption, as text and as JSON; a
 * reversed period says what to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../server/src/lib/ids.js';
import { startResponseWorld, type ResponseWorld } from '../../server/src/test-support/response-fixtures.js';
import { updateUser } from '../../server/src/modules/users/index.js';
import { runCli } from './run-cli.js';

let w: ResponseWorld;
let auth: string[];
let alice: { id: string; token: string };
const period = ['--from', '2026-01-05T00:00:00Z', '--to', '2026-01-12T00:00:00Z'];

beforeAll(async () => {
  w = await startResponseWorld();
  auth = ['--server', w.t.url, '--token', w.owner.token];
  alice = await w.person();
  await updateUser(w.t.ctx, alice.id, { name: 'Alice', timeZone: 'Europe/Paris' });
  const service = await w.service(alice);
  const at = new Date('2026-01-06T02:30:00Z'); // 03:30 in Paris: sleep hours
  const incidentId = newId(at);
  await w.t.ctx.db
    .insertInto('incidents')
    .values({
      id: incidentId,
      service_id: service.id,
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
  await w.t.ctx.db
    .insertInto('notifications')
    .values({
      id: newId(at),
      idempotency_key: `cli-oncall-${incidentId}`,
      kind: 'page',
      incident_id: incidentId,
      user_id: alice.id,
      status: 'sent',
      send_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
});
afterAll(async () => w?.close());

describe('tocsin report --oncall', () => {
  it('prints interruptions per person by the hours of their own zone, and gives JSON', async () => {
    const text = await runCli(['report', '--oncall', ...period, ...auth]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("hours in each person's own zone");
    expect(text.stdout).toMatch(/Alice\s+Europe\/Paris\s+1\s+0\s+0\s+1\s/);
    const json = await runCli(['report', '--oncall', '--json', ...period, ...auth]);
    expect(JSON.parse(json.stdout).people).toEqual([
      expect.objectContaining({ userId: alice.id, interruptions: { total: 1, business: 0, off: 0, sleep: 1 } }),
    ]);
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
