/** Figures as people read them: durations, shares, and labels of breaches. */

/** Seconds as 45s, 12m, 3h 05m, 2d 4h; a dash for none. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
}

export const BREACH_LABELS: Record<string, string> = {
  never_acknowledged: 'Never acknowledged',
  acknowledged_late: 'Acknowledged late',
  resolved_late: 'Resolved late',
};

export const GROUP_BY_LABELS: Record<string, string> = {
  none: 'Nothing (all incidents)',
  severity: 'Severity',
  priority: 'Priority',
  urgency: 'Urgency',
  team: 'Team',
  service: 'Service',
  policy: 'Escalation policy',
  period: 'Period',
};
