/**
 * Heartbeat monitors: a ping pushes the deadline out by the interval; a ping
 * on a failing heartbeat also stores a resolve event for its alert. The
 * reconciler (heartbeat.reconciler.ts) raises the alert when a deadline passes.
 */
import { inTransaction, type Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { acceptEvents, type InboundEvent } from '../alerts/index.js';
import type { RoutedKey } from './ingest.types.js';
import { lockHeartbeat, markPinged, type DueHeartbeat } from './heartbeats.repo.js';

/** Every heartbeat alert of a key shares this dedup key, so a ping resolves what a silence triggered. */
export const HEARTBEAT_DEDUP_KEY = 'heartbeat';

/** Records a ping; returns the new deadline, or undefined when the key has no heartbeat row. */
export async function recordHeartbeatPing(db: Db, clock: Clock, key: RoutedKey['key']): Promise<Date | undefined> {
  return inTransaction(db, async (tx) => {
    const state = await lockHeartbeat(tx, key.id);
    if (!state) return undefined;
    const now = clock.now();
    const nextDueAt = new Date(now.getTime() + state.intervalSeconds * 1000);
    await markPinged(tx, key.id, now, nextDueAt);
    if (state.isFailing) await acceptEvents(tx, clock, key.id, [heartbeatResolved(key.name, now)]);
    return nextDueAt;
  });
}

/**
 * "Heartbeat missed" followed by the key's name, unless the name says no more
 * than "Heartbeat" (the default name of a heartbeat key): a title that says
 * "Heartbeat Heartbeat" helps nobody.
 */
function titled(what: string, name: string): string {
  const label = name.trim();
  return label === '' || label.toLowerCase() === 'heartbeat' ? `Heartbeat ${what}` : `Heartbeat ${what}: ${label}`;
}

export function heartbeatResolved(name: string, at: Date): InboundEvent {
  return {
    action: 'resolve',
    dedupKey: HEARTBEAT_DEDUP_KEY,
    alert: {
      summary: titled('received a ping', name),
      source: 'heartbeat',
      severity: 'info',
      timestamp: at.toISOString(),
      links: [],
      images: [],
      client: 'Tocsin heartbeat',
    },
    raw: { heartbeat: name, pingAt: at.toISOString() },
  };
}

export function heartbeatMissed(due: DueHeartbeat, now: Date): InboundEvent {
  const silentSince = due.lastPingAt ?? new Date((due.nextDueAt ?? now).getTime() - due.intervalSeconds * 1000);
  const minutes = Math.max(1, Math.floor((now.getTime() - silentSince.getTime()) / 60_000));
  const details = {
    intervalSeconds: due.intervalSeconds,
    lastPingAt: due.lastPingAt?.toISOString() ?? null,
    dueAt: due.nextDueAt?.toISOString() ?? null,
  };
  return {
    action: 'trigger',
    dedupKey: HEARTBEAT_DEDUP_KEY,
    alert: {
      summary: `${titled('missed', due.name)}: no ping for ${minutes} minute${minutes === 1 ? '' : 's'}`,
      source: 'heartbeat',
      severity: 'critical',
      timestamp: now.toISOString(),
      customDetails: details,
      links: [],
      images: [],
      client: 'Tocsin heartbeat',
    },
    raw: { heartbeat: due.name, ...details, checkedAt: now.toISOString() },
  };
}
