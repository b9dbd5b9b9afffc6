/**
 * Arranging paging data directly in the database for tests: escalation
 * policies, services, integration keys, people paged by SMS. Straight inserts, so tests of one
 * module do not depend on another module's use cases.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { IntegrationType } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { EscalationLevel } from '../modules/escalation/index.js';
import {
  DEFAULT_SLA_TARGETS,
  DEFAULT_URGENCY_RULES,
  type BusinessHours,
  type Grouping,
  type UrgencyRule,
} from '../modules/services/index.js';

let counter = 0;

export async function insertPolicy(
  db: Db,
  clock: Clock,
  levels: EscalationLevel[],
  options: { name?: string; repeatCount?: number } = {},
) {
  const id = newId(clock.now());
  await db
    .insertInto('escalation_policies')
    .values({
      id,
      name: options.name ?? `Policy ${++counter}`,
      team_id: null,
      levels: JSON.stringify(levels),
      repeat_count: options.repeatCount ?? 0,
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  return id;
}

export interface ServiceFixture {
  policyId: string;
  slug?: string;
  timeZone?: string;
  businessHours?: BusinessHours | null;
  urgencyRules?: UrgencyRule[];
  grouping?: Grouping;
  noticeChannelIds?: string[];
}

export async function insertService(db: Db, clock: Clock, fixture: ServiceFixture) {
  const id = newId(clock.now());
  const slug = fixture.slug ?? `service-${++counter}`;
  await db
    .insertInto('services')
    .values({
      id,
      slug,
      name: slug,
      team_id: null,
      escalation_policy_id: fixture.policyId,
      time_zone: fixture.timeZone ?? 'UTC',
      business_hours: fixture.businessHours ? JSON.stringify(fixture.businessHours) : null,
      urgency_rules: JSON.stringify(fixture.urgencyRules ?? DEFAULT_URGENCY_RULES),
      sla_targets: JSON.stringify(DEFAULT_SLA_TARGETS),
      grouping: JSON.stringify(fixture.grouping ?? { mode: 'dedup_key' }),
      notice_channel_ids: fixture.noticeChannelIds ?? [],
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  return id;
}

export async function insertIntegrationKey(
  db: Db,
  clock: Clock,
  serviceId: string,
  type: IntegrationType = 'events_v2',
  settings: Record<string, unknown> = {},
) {
  const id = newId(clock.now());
  const routingKey = randomBytes(16).toString('hex'); // 32 characters, like PagerDuty's
  await db
    .insertInto('integration_keys')
    .values({
      id,
      service_id: serviceId,
      type,
      name: `${type} ${++counter}`,
      routing_key: routingKey,
      settings: JSON.stringify(settings),
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  return { id, routingKey };
}

export async function insertMaintenance(db: Db, clock: Clock, serviceId: string, startsAt: Date, endsAt: Date) {
  await db
    .insertInto('maintenance_windows')
    .values({
      id: newId(clock.now()),
      service_id: serviceId,
      starts_at: startsAt,
      ends_at: endsAt,
      reason: 'test',
      created_by: 'test',
      created_at: clock.now(),
    })
    .execute();
}

/** A responder with a verified SMS method and a high-urgency rule sending to it at once; their ids. */
export async function insertSmsPerson(
  db: Db,
  clock: Clock,
  person: { phone: string; name: string; email: string },
): Promise<{ userId: string; methodId: string }> {
  const userId = newId(clock.now());
  const methodId = newId(clock.now());
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: person.email,
      name: person.name,
      role: 'responder',
      password_hash: null,
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  await db
    .insertInto('contact_methods')
    .values({
      id: methodId,
      user_id: userId,
      type: 'sms',
      label: 'sms',
      address: person.phone,
      verified_at: clock.now(),
      verification_code_hash: null,
      verification_expires_at: null,
      disabled_at: null,
      created_at: clock.now(),
      updated_at: clock.now(),
    })
    .execute();
  await db
    .insertInto('notification_rules')
    .values({
      id: newId(clock.now()),
      user_id: userId,
      contact_method_id: methodId,
      urgency: 'high',
      delay_minutes: 0,
      created_at: clock.now(),
    })
    .execute();
  return { userId, methodId };
}
