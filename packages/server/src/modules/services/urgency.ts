/** Deciding an alert's urgency and priority from the service's rules. Pure. */
import type { AlertSeverity, Priority, Urgency, UrgencyRule } from './services.types.js';

export function decideUrgency(
  rules: UrgencyRule[],
  alert: { severity: AlertSeverity },
): { urgency: Urgency; priority: Priority | null } {
  for (const rule of rules) {
    if (!rule.when?.severity || rule.when.severity.includes(alert.severity)) {
      return { urgency: rule.urgency, priority: rule.priority };
    }
  }
  // No rule matched: page. Missing a page is worse than an extra one.
  return { urgency: 'high', priority: null };
}
