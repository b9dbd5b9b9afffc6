/**
 * The incident side of grouping, for the alerts module: which open incident
 * an alert with a group key joins, and counting an alert in.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import { findOpenIncidentByGroupKey, incrementAlertCount, lockGroupKey, updateIncidentRow } from './incidents.repo.js';
import type { IncidentStatus } from './incidents.types.js';
import { addTimelineEntry } from './timeline.js';

export interface GroupTarget {
  id: string;
  number: number;
  status: IncidentStatus;
}

/**
 * The open incident for `groupKey` on the service, or undefined when a new one
 * must open. Holds a transaction-scoped lock on the group key, so two alerts
 * arriving together cannot both open an incident for it. With a window, an
 * incident that triggered longer ago stops taking alerts (its group key is
 * cleared) and the caller opens a new one.
 */
export async function findIncidentForGroup(
  tx: Db,
  clock: Clock,
  input: { serviceId: string; groupKey: string; windowMinutes: number | null },
): Promise<GroupTarget | undefined> {
  await lockGroupKey(tx, input.serviceId, input.groupKey);
  const open = await findOpenIncidentByGroupKey(tx, input.serviceId, input.groupKey);
  if (!open) return undefined;
  const now = clock.now();
  if (input.windowMinutes !== null && open.triggered_at.getTime() < now.getTime() - input.windowMinutes * 60_000) {
    await updateIncidentRow(tx, open.id, { group_key: null, updated_at: now });
    return undefined;
  }
  return { id: open.id, number: Number(open.number), status: open.status };
}

/** Counts a later alert into an open incident and says so on the timeline (the first is counted by triggerIncident). */
export async function addAlertToIncident(tx: Db, clock: Clock, incidentId: string, actor: Actor, alert: { id: string; summary: string }): Promise<void> {
  const row = await incrementAlertCount(tx, incidentId, clock.now());
  await addTimelineEntry(tx, clock, incidentId, actor, {
    kind: 'alert_added',
    message: `Alert grouped into this incident (${row.alert_count} alerts): ${alert.summary}`,
    data: { alertId: alert.id },
  });
}
