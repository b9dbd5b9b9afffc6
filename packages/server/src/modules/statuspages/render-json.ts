/**
 * The page as JSON shaped like Atlassian Statuspage's public API
 * (/api/v2/summary.json, status.json, components.json, incidents.json), so
 * existing widgets and aggregators read it unchanged. Statuspage's component
 * statuses are fewer than seed 004's: each is mapped to the nearest, and the
 * exact one is kept in `tocsin_status`.
 */
import { maintenancesJson } from './render-maintenance.js';
import type { PageSnapshot } from './render.types.js';
import { STATUS_DEFINITIONS, worstStatus, type ComponentStatus } from './statuspages.types.js';

const STATUSPAGE_STATUS: Record<ComponentStatus, string> = {
  operational: 'operational',
  degraded_performance: 'degraded_performance',
  partial_service_disruption: 'partial_outage',
  service_disruption: 'major_outage',
  security_issue: 'major_outage',
  under_maintenance: 'under_maintenance',
};

const INDICATOR: Record<ComponentStatus, 'none' | 'minor' | 'major' | 'critical' | 'maintenance'> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_service_disruption: 'major',
  security_issue: 'major',
  service_disruption: 'critical',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The page's overall status: its worst component, or minor while an incident is open on no component. */
export function overallStatus(snapshot: PageSnapshot): {
  indicator: string;
  description: string;
  worst: ComponentStatus;
} {
  const worst = worstStatus(snapshot.components.map((c) => c.status));
  const open = snapshot.incidents.some((i) => i.state !== 'resolved');
  if (worst === 'operational') {
    return open
      ? { indicator: 'minor', description: 'An incident is open', worst }
      : { indicator: 'none', description: 'All Systems Operational', worst };
  }
  return { indicator: INDICATOR[worst], description: STATUS_DEFINITIONS[worst].label, worst };
}

function pageJson(s: PageSnapshot, lastModified: Date) {
  return {
    id: s.page.id,
    name: s.page.name,
    url: s.baseUrl,
    time_zone: s.page.timeZone,
    updated_at: lastModified.toISOString(),
  };
}

function componentsJson(s: PageSnapshot) {
  const groups = s.groups.map((g) => {
    const members = s.components.filter((c) => c.groupId === g.id);
    const status = worstStatus(members.map((c) => c.status));
    return {
      id: g.id,
      name: g.name,
      status: STATUSPAGE_STATUS[status],
      tocsin_status: status,
      created_at: g.createdAt.toISOString(),
      updated_at: (
        members.map((c) => c.updatedAt).sort((a, b) => b.getTime() - a.getTime())[0] ?? g.createdAt
      ).toISOString(),
      position: g.position,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: s.page.id,
      group: true,
      only_show_if_degraded: false,
      components: members.map((c) => c.id),
    };
  });
  const components = s.components.map((c) => ({
    id: c.id,
    name: c.name,
    status: STATUSPAGE_STATUS[c.status],
    tocsin_status: c.status,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
    position: c.position,
    description: c.description || null,
    showcase: true,
    start_date: null,
    group_id: c.groupId,
    page_id: s.page.id,
    group: false,
    only_show_if_degraded: false,
  }));
  return [...groups, ...components];
}

function incidentsJson(s: PageSnapshot, incidents: PageSnapshot['incidents']) {
  const byId = new Map(s.components.map((c) => [c.id, c]));
  return incidents.map((i) => {
    const affected = i.componentIds.map((id) => byId.get(id)).filter((c) => c !== undefined);
    const worst = worstStatus(affected.map((c) => c.status));
    const monitoring = i.updates.filter((u) => u.state === 'monitoring').at(-1);
    return {
      id: i.id,
      name: i.title,
      status: i.state,
      created_at: i.createdAt.toISOString(),
      updated_at: i.updatedAt.toISOString(),
      monitoring_at: iso(monitoring?.createdAt ?? null),
      resolved_at: iso(i.resolvedAt),
      impact: i.state === 'resolved' || worst === 'operational' ? 'minor' : INDICATOR[worst],
      shortlink: `${s.baseUrl}#incident-${i.id}`,
      started_at: i.createdAt.toISOString(),
      page_id: s.page.id,
      incident_updates: i.updates.map((u) => ({
        id: u.id,
        status: u.state,
        body: u.body,
        incident_id: i.id,
        created_at: u.createdAt.toISOString(),
        updated_at: u.createdAt.toISOString(),
        display_at: u.createdAt.toISOString(),
        affected_components: null,
      })),
      components: affected.map((c) => ({
        id: c.id,
        name: c.name,
        status: STATUSPAGE_STATUS[c.status],
        tocsin_status: c.status,
        page_id: s.page.id,
        group_id: c.groupId,
      })),
    };
  });
}

export function renderJson(
  s: PageSnapshot,
  lastModified: Date,
): Record<
  'summary' | 'status' | 'components' | 'incidents' | 'maintenances' | 'upcomingMaintenances' | 'activeMaintenances',
  unknown
> {
  const page = pageJson(s, lastModified);
  const { indicator, description } = overallStatus(s);
  const status = { indicator, description };
  const components = componentsJson(s);
  const maintenances = maintenancesJson(s, page, (status) => STATUSPAGE_STATUS[status]);
  return {
    summary: {
      page,
      status,
      components,
      incidents: incidentsJson(
        s,
        s.incidents.filter((i) => i.state !== 'resolved'),
      ),
      scheduled_maintenances: maintenances.summary,
    },
    status: { page, status },
    components: { page, components },
    incidents: { page, incidents: incidentsJson(s, s.incidents.slice(0, 50)) },
    maintenances: maintenances.all,
    upcomingMaintenances: maintenances.upcoming,
    activeMaintenances: maintenances.active,
  };
}
