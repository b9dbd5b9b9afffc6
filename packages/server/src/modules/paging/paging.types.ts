/** Shapes paging shares: who an escalation level reaches, and how that is worked out. */
import type { Db } from '../../db/client.js';
import type { EscalationTarget } from '../escalation/index.js';

/** Who an escalation level reaches at an instant. */
export interface ResolvedTargets {
  /** Distinct, enabled users, in the order the level names them. */
  users: Array<{ id: string; name: string }>;
  channelIds: string[];
  /** Why some targets reached nobody, for the timeline. */
  notes: string[];
}

/**
 * Turns a level's targets into people and channels. The default knows users
 * and teams; the schedules module supplies one that also knows who is on call.
 */
export type ResolveTargets = (db: Db, targets: EscalationTarget[], at: Date) => Promise<ResolvedTargets>;
