/**
 * How incidents read on screen: status and urgency words, and who may act.
 * The server decides every permission; this only hides dead-end buttons.
 */
import type { IncidentStatus, SeverityKey, Stage, Urgency } from './incidents.types';
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

export const SEVERITY_KEYS: readonly SeverityKey[] = ['S1', 'S2', 'S3', 'S4'];
export const SEVERITY_LABELS: Record<SeverityKey, string> = { S1: 'S1', S2: 'S2', S3: 'S3', S4: 'S4' };

export const STAGES: readonly Stage[] = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'];
export const OPEN_STAGES: readonly Stage[] = ['investigating', 'identified', 'monitoring'];

export const STAGE_LABELS: Record<Stage, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  closed: 'Closed',
};
