/**
 * A whole Tocsin with every provider pointed at a local fake: Twilio, Slack,
 * a real SMTP server and a webhook receiver, and a fake clock. Tocsin's
 * public URL is https://tocsin.test (what vendors are given); the fakes
 * deliver callbacks to the real port, as a reverse proxy would. Helpers
 * arrange people, verified contact methods and incidents directly in the
 * database, so notify's tests do not depend on other modules' use cases.
 */
import { publishEvent } from '../../db/outbox.js';
import type { Role } from '../../lib/actor.js';
import { newId } from '../../lib/ids.js';
import { createApiToken } from '../../modules/auth/index.js';
import { createUser } from '../../modules/users/index.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../app.js';
import { insertPolicy, insertService } from '../paging-fixtures.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { startFakeSmtp, type FakeSmtp } from './fake-smtp.js';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio.js';
import { startFakeWebhook, type FakeWebhook } from './fake-webhook.js';

export const PUBLIC_URL = 'https://tocsin.test';
export const TWILIO_FROM = '+15005550006';
export const EMAIL_FROM = 'Tocsin <pager@tocsin.test>';

export interface Person {
  id: string;
  name: string;
  email: string;
  token: string;
}

export interface NotifyWorld {
  t: TestApp;
  twilio: FakeTwilio;
  slack: FakeSlack;
  smtp: FakeSmtp;
  hook: FakeWebhook;
  /** Webhook receiver keys by path (tests set them once they know a method's secret). */
  hookKeys: Map<string, string>;
  person(name: string, role?: Role): Promise<Person>;
  /** Inserts a verified contact method, with an immediate high-urgency rule unless `rule: false`. */
  method(
    userId: string,
    type: 'email' | 'sms' | 'voice' | 'slack' | 'webhook',
    address: string,
    options?: { rule?: boolean | { urgency: 'high' | 'low'; delayMinutes: number } },
  ): Promise<string>;
  incident(options?: {
    status?: 'triggered' | 'acknowledged' | 'resolved';
    urgency?: 'high' | 'low';
    title?: string;
    noticeChannelIds?: string[];
  }): Promise<{ id: string; number: number; serviceId: string }>;
  channel(type: 'slack' | 'teams' | 'webhook', target: string, name?: string): Promise<string>;
  /** Publishes IncidentEscalated as the incidents module would. */
  escalate(
    incidentId: string,
    userIds: string[],
    options?: { urgency?: 'high' | 'low'; stepKey?: string; channelIds?: string[] },
  ): Promise<void>;
  /** Runs due engine work at the fake clock's current time. */
  run(): Promise<void>;
  timeline(incidentId: string): Promise<string[]>;
  notifications(incidentId: string): Promise<
    Array<{
      id: string;
      status: string;
      kind: string;
      contact_method_id: string | null;
      error: string | null;
      reply_code: string | null;
      provider_message_id: string | null;
    }>
  >;
  /** Maps a public (https://tocsin.test/...) URL to the test server. */
  local(url: string): string;
  close(): Promise<void>;
}

let counter = 0;

export async function startNotifyWorld(): Promise<NotifyWorld> {
  // The server's real address is known only once it listens; the fakes read it when they call back.
  let baseUrl = '';
  const local = (url: string) => url.replace(PUBLIC_URL, baseUrl);
  const hookKeys = new Map<string, string>();
  const [twilio, slack, smtp, hook] = await Promise.all([
    startFakeTwilio({ deliverTo: local }),
    startFakeSlack(),
    startFakeSmtp(),
    startFakeWebhook({ key: (path) => hookKeys.get(path) }),
  ]);
  const t = await startTestApp({
    config: {
      publicUrl: PUBLIC_URL,
      providers: {
        email: { smtpUrl: smtp.url, from: EMAIL_FROM },
        inboundSmtp: undefined,
        twilio: {
          accountSid: twilio.accountSid,
          authToken: twilio.authToken,
          fromNumber: TWILIO_FROM,
          baseUrl: twilio.url,
        },
        slack: { botToken: slack.botToken, signingSecret: slack.signingSecret, baseUrl: slack.apiUrl },
      },
    },
  });
  baseUrl = t.url;
  const db = t.app.db;
  const clock = t.clock;
  let policyId: string | undefined;

  return {
    t,
    twilio,
    slack,
    smtp,
    hook,
    hookKeys,
    local,
    async person(name, role = 'responder') {
      const email = `${name.toLowerCase()}${++counter}@example.com`;
      const user = await createUser(t.ctx, { email, name, role, password: TEST_PASSWORD });
      const token = await createApiToken(t.ctx, { name: 'test', scopes: ['read', 'write', 'admin'], userId: user.id });
      return { id: user.id, name, email, token: token.token };
    },
    async method(userId, type, address, options = {}) {
      const now = clock.now();
      const id = newId(now);
      await db
        .insertInto('contact_methods')
        .values({
          id,
          user_id: userId,
          type,
          label: type,
          address,
          verified_at: now,
          verification_code_hash: null,
          verification_expires_at: null,
          disabled_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const rule = options.rule ?? true;
      if (rule) {
        const { urgency, delayMinutes } = rule === true ? { urgency: 'high' as const, delayMinutes: 0 } : rule;
        await db
          .insertInto('notification_rules')
          .values({
            id: newId(now),
            user_id: userId,
            contact_method_id: id,
            urgency,
            delay_minutes: delayMinutes,
            created_at: now,
          })
          .execute();
      }
      // Distinct created_at keeps "oldest first" (the fallback order) deterministic.
      clock.advance(1);
      return id;
    },
    async incident(options = {}) {
      policyId ??= await insertPolicy(db, clock, [{ delayMinutes: 15, targets: [] }]);
      const serviceId = await insertService(db, clock, { policyId, noticeChannelIds: options.noticeChannelIds ?? [] });
      const now = clock.now();
      const id = newId(now);
      const row = await db
        .insertInto('incidents')
        .values({
          id,
          service_id: serviceId,
          title: options.title ?? `Checkout database is down ${++counter}`,
          status: options.status ?? 'triggered',
          urgency: options.urgency ?? 'high',
          priority: 'P1',
          group_key: null,
          triggered_at: now,
          acknowledged_at: null,
          acknowledged_by: null,
          resolved_at: null,
          resolved_by: null,
          created_by: 'test',
          created_at: now,
          updated_at: now,
        })
        .returning(['number'])
        .executeTakeFirstOrThrow();
      await db
        .insertInto('incident_escalations')
        .values({
          incident_id: id,
          escalation_policy: JSON.stringify({
            id: policyId,
            name: 'Policy',
            repeatCount: 0,
            levels: [{ delayMinutes: 15, targets: [] }],
          }),
          next_escalation_at: null,
          assignee_ids: [],
          snoozed_until: null,
          updated_at: now,
        })
        .execute();
      return { id, number: Number(row.number), serviceId };
    },
    async channel(type, target, name) {
      const now = clock.now();
      const id = newId(now);
      await db
        .insertInto('chat_channels')
        .values({ id, type, name: name ?? `${type}-${++counter}`, target, created_at: now, updated_at: now })
        .execute();
      return id;
    },
    async escalate(incidentId, userIds, options = {}) {
      const stepKey = options.stepKey ?? `${incidentId}:0:1`;
      await publishEvent(
        db,
        clock.now(),
        'IncidentEscalated',
        {
          incidentId,
          level: 1,
          loop: 0,
          userIds,
          channelIds: options.channelIds ?? [],
          urgency: options.urgency ?? 'high',
          stepKey,
        },
        stepKey,
      );
    },
    async run() {
      await t.app.engine.runDue();
    },
    async timeline(incidentId) {
      const rows = await db
        .selectFrom('incident_timeline')
        .select('message')
        .where('incident_id', '=', incidentId)
        .orderBy('id')
        .execute();
      return rows.map((r) => r.message);
    },
    async notifications(incidentId) {
      return db
        .selectFrom('notifications')
        .select(['id', 'status', 'kind', 'contact_method_id', 'error', 'reply_code', 'provider_message_id'])
        .where('incident_id', '=', incidentId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    async close() {
      await t.close();
      await Promise.all([twilio.close(), slack.close(), smtp.close(), hook.close()]);
    },
  };
}
