/**
 * Seed 001's "is this an incident?" as a pure function: which criteria hold
 * (an SLO breached, a major change needed, time spent past the threshold, a
 * data issue, customer-visible effects) and what follows: whether to declare,
 * how urgently, and a severity to start from. The declarer decides; this only
 * suggests, and a severity is reevaluated as things become known.
 */
import type { SeverityKey } from './response.types';

export type TriageCriterion = 'sloBreach' | 'majorChange' | 'pastThreshold' | 'dataIssue' | 'customerVisible';

export const TRIAGE_CRITERIA: readonly TriageCriterion[] = [
  'sloBreach',
  'majorChange',
  'pastThreshold',
  'dataIssue',
  'customerVisible',
];

export const TRIAGE_LABELS: Record<TriageCriterion, string> = {
  sloBreach: 'An SLO or SLA with customers is breached',
  majorChange: 'Fixing it needs a major change (reboot, rollback, configuration change)',
  pastThreshold: 'Someone has troubleshot it past the time allowed before calling for backup',
  dataIssue: 'Data is affected: lost, corrupted or non-compliant (stolen, wrongly accessed)',
  customerVisible: 'Customers can see the effects',
};

export interface TriageSuggestion {
  shouldDeclare: boolean;
  /** A data issue is declared immediately (seed 001). */
  isUrgent: boolean;
  severity: SeverityKey | null;
  advice: string;
}

export function suggestTriage(ticked: readonly TriageCriterion[]): TriageSuggestion {
  const has = (criterion: TriageCriterion) => ticked.includes(criterion);
  if (ticked.length === 0) {
    return {
      shouldDeclare: false,
      isUrgent: false,
      severity: null,
      advice: 'None of the criteria hold yet: keep watching. If unsure, an S4 is cheap to declare.',
    };
  }
  if (has('dataIssue')) {
    return {
      shouldDeclare: true,
      isUrgent: true,
      severity: has('customerVisible') ? 'S1' : 'S2',
      advice: 'Any data issue is an incident: declare it now.',
    };
  }
  const severity = severityOf(has);
  return {
    shouldDeclare: true,
    isUrgent: false,
    severity,
    advice:
      severity === 'S4'
        ? 'Call for backup: declare a low-severity incident so others can join.'
        : 'This is an incident: declare it.',
  };
}

function severityOf(has: (criterion: TriageCriterion) => boolean): SeverityKey {
  const visible = has('customerVisible');
  if (visible && has('sloBreach') && has('majorChange')) return 'S1';
  if (visible && has('sloBreach')) return 'S2';
  if (visible || has('sloBreach') || has('majorChange')) return 'S3';
  return 'S4';
}
