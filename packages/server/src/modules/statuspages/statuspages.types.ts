/**
 * The vocabulary of status pages, from seed 004's "Status" section: a
 * component's status and a page incident's state, each with its definition
 * (shown wherever a person chooses one).
 */

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_service_disruption',
  'service_disruption',
  'security_issue',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const PAGE_INCIDENT_STATES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PageIncidentState = (typeof PAGE_INCIDENT_STATES)[number];

/** A scheduled maintenance's states, as Statuspage names them (verifying is optional). */
export const MAINTENANCE_STATES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceState = (typeof MAINTENANCE_STATES)[number];

/** Any page incident's state, an incident's or a maintenance's. */
export const PAGE_STATES = [...PAGE_INCIDENT_STATES, ...MAINTENANCE_STATES] as const;
export type PageState = (typeof PAGE_STATES)[number];

export interface Definition {
  label: string;
  definition: string;
}

/** Seed 004's status definitions, word for word where it gives them. */
export const STATUS_DEFINITIONS: Record<ComponentStatus, Definition> = {
  operational: {
    label: 'Operational',
    definition:
      'The default status before an incident is opened and after an incident has been resolved. All systems are operating normally.',
  },
  degraded_performance: {
    label: 'Degraded Performance',
    definition:
      'Users are impacted intermittently, but the impact is not observed in metrics, nor reported, to be widespread or systemic.',
  },
  partial_service_disruption: {
    label: 'Partial Service Disruption',
    definition:
      'Users are impacted at a rate that violates our SLO. The IMOC must be engaged and monitoring to resolution is required to last longer than 30 minutes.',
  },
  service_disruption: {
    label: 'Service Disruption',
    definition: 'This is an outage. The IMOC must be engaged.',
  },
  security_issue: {
    label: 'Security Issue',
    definition: 'A security vulnerability has been declared public and the security team has asked to publish it.',
  },
  under_maintenance: {
    label: 'Under Maintenance',
    definition:
      'Announced maintenance is under way. Set by a scheduled maintenance while it runs; the component returns to its previous status when it ends.',
  },
};

/** Seed 004's state definitions. */
export const STATE_DEFINITIONS: Record<PageIncidentState, Definition> = {
  investigating: {
    label: 'Investigating',
    definition:
      'The incident has just been discovered and there is not yet a clear understanding of the impact or cause.',
  },
  identified: {
    label: 'Identified',
    definition:
      'The cause of the incident is believed to have been identified and a step to mitigate has been planned and agreed upon.',
  },
  monitoring: {
    label: 'Monitoring',
    definition:
      "The step has been executed and metrics are being watched to ensure that we're operating at a baseline.",
  },
  resolved: { label: 'Resolved', definition: 'The incident is closed and status is again Operational.' },
};

/** The definitions of a scheduled maintenance's states. */
export const MAINTENANCE_STATE_DEFINITIONS: Record<MaintenanceState, Definition> = {
  scheduled: { label: 'Scheduled', definition: 'Announced ahead: the work has not started yet.' },
  in_progress: {
    label: 'In progress',
    definition: 'The work is under way; the affected components are shown Under Maintenance.',
  },
  verifying: { label: 'Verifying', definition: 'The work is done and is being checked.' },
  completed: { label: 'Completed', definition: 'The work is over; the components are back to their status before it.' },
};

/** The label and definition of any page incident state. */
export const PAGE_STATE_DEFINITIONS: Record<PageState, Definition> = {
  ...STATE_DEFINITIONS,
  ...MAINTENANCE_STATE_DEFINITIONS,
};

/** Worse is larger: the page's overall status is its worst component's. */
export const STATUS_RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 0.5,
  degraded_performance: 1,
  partial_service_disruption: 2,
  security_issue: 3,
  service_disruption: 4,
};

export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const s of statuses) if (STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  return worst;
}
