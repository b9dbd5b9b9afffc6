/**
 * The response rules with timers (seeds 001 and 004), as pure functions of an
 * incident's response state and its severity's settings (ADR 17). Each rule
 * is settled at most once per incident: fired when its time comes and its
 * condition holds, or found not needed when its time comes and it does not.
 * The rule engaging the IMOC at S1/S2 is not timed: declaring and raising the
 * severity apply it at once.
 */
import type { Stage } from './response.schema.js';

export type RuleKey = 'imoc_investigating' | 'imoc_unacknowledged' | 'troubleshoot_reminder';
export const RULE_KEYS: readonly RuleKey[] = ['imoc_investigating', 'imoc_unacknowledged', 'troubleshoot_reminder'];

export interface RuleSettings {
  investigatingMinutes: number | null;
  unacknowledgedMinutes: number | null;
  troubleshootMinutes: number | null;
}

export interface RuleState {
  settings: RuleSettings;
  stage: Stage;
  nearMiss: boolean;
  /** The paging status of the incident. */
  pagingStatus: 'triggered' | 'acknowledged' | 'resolved';
  declaredAt: Date;
  /** When the first EOC holder engaged; null while nobody holds EOC. */
  eocEngagedAt: Date | null;
  /** When the current owner became owner. */
  ownerSince: Date | null;
  /** Whether the IMOC role has a current holder. */
  imocEngaged: boolean;
  settled: readonly string[];
}

const ACTIVE: readonly Stage[] = ['investigating', 'identified', 'monitoring'];
const plus = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

/** When each unsettled rule falls due and whether its condition holds now; rules without a due time are left out. */
function candidates(state: RuleState): Array<{ rule: RuleKey; at: Date; holds: boolean }> {
  if (state.nearMiss || !ACTIVE.includes(state.stage)) return [];
  const { settings } = state;
  const out: Array<{ rule: RuleKey; at: Date; holds: boolean }> = [];
  const add = (rule: RuleKey, at: Date | null, holds: boolean) => {
    if (at && !state.settled.includes(rule)) out.push({ rule, at, holds });
  };
  add(
    'imoc_investigating',
    state.eocEngagedAt && settings.investigatingMinutes !== null
      ? plus(state.eocEngagedAt, settings.investigatingMinutes)
      : null,
    state.stage === 'investigating' && !state.imocEngaged,
  );
  add(
    'imoc_unacknowledged',
    settings.unacknowledgedMinutes !== null ? plus(state.declaredAt, settings.unacknowledgedMinutes) : null,
    state.pagingStatus === 'triggered' && !state.imocEngaged,
  );
  add(
    'troubleshoot_reminder',
    state.ownerSince && settings.troubleshootMinutes !== null
      ? plus(state.ownerSince, settings.troubleshootMinutes)
      : null,
    state.stage === 'investigating' || state.stage === 'identified',
  );
  return out;
}

/** The earliest instant a rule could fire, or null when none could. */
export function nextRuleAt(state: RuleState): Date | null {
  const times = candidates(state)
    .filter((c) => c.holds)
    .map((c) => c.at.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

/**
 * At `now`: the rules to fire, earliest due first, and every rule to settle
 * (those fired and those due whose condition no longer holds).
 */
export function dueRules(state: RuleState, now: Date): { fire: RuleKey[]; settle: RuleKey[] } {
  const due = candidates(state)
    .filter((c) => c.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return { fire: due.filter((c) => c.holds).map((c) => c.rule), settle: due.map((c) => c.rule) };
}
