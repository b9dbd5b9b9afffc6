/** Reads the rows a render of one page needs, in one read-only transaction so they agree. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { DateTime } from 'luxon';
import type { PageSnapshot } from './render.types.js';
import { selectHistorySince, selectIncidentsSince, selectMaintenancesForRender } from './maintenance.repo.js';
import type { MaintenanceState, PageIncidentState } from './statuspages.types.js';
import { UPTIME_DAYS } from './uptime.js';
import {
  findPageRow,
  selectAffected,
  selectComponents,
  selectGroups,
  selectIncidentsForRender,
  selectPageUpdates,
  selectPages,
} from './statuspages.repo.js';

const RENDERED_INCIDENTS = 50;
const RENDERED_COMPLETED_MAINTENANCES = 10;
const UPTIME_INCIDENTS = 500;

/** The day (yyyy-mm-dd) it is at `now` in the zone: what the uptime bars end on. */
export const dayIn = (now: Date, zone: string): string => DateTime.fromJSDate(now, { zone }).toISODate()!;

/** Where a page is reached from outside: its own host name, else the server's /status/<slug>/. */
export function baseUrlOf(page: { slug: string; hostName: string | null }, publicUrl: string): string {
  return page.hostName ? `https://${page.hostName}/` : `${publicUrl}/status/${page.slug}/`;
}

/** Undefined when the page no longer exists. */
export async function loadSnapshot(
  db: Db,
  pageId: string,
  publicUrl: string,
  now: Date = new Date(),
): Promise<PageSnapshot | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      const page = await findPageRow(tx, pageId);
      if (!page) return undefined;
      const [groups, components, incidents] = await Promise.all([
        selectGroups(tx, page.id),
        selectComponents(tx, page.id),
        selectIncidentsForRender(tx, page.id, RENDERED_INCIDENTS),
      ]);
      const today = dayIn(now, page.time_zone);
      const windowStart = DateTime.fromISO(today, { zone: page.time_zone })
        .minus({ days: UPTIME_DAYS - 1 })
        .toJSDate();
      const [maintenances, history, windowIncidents] = await Promise.all([
        selectMaintenancesForRender(tx, page.id, RENDERED_COMPLETED_MAINTENANCES),
        selectHistorySince(tx, page.id, windowStart),
        selectIncidentsSince(tx, page.id, windowStart, UPTIME_INCIDENTS),
      ]);
      const ids = [...incidents, ...maintenances].map((i) => i.id);
      const [affected, updates] = await Promise.all([selectAffected(tx, ids), selectPageUpdates(tx, ids)]);
      const componentIdsOf = (id: string) => affected.filter((a) => a.page_incident_id === id).map((a) => a.id);
      return {
        page: {
          id: page.id,
          slug: page.slug,
          name: page.name,
          description: page.description,
          visibility: page.visibility,
          accessKey: page.access_key,
          logoUrl: page.logo_url,
          brandColor: page.brand_color,
          linkColor: page.link_color,
          timeZone: page.time_zone,
          hostName: page.host_name,
          createdAt: page.created_at,
          updatedAt: page.updated_at,
        },
        baseUrl: baseUrlOf({ slug: page.slug, hostName: page.host_name }, publicUrl),
        subscribeUrl: page.visibility === 'public' ? `${publicUrl}/status/${page.slug}/subscribe` : null,
        groups: groups.map((g) => ({ id: g.id, name: g.name, position: g.position, createdAt: g.created_at })),
        components: components.map((c) => ({
          id: c.id,
          groupId: c.group_id,
          name: c.name,
          description: c.description,
          position: c.position,
          status: c.status,
          createdAt: c.created_at,
          updatedAt: c.updated_at,
        })),
        incidents: incidents.map((i) => ({
          id: i.id,
          title: i.title,
          state: i.state as PageIncidentState,
          createdAt: i.created_at,
          updatedAt: i.updated_at,
          resolvedAt: i.resolved_at,
          componentIds: componentIdsOf(i.id),
          updates: updates
            .filter((u) => u.page_incident_id === i.id)
            .map((u) => ({ id: u.id, state: u.state as PageIncidentState, body: u.body, createdAt: u.created_at })),
        })),
        maintenances: maintenances.map((m) => ({
          id: m.id,
          title: m.title,
          state: m.state as MaintenanceState,
          scheduledFor: m.scheduled_for!,
          scheduledUntil: m.scheduled_until!,
          createdAt: m.created_at,
          updatedAt: m.updated_at,
          resolvedAt: m.resolved_at,
          componentIds: componentIdsOf(m.id),
          updates: updates
            .filter((u) => u.page_incident_id === m.id)
            .map((u) => ({ id: u.id, state: u.state as MaintenanceState, body: u.body, createdAt: u.created_at })),
        })),
        uptime: {
          today,
          history: history.map((h) => ({ componentId: h.component_id, status: h.status, at: h.at })),
          incidents: windowIncidents.map((i) => ({
            id: i.id,
            title: i.title,
            createdAt: i.created_at,
            resolvedAt: i.resolved_at,
            componentIds: i.component_ids,
          })),
        },
      };
    });
}

export async function listPageIds(db: Db): Promise<string[]> {
  return (await selectPages(db)).map((p) => p.id);
}
