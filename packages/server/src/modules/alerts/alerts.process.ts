/**
 * Processing one stored event, inside the transaction that claimed it, with
 * PagerDuty's dedup rules: scoped to the integration key; a trigger on an open
 * alert adds to it and pages nobody again; after resolve, a trigger opens a
 * new alert; acknowledge or resolve for an unknown or resolved dedup key is
 * dropped. Returns what happened, which is kept on the event row, and the
 * alert that received the event (whose log keeps it).
 */
import type { Db } from '../../db/client.js';
import { trustRememberedRows } from '../../db/remembered.js';
import { systemActor, type Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import {
  acknowledgeIncident,
  addAlertToIncident,
  findIncidentForGroup,
  getIncidentSummary,
  GroupLookups,
  incidentNumbers,
  resolveByAlerts,
  triggerIncident,
} from '../incidents/index.js';
import { knowUsers } from '../paging/index.js';
import { decideUrgency, getPagingSettings, getPagingSettingsMany, type PagingSettings } from '../services/index.js';
import { alertColumns, retriggerColumns, toAlertFields, type AlertFields } from './alert-fields.js';
import {
  addTrigger,
  countOpenAlertsOfIncident,
  findOpenAlert,
  findOpenAlerts,
  insertAlert,
  openAlertKey,
  updateAlertRow,
  type AlertRow,
  type ClaimedEvent,
} from './alerts.repo.js';
import { decideGroup } from './grouping.js';

/**
 * What processing a batch reads once for all its events: the services'
 * paging settings, and the open alerts of its dedup keys (until an
 * acknowledge or resolve in the batch may have changed other alerts; then
 * each event reads its own again).
 */
export interface BatchFacts {
  settings: Map<string, PagingSettings>;
  openAlerts: Map<string, AlertRow> | undefined;
  /** The group keys its triggers may open or join incidents on, locked, with their open incidents. */
  groups: GroupLookups | undefined;
}

export async function readBatchFacts(tx: Db, clock: Clock, events: ClaimedEvent[]): Promise<BatchFacts> {
  // It pages by services, policies, people and rules it does not change: as this node remembers them (ADR 38).
  trustRememberedRows(tx);
  const settings = await getPagingSettingsMany(
    tx,
    events.map((e) => e.service_id),
    clock.now(),
  );
  const openAlerts = await findOpenAlerts(
    tx,
    events.map((e) => ({ integrationKeyId: e.integration_key_id, dedupKey: e.dedup_key })),
  );
  const groups = events.flatMap((event) => {
    const service = settings.get(event.service_id);
    if (event.action !== 'trigger' || !service) return [];
    return [{ serviceId: service.serviceId, groupKey: groupFor(service, event, toAlertFields(event.alert)).groupKey }];
  });
  const firstLevelUsers = [...settings.values()].flatMap((s) =>
    (s.policy.levels[0]?.targets ?? []).filter((t) => t.type === 'user').map((t) => t.id),
  );
  const lookups = await GroupLookups.lock(tx, groups);
  // The people of first steps, the users its services' policies name at level 1, read up front for the whole batch.
  await knowUsers(tx, firstLevelUsers);
  return { settings, openAlerts, groups: lookups };
}

const groupFor = (service: PagingSettings, event: ClaimedEvent, fields: AlertFields) =>
  decideGroup(service.grouping, { integrationKeyId: event.integration_key_id, dedupKey: event.dedup_key, fields });

interface Processing {
  tx: Db;
  clock: Clock;
  event: ClaimedEvent;
  facts: BatchFacts | undefined;
  /** The integration acts as a system actor named after it, on the timeline and in the audit log. */
  actor: Actor;
  /** The alert that received the event, once known; none when it was dropped. */
  alertId?: string;
  /** Always ingest: what an integration acts through. */
  source: 'ingest';
}

/**
 * What happened to an event, kept on its row: text, or text naming an
 * incident by its number, which an incident the batch opened has only once
 * the batch writes it (resultTexts reads the numbers once for the batch).
 */
export type Outcome = string | { incidentId: string; say: (incidentNumber: number) => string };

export interface ProcessedEvent {
  result: Outcome;
  alertId: string | undefined;
}

/** The outcomes as text, in order: the numbers of the incidents they name read in one query. */
export async function resultTexts(tx: Db, outcomes: readonly Outcome[]): Promise<string[]> {
  const named = outcomes.flatMap((outcome) => (typeof outcome === 'string' ? [] : [outcome.incidentId]));
  const numbers = await incidentNumbers(tx, named);
  return outcomes.map((outcome) =>
    typeof outcome === 'string' ? outcome : outcome.say(numbers.get(outcome.incidentId)!),
  );
}

export async function processEvent(
  tx: Db,
  clock: Clock,
  event: ClaimedEvent,
  facts?: BatchFacts,
): Promise<ProcessedEvent> {
  const p: Processing = {
    tx,
    clock,
    event,
    facts,
    actor: systemActor(`Integration ${event.key_name}`),
    source: 'ingest',
  };
  const result = await apply(p);
  return { result, alertId: p.alertId };
}

async function apply(p: Processing): Promise<Outcome> {
  const { tx, clock, event, facts } = p;
  let open = facts?.openAlerts
    ? facts.openAlerts.get(openAlertKey(event.integration_key_id, event.dedup_key))
    : await findOpenAlert(tx, event.integration_key_id, event.dedup_key);
  // An acknowledge or resolve may change other alerts and incidents: later events read their own.
  if (facts && event.action !== 'trigger') {
    facts.openAlerts = undefined;
    facts.groups = undefined;
  }
  if (open?.incident_id && (await getIncidentSummary(tx, open.incident_id))?.status === 'resolved') {
    // Someone resolved its incident and the IncidentResolved subscriber has
    // not caught up yet: the alert is over all the same.
    const now = clock.now();
    await updateAlertRow(tx, open.id, { status: 'resolved', resolved_at: now, updated_at: now });
    open = undefined;
  }
  if (event.action !== 'trigger') p.alertId = open?.id;
  switch (event.action) {
    case 'trigger':
      return trigger(p, open);
    case 'acknowledge':
      return acknowledge(p, open);
    case 'resolve':
      return resolve(p, open);
  }
}

function quietReason(service: PagingSettings): string | undefined {
  if (service.isDisabled) return `service ${service.slug} is disabled`;
  if (service.isInMaintenance) return `service ${service.slug} is in maintenance`;
  return undefined;
}

async function trigger(p: Processing, open: AlertRow | undefined): Promise<Outcome> {
  const { tx, clock, event } = p;
  const now = clock.now();
  // When the sender said it happened: a backlog of unprocessed events must not make it later (MTTA counts from here).
  const received = event.received_at;
  if (open && open.status !== 'suppressed') {
    const alert = await addTrigger(tx, open.id, {
      ...retriggerColumns(open, event.alert, event.raw),
      last_triggered_at: received,
      updated_at: now,
    });
    p.alertId = alert.id;
    return `added to open alert ${alert.id} (trigger ${alert.trigger_count}); nobody paged again`;
  }
  const service = p.facts?.settings.get(event.service_id) ?? (await getPagingSettings(tx, event.service_id, now));
  const quiet = quietReason(service);
  if (open) {
    // Suppressed during maintenance: still quiet, it absorbs the trigger;
    // maintenance over and the problem still there, it pages now.
    const alert = await addTrigger(tx, open.id, {
      ...retriggerColumns(open, event.alert, event.raw),
      status: quiet ? 'suppressed' : 'triggered',
      last_triggered_at: received,
      updated_at: now,
    });
    p.alertId = alert.id;
    if (quiet) return `added to suppressed alert ${alert.id}: ${quiet}; nobody paged`;
    const target = await incidentFor(p, service);
    await updateAlertRow(tx, alert.id, { incident_id: target.incidentId });
    if (!target.isNew)
      await addAlertToIncident(tx, { clock, actor: p.actor, source: p.source }, target.incidentId, {
        id: alert.id,
        summary: alert.summary,
      });
    return target.describe(alert.id);
  }
  const columns = alertColumns(event.alert, event.raw);
  const row = (incidentId: string | null, status: 'suppressed' | 'triggered') => ({
    id: newId(now),
    service_id: service.serviceId,
    integration_key_id: event.integration_key_id,
    incident_id: incidentId,
    dedup_key: event.dedup_key,
    status,
    ...columns,
    first_triggered_at: received,
    last_triggered_at: received,
    acknowledged_at: null,
    resolved_at: null,
    created_at: now,
    updated_at: now,
  });
  if (quiet) {
    const alert = row(null, 'suppressed');
    await insertAlert(tx, alert);
    p.alertId = alert.id;
    return `suppressed new alert ${alert.id}: ${quiet}; nobody paged`;
  }
  // A new alert that pages: its incident first, so the alert is written once, already in it.
  const target = await incidentFor(p, service);
  const alert = row(target.incidentId, 'triggered');
  await insertAlert(tx, alert);
  p.alertId = alert.id;
  if (!target.isNew)
    await addAlertToIncident(tx, { clock, actor: p.actor, source: p.source }, target.incidentId, {
      id: alert.id,
      summary: alert.summary,
    });
  return target.describe(alert.id);
}

interface IncidentTarget {
  incidentId: string;
  isNew: boolean;
  describe(alertId: string): Outcome;
}

/** The open incident this alert groups into, or a new one it triggers (counting the alert). */
async function incidentFor(p: Processing, service: PagingSettings): Promise<IncidentTarget> {
  const { tx, clock, event, actor } = p;
  const fields = toAlertFields(event.alert);
  const decision = groupFor(service, event, fields);
  const group = { serviceId: service.serviceId, groupKey: decision.groupKey, windowMinutes: decision.windowMinutes };
  const existing = await findIncidentForGroup(tx, clock, group, p.facts?.groups);
  if (existing)
    return {
      incidentId: existing.id,
      isNew: false,
      describe: (id) => ({ incidentId: existing.id, say: (number) => `alert ${id} grouped into incident #${number}` }),
    };
  const { urgency, priority } = decideUrgency(service.urgencyRules, { severity: fields.severity });
  const incident = await triggerIncident(tx, clock, {
    service,
    title: fields.summary,
    urgency,
    priority,
    groupKey: decision.groupKey,
    createdBy: actor,
    source: p.source,
    alertCount: 1,
    triggeredAt: event.received_at,
  });
  p.facts?.groups?.set(group.serviceId, group.groupKey, {
    id: incident.id,
    status: incident.status,
    triggeredAt: incident.triggeredAt,
  });
  return {
    incidentId: incident.id,
    isNew: true,
    describe: (id) => ({
      incidentId: incident.id,
      say: (number) => `alert ${id} triggered incident #${number} (${urgency} urgency)`,
    }),
  };
}

const DROPPED = 'dropped: no open alert has this dedup key (never triggered, or already resolved)';

async function acknowledge(p: Processing, open: AlertRow | undefined): Promise<string> {
  const { tx, clock, actor } = p;
  if (!open) return DROPPED;
  if (open.status === 'suppressed')
    return `dropped: alert ${open.id} was suppressed and paged nobody; nothing to acknowledge`;
  const now = clock.now();
  if (open.status === 'triggered')
    await updateAlertRow(tx, open.id, { status: 'acknowledged', acknowledged_at: now, updated_at: now });
  if (!open.incident_id) return `acknowledged alert ${open.id}`;
  const incident = await getIncidentSummary(tx, open.incident_id);
  if (incident?.status !== 'triggered')
    return `acknowledged alert ${open.id}; incident #${incident?.number} was already ${incident?.status}`;
  await acknowledgeIncident({ db: tx, clock, actor, source: p.source }, incident.id);
  return `acknowledged alert ${open.id} and incident #${incident.number}`;
}

async function resolve(p: Processing, open: AlertRow | undefined): Promise<string> {
  const { tx, clock, actor } = p;
  if (!open) return DROPPED;
  const now = clock.now();
  await updateAlertRow(tx, open.id, { status: 'resolved', resolved_at: now, updated_at: now });
  if (!open.incident_id) return `resolved alert ${open.id}`;
  const remaining = await countOpenAlertsOfIncident(tx, open.incident_id);
  if (remaining > 0)
    return `resolved alert ${open.id}; its incident keeps ${remaining} open alert${remaining === 1 ? '' : 's'}`;
  const incident = await resolveByAlerts({ db: tx, clock, actor, source: p.source }, open.incident_id);
  return incident.resolved
    ? `resolved alert ${open.id} and incident #${incident.number}`
    : `resolved alert ${open.id}; incident #${incident.number} is declared and stays open for its owner`;
}
