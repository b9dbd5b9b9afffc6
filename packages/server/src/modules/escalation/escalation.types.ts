/** Shapes of escalation policies and the snapshot an incident keeps. */

export type TargetType = 'user' | 'team' | 'schedule' | 'channel';

export interface EscalationTarget {
  type: TargetType;
  id: string;
}

export interface EscalationLevel {
  /** Minutes to wait for an acknowledgement before the next level. */
  delayMinutes: number;
  targets: EscalationTarget[];
}

/** The policy as it was when an incident triggered; later edits do not change it. */
export interface EscalationPolicySnapshot {
  id: string;
  name: string;
  /** How many more times the whole policy runs after its last level (0 = once). */
  repeatCount: number;
  levels: Array<EscalationLevel & { targets: Array<EscalationTarget & { label: string }> }>;
}
