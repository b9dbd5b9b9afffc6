/**
 * The product's areas, in navigation order. Areas that are not built yet
 * carry a description of what will live there, shown as an honest empty
 * state until they exist.
 */
export interface Area {
  path: string;
  label: string;
  group: 'Respond' | 'Prepare' | 'Communicate & learn' | 'Organisation';
  /** Set while the area is on the roadmap: what it will hold. */
  planned?: string;
}

export const AREAS: readonly Area[] = [
  {
    path: 'incidents',
    label: 'Incidents',
    group: 'Respond',
  },
  {
    path: 'alerts',
    label: 'Alerts',
    group: 'Respond',
  },
  {
    path: 'oncall',
    label: 'My on-call shifts',
    group: 'Respond',
  },
  {
    path: 'services',
    label: 'Services',
    group: 'Prepare',
  },
  {
    path: 'escalation-policies',
    label: 'Escalation policies',
    group: 'Prepare',
  },
  {
    path: 'schedules',
    label: 'Schedules',
    group: 'Prepare',
  },
  {
    path: 'status-pages',
    label: 'Status pages',
    group: 'Communicate & learn',
  },
  {
    path: 'postmortems',
    label: 'Postmortems',
    group: 'Communicate & learn',
    planned:
      'Reviews after incidents and near misses: timeline, impact, causes, and action items with owners and due dates.',
  },
  {
    path: 'analytics',
    label: 'Analytics',
    group: 'Communicate & learn',
  },
  { path: 'teams', label: 'Teams', group: 'Organisation' },
  { path: 'users', label: 'Users', group: 'Organisation' },
  { path: 'settings', label: 'Settings', group: 'Organisation' },
];

export const AREA_GROUPS = ['Respond', 'Prepare', 'Communicate & learn', 'Organisation'] as const;
