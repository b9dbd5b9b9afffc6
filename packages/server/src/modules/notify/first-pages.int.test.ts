/**
 * First pages decided in the alerts batch that plans them (ADR 39): the page
 * is written with its slot, reply code and first attempt, its job leased to
 * this node, and it is sent after the commit with no claim and no deciding
 * transaction; what the batch cannot decide alone (a throttled page) is left
 * to the delivery, as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNotifyWorld, type NotifyWorld } from '../../test-support/fake-vendors/notify-world.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { spyOnStatements } from '../../test-support/statements.js';
import { acceptEvents } from '../alerts/index.js';

let w: NotifyWorld;
beforeAll(async () => {
  w = await startNotifyWorld();
});
afterAll(async () => w?.close());

const smsTo = (to: string) => w.twilio.messages.filter((m) => m.to === to);

/** A service paging `userId` at once, and its integration key's id. */
async function pagingService(userId: string): Promise<{ keyId: string; serviceId: string }> {
  const policyId = await insertPolicy(w.t.app.db, w.t.clock, [
    { delayMinutes: 15, targets: [{ type: 'user', id: userId }] },
  ]);
  const serviceId = await insertService(w.t.app.db, w.t.clock, { policyId });
  const { id: keyId } = await insertIntegrationKey(w.t.app.db, w.t.clock, serviceId);
  return { keyId, serviceId };
}

/** Accepts a trigger as the ingest edge does; the engine has not run. */
const trigger = (keyId: string, dedupKey: string) =>
  acceptEvents(w.t.app.db, w.t.clock, keyId, [
    {
      action: 'trigger',
      dedupKey,
      alert: { summary: `${dedupKey} is failing`, source: 'db-1', severity: 'critical', links: [], images: [] },
      raw: { event_action: 'trigger', dedup_key: dedupKey },
    },
  ]);

/** The statements sent while the engine runs what is due, each with how many rows it gave back. */
async function runWatched(): Promise<Array<{ text: string; rows: number }>> {
  const sent: Array<{ text: string; rows: Promise<number> }> = [];
  const stop = spyOnStatements((_client, text, result) => {
    if (result instanceof Promise)
      sent.push({
        text: text.trim(),
        rows: result.then(
          (r: { rowCount?: number | null }) => r?.rowCount ?? 0,
          () => 0,
        ),
      });
    return result;
  });
  try {
    await w.run();
  } finally {
    stop();
  }
  return Promise.all(sent.map(async ({ text, rows }) => ({ text, rows: await rows })));
}

const pageOf = async (serviceId: string) => {
  const incident = await w.t.app.db
    .selectFrom('incidents')
    .select(['id', 'number'])
    .where('service_id', '=', serviceId)
    .executeTakeFirstOrThrow();
  const page = await w.t.app.db
    .selectFrom('notifications')
    .select(['id', 'idempotency_key', 'status', 'attempts', 'reply_code', 'sent_at'])
    .where('incident_id', '=', incident.id)
    .executeTakeFirstOrThrow();
  const job = await w.t.app.db
    .selectFrom('engine_jobs')
    .select(['status', 'attempts', 'locked_by'])
    .where('key', '=', `notify.deliver:${page.idempotency_key}`)
    .executeTakeFirstOrThrow();
  return { incident, page, job };
};

describe('a first page', () => {
  it('is decided in the batch that opens its incident and sent after its commit: no claim, no deciding transaction', async () => {
    const alice = await w.person('Alice');
    await w.method(alice.id, 'sms', '+447700900301');
    const { keyId, serviceId } = await pagingService(alice.id);
    await trigger(keyId, 'disk-full');
    const statements = await runWatched();

    const { incident, page, job } = await pageOf(serviceId);
    const sms = smsTo('+447700900301');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toMatch(new RegExp(`^Tocsin #${incident.number} .*disk-full is failing`));
    // The reply code the batch gave it is the one the message offers, and the one a reply finds.
    expect(page.reply_code).toMatch(/^\d+$/);
    expect(sms[0]!.body).toContain(`Reply 4${page.reply_code} to acknowledge, 6${page.reply_code} to resolve.`);
    expect(page).toMatchObject({ status: 'sent', attempts: 1 });
    expect(page.sent_at).not.toBeNull();
    // Its job ran on this node as its first attempt, leased by the batch, not claimed.
    expect(job).toEqual({ status: 'done', attempts: 1, locked_by: w.t.app.nodeId });
    const claimed = statements.filter((s) => /^UPDATE engine_jobs SET locked_by/.test(s.text) && s.rows > 0);
    expect(claimed).toEqual([]);
    // The delivery's deciding transaction (notifications locked with their methods) never ran.
    expect(statements.filter((s) => /"m"\."id" as "m_id"/.test(s.text))).toEqual([]);
    expect(await w.timeline(incident.id)).toContain('Notified Alice by SMS (+44…0301)');
  });

  it('takes a reply code of its own beside the open incidents the number holds, and the throttle slot after theirs; a throttled one is left to the delivery', async () => {
    const bob = await w.person('Bob');
    await w.method(bob.id, 'sms', '+447700900302');
    const services = await Promise.all([1, 2, 3, 4].map(() => pagingService(bob.id)));
    await trigger(services[0]!.keyId, 'cpu');
    await w.run();
    // Three more at once: the window allows three messages (DEFAULT_THROTTLE), so the last one waits.
    for (const [i, name] of ['memory', 'network', 'queue'].entries()) await trigger(services[i + 1]!.keyId, name);
    const statements = await runWatched();
    const pages = await Promise.all(services.map(async (s) => (await pageOf(s.serviceId)).page));
    expect(pages.map((p) => p.status)).toEqual(['sent', 'sent', 'sent', 'bundled']);
    const codes = pages.slice(0, 3).map((p) => p.reply_code);
    expect(new Set(codes).size).toBe(3);
    const messages = smsTo('+447700900302');
    expect(messages).toHaveLength(3);
    for (const code of codes) expect(messages.filter((m) => m.body.includes(`Reply 4${code} `))).toHaveLength(1);
    // The held one was claimed and decided by the delivery, which says why on its timeline.
    expect(statements.filter((s) => /^UPDATE engine_jobs SET locked_by/.test(s.text) && s.rows > 0)).toHaveLength(1);
    const held = await pageOf(services[3]!.serviceId);
    expect((await w.timeline(held.incident.id)).some((m) => /^Held back SMS .* to Bob: 3 messages/.test(m))).toBe(true);
  });
});
