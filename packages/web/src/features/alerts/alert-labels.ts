/** How alerts read on screen: status and severity words, and which statuses there are (suppressed ones paged nobody). */
import type { AlertSeverity, AlertStatus } from './alerts.types';

export const ALERT_STATUSES: readonly AlertStatus[] = ['triggered', 'acknowledged', 'resolved', 'suppressed'];

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  triggered: 'Triggered',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  suppressed: 'Suppressed',
};

export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  critical: 'Critical',
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};
