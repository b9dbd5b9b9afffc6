/**
 * How incidents read on screen: status and urgency words, and who may act.
 * The server decides every permission; this only hides dead-end buttons.
 */
import type { IncidentStatus, Urgency } from './incidents.types';
import type { Role } from '../users/users.types';

export const STATUSES: readonly IncidentStatus[] = ['triggered', 'acknowledged', 'resolved'];
export const OPEN_STATUSES: readonly IncidentStatus[] = ['triggered', 'acknowledged'];

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

export const URGENCY_LABELS: Record<Urgency, string> = { high: 'High', low: 'Low' };

/** Responders and above run incidents; viewers and stakeholders only follow them. */
export function canRespond(role: Role): boolean {
  return role === 'owner' || role === 'admin' || role === 'responder';
}

export function isOpen(status: IncidentStatus): boolean {
  return status !== 'resolved';
}
