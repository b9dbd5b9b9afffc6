/**
 * Scheduled maintenances on the rendered page: the HTML sections (upcoming
 * and in progress), their feed entries' content and Statuspage's
 * scheduled-maintenances JSON (all, upcoming, active; summary.json carries
 * the upcoming and active ones).
 */
import { DateTime } from 'luxon';
import { markdownToSafeHtml } from './markdown.js';
import type { PageSnapshot } from './render.types.js';
import { MAINTENANCE_STATE_DEFINITIONS, type ComponentStatus } from './statuspages.types.js';

type Maintenance = PageSnapshot['maintenances'][number];

const esc = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export const isUpcoming = (m: Maintenance) => m.state === 'scheduled';
export const isActive = (m: Maintenance) => m.state === 'in_progress' || m.state === 'verifying';

/** "24 Dec 2026, 02:00 – 04:00 CET" (the end's date too when it is another day). */
export function windowText(m: Maintenance, zone: string): string {
  const from = DateTime.fromJSDate(m.scheduledFor, { zone }).setLocale('en-GB');
  const until = DateTime.fromJSDate(m.scheduledUntil, { zone }).setLocale('en-GB');
  const sameDay = from.toISODate() === until.toISODate();
  return `${from.toFormat('d LLL yyyy, HH:mm')} – ${until.toFormat(sameDay ? 'HH:mm ZZZZ' : 'd LLL yyyy, HH:mm ZZZZ')}`;
}

function maintenanceHtml(s: PageSnapshot, m: Maintenance): string {
  const names = new Map(s.components.map((c) => [c.id, c.name]));
  const affected = m.componentIds.map((id) => names.get(id)).filter((n): n is string => n !== undefined);
  const zone = s.page.timeZone;
  const updates = m.updates
    .map((u) => {
      const t = DateTime.fromJSDate(u.createdAt, { zone }).setLocale('en-GB').toFormat('d LLL yyyy, HH:mm ZZZZ');
      return `<div class="u"><p><span class="state">${MAINTENANCE_STATE_DEFINITIONS[u.state].label}</span> · <time datetime="${u.createdAt.toISOString()}">${esc(t)}</time></p>${markdownToSafeHtml(u.body)}</div>`;
    })
    .join('');
  return `<article class="card mt" id="maintenance-${m.id}" aria-labelledby="t-${m.id}"><h3 id="t-${m.id}">${esc(m.title)}</h3><p class="d"><time datetime="${m.scheduledFor.toISOString()}">${esc(windowText(m, zone))}</time>${
    affected.length ? ` · Affects: ${affected.map(esc).join(', ')}` : ''
  }</p>${updates}</article>`;
}

/** The page's maintenance sections: in progress first (above components), then upcoming. */
export function maintenanceSectionsHtml(s: PageSnapshot): { active: string; upcoming: string } {
  const active = s.maintenances.filter(isActive).reverse();
  const upcoming = s.maintenances.filter(isUpcoming).reverse();
  return {
    active: active.length
      ? `<section aria-labelledby="maint-active"><h2 id="maint-active">Maintenance in progress</h2>${active.map((m) => maintenanceHtml(s, m)).join('')}</section>`
      : '',
    upcoming: upcoming.length
      ? `<section aria-labelledby="maint-upcoming"><h2 id="maint-upcoming">Scheduled maintenance</h2>${upcoming.map((m) => maintenanceHtml(s, m)).join('')}</section>`
      : '',
  };
}

export const MAINTENANCE_CSS = `.mt{border-left:6px solid #0b5cad}`;

/** Statuspage's scheduled maintenance object. */
export function maintenanceJson(s: PageSnapshot, m: Maintenance, statusOf: (status: ComponentStatus) => string) {
  const byId = new Map(s.components.map((c) => [c.id, c]));
  const affected = m.componentIds.map((id) => byId.get(id)).filter((c) => c !== undefined);
  const started = m.updates.filter((u) => u.state === 'in_progress').at(-1);
  const verifying = m.updates.filter((u) => u.state === 'verifying').at(-1);
  return {
    id: m.id,
    name: m.title,
    status: m.state,
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
    monitoring_at: verifying?.createdAt.toISOString() ?? null,
    resolved_at: m.resolvedAt?.toISOString() ?? null,
    impact: 'maintenance',
    shortlink: `${s.baseUrl}#maintenance-${m.id}`,
    started_at: (started?.createdAt ?? m.scheduledFor).toISOString(),
    page_id: s.page.id,
    scheduled_for: m.scheduledFor.toISOString(),
    scheduled_until: m.scheduledUntil.toISOString(),
    incident_updates: m.updates.map((u) => ({
      id: u.id,
      status: u.state,
      body: u.body,
      incident_id: m.id,
      created_at: u.createdAt.toISOString(),
      updated_at: u.createdAt.toISOString(),
      display_at: u.createdAt.toISOString(),
      affected_components: null,
    })),
    components: affected.map((c) => ({
      id: c.id,
      name: c.name,
      status: statusOf(c.status),
      tocsin_status: c.status,
      page_id: s.page.id,
      group_id: c.groupId,
    })),
  };
}

/** scheduled-maintenances.json, upcoming.json and active.json, and summary.json's list (upcoming and active). */
export function maintenancesJson(s: PageSnapshot, page: unknown, statusOf: (status: ComponentStatus) => string) {
  const json = (list: Maintenance[]) => list.map((m) => maintenanceJson(s, m, statusOf));
  const current = s.maintenances.filter((m) => isUpcoming(m) || isActive(m));
  return {
    all: { page, scheduled_maintenances: json(s.maintenances) },
    upcoming: { page, scheduled_maintenances: json(s.maintenances.filter(isUpcoming)) },
    active: { page, scheduled_maintenances: json(s.maintenances.filter(isActive)) },
    summary: json(current),
  };
}

/** A maintenance's updates as a feed entry's HTML content. */
export function maintenanceFeedContent(m: Maintenance): string {
  return m.updates
    .map(
      (u) =>
        `<p><strong>${MAINTENANCE_STATE_DEFINITIONS[u.state].label}</strong> (${u.createdAt.toISOString()})</p>${markdownToSafeHtml(u.body)}`,
    )
    .join('');
}
