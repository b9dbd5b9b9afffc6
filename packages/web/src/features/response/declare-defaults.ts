/**
 * What a declaration starts with before anyone touches it, so an S3/S4 takes
 * only a service and a title: S4; the declarer holds the EOC role for a low
 * severity or a near miss (nobody is woken), the service's EOC is paged from
 * S2 up; the optional steps are the severity's own defaults, and a severity
 * that engages the IMOC anyway has "page IMOC" ticked.
 */
import type { DeclareSteps, PageChoice, Severity, SeverityKey } from './response.types';

export const DEFAULT_SEVERITY: SeverityKey = 'S4';

export function defaultPageFor(severity: SeverityKey, isNearMiss: boolean): PageChoice {
  if (isNearMiss) return 'none';
  return severity === 'S1' || severity === 'S2' ? 'eoc' : 'none';
}

export function defaultStepsFor(severity: Severity | undefined): Required<Pick<DeclareSteps, 'pageImoc' | 'pageCmoc'>> {
  return {
    pageImoc: Boolean(severity?.engagesImoc || severity?.defaultSteps.pageImoc),
    pageCmoc: Boolean(severity?.defaultSteps.pageCmoc),
  };
}
