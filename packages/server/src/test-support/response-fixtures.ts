/**
 * Arranging incident response for API tests (ADR 17): a test app with people
 * in each role, services whose policy pages a given person first, an IMOC
 * schedule, and calls that fail loudly when the status is not the one expected.
 */
import type { EscalationLevel } from '../modules/escalation/index.js';
import type { RouteRegistrar } from '../http/server.js';
import { startTestApp, type TestApp } from './app.js';
import { insertIntegrationKey, insertPolicy, insertService } from './paging-fixtures.js';

export interface Person {
  id: string;
  token: string;
}

export interface ResponseView {
  severity: string;
  stage: string;
  owner: { id: string; name: string } | null;
  ownerRole: string | null;
  roles: Array<{
    role: { slug: string };
    user: { id: string };
    acceptedAt: string | null;
    paged: boolean;
    how: string;
    endedAt: string | null;
  }>;
  handoffs: Array<{ id: string; state: string; to: { id: string } }>;
  severityChanges: Array<{ from: string | null; to: string; by: string; reason: string; at: string }>;
  stakeholders: Array<{ user: { id: string }; reason: string }>;
  links: Array<{ incident: { id: string; number: number }; kind: string }>;
  checklist: Array<{ key: string; done: boolean; auto: boolean }>;
  impactedServices: Array<{ id: string }>;
  nextRuleAt: string | null;
}

export interface IncidentView {
  id: string;
  number: number;
  status: string;
  alertCount: number;
  declaredAt: string | null;
  response: { severity: string; stage: string; nearMiss: boolean; owner: { id: string; name: string } | null } | null;
}

export interface ResponseWorld {
  t: TestApp;
  owner: Person;
  viewer: Person;
  stakeholder: Person;
  person(role?: 'responder' | 'admin' | 'viewer' | 'stakeholder'): Promise<Person>;
  /** A service whose policy reaches `first` at level 1 (and `then` at level 2 after 15 minutes). */
  service(first: Person, then?: Person): Promise<{ id: string; slug: string; routingKey: string }>;
  /** Makes `who` the only person on a schedule and names it on a role. */
  staffRole(slug: string, who: Person): Promise<void>;
  call(who: Person, method: string, path: string, body?: unknown): Promise<Response>;
  /** Calls and parses the JSON answer; throws with the body when the status differs. */
  ok<T = IncidentView>(who: Person, method: string, path: string, body?: unknown, status?: number): Promise<T>;
  /** Calls and answers the status and error message. */
  fails(who: Person, method: string, path: string, body?: unknown): Promise<{ status: number; message: string }>;
  response(incident: string | number): Promise<ResponseView>;
  timeline(incident: string | number): Promise<Array<{ kind: string; message: string }>>;
  close(): Promise<void>;
}

export async function startResponseWorld(options: { extraRoutes?: RouteRegistrar[] } = {}): Promise<ResponseWorld> {
  const t = await startTestApp({ tocsin: options });
  const owner = await t.createUserWithToken('owner');
  const viewer = await t.createUserWithToken('viewer');
  const stakeholder = await t.createUserWithToken('stakeholder');
  let schedules = 0;
  const call = (who: Person, method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: who.token, ...(body !== undefined && { body }) });
  const ok = async <T>(who: Person, method: string, path: string, body?: unknown, status = 200): Promise<T> => {
    const response = await call(who, method, path, body);
    const text = await response.text();
    if (response.status !== status) throw new Error(`${method} ${path} → ${response.status} (not ${status}): ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    t,
    owner,
    viewer,
    stakeholder,
    person: (role = 'responder') => t.createUserWithToken(role),
    async service(first, then) {
      const levels: EscalationLevel[] = [{ delayMinutes: 15, targets: [{ type: 'user', id: first.id }] }];
      if (then) levels.push({ delayMinutes: 15, targets: [{ type: 'user', id: then.id }] });
      const policyId = await insertPolicy(t.app.db, t.clock, levels);
      const id = await insertService(t.app.db, t.clock, { policyId });
      const { slug } = await t.app.db
        .selectFrom('services')
        .select('slug')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const { routingKey } = await insertIntegrationKey(t.app.db, t.clock, id);
      return { id, slug, routingKey };
    },
    async staffRole(slug, who) {
      const created = await ok<{ schedule: { id: string } }>(
        owner,
        'POST',
        '/api/v1/schedules',
        {
          name: `${slug} rota ${++schedules}`,
          timeZone: 'UTC',
          layers: [
            {
              name: 'Always',
              participants: [who.id],
              shift: { length: 1, unit: 'weeks' },
              handoffTime: '00:00',
              startDate: t.clock.now().toISOString().slice(0, 10),
            },
          ],
        },
        201,
      );
      await ok(owner, 'PATCH', `/api/v1/incident-roles/${slug}`, { scheduleId: created.schedule.id });
    },
    call,
    ok,
    async fails(who, method, path, body) {
      const response = await call(who, method, path, body);
      const text = await response.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, message };
    },
    response: (incident) => ok<ResponseView>(owner, 'GET', `/api/v1/incidents/${incident}/response`),
    async timeline(incident) {
      return (
        await ok<{ items: Array<{ kind: string; message: string }> }>(
          owner,
          'GET',
          `/api/v1/incidents/${incident}/timeline`,
        )
      ).items;
    },
    close: () => t.close(),
  };
}
