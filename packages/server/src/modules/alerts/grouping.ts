/**
 * Which incident a new alert belongs to, as a group key: by default one
 * incident per alert (its integration key and dedup key); with a window rule,
 * alerts that share a field (group, component, class or source) join the open
 * incident that triggered within the window. Pure.
 */
import type { Grouping } from '../services/index.js';
import type { AlertFields } from './alert-fields.js';

export interface GroupDecision {
  groupKey: string;
  /** Minutes an incident keeps taking alerts after it triggered; null = while it is open. */
  windowMinutes: number | null;
}

export function decideGroup(
  grouping: Grouping,
  alert: { integrationKeyId: string; dedupKey: string; fields: AlertFields },
): GroupDecision {
  if (grouping.mode === 'window') {
    const value = alert.fields[grouping.field]?.trim();
    // The field name is part of the key, so changing the rule's field never joins unrelated incidents.
    if (value) return { groupKey: `${grouping.field}:${value.slice(0, 255)}`, windowMinutes: grouping.windowMinutes };
  }
  // Without a value to group on, an alert is its own incident.
  return { groupKey: `${alert.integrationKeyId}:${alert.dedupKey}`, windowMinutes: null };
}
