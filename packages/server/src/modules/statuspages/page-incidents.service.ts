/**
 * Page incidents: what the public is told about an incident, with the
 * components it affects and its updates (Investigating → Identified →
 * Monitoring → Resolved). A responder (the CMOC) publishes and updates them.
 *
 * Linked to an internal incident, the link goes through the visibility rule
 * (ADR 18): the caller must be able to see the incident, and a private or
 * security incident is published only with confirmDisclosure (seed 004:
 * some security incidents are not posted at all).
 */
import { inTransaction, type Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getIncident, getIncidentSummaries, hiddenIncidents } from '../incidents/index.js';
import { engageImocForPageDisruption, pageUpdatePublished } from '../response/index.js';
import { postMaintenanceUpdate } from './maintenance.transitions.js';
import { fillFromTemplate } from './templates.service.js';
import { requirePage, requireSecurityConfirmed } from './pages.service.js';
import {
  findPageIncidentRow,
  insertAffected,
  insertHistory,
  insertPageIncident,
  insertPageUpdate,
  notifyPageChanged,
  selectAffected,
  selectComponents,
  selectIncidentDisclosure,
  selectPageIncidents,
  selectPageIncidentsOfIncident,
  selectPageUpdates,
  updateComponentRow,
  updatePageIncidentRow,
  type PageIncidentRow,
} from './statuspages.repo.js';
import {
  CreatePageIncidentSchema,
  parseStatusPageInput,
  PostPageUpdateSchema,
  type CreatePageIncidentInput,
  type PageIncident,
  type PostPageUpdateInput,
} from './statuspages.schema.js';
import {
  PAGE_INCIDENT_STATES,
  STATUS_DEFINITIONS,
  type ComponentStatus,
  type PageIncidentState,
} from './statuspages.types.js';

const isIncidentState = (state: string): state is PageIncidentState =>
  (PAGE_INCIDENT_STATES as readonly string[]).includes(state);

/** The page's state an incident's response stage suggests (closed is resolved). */
export function stateForStage(stage: string | null): PageIncidentState {
  if (stage === 'identified' || stage === 'monitoring' || stage === 'resolved') return stage;
  if (stage === 'closed') return 'resolved';
  return 'investigating';
}

/** Page incidents with their components and updates, the links shown only to those who see the incident. */
export async function toPageIncidents(ctx: Ctx | undefined, db: Db, rows: PageIncidentRow[]): Promise<PageIncident[]> {
  const ids = rows.map((r) => r.id);
  const [affected, updates] = await Promise.all([selectAffected(db, ids), selectPageUpdates(db, ids)]);
  const linked = rows.map((r) => r.incident_id).filter((id): id is string => id !== null);
  const hidden = ctx ? await hiddenIncidents(db, ctx.actor, linked) : new Set(linked);
  const summaries = await getIncidentSummaries(
    db,
    linked.filter((id) => !hidden.has(id)),
  );
  const numbers = new Map([...summaries].map(([id, s]) => [id, s.number]));
  return rows.map((row) => ({
    id: row.id,
    pageId: row.page_id,
    kind: row.kind,
    title: row.title,
    state: row.state,
    scheduledFor: row.scheduled_for?.toISOString() ?? null,
    scheduledUntil: row.scheduled_until?.toISOString() ?? null,
    incident:
      row.incident_id && numbers.has(row.incident_id)
        ? { id: row.incident_id, number: numbers.get(row.incident_id)! }
        : null,
    disclosureConfirmed: row.disclosure_confirmed,
    components: affected
      .filter((a) => a.page_incident_id === row.id)
      .map((a) => ({ id: a.id, name: a.name, status: a.status })),
    updates: updates
      .filter((u) => u.page_incident_id === row.id)
      .map((u) => ({
        id: u.id,
        state: u.state,
        body: u.body,
        createdBy: u.created_by_label,
        createdAt: u.created_at.toISOString(),
      })),
    createdBy: row.created_by_label,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  }));
}

export async function listPageIncidents(ctx: Ctx, pageIdOrSlug: string): Promise<PageIncident[]> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  return toPageIncidents(ctx, ctx.db, await selectPageIncidents(ctx.db, page.id, 100));
}

export async function getPageIncident(ctx: Ctx, pageIdOrSlug: string, id: string): Promise<PageIncident> {
  requireRole(ctx.actor, 'viewer', 'read status pages');
  const page = await requirePage(ctx.db, pageIdOrSlug);
  const row = await findPageIncidentRow(ctx.db, page.id, id);
  if (!row) throw notFound('Page incident', id);
  return (await toPageIncidents(ctx, ctx.db, [row]))[0]!;
}

/** The page incidents telling about an internal incident (404 when the caller may not see it). */
export async function listPageIncidentsOfIncident(ctx: Ctx, incidentIdOrNumber: string): Promise<PageIncident[]> {
  const incident = await getIncident(ctx, incidentIdOrNumber);
  return toPageIncidents(ctx, ctx.db, await selectPageIncidentsOfIncident(ctx.db, incident.id));
}

function requireDisclosure(
  disclosure: { private: boolean; category: string | null },
  confirmed: boolean | undefined,
  number: number,
): void {
  if ((disclosure.private || disclosure.category === 'security') && confirmed !== true) {
    throw new AppError(
      'bad_request',
      `Incident #${number} is ${disclosure.private ? 'private' : 'a security incident'}: publish about it only when the security team agrees, with confirmDisclosure: true.`,
      { details: { incident: number, private: disclosure.private, category: disclosure.category } },
    );
  }
}

/** Seed 004: Partial Service Disruption and Service Disruption need the IMOC of the incident behind them. */
async function engageImocIfDisrupted(ctx: Ctx, tx: Db, incidentId: string | null, status: ComponentStatus | undefined) {
  if (!incidentId || (status !== 'partial_service_disruption' && status !== 'service_disruption')) return;
  if ((await selectIncidentDisclosure(tx, incidentId)).stage === null) return; // only paged: no response, no IMOC
  await engageImocForPageDisruption(withDb(ctx, tx), incidentId, STATUS_DEFINITIONS[status].label);
}

async function setAffectedStatus(
  ctx: Ctx,
  tx: Db,
  pageId: string,
  pageIncidentId: string,
  componentIds: string[],
  status: ComponentStatus,
): Promise<void> {
  const now = ctx.clock.now();
  const current = new Map((await selectComponents(tx, pageId)).map((c) => [c.id, c]));
  for (const id of componentIds) {
    const component = current.get(id);
    if (!component || component.status === status) continue;
    await updateComponentRow(tx, id, { status, updated_at: now });
    await insertHistory(tx, {
      id: newId(now),
      component_id: id,
      status,
      page_incident_id: pageIncidentId,
      set_by_label: ctx.actor.label,
      at: now,
    });
  }
}

export async function createPageIncident(
  ctx: Ctx,
  pageIdOrSlug: string,
  input: CreatePageIncidentInput,
): Promise<PageIncident> {
  requireRole(ctx.actor, 'responder', 'publish page incidents');
  const data = parseStatusPageInput(CreatePageIncidentSchema, input, 'page incident');
  requireSecurityConfirmed(data.componentStatus, data.confirmDisclosure);
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const filled = await fillFromTemplate(tx, page.id, data, true);
    let incidentId: string | null = null;
    let state = data.state;
    if (data.incident) {
      // The visibility rule: a non-member is told the incident does not exist.
      const incident = await getIncident(withDb(ctx, tx), data.incident);
      const disclosure = await selectIncidentDisclosure(tx, incident.id);
      requireDisclosure(disclosure, data.confirmDisclosure, incident.number);
      incidentId = incident.id;
      state ??= stateForStage(disclosure.stage);
    }
    state ??= 'investigating';
    const componentIds = [...new Set(data.components ?? [])];
    const known = new Set((await selectComponents(tx, page.id)).map((c) => c.id));
    const unknown = componentIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new AppError(
        'validation_failed',
        `Invalid page incident: components: not on this page: ${unknown.join(', ')}`,
      );
    const now = ctx.clock.now();
    const row = await insertPageIncident(tx, {
      id: newId(now),
      page_id: page.id,
      title: filled.title,
      state,
      incident_id: incidentId,
      disclosure_confirmed: data.confirmDisclosure === true,
      created_by_label: ctx.actor.label,
      created_at: now,
      updated_at: now,
      resolved_at: state === 'resolved' ? now : null,
    });
    await insertAffected(tx, row.id, componentIds);
    await insertPageUpdate(tx, {
      id: newId(now),
      page_incident_id: row.id,
      state,
      body: filled.body,
      created_by_label: ctx.actor.label,
      created_at: now,
    });
    // A page update is a status update to the public: the update cadence counts it.
    if (incidentId) await pageUpdatePublished(withDb(ctx, tx), incidentId);
    const status = data.componentStatus ?? (state === 'resolved' ? 'operational' : undefined);
    if (status) await setAffectedStatus(ctx, tx, page.id, row.id, componentIds, status);
    if (componentIds.length > 0) await engageImocIfDisrupted(ctx, tx, incidentId, status);
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.incident_published',
      entityType: 'status_page_incident',
      entityId: row.id,
      after: { pageId: page.id, title: row.title, state, incidentId, components: componentIds },
    });
    await notifyPageChanged(tx, page.id);
    return (await toPageIncidents(ctx, tx, [row]))[0]!;
  });
}

export async function postPageUpdate(
  ctx: Ctx,
  pageIdOrSlug: string,
  id: string,
  input: PostPageUpdateInput,
): Promise<PageIncident> {
  requireRole(ctx.actor, 'responder', 'update page incidents');
  const data = parseStatusPageInput(PostPageUpdateSchema, input, 'page update');
  requireSecurityConfirmed(data.componentStatus, data.confirmDisclosure);
  return inTransaction(ctx.db, async (tx) => {
    const page = await requirePage(tx, pageIdOrSlug, true);
    const before = await findPageIncidentRow(tx, page.id, id, true);
    if (!before) throw notFound('Page incident', id);
    const { body } = await fillFromTemplate(tx, page.id, data, false);
    if (before.kind === 'maintenance')
      return (
        await toPageIncidents(ctx, tx, [await postMaintenanceUpdate(withDb(ctx, tx), tx, before, { ...data, body })])
      )[0]!;
    if (!isIncidentState(data.state))
      throw new AppError(
        'validation_failed',
        `Invalid page update: state: an incident is ${PAGE_INCIDENT_STATES.join(', ')}, not ${data.state}`,
      );
    const state = data.state;
    const now = ctx.clock.now();
    await insertPageUpdate(tx, {
      id: newId(now),
      page_incident_id: before.id,
      state,
      body,
      created_by_label: ctx.actor.label,
      created_at: now,
    });
    if (before.incident_id) await pageUpdatePublished(withDb(ctx, tx), before.incident_id);
    const row = await updatePageIncidentRow(tx, before.id, {
      state: state,
      updated_at: now,
      resolved_at: state === 'resolved' ? (before.resolved_at ?? now) : null,
    });
    const status = data.componentStatus ?? (state === 'resolved' ? 'operational' : undefined);
    if (status) {
      const affected = (await selectAffected(tx, [before.id])).map((a) => a.id);
      await setAffectedStatus(ctx, tx, page.id, before.id, affected, status);
      if (affected.length > 0 && state !== 'resolved') await engageImocIfDisrupted(ctx, tx, before.incident_id, status);
    }
    await recordAudit(withDb(ctx, tx), {
      action: 'statuspage.incident_updated',
      entityType: 'status_page_incident',
      entityId: before.id,
      before: { state: before.state },
      after: { state: row.state },
    });
    await notifyPageChanged(tx, page.id);
    return (await toPageIncidents(ctx, tx, [row]))[0]!;
  });
}
