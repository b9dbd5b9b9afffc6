/**
 * Reads shared out over several connections that see one snapshot
 * (PostgreSQL's exported snapshots), for a long read made of many small
 * ones whose time is I/O waits taken one after another: a cold index read
 * page by page (ADR 32). PostgreSQL reads an index scan's pages one at a
 * time in a backend; a few backends overlap their waits.
 *
 * The transaction that opens the readers exports its snapshot; each helper
 * is a REPEATABLE READ transaction on its own pooled connection that imports
 * it before its first read, so every part sees exactly what the opener
 * sees. The opener reads too: parts are taken from one queue by whoever is
 * free, and a helper is only ever a help. It is started only while the pool
 * has connections to spare, and one that has not got its connection when
 * the work runs out is never waited for (it then finds nothing to do and
 * imports nothing). A part a helper fails is read again by the opener.
 */
import { sql } from 'kysely';
import type { Db } from './client.js';
import { spareConnections } from './context.js';

export interface SnapshotReaders {
  /** Runs `parts` on the opener and the helpers, each part once; results in the order of `parts`. */
  run<T>(parts: ReadonlyArray<(db: Db) => Promise<T>>): Promise<T[]>;
  /** Helpers asked for (those the pool could spare when the readers opened). */
  readonly helpers: number;
}

type Part = { index: number; read: (db: Db) => Promise<unknown> };

/**
 * Opens readers on `tx` (a REPEATABLE READ or SERIALIZABLE transaction) with
 * up to `helpers` helpers from `root`, the handle `tx` was begun on. The
 * helpers take connections when `run` is called (none if it never is) and
 * end their transactions once the parts have run out.
 */
export async function openSnapshotReaders(tx: Db, root: Db, helpers: number): Promise<SnapshotReaders> {
  // Keep one connection for everyone else.
  const count = Math.max(0, Math.min(helpers, spareConnections(root) - 1));
  if (count === 0) return { helpers: 0, run: (parts) => Promise.all(parts.map((part) => part(tx))) };
  const {
    rows: [exported],
  } = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(tx);
  const id = exported!.id;
  if (!/^[0-9A-F-]+$/i.test(id)) throw new Error(`Unexpected snapshot identifier ${id}`);

  let queue: Part[] | undefined; // set by run; a helper waits for it
  let done = false; // the opener will not wait for a helper any more
  let handOut: () => void = () => undefined;
  const queued = new Promise<void>((resolve) => (handOut = resolve));
  const results = new Map<number, unknown>();
  const inFlight = new Set<Promise<void>>();
  /** Parts a helper could not read, for the opener. */
  const returned: Part[] = [];

  const helper = async (): Promise<void> => {
    await queued;
    if (done || queue!.length === 0) return;
    await root
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (helperTx) => {
        // Work may have run out while this connection was got; the opener waits only for helpers that took a part.
        if (done || queue!.length === 0) return;
        let importing: Promise<unknown> | undefined = sql
          .raw(`SET TRANSACTION SNAPSHOT '${id}'; SET LOCAL jit = off`)
          .execute(helperTx);
        for (let part = queue!.shift(); part; part = done ? undefined : queue!.shift()) {
          const current = part;
          let failed = false;
          const tracked: Promise<void> = (async () => {
            if (importing) await importing;
            importing = undefined;
            results.set(current.index, await current.read(helperTx));
          })()
            .catch(() => {
              failed = true;
              returned.push(current);
            })
            .then(() => {
              inFlight.delete(tracked);
            });
          inFlight.add(tracked);
          await tracked;
          if (failed) return; // this helper's transaction is of no more use
        }
      });
  };
  const started = Array.from({ length: count }, () => helper().catch(() => undefined));

  return {
    helpers: count,
    async run<T>(parts: ReadonlyArray<(db: Db) => Promise<T>>): Promise<T[]> {
      queue = parts.map((read, index) => ({ index, read }));
      handOut();
      try {
        for (;;) {
          const part = queue.shift() ?? returned.shift();
          if (part) {
            results.set(part.index, await part.read(tx));
            continue;
          }
          if (inFlight.size === 0) break;
          await Promise.race(inFlight);
        }
      } finally {
        done = true;
        queue.length = 0;
      }
      // Helpers that took no part end on their own; the ones still importing are not waited for.
      void Promise.all(started);
      return parts.map((_, index) => results.get(index) as T);
    },
  };
}
