/**
 * A component's uptime history, as Statuspage counts it: each day of the
 * last 90 (in the page's time zone) weighs the time the component spent in
 * each status. Service Disruption and Security Issue (Statuspage's major
 * outage) count fully as downtime, Partial Service Disruption (partial
 * outage) counts 30 %, Degraded Performance and Under Maintenance count as
 * up. Time before the component existed is no data, not uptime. Pure: the
 * same rows and day give the same figures; the status held at the last
 * change is counted to the end of the render's day (the next change, or
 * the next day, renders again).
 */
import { DateTime } from 'luxon';
import type { PageSnapshot } from './render.types.js';
import { STATUS_RANK, type ComponentStatus } from './statuspages.types.js';

export const UPTIME_DAYS = 90;

/** How much of the time in a status counts as downtime. */
export const DOWNTIME_WEIGHT: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_service_disruption: 0.3,
  service_disruption: 1,
  security_issue: 1,
};

export interface UptimeDay {
  /** yyyy-mm-dd in the page's time zone. */
  date: string;
  /** Null: the component did not exist yet that day. */
  uptime: number | null;
  /** The worst status held at any time that day. */
  worst: ComponentStatus | null;
  /** The page incidents affecting the component open at some time that day. */
  incidents: Array<{ id: string; title: string }>;
}

export interface ComponentUptime {
  days: UptimeDay[];
  /** Over the days with data; null when none. */
  uptime: number | null;
}

type Uptime = PageSnapshot['uptime'];

export function componentUptime(
  component: { id: string; createdAt: Date },
  uptime: Uptime,
  zone: string,
  days = UPTIME_DAYS,
): ComponentUptime {
  const last = DateTime.fromISO(uptime.today, { zone });
  const history = uptime.history.filter((h) => h.componentId === component.id);
  const incidents = uptime.incidents.filter((i) => i.componentIds.includes(component.id));
  const created = component.createdAt.getTime();
  let down = 0;
  let total = 0;
  const out: UptimeDay[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const day = last.minus({ days: back });
    const dayStart = day.startOf('day').toMillis();
    const end = day.plus({ days: 1 }).startOf('day').toMillis();
    const start = Math.max(dayStart, created);
    const date = day.toISODate()!;
    if (start >= end) {
      out.push({ date, uptime: null, worst: null, incidents: [] });
      continue;
    }
    let dayDown = 0;
    let worst: ComponentStatus = 'operational';
    for (let i = 0; i < history.length; i++) {
      const from = Math.max(history[i]!.at.getTime(), start);
      const to = Math.min(history[i + 1]?.at.getTime() ?? Infinity, end);
      if (to <= from) continue;
      const status = history[i]!.status;
      dayDown += (to - from) * DOWNTIME_WEIGHT[status];
      if (STATUS_RANK[status] > STATUS_RANK[worst]) worst = status;
    }
    down += dayDown;
    total += end - start;
    out.push({
      date,
      uptime: 1 - dayDown / (end - start),
      worst,
      incidents: incidents
        .filter((i) => i.createdAt.getTime() < end && (i.resolvedAt === null || i.resolvedAt.getTime() >= dayStart))
        .map((i) => ({ id: i.id, title: i.title })),
    });
  }
  return { days: out, uptime: total === 0 ? null : 1 - down / total };
}

/** As Statuspage shows it: a percentage to two decimals, rounded down (any downtime shows below 100). */
export function formatUptime(uptime: number): string {
  return `${(Math.floor(uptime * 10_000 + 1e-9) / 100).toFixed(2)} %`;
}
