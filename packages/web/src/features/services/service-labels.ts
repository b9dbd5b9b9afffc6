/**
 * A service's paging settings read aloud: business hours as "Mon–Fri
 * 09:00–17:30", urgency rules as "Critical or error: high urgency, P1".
 * Pure, so the words can be tested without a browser.
 */
import type { AlertSeverity } from '../alerts/alerts.types';
import type { BusinessHours, UrgencyRule } from './services.types';
import { SEVERITY_LABELS } from '../alerts/alert-labels';

/** ISO weekdays: 1 = Monday ... 7 = Sunday, as the server counts them. */
export const WEEKDAYS: ReadonlyArray<{ day: number; short: string; long: string }> = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 7, short: 'Sun', long: 'Sunday' },
];

export const SEVERITIES: readonly AlertSeverity[] = ['critical', 'error', 'warning', 'info'];

/** Runs of consecutive days collapse: [1,2,3,4,5,7] reads "Mon–Fri, Sun". */
export function describeDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const short = (day: number) => WEEKDAYS.find((weekday) => weekday.day === day)?.short ?? String(day);
  return runs
    .map((run) => (run.length > 2 ? `${short(run[0]!)}–${short(run.at(-1)!)}` : run.map(short).join(', ')))
    .join(', ');
}

export function describeBusinessHours(hours: BusinessHours | null): string {
  if (!hours) return 'Always: low urgency pages at any hour';
  const days = describeDays(hours.days);
  if (hours.start === hours.end) return `${days}, all day`;
  const crossesMidnight = hours.end < hours.start;
  return `${days} ${hours.start}–${hours.end}${crossesMidnight ? ' (into the next day)' : ''}`;
}

export function describeUrgencyRule(rule: UrgencyRule, index: number): string {
  const severities = rule.when?.severity;
  const matches = severities?.length
    ? severities
        .map((severity, i) => (i === 0 ? SEVERITY_LABELS[severity] : SEVERITY_LABELS[severity].toLowerCase()))
        .join(' or ')
    : index === 0
      ? 'Every alert'
      : 'Any other alert';
  return `${matches}: ${rule.urgency} urgency, ${rule.priority ?? 'no priority'}`;
}
