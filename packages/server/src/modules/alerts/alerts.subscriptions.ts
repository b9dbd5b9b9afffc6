/** What alerts does when incidents publish: a resolved incident's open alerts are resolved with it. */
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { IncidentResolvedEvent } from '../incidents/index.js';
import { resolveOpenAlertsOfIncident } from './alerts.repo.js';

/** Idempotent: a second delivery finds nothing open. */
export async function resolveAlertsOfResolvedIncident(
  db: Db,
  clock: Clock,
  event: IncidentResolvedEvent,
): Promise<number> {
  return resolveOpenAlertsOfIncident(db, event.incidentId, clock.now());
}
