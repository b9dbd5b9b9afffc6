/**
 * The demo organisation: a few people and teams, their escalation policies
 * and services with an integration key each, and a few alerts sent to those
 * keys (through the same queue as /v2/enqueue, so the engine turns them into
 * incidents and pages as it would any alert), and a declared incident with
 * its roles, to look at on first start.
 * Seeding is claimed through a setting, so it happens once even when several
 * nodes start together.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { systemActor } from '../lib/actor.js';
import type { Clock } from '../lib/clock.js';
import type { Ctx } from '../modules/context.js';
import { acceptEvents } from '../modules/alerts/index.js';
import { createPolicy, type LevelInput } from '../modules/escalation/index.js';
import { eventsV2ToInbound } from '../modules/ingest/index.js';
import { createIntegrationKey } from '../modules/ingest/index.js';
import { createService } from '../modules/services/index.js';
import { claimSetting, putSetting } from '../modules/settings/index.js';
import { createTeam, setMembership } from '../modules/teams/index.js';
import { declareResponse, engageRole } from '../modules/response/index.js';
import { createUser, findUserByEmail, setPassword } from '../modules/users/index.js';

export const DEMO_ADMIN_EMAIL = 'ada@example.com';

const PEOPLE = [
  { email: DEMO_ADMIN_EMAIL, name: 'Ada Admin', role: 'owner' },
  { email: 'bob@example.com', name: 'Bob Builder', role: 'responder' },
  { email: 'chen@example.com', name: 'Chen Li', role: 'responder' },
  { email: 'dana@example.com', name: 'Dana Scully', role: 'responder' },
  { email: 'vic@example.com', name: 'Vic Viewer', role: 'viewer' },
  { email: 'sam@example.com', name: 'Sam Stakeholder', role: 'stakeholder' },
] as const;

const TEAMS = [
  {
    slug: 'platform-sre',
    name: 'Platform SRE',
    description: 'Runs the platform everything else stands on.',
    members: ['ada', 'bob', 'chen'],
  },
  {
    slug: 'payments',
    name: 'Payments',
    description: 'Checkout, billing and the payment gateway.',
    members: ['chen', 'dana'],
  },
] as const;

/** Level targets name people by the start of their email and teams by slug. */
const POLICIES = [
  {
    name: 'Platform SRE on call',
    team: 'platform-sre',
    repeatCount: 1,
    levels: [
      { delayMinutes: 15, targets: [{ user: 'bob' }] },
      { delayMinutes: 15, targets: [{ user: 'chen' }] },
    ],
  },
  {
    name: 'Payments',
    team: 'payments',
    repeatCount: 0,
    levels: [
      { delayMinutes: 15, targets: [{ user: 'dana' }] },
      { delayMinutes: 30, targets: [{ team: 'payments' }] },
    ],
  },
] as const;

const SERVICES = [
  {
    slug: 'checkout-api',
    name: 'Checkout API',
    description: 'Takes orders and payments from the web shop.',
    team: 'payments',
    policy: 'Payments',
    timeZone: 'Europe/London',
    businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' },
  },
  {
    slug: 'edge-gateway',
    name: 'Edge Gateway',
    description: 'Terminates TLS and routes every request into the platform.',
    team: 'platform-sre',
    policy: 'Platform SRE on call',
    timeZone: 'Europe/London',
    businessHours: null,
  },
] as const;

/**
 * Alerts as monitoring would send them (Events API v2 bodies), per service:
 * an open incident that triggered twice, an acknowledged one and a resolved one.
 */
const ALERTS: Record<(typeof SERVICES)[number]['slug'], Array<Record<string, unknown>>> = {
  'checkout-api': [
    {
      event_action: 'trigger',
      dedup_key: 'checkout-5xx',
      payload: {
        summary: '5xx rate 12% on POST /orders',
        source: 'checkout-api-7f9c',
        severity: 'critical',
        component: 'orders',
        group: 'checkout',
        class: 'http-errors',
        custom_details: { error_rate: 0.12, window: '5m', threshold: 0.02 },
      },
      links: [{ href: 'https://app.datadoghq.example/monitors/4242', text: 'Datadog monitor' }],
      client: 'Datadog',
    },
    {
      event_action: 'trigger',
      dedup_key: 'checkout-5xx',
      payload: {
        summary: '5xx rate 14% on POST /orders',
        source: 'checkout-api-7f9c',
        severity: 'critical',
        component: 'orders',
        custom_details: { error_rate: 0.14, window: '5m', threshold: 0.02 },
      },
    },
  ],
  'edge-gateway': [
    {
      event_action: 'trigger',
      dedup_key: 'edge-tls-expiry',
      payload: {
        summary: 'TLS certificate for api.acme.example expires in 6 days',
        source: 'edge-gw-1',
        severity: 'warning',
        component: 'tls',
      },
      links: [{ href: 'https://grafana.example.com/d/tls/certificates', text: 'Certificates dashboard' }],
    },
    { event_action: 'acknowledge', dedup_key: 'edge-tls-expiry' },
    {
      event_action: 'trigger',
      dedup_key: 'edge-latency-euw1',
      payload: {
        summary: 'p99 latency 2.3 s on the eu-west-1 load balancers',
        source: 'prometheus',
        severity: 'error',
        component: 'load-balancer',
        custom_details: { p99_seconds: 2.3, region: 'eu-west-1' },
      },
      links: [{ href: 'https://grafana.example.com/d/edge/latency', text: 'Edge latency in Grafana' }],
      client: 'Alertmanager',
    },
    { event_action: 'resolve', dedup_key: 'edge-latency-euw1' },
  ],
};

/** The demo's escalation policies and services, each service with an Events API v2 key and its first alerts. */
async function seedPaging(ctx: Ctx, userIds: Map<string, string>, teamIds: Map<string, string>): Promise<void> {
  const policyIds = new Map<string, string>();
  for (const policy of POLICIES) {
    const levels: LevelInput[] = policy.levels.map((level) => ({
      delayMinutes: level.delayMinutes,
      targets: level.targets.map((t) =>
        'user' in t ? { type: 'user', id: userIds.get(t.user)! } : { type: 'team', id: teamIds.get(t.team)! },
      ),
    }));
    const created = await createPolicy(ctx, {
      name: policy.name,
      teamId: teamIds.get(policy.team)!,
      repeatCount: policy.repeatCount,
      levels,
    });
    policyIds.set(policy.name, created.id);
  }
  for (const service of SERVICES) {
    await createService(ctx, {
      slug: service.slug,
      name: service.name,
      description: service.description,
      teamId: teamIds.get(service.team)!,
      escalationPolicyId: policyIds.get(service.policy)!,
      timeZone: service.timeZone,
      businessHours: service.businessHours ? { ...service.businessHours, days: [...service.businessHours.days] } : null,
    });
    const key = await createIntegrationKey(ctx, service.slug, { type: 'events_v2', name: 'Events API v2' });
    const bodies = ALERTS[service.slug].map((body) => ({ routing_key: key.routingKey, ...body }));
    await acceptEvents(ctx.db, ctx.clock, key.id, eventsV2ToInbound(bodies));
  }
}

/**
 * A declared incident (ADR 17) to look at: an S2 Dana declared on Checkout API
 * and holds as EOC (she pages nobody: she is on it), with Ada asked to be IMOC.
 */
async function seedResponse(ctx: Ctx, userIds: Map<string, string>): Promise<void> {
  const dana: Ctx = {
    ...ctx,
    actor: {
      type: 'user',
      userId: userIds.get('dana')!,
      label: 'dana@example.com',
      role: 'responder',
      scopes: ['write'],
      via: 'cli',
    },
  };
  const incident = await declareResponse(dana, {
    serviceId: 'checkout-api',
    title: 'Card payments fail for some Visa cards',
    severity: 'S2',
    page: 'none',
    category: 'degradation',
    steps: { pageImoc: false },
    details: 'Support reports declines for Visa debit cards since 09:40; the gateway answers 502 to 1 in 8 requests.',
  });
  await engageRole(dana, String(incident.number), { role: 'imoc', userId: userIds.get('ada')!, page: true });
}

export interface DemoLogin {
  email: string;
  password: string;
  seeded: boolean;
  /** A second person who signs in with the same password, to try Tocsin as a responder beside the owner. */
  secondEmail: string;
}

/** The demo responder who can sign in too (the others are people to page, with no password). */
export const DEMO_SECOND_EMAIL = 'bob@example.com';

const newPassword = () => randomBytes(12).toString('base64url');

/**
 * Seeds the demo organisation if it was never seeded. When it was, and
 * `resetPassword` is set (the `tocsin demo` verb), gives the demo owner a
 * fresh password so there is always a way in; `serve` never resets it.
 * Bob, a responder, shares the owner's password, so a second person can try
 * Tocsin (be paged, acknowledge, take a role) without single sign-on.
 */
export async function seedDemo(db: Db, clock: Clock, options: { resetPassword: boolean }): Promise<DemoLogin> {
  const ctx: Ctx = { db, clock, actor: systemActor('demo'), source: 'cli' };
  const password = newPassword();
  const seeded = await db.transaction().execute(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    if (!(await claimSetting(tx, clock, 'demo.seeded', true))) return false;
    await putSetting(tx, clock, 'organisation.name', 'Acme Demo');
    const ids = new Map<string, string>();
    for (const person of PEOPLE) {
      const user = await createUser(txCtx, {
        email: person.email,
        name: person.name,
        role: person.role,
        timeZone: 'Europe/London',
        ...((person.role === 'owner' || person.email === DEMO_SECOND_EMAIL) && { password }),
      });
      ids.set(person.email.split('@')[0]!, user.id);
    }
    const teamIds = new Map<string, string>();
    for (const team of TEAMS) {
      teamIds.set(
        team.slug,
        (await createTeam(txCtx, { slug: team.slug, name: team.name, description: team.description })).id,
      );
      for (const member of team.members) {
        await setMembership(txCtx, team.slug, ids.get(member)!, member === 'ada' ? 'manager' : 'member');
      }
    }
    await seedPaging(txCtx, ids, teamIds);
    await seedResponse(txCtx, ids);
    return true;
  });
  const none = { email: DEMO_ADMIN_EMAIL, password: '', seeded: false, secondEmail: DEMO_SECOND_EMAIL };
  if (!seeded && !options.resetPassword) return none;
  if (!seeded) {
    const admin = await findUserByEmail(ctx, DEMO_ADMIN_EMAIL);
    if (!admin) return none;
    await setPassword(ctx, admin.id, password);
    const second = await findUserByEmail(ctx, DEMO_SECOND_EMAIL);
    if (second) await setPassword(ctx, second.id, password);
  }
  return { email: DEMO_ADMIN_EMAIL, password, seeded, secondEmail: DEMO_SECOND_EMAIL };
}
