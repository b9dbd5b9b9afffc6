/** Reading alerts: a page of them, one alone (with the sender's raw payload), its log of events, or the alerts of an incident. */
import { notFound } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { canSeeIncident, getIncident, getIncidentSummaries } from '../incidents/index.js';
import { encodeAlertCursor, selectAlertPage } from './alerts.queries.js';
import { selectAlertEventPage } from './alert-events.repo.js';
import { selectAlert, selectAlertsOfIncident, type AlertRow } from './alerts.repo.js';
import { redactRawPayload } from './redact.js';
import type {
  Alert,
  AlertDetail,
  AlertEventPage,
  AlertFilters,
  AlertPage,
  IncidentWithAlerts,
} from './alerts.schema.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toAlert(row: AlertRow, incidentNumber: number | null): Alert {
  return {
    id: row.id,
    serviceId: row.service_id,
    integrationKeyId: row.integration_key_id,
    incidentId: row.incident_id,
    incidentNumber,
    dedupKey: row.dedup_key,
    status: row.status,
    summary: row.summary,
    source: row.source,
    severity: row.severity,
    component: row.component,
    group: row.group,
    class: row.class,
    customDetails: row.custom_details ?? null,
    links: row.links as Alert['links'],
    images: row.images as Alert['images'],
    client: row.client,
    clientUrl: row.client_url,
    triggerCount: row.trigger_count,
    firstTriggeredAt: row.first_triggered_at.toISOString(),
    lastTriggeredAt: row.last_triggered_at.toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The numbers (#N) of the incidents these alerts were grouped into, read in one query. */
async function incidentNumbers(ctx: Ctx, rows: AlertRow[]): Promise<(row: AlertRow) => number | null> {
  const summaries = await getIncidentSummaries(
    ctx.db,
    rows.flatMap((row) => (row.incident_id ? [row.incident_id] : [])),
  );
  return (row) => (row.incident_id ? (summaries.get(row.incident_id)?.number ?? null) : null);
}

/** The alert, or a 404 when there is none or it belongs to a private incident the actor may not see (ADR 18). */
async function visibleAlert(ctx: Ctx, id: string): Promise<AlertRow> {
  const row = await selectAlert(ctx.db, id);
  if (!row || (row.incident_id && !(await canSeeIncident(ctx.db, ctx.actor, row.incident_id))))
    throw notFound('Alert', id);
  return row;
}

/** Every alert (suppressed ones too), newest first, a page at a time. */
export async function listAlerts(ctx: Ctx, filters: AlertFilters = {}): Promise<AlertPage> {
  requireRole(ctx.actor, 'stakeholder', 'read alerts');
  const limit = filters.limit ?? 50;
  const rows = await selectAlertPage(ctx.db, { ...filters, limit, visibleTo: ctx.actor });
  const numbers = await incidentNumbers(ctx, rows);
  return {
    items: rows.map((row) => toAlert(row, numbers(row))),
    nextCursor: rows.length === limit ? encodeAlertCursor(rows[rows.length - 1]!) : null,
  };
}

export async function getAlert(ctx: Ctx, id: string): Promise<AlertDetail> {
  requireRole(ctx.actor, 'stakeholder', 'read alerts');
  const row = await visibleAlert(ctx, id);
  return { ...toAlert(row, (await incidentNumbers(ctx, [row]))(row)), raw: redactRawPayload(row.raw) };
}

/**
 * The events an alert received (its newest 100 are kept), newest first, a
 * page at a time; read by whoever may read the alert, payloads redacted as
 * the alert's own is.
 */
export async function listAlertEvents(
  ctx: Ctx,
  alertId: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<AlertEventPage> {
  requireRole(ctx.actor, 'stakeholder', 'read alerts');
  await visibleAlert(ctx, alertId);
  const limit = page.limit ?? 20;
  const rows = await selectAlertEventPage(ctx.db, alertId, limit, page.cursor);
  return {
    items: rows.map((row) => ({
      id: String(row.id),
      action: row.action,
      receivedAt: row.received_at.toISOString(),
      source: row.source,
      summary: row.summary,
      payload: redactRawPayload(row.payload),
    })),
    nextCursor: rows.length === limit ? String(rows[rows.length - 1]!.id) : null,
  };
}

/** The alerts grouped into an incident (by uuid or number), oldest first. */
export async function listIncidentAlerts(ctx: Ctx, incidentIdOrNumber: string): Promise<Alert[]> {
  const incident = await getIncident(ctx, incidentIdOrNumber);
  return (await selectAlertsOfIncident(ctx.db, incident.id)).map((row) => toAlert(row, incident.number));
}

/** An incident with its alerts: links back to the source, trigger counts. */
export async function getIncidentWithAlerts(ctx: Ctx, incidentIdOrNumber: string): Promise<IncidentWithAlerts> {
  const incident = await getIncident(ctx, incidentIdOrNumber);
  return {
    ...incident,
    alerts: (await selectAlertsOfIncident(ctx.db, incident.id)).map((row) => toAlert(row, incident.number)),
  };
}
