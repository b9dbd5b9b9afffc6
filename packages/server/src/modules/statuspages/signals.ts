/**
 * Status from signals: a component that follows a Tocsin service (and has
 * statusFromSignals on) takes the status its service's open declared
 * incidents suggest, the worst of them: S1 → Service Disruption, S2 →
 * Partial Service Disruption, S3 → Degraded Performance, S4 → Operational.
 * Near misses, private and security incidents never show (seed 004: a
 * security incident is published only on purpose). A person setting the
 * status overrides the signal until they clear the override; a component
 * Under Maintenance is left to its maintenance. Runs in the transaction of
 * the incident change that published the event (app/wiring/statuspages.ts).
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { insertHistory, notifyPageChanged, updateComponentRow } from './statuspages.repo.js';
import { selectSignalComponents, selectSignalSeverities } from './signals.repo.js';
import { worstStatus, type ComponentStatus } from './statuspages.types.js';

/** Who signal-driven changes are recorded as. */
export const SIGNALS_LABEL = 'Signals';

export const SEVERITY_STATUS: Record<string, ComponentStatus> = {
  S1: 'service_disruption',
  S2: 'partial_service_disruption',
  S3: 'degraded_performance',
  S4: 'operational',
};

/** The status the open incidents' severities suggest (operational when none). */
export const signalStatusOf = (severities: string[]): ComponentStatus =>
  worstStatus(severities.map((s) => SEVERITY_STATUS[s] ?? 'operational'));

/** What the signals say now for a service. */
export async function signalStatus(db: Db, serviceId: string): Promise<ComponentStatus> {
  return signalStatusOf(await selectSignalSeverities(db, serviceId));
}

/** Sets each signal-following component of the incident's service to its signal status (unless overridden). */
export async function applySignals(db: Db, clock: Clock, incidentId: string): Promise<void> {
  const components = await selectSignalComponents(db, { incidentId });
  const byService = new Map<string, ComponentStatus>();
  const now = clock.now();
  const pages = new Set<string>();
  for (const c of components) {
    if (c.status_overridden || c.status === 'under_maintenance') continue;
    if (!byService.has(c.service_id)) byService.set(c.service_id, await signalStatus(db, c.service_id));
    const status = byService.get(c.service_id)!;
    if (status === c.status) continue;
    await updateComponentRow(db, c.id, { status, updated_at: now });
    await insertHistory(db, {
      id: newId(now),
      component_id: c.id,
      status,
      page_incident_id: null,
      set_by_label: SIGNALS_LABEL,
      at: now,
    });
    pages.add(c.page_id);
  }
  for (const pageId of pages) await notifyPageChanged(db, pageId);
}
