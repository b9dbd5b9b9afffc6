/**
 * Smoke scenarios: the whole server, driven only through its public surfaces
 * (the PagerDuty-compatible Events API, the REST API, vendors' callbacks),
 * with a fake clock and local vendor servers that record every SMS, call,
 * email and Slack message. One guarantee per scenario file.
 */
import type { Role } from '../lib/actor.js';
import { startNotifyWorld, type NotifyWorld, type Person } from './fake-vendors/notify-world.js';

export interface SmokePerson extends Person {
  phone?: string;
  address?: string;
}

export interface SmokeService {
  id: string;
  slug: string;
  routingKey: string;
}

export interface Smoke {
  w: NotifyWorld;
  admin: Person;
  /** A responder with a verified SMS number and/or email address, each with an immediate high-urgency rule. */
  person(
    name: string,
    methods: { phone?: string; email?: string; role?: Role; rules?: 'high' | 'both' },
  ): Promise<SmokePerson>;
  policy(levels: Array<{ delayMinutes: number; people: SmokePerson[] }>, repeatCount?: number): Promise<string>;
  service(policyId: string, options?: Record<string, unknown>): Promise<SmokeService>;
  /** A weekly schedule with `people` on call (from 2026-03-02 09:00 UTC) that says who holds a response role ('imoc'...). */
  roleSchedule(role: string, name: string, people: SmokePerson[]): Promise<string>;
  /** POST /v2/enqueue exactly as a PagerDuty client would; returns the HTTP answer. */
  event(
    routingKey: string,
    action: 'trigger' | 'acknowledge' | 'resolve',
    dedupKey: string,
    summary?: string,
    severity?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Runs every piece of due work (event processing, escalation, delivery) at the clock's time. */
  settle(): Promise<void>;
  /** Moves the clock on and settles. */
  tick(minutes: number): Promise<void>;
  smsTo(phone: string): string[];
  /** Only the SMS pages for incidents (not hand-off notices, codes...). */
  pagesTo(phone: string): string[];
  mailsTo(address: string): Array<{ subject: string; text: string }>;
  incidents(
    query?: string,
  ): Promise<Array<{ id: string; number: number; status: string; title: string; alertCount?: number }>>;
  api(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startSmoke(): Promise<Smoke> {
  const w = await startNotifyWorld();
  const admin = await w.person('Admin', 'admin');
  const api = (method: string, path: string, body?: unknown) => w.t.request(method, path, { token: admin.token, body });
  const settle = async () => {
    // Processing an event can make more work due at the same instant (an
    // incident to escalate, a page to deliver): run until nothing is left.
    await w.run();
    await w.run();
  };
  const expectOk = async (response: Response, what: string) => {
    if (!response.ok) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  let counter = 0;
  return {
    w,
    admin,
    api,
    async person(name, methods) {
      const person: SmokePerson = await w.person(name, methods.role ?? 'responder');
      const rule =
        methods.rules === 'both'
          ? [
              { urgency: 'high' as const, delayMinutes: 0 },
              { urgency: 'low' as const, delayMinutes: 0 },
            ]
          : [{ urgency: 'high' as const, delayMinutes: 0 }];
      for (const [type, address] of [
        ['sms', methods.phone],
        ['email', methods.email],
      ] as const) {
        if (!address) continue;
        const id = await w.method(person.id, type, address, { rule: rule[0]! });
        if (rule[1]) {
          await w.t.app.db
            .insertInto('notification_rules')
            .values({
              id: crypto.randomUUID(),
              user_id: person.id,
              contact_method_id: id,
              urgency: 'low',
              delay_minutes: 0,
              created_at: w.t.clock.now(),
            })
            .execute();
        }
      }
      return { ...person, phone: methods.phone, address: methods.email };
    },
    async policy(levels, repeatCount = 0) {
      const body = await expectOk(
        await api('POST', '/api/v1/escalation-policies', {
          name: `Smoke policy ${++counter}`,
          repeatCount,
          levels: levels.map((l) => ({
            delayMinutes: l.delayMinutes,
            targets: l.people.map((p) => ({ type: 'user', id: p.id })),
          })),
        }),
        'creating the policy',
      );
      return body.id as string;
    },
    async service(policyId, options = {}) {
      const slug = `smoke-${++counter}`;
      const service = await expectOk(
        await api('POST', '/api/v1/services', {
          slug,
          name: `Smoke ${counter}`,
          escalationPolicyId: policyId,
          ...options,
        }),
        'creating the service',
      );
      const key = await expectOk(
        await api('POST', `/api/v1/services/${slug}/integration-keys`, { type: 'events_v2', name: 'Monitoring' }),
        'creating the key',
      );
      return { id: service.id as string, slug, routingKey: key.routingKey as string };
    },
    async roleSchedule(role, name, people) {
      const body = await expectOk(
        await api('POST', '/api/v1/schedules', {
          name,
          timeZone: 'UTC',
          layers: [
            {
              name: 'Weekly',
              participants: people.map((p) => p.id),
              shift: { length: 1, unit: 'weeks' },
              handoffTime: '09:00',
              startDate: '2026-03-02',
            },
          ],
        }),
        'creating the schedule',
      );
      const scheduleId = (body.schedule as { id: string }).id;
      await expectOk(
        await api('PATCH', `/api/v1/incident-roles/${role}`, { scheduleId }),
        'giving the role its schedule',
      );
      return scheduleId;
    },
    async event(routingKey, action, dedupKey, summary = 'Checkout database is down', severity = 'critical') {
      const response = await w.t.request('POST', '/v2/enqueue', {
        body: {
          routing_key: routingKey,
          event_action: action,
          dedup_key: dedupKey,
          payload: { summary, source: 'db-1', severity },
        },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    settle,
    async tick(minutes) {
      w.t.clock.advanceMinutes(minutes);
      await settle();
    },
    smsTo: (phone) => w.twilio.messages.filter((m) => m.to === phone).map((m) => m.body),
    pagesTo: (phone) =>
      w.twilio.messages.filter((m) => m.to === phone && /^Tocsin #\d+ /.test(m.body)).map((m) => m.body),
    mailsTo: (address) =>
      w.smtp.mails.filter((m) => m.to.includes(address)).map((m) => ({ subject: m.subject, text: m.text })),
    async incidents(query = '') {
      const body = await expectOk(await api('GET', `/api/v1/incidents${query}`), 'listing incidents');
      return body.items as Array<{ id: string; number: number; status: string; title: string; alertCount?: number }>;
    },
    close: () => w.close(),
  };
}
