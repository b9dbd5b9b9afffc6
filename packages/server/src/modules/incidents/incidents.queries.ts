/** Reading incidents and their timelines: every signed-in role may. */
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { selectIncidents } from './incidents.repo.js';
import { readTimeline, type TimelineEntry, type TimelineFilters } from '../timeline/index.js';
import type { Incident, IncidentFilters, IncidentPage } from './incidents.schema.js';
import { incidentsView, loadIncident, requireIncidentRow } from './incidents.view.js';
import { hiddenIncidents } from './incidents.visibility.js';

/** By uuid or by number ("42" or "#42"). */
export async function getIncident(ctx: Ctx, idOrNumber: string): Promise<Incident> {
  requireRole(ctx.actor, 'stakeholder', 'read incidents');
  const row = await requireIncidentRow(ctx.db, idOrNumber, { as: ctx.actor });
  return loadIncident(ctx.db, row.id);
}

/** Newest first, a page at a time. */
export async function listIncidents(ctx: Ctx, filters: IncidentFilters = {}): Promise<IncidentPage> {
  requireRole(ctx.actor, 'stakeholder', 'read incidents');
  const limit = filters.limit ?? 50;
  const rows = await selectIncidents(ctx.db, { ...filters, limit, visibleTo: ctx.actor });
  const items = await incidentsView(ctx.db, rows);
  return { items, nextCursor: rows.length === limit ? String(rows[rows.length - 1]!.number) : null };
}

export async function getTimeline(
  ctx: Ctx,
  idOrNumber: string,
  filters: TimelineFilters = {},
): Promise<TimelineEntry[]> {
  requireRole(ctx.actor, 'stakeholder', 'read incident timelines');
  const row = await requireIncidentRow(ctx.db, idOrNumber, { as: ctx.actor });
  const entries = await readTimeline(ctx.db, row.id, filters);
  // An entry about another incident (a link, a merge) is left out when that one is private to the reader (ADR 18).
  const otherOf = (entry: TimelineEntry): string | undefined => {
    const other = (entry.data as { otherId?: unknown } | null)?.otherId;
    return typeof other === 'string' ? other : undefined;
  };
  const hidden = await hiddenIncidents(
    ctx.db,
    ctx.actor,
    entries.map(otherOf).filter((id) => id !== undefined),
  );
  return entries.filter((entry) => !hidden.has(otherOf(entry) ?? ''));
}
