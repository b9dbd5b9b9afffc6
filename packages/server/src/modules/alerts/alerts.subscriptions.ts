/** What alerts does when incidents publish: a resolved incident's open alerts are resolved with it; a merged one's alerts move. */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { addToAlertCount, type IncidentResolvedEvent } from '../incidents/index.js';
import { moveAlertsToIncident, resolveOpenAlertsOfIncident } from './alerts.repo.js';

/** Idempotent: a second delivery finds nothing open. */
export async function resolveAlertsOfResolvedIncident(
  db: Db,
  clock: Clock,
  event: IncidentResolvedEvent,
): Promise<number> {
  return resolveOpenAlertsOfIncident(db, event.incidentId, clock.now());
}

/**
 * An incident was merged into another (the response module's IncidentMerged;
 * the input mirrors its payload): its alerts move with it, and the other
 * incident counts them. Idempotent: a second delivery finds none left.
 */
export async function moveAlertsOfMergedIncident(
  db: Db,
  clock: Clock,
  merge: { incidentId: string; intoId: string },
): Promise<number> {
  const moved = await moveAlertsToIncident(db, merge.incidentId, merge.intoId, clock.now());
  if (moved > 0) await addToAlertCount(db, merge.intoId, moved, clock.now());
  return moved;
}
