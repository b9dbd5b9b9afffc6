/**
 * Lets a test see the domain events a module published. Events are delivered
 * in the publishing transaction (db/outbox.ts), so there is no queue row to
 * look at; this wiring subscribes to the named events and writes each one, in
 * that same transaction, as an engine_jobs row of kind `recorded.<name>` that
 * no handler claims. A rolled-back publication leaves no record.
 */
import { enqueueJob } from '../db/outbox.js';
import type { JobContext } from '../engine/index.js';
import type { Db } from '../db/client.js';
import type { EventName } from '../db/events.js';
import { moduleWirings, type ModuleWiring, type Subscriptions } from '../app/wiring/index.js';

export function eventRecorder(names: EventName[]): ModuleWiring {
  return {
    name: 'test-event-recorder',
    subscriptions: (): Subscriptions =>
      Object.fromEntries(
        names.map((name) => [
          name,
          [
            async (payload: unknown, ctx: JobContext) =>
              void (await enqueueJob(
                ctx.db,
                { kind: `recorded.${name}`, payload, runAt: ctx.clock.now() },
                ctx.clock.now(),
              )),
          ],
        ]),
      ),
  };
}

/** The app's own wirings plus a recorder of `names`: pass as `tocsin: { wirings }` to startTestApp. */
export const wiringsRecording = (...names: EventName[]): ModuleWiring[] => [...moduleWirings, eventRecorder(names)];

/** The payloads of every recorded `name` event, oldest first. */
export async function recordedEvents<P>(db: Db, name: EventName): Promise<P[]> {
  const rows = await db
    .selectFrom('engine_jobs')
    .select('payload')
    .where('kind', '=', `recorded.${name}`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.payload as P);
}
