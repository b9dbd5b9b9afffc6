/**
 * The incident side of grouping, for the alerts module: which open incident
 * an alert with a group key joins, and counting an alert in.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { appendTimelineEntry, type TimelineContext } from '../timeline/index.js';
import {
  findOpenIncidentByGroupKey,
  incrementAlertCount,
  lockGroupKey,
  lockGroupKeysAndFindOpen,
  updateIncidentRow,
  type IncidentRecordRow,
} from './incidents.repo.js';
import type { IncidentStatus } from './incidents.types.js';

/** An open incident alerts join (its number is incidentNumbers' to read: one a batch opened has none yet). */
export interface GroupTarget {
  id: string;
  status: IncidentStatus;
}

/**
 * Group keys locked and their open incidents read up front, for a batch of
 * alerts: findIncidentForGroup answers from here for the keys it holds (and
 * learns the incidents the batch opens), and asks the database for others.
 * Valid until something in the batch acknowledges or resolves an incident.
 */
export class GroupLookups {
  private readonly open = new Map<string, OpenGroupIncident | undefined>();

  static async lock(tx: Db, groups: Array<{ serviceId: string; groupKey: string }>): Promise<GroupLookups> {
    const lookups = new GroupLookups();
    for (const g of groups) lookups.open.set(lookupKey(g.serviceId, g.groupKey), undefined);
    for (const row of await lockGroupKeysAndFindOpen(tx, groups))
      lookups.open.set(lookupKey(row.service_id, row.group_key!), openGroupIncident(row));
    return lookups;
  }

  has(serviceId: string, groupKey: string): boolean {
    return this.open.has(lookupKey(serviceId, groupKey));
  }

  get(serviceId: string, groupKey: string): OpenGroupIncident | undefined {
    return this.open.get(lookupKey(serviceId, groupKey));
  }

  /** The group's open incident is now `incident` (one the batch opened), or none. */
  set(serviceId: string, groupKey: string, incident: OpenGroupIncident | undefined): void {
    this.open.set(lookupKey(serviceId, groupKey), incident);
  }
}

/** What grouping needs of a group's open incident. */
export interface OpenGroupIncident extends GroupTarget {
  triggeredAt: Date;
}

const openGroupIncident = (row: IncidentRecordRow): OpenGroupIncident => ({
  id: row.id,
  status: row.status,
  triggeredAt: row.triggered_at,
});

const lookupKey = (serviceId: string, groupKey: string) => `${serviceId} ${groupKey}`;

/**
 * The open incident for `groupKey` on the service, or undefined when a new one
 * must open. Holds a transaction-scoped lock on the group key, so two alerts
 * arriving together cannot both open an incident for it (with `lookups`,
 * taken up front for the batch). With a window, an incident that triggered
 * longer ago stops taking alerts (its group key is cleared) and the caller
 * opens a new one.
 */
export async function findIncidentForGroup(
  tx: Db,
  clock: Clock,
  input: { serviceId: string; groupKey: string; windowMinutes: number | null },
  lookups?: GroupLookups,
): Promise<GroupTarget | undefined> {
  let open: OpenGroupIncident | undefined;
  if (lookups?.has(input.serviceId, input.groupKey)) {
    open = lookups.get(input.serviceId, input.groupKey);
  } else {
    await lockGroupKey(tx, input.serviceId, input.groupKey);
    const row = await findOpenIncidentByGroupKey(tx, input.serviceId, input.groupKey);
    open = row && openGroupIncident(row);
  }
  if (!open) return undefined;
  const now = clock.now();
  if (input.windowMinutes !== null && open.triggeredAt.getTime() < now.getTime() - input.windowMinutes * 60_000) {
    await updateIncidentRow(tx, open.id, { group_key: null, updated_at: now });
    lookups?.set(input.serviceId, input.groupKey, undefined);
    return undefined;
  }
  return { id: open.id, status: open.status };
}

/** Counts a later alert into an open incident and says so on the timeline (the first is counted by triggerIncident). */
export async function addAlertToIncident(
  tx: Db,
  by: TimelineContext,
  incidentId: string,
  alert: { id: string; summary: string },
): Promise<void> {
  const row = await incrementAlertCount(tx, incidentId, by.clock.now());
  await appendTimelineEntry(tx, by, incidentId, {
    kind: 'alert_added',
    message: `Alert grouped into this incident (${row.alert_count} alerts): ${alert.summary}`,
    data: { alertId: alert.id },
  });
}
