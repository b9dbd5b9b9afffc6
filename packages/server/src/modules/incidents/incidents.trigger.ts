/**
 * How incidents begin: triggered by alerts (the alerts module calls
 * triggerIncident inside its processing transaction) or declared by a person.
 */
import { inTransaction, type Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { Source } from '../../lib/source.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import {
  getPagingSettings,
  getService,
  nextBusinessStart,
  type PagingSettings,
  type Priority,
  type Urgency,
} from '../services/index.js';
import { insertIncident, updateIncidentRow } from './incidents.repo.js';
import { DeclareIncidentSchema, type DeclareIncidentInput, type Incident } from './incidents.schema.js';
import type { IncidentTriggeredEvent } from './incidents.events.js';
import type { IncidentStatus } from './incidents.types.js';
import { actorName, loadIncident } from './incidents.view.js';

export interface TriggerIncidentInput {
  /** The service's paging settings at this instant (policy snapshot, business hours, notice channels). */
  service: PagingSettings;
  title: string;
  urgency: Urgency;
  priority: Priority | null;
  /** What later alerts join on while the incident is open; null for declared incidents. */
  groupKey: string | null;
  createdBy: Actor;
  /** What the creator acted through (ingest for an alert, the caller's source for a declaration), for the timeline. */
  source: Source;
  details?: string;
  /** Alerts it starts with: 1 when an alert triggers it (the alert is written next, already in it), 0 when declared. */
  alertCount?: number;
  /** When its alert arrived (the default is now): a backlog of unprocessed events must not shorten MTTA. */
  triggeredAt?: Date;
  /** Do not walk the escalation policy (a declaration that pages nobody, or only the EOC directly). */
  holdPaging?: boolean;
  /** Set for a declared incident (ADR 17): alerts resolving no longer resolve it. */
  declared?: boolean;
}

/**
 * What the caller of triggerIncident learns of the incident it opened. Not
 * its number: a fail-fast batch writes the incident, and the sequence numbers
 * it, at its commit (incidentNumbers reads it sooner).
 */
export interface TriggeredIncident {
  id: string;
  status: IncidentStatus;
  triggeredAt: Date;
}

/** When the first page may go out: at once, or for low urgency the service's next business start (paging's pageAt, same rule). */
const firstPageAt = (service: PagingSettings, urgency: Urgency, now: Date): Date =>
  urgency === 'low' ? nextBusinessStart(service.businessHours, service.timeZone, now) : now;

/**
 * Opens a triggered incident and publishes IncidentTriggered, to which paging
 * answers in this transaction by starting its escalation: the first step at
 * once (or at the next business start), planned before paging writes its
 * state, so that state is written once (ADR 14, ADR 15).
 */
export async function triggerIncident(tx: Db, clock: Clock, input: TriggerIncidentInput): Promise<TriggeredIncident> {
  const now = clock.now();
  const { service } = input;
  const pageAt = input.holdPaging ? null : firstPageAt(service, input.urgency, now);
  const row = {
    id: newId(now),
    service_id: service.serviceId,
    title: input.title.slice(0, 500),
    status: 'triggered' as const,
    urgency: input.urgency,
    priority: input.priority,
    group_key: input.groupKey,
    triggered_at: input.triggeredAt && input.triggeredAt < now ? input.triggeredAt : now,
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    resolved_by: null,
    alert_count: input.alertCount ?? 0,
    created_by: input.createdBy.label,
    created_at: now,
    updated_at: now,
    declared_at: input.declared ? now : null,
  };
  await insertIncident(tx, row);
  const waits = pageAt !== null && pageAt.getTime() > now.getTime();
  await appendTimelineEntry(tx, { clock, actor: input.createdBy, source: input.source }, row.id, {
    kind: 'triggered',
    message:
      `Triggered by ${await actorName(tx, input.createdBy)}: ${row.title}` +
      (waits
        ? `. Low urgency outside business hours: the first page waits until ${pageAt.toISOString()} (${service.timeZone}).`
        : '') +
      (pageAt === null ? `. The escalation policy ${service.policy.name} is not walked: escalate now to page it.` : ''),
    data: {
      urgency: input.urgency,
      priority: input.priority,
      policy: { id: service.policy.id, name: service.policy.name },
      ...(input.details !== undefined && { details: input.details }),
      ...(waits && { firstPageAt: pageAt.toISOString() }),
      ...(pageAt === null && { policyHeld: true }),
    },
  });
  const event: IncidentTriggeredEvent = {
    incidentId: row.id,
    serviceId: service.serviceId,
    triggeredAt: row.triggered_at.toISOString(),
    urgency: input.urgency,
    priority: input.priority,
    noticeChannelIds: service.noticeChannelIds,
    policy: service.policy,
    firstPageAt: pageAt?.toISOString() ?? null,
  };
  await publishEvent(tx, now, 'IncidentTriggered', event, row.id);
  return { id: row.id, status: row.status, triggeredAt: row.triggered_at };
}

/**
 * An open incident is triggered again (paging's "escalate now", reassignment
 * or a snooze's end), inside the caller's transaction with the incident
 * locked. The paging state is paging's to set.
 */
export async function markTriggered(db: Db, incidentId: string, now: Date): Promise<void> {
  await updateIncidentRow(db, incidentId, { status: 'triggered', updated_at: now });
}

/** A paged incident becomes a declared one (ADR 17), inside the caller's transaction with the incident locked. */
export async function markDeclared(db: Db, incidentId: string, now: Date): Promise<void> {
  await updateIncidentRow(db, incidentId, { declared_at: now, updated_at: now });
}

/** What a person opening an incident gives (declareIncident here, the response module's declare and report). */
export interface OpenIncidentInput {
  serviceId: string;
  title: string;
  urgency: Urgency;
  priority: Priority | null;
  details?: string | undefined;
  holdPaging?: boolean;
  declared?: boolean;
}

/** A person opens an incident on a service, in the caller's transaction: no group key, created by them. */
export async function openIncident(ctx: Ctx, input: OpenIncidentInput): Promise<TriggeredIncident> {
  const service = await getPagingSettings(ctx.db, input.serviceId, ctx.clock.now());
  return triggerIncident(ctx.db, ctx.clock, {
    service,
    title: input.title,
    urgency: input.urgency,
    priority: input.priority,
    groupKey: null,
    createdBy: ctx.actor,
    source: ctx.source,
    ...(input.holdPaging !== undefined && { holdPaging: input.holdPaging }),
    ...(input.declared !== undefined && { declared: input.declared }),
    ...(input.details !== undefined && { details: input.details }),
  });
}

/** A person declares an incident on a service: it pages like any other, whatever the service's maintenance. */
export async function declareIncident(ctx: Ctx, input: DeclareIncidentInput): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'declare incidents');
  const data = DeclareIncidentSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const { id: serviceId } = await getService(withDb(ctx, tx), data.serviceId);
    const triggered = await openIncident(withDb(ctx, tx), { ...data, serviceId });
    const incident = await loadIncident(tx, triggered.id);
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.declared',
      entityType: 'incident',
      entityId: incident.id,
      after: incident,
    });
    return incident;
  });
}
