/**
 * How incidents begin: triggered by alerts (the alerts module calls
 * triggerIncident inside its processing transaction) or declared by a person.
 */
import { isFailFast, withSavepoint } from '../../db/batch.js';
import { inTransaction, type Db } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import type { Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { Source } from '../../lib/source.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getPagingSettings, getService, type PagingSettings, type Priority, type Urgency } from '../services/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { pageAt } from './escalation-plan.js';
import { planStep, takeEscalationStep } from './escalation.step.js';
import { insertIncident, wakeEngine } from './incidents.repo.js';
import { DeclareIncidentSchema, type DeclareIncidentInput, type Incident } from './incidents.schema.js';
import type { IncidentTriggeredEvent, ResolveTargets } from './incidents.types.js';
import { actorName, toIncident } from './incidents.view.js';
import { resolveTargets } from './targets.js';

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
  /** How the first step finds its people (default resolveTargets; a batch passes one that read them up front). */
  resolveTargets?: ResolveTargets;
}

/** Opens a triggered incident and takes its first escalation step at once (or leaves it for the next business start). */
export async function triggerIncident(tx: Db, clock: Clock, input: TriggerIncidentInput): Promise<Incident> {
  const now = clock.now();
  const { service } = input;
  const firstPageAt = pageAt({ urgency: input.urgency, businessHours: service.businessHours, timeZone: service.timeZone }, now);
  const fields = {
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
    escalation_level: 0,
    escalation_loop: 0,
    next_escalation_at: firstPageAt,
    assignee_ids: [] as string[],
    snoozed_until: null,
    created_by: input.createdBy.label,
    created_at: now,
    updated_at: now,
  };
  const waits = firstPageAt.getTime() > now.getTime();
  // In a fail-fast batch (db/batch.ts) the first step is planned before the
  // incident is written, so the row is written once, with the step in it;
  // any failure redoes the whole batch with care, below.
  const step = !waits && isFailFast(tx) ? await planStep(tx, clock, { ...fields, escalation_policy: service.policy }, input.resolveTargets ?? resolveTargets) : undefined;
  const row = await insertIncident(tx, { ...fields, ...step?.patch, escalation_policy: JSON.stringify(service.policy) });
  await appendTimelineEntry(tx, { clock, actor: input.createdBy, source: input.source }, row.id, {
    kind: 'triggered',
    message:
      `Triggered by ${await actorName(tx, input.createdBy)}: ${row.title}` +
      (waits ? `. Low urgency outside business hours: the first page waits until ${firstPageAt.toISOString()} (${service.timeZone}).` : ''),
    data: {
      urgency: input.urgency,
      priority: input.priority,
      policy: { id: service.policy.id, name: service.policy.name },
      ...(input.details !== undefined && { details: input.details }),
      ...(waits && { firstPageAt: firstPageAt.toISOString() }),
    },
  });
  let current = row;
  if (step) {
    await step.record();
  } else if (!waits) {
    // The first step now, in this transaction: the page is planned when the
    // incident commits, not a reconciler pass later. If it fails, only the
    // step is undone; the incident stays due and the escalation reconciler
    // takes the step (and puts any failure on the timeline).
    const taken = await withSavepoint(tx, async () => {
      current = (await takeEscalationStep(tx, clock, row, input.resolveTargets ?? resolveTargets)) ?? row;
    });
    // The escalation reconciler may be resting until its next due step: tell it this one is due now.
    if (!taken.ok) await wakeEngine(tx, { evenFromEngine: true });
  }
  const event: IncidentTriggeredEvent = { incidentId: row.id, serviceId: service.serviceId, urgency: input.urgency, noticeChannelIds: service.noticeChannelIds };
  await publishEvent(tx, now, 'IncidentTriggered', event, row.id);
  return toIncident({ ...current, service_slug: service.slug, service_name: service.name }, new Map());
}

/** A person declares an incident on a service: it pages like any other, whatever the service's maintenance. */
export async function declareIncident(ctx: Ctx, input: DeclareIncidentInput): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'declare incidents');
  const data = DeclareIncidentSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const { id: serviceId } = await getService(withDb(ctx, tx), data.serviceId);
    const service = await getPagingSettings(tx, serviceId, ctx.clock.now());
    const incident = await triggerIncident(tx, ctx.clock, {
      service,
      title: data.title,
      urgency: data.urgency,
      priority: data.priority,
      groupKey: null,
      createdBy: ctx.actor,
      source: ctx.source,
      ...(data.details !== undefined && { details: data.details }),
    });
    await recordAudit(withDb(ctx, tx), { action: 'incident.declared', entityType: 'incident', entityId: incident.id, after: incident });
    return incident;
  });
}
