/**
 * Keeps each incident's analytics snapshot (incident_sla) in step with the
 * events other modules publish, in their transaction (ADR 13, ADR 15):
 * opened (team, policy, urgency, priority and the urgency's targets at that
 * instant), declared (severity, near miss, the severity's targets from the
 * same start), first acknowledgement, first Monitoring, resolution and
 * reopening, escalations and merges. docs/analytics.md says what each clock
 * means; this file only records the instants.
 */
import { transactionValue } from '../../db/context.js';
import type { Db } from '../../db/client.js';
import { rememberedRead } from '../../db/remembered.js';
import type { Clock } from '../../lib/clock.js';
import type { IncidentAcknowledgedEvent, IncidentResolvedEvent, IncidentTriggeredEvent } from '../incidents/index.js';
import type { IncidentEscalatedEvent } from '../paging/index.js';
import type { IncidentDeclaredEvent, IncidentMergedEvent, IncidentStageChangedEvent } from '../response/index.js';
import { getServiceClockFacts, type BusinessHours } from '../services/index.js';
import { dueAt } from './analytics.business-time.js';
import {
  findSnapshot,
  insertSnapshot,
  listTargetRows,
  recordEscalation,
  recordFirstAck,
  updateSnapshot,
  type SlaTargetRow,
} from './analytics.repo.js';

/** The targets as this node remembers them while they do not change (db/remembered.ts). */
const rememberedTargets = rememberedRead('sla_targets', listTargetRows);

/** The targets, read once per transaction (an ingest batch opens many incidents). */
async function targetsFor(db: Db, scope: 'severity' | 'urgency', key: string): Promise<SlaTargetRow | undefined> {
  let rows = transactionValue.get<SlaTargetRow[]>(db, 'analytics.targets');
  if (!rows) {
    rows = await rememberedTargets(db);
    transactionValue.set(db, 'analytics.targets', rows);
  }
  return rows.find((row) => row.scope === scope && row.key === key);
}

function dueColumns(
  target: SlaTargetRow | undefined,
  service: { businessHours: BusinessHours | null; timeZone: string },
  openedAt: Date,
) {
  const ack = { minutes: target?.ack_minutes ?? null, businessHours: target?.ack_business_hours ?? false };
  const resolve = { minutes: target?.resolve_minutes ?? null, businessHours: target?.resolve_business_hours ?? false };
  return {
    ack_target_minutes: ack.minutes,
    ack_business_hours: ack.businessHours,
    ack_due_at: dueAt(ack, service, openedAt),
    resolve_target_minutes: resolve.minutes,
    resolve_business_hours: resolve.businessHours,
    resolve_due_at: dueAt(resolve, service, openedAt),
  };
}

/** IncidentTriggered: the snapshot at open, measured against the urgency's targets until it is declared. */
export async function snapshotOpened(db: Db, clock: Clock, event: IncidentTriggeredEvent): Promise<void> {
  // The batch that opened it has read its service already: no read here (ADR 33).
  const service = await getServiceClockFacts(db, event.serviceId);
  const openedAt = new Date(event.triggeredAt);
  await insertSnapshot(db, {
    incident_id: event.incidentId,
    opened_at: openedAt,
    service_id: event.serviceId,
    team_id: service.teamId,
    escalation_policy_id: event.policy.id,
    urgency: event.urgency,
    priority: event.priority,
    severity: null,
    time_zone: service.timeZone,
    business_hours: JSON.stringify(service.businessHours),
    ...dueColumns(await targetsFor(db, 'urgency', event.urgency), service, openedAt),
    paged_user_ids: [],
    merged_into: null,
    updated_at: clock.now(),
  });
}

/** IncidentDeclared (or promoted): the severity's targets, counted from when it opened. */
export async function snapshotDeclared(db: Db, clock: Clock, event: IncidentDeclaredEvent): Promise<void> {
  const snapshot = await findSnapshot(db, event.incidentId);
  if (!snapshot) return;
  const service = {
    businessHours: snapshot.business_hours as BusinessHours | null,
    timeZone: snapshot.time_zone,
  };
  await updateSnapshot(db, event.incidentId, {
    severity: event.severity,
    near_miss: event.nearMiss,
    ...dueColumns(await targetsFor(db, 'severity', event.severity), service, snapshot.opened_at),
    updated_at: clock.now(),
  });
}

export async function snapshotAcknowledged(db: Db, clock: Clock, event: IncidentAcknowledgedEvent): Promise<void> {
  const kind = event.by.type === 'user' ? 'person' : 'integration';
  await recordFirstAck(db, event.incidentId, clock.now(), kind, event.by.id);
}

/** The paging status resolved (a paged-only incident's end; a declared one's stage says more, below). */
export async function snapshotResolved(db: Db, clock: Clock, event: IncidentResolvedEvent): Promise<void> {
  const snapshot = await findSnapshot(db, event.incidentId);
  if (!snapshot || snapshot.resolved_at) return;
  await updateSnapshot(db, event.incidentId, { resolved_at: clock.now(), updated_at: clock.now() });
}

const DONE = new Set(['resolved', 'closed']);

/** First Monitoring mitigates; Resolved or Closed resolves; back to an open stage reopens. */
export async function snapshotStageChanged(db: Db, clock: Clock, event: IncidentStageChangedEvent): Promise<void> {
  const snapshot = await findSnapshot(db, event.incidentId);
  if (!snapshot) return;
  const at = new Date(event.at);
  if (event.to === 'monitoring' && !snapshot.mitigated_at) {
    await updateSnapshot(db, event.incidentId, { mitigated_at: at, updated_at: clock.now() });
  } else if (DONE.has(event.to) && !snapshot.resolved_at) {
    await updateSnapshot(db, event.incidentId, { resolved_at: at, updated_at: clock.now() });
  } else if (DONE.has(event.from) && !DONE.has(event.to)) {
    await updateSnapshot(db, event.incidentId, {
      resolved_at: null,
      reopen_count: snapshot.reopen_count + 1,
      ...(event.to === 'monitoring' && !snapshot.mitigated_at && { mitigated_at: at }),
      updated_at: clock.now(),
    });
  }
}

/** A step past the first level of the policy (or a reassignment) is an escalation; everyone reached was paged. */
export async function snapshotEscalated(db: Db, clock: Clock, event: IncidentEscalatedEvent): Promise<void> {
  const counts = event.level !== 1 || event.loop > 0;
  await recordEscalation(db, event.incidentId, clock.now(), counts, event.userIds);
}

export async function snapshotMerged(db: Db, clock: Clock, event: IncidentMergedEvent): Promise<void> {
  await updateSnapshot(db, event.incidentId, { merged_into: event.intoId, updated_at: clock.now() });
}
