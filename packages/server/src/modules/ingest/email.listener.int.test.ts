/**
 * Inbound email end to end: a real SMTP client (nodemailer) talks to the
 * listener, which stores alerts in real PostgreSQL; unknown recipients are
 * refused at RCPT TO, and a database that fails gets a temporary 451.
 */
import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import { silentLogger } from '../../lib/logger.js';
import { startTestApp } from '../../test-support/app.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { startInboundEmail, type InboundEmailListener } from './email.listener.js';
import { createIngestEdge } from './ingest.service.js';

const DOMAIN = 'alerts.test';
const clock = new FakeClock('2026-03-02T10:00:00Z');
let database: TestDatabase;
let listener: InboundEmailListener;
let serviceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  serviceId = await insertService(database.db, clock, { policyId: await insertPolicy(database.db, clock, []) });
  const edge = createIngestEdge({ db: database.db, clock, ratePerMinute: 1000 });
  listener = await startInboundEmail({
    host: '127.0.0.1',
    port: 0,
    domain: DOMAIN,
    edge,
    logger: silentLogger,
    maxMessageBytes: 64 * 1024,
  });
});
afterAll(async () => {
  await listener?.stop();
  await database?.drop();
});

const transport = (port: number) =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
const send = (
  mail: {
    to: string | string[];
    subject: string;
    text?: string;
    messageId?: string;
    inReplyTo?: string;
    references?: string;
  },
  port = listener.port,
) => transport(port).sendMail({ from: 'Nagios <nagios@example.com>', ...mail });
const stored = (keyId: string) =>
  database.db
    .selectFrom('inbound_events')
    .select(['action', 'dedup_key', 'alert', 'raw'])
    .where('integration_key_id', '=', keyId)
    .orderBy('id')
    .execute();
const emailKey = (settings: Record<string, unknown> = { dedupRule: 'subject' }) =>
  insertIntegrationKey(database.db, clock, serviceId, 'email', settings);
const smtpFailure = async (sending: Promise<unknown>) => {
  const error = (await sending.then(
    () => undefined,
    (e: unknown) => e,
  )) as { responseCode?: number; response?: string } | undefined;
  return { code: error?.responseCode, response: error?.response ?? '' };
};

describe('inbound email', () => {
  it('turns a mail into a trigger (subject → summary, body → details) and a "RESOLVED:" reply into its resolve', async () => {
    const key = await emailKey();
    const info = await send({
      to: `${key.routingKey}@${DOMAIN}`,
      subject: 'Disk full on db1',
      text: 'Only 1% left on /var.',
    });
    expect(info.accepted).toEqual([`${key.routingKey}@${DOMAIN}`]);
    await send({ to: `${key.routingKey}@${DOMAIN}`, subject: 'RESOLVED: Disk full on db1', text: 'All good.' });
    const rows = await stored(key.id);
    expect(rows.map((r) => [r.action, r.dedup_key])).toEqual([
      ['trigger', 'disk full on db1'],
      ['resolve', 'disk full on db1'],
    ]);
    expect(rows[0]!.alert).toMatchObject({
      summary: 'Disk full on db1',
      source: 'nagios@example.com',
      severity: 'error',
      customDetails: { text: expect.stringContaining('Only 1% left on /var.') },
    });
  });

  it("applies the key's dedup rule (a regex on the subject here)", async () => {
    const key = await emailKey({ dedupRule: { regex: 'Ticket #(\\d+)' } });
    await send({ to: `${key.routingKey}@${DOMAIN}`, subject: 'Ticket #4711: printer on fire' });
    expect((await stored(key.id)).map((r) => r.dedup_key)).toEqual(['4711']);
  });

  it('delivers one mail to several email keys, and takes <key>+anything@ and an upper-cased key', async () => {
    const a = await emailKey();
    const b = await emailKey();
    await send({
      to: [`${a.routingKey}+db@${DOMAIN}`, `${b.routingKey.toUpperCase()}@${DOMAIN.toUpperCase()}`],
      subject: 'Both',
    });
    expect(await stored(a.id)).toHaveLength(1);
    expect(await stored(b.id)).toHaveLength(1);
  });

  it.each([
    ['an unknown routing key', () => `${'0'.repeat(32)}@${DOMAIN}`, /no such integration key/],
    ['another domain', () => `someone@elsewhere.test`, /only takes mail for @alerts\.test/],
  ])('refuses %s at RCPT TO with 550', async (_name, address, message) => {
    const failure = await smtpFailure(send({ to: address(), subject: 'x' }));
    expect(failure.code).toBe(550);
    expect(failure.response).toMatch(message);
  });

  it('refuses a key that is not an email key, and keeps the recipients it can take', async () => {
    const good = await emailKey();
    const webhook = await insertIntegrationKey(database.db, clock, serviceId, 'webhook', {
      summary: 's',
      dedupKey: 'd',
    });
    const info = await send({
      to: [`${good.routingKey}@${DOMAIN}`, `${webhook.routingKey}@${DOMAIN}`],
      subject: 'Mixed',
    });
    expect(info.accepted).toEqual([`${good.routingKey}@${DOMAIN}`]);
    expect(info.rejected).toEqual([`${webhook.routingKey}@${DOMAIN}`]);
    expect(await stored(good.id)).toHaveLength(1);
    expect(await stored(webhook.id)).toHaveLength(0);
  });

  it('refuses a mail over the size limit with 552, storing nothing', async () => {
    const key = await emailKey();
    const failure = await smtpFailure(
      send({ to: `${key.routingKey}@${DOMAIN}`, subject: 'Huge', text: 'x'.repeat(200 * 1024) }),
    );
    expect(failure.code).toBe(552);
    expect(await stored(key.id)).toHaveLength(0);
  });

  it('answers 451 (try again later) when the database cannot take the alert, so the sending server keeps the mail', async () => {
    const broken = await createTestDatabase();
    const brokenService = await insertService(broken.db, clock, { policyId: await insertPolicy(broken.db, clock, []) });
    const key = await insertIntegrationKey(broken.db, clock, brokenService, 'email', {});
    const edge = createIngestEdge({ db: broken.db, clock, ratePerMinute: 1000 });
    const other = await startInboundEmail({ host: '127.0.0.1', port: 0, domain: DOMAIN, edge, logger: silentLogger });
    try {
      await send({ to: `${key.routingKey}@${DOMAIN}`, subject: 'warms the routing cache' }, other.port);
      await broken.drop();
      const failure = await smtpFailure(send({ to: `${key.routingKey}@${DOMAIN}`, subject: 'lost?' }, other.port));
      expect(failure.code).toBe(451);
      const unrouted = await smtpFailure(send({ to: `${'1'.repeat(32)}@${DOMAIN}`, subject: 'lost?' }, other.port));
      expect(unrouted.code).toBe(451);
    } finally {
      await other.stop();
    }
  });
});

describe('inbound email in the whole server', () => {
  it('starts with the server when TOCSIN_SMTP_INBOUND_PORT is set, and stops with it', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const t = await startTestApp({
      config: {
        providers: {
          email: undefined,
          twilio: undefined,
          slack: undefined,
          inboundSmtp: { host: '127.0.0.1', port, domain: DOMAIN },
        },
      },
    });
    try {
      const svc = await insertService(t.app.db, t.clock, { policyId: await insertPolicy(t.app.db, t.clock, []) });
      const key = await insertIntegrationKey(t.app.db, t.clock, svc, 'email', {});
      await send({ to: `${key.routingKey}@${DOMAIN}`, subject: 'Through the app' }, port);
      const rows = await t.app.db
        .selectFrom('inbound_events')
        .select('alert')
        .where('integration_key_id', '=', key.id)
        .execute();
      expect(rows.map((r) => (r.alert as { summary: string }).summary)).toEqual(['Through the app']);
    } finally {
      await t.close();
    }
    expect((await smtpFailure(send({ to: `x@${DOMAIN}`, subject: 'after stop' }, port))).code).toBeUndefined(); // connection refused: no SMTP reply
  });
});
