/**
 * Watching the statements pg sends, for tests that count or hold them
 * (group commit, batch reads): every pg.Client's query goes through `spy`.
 */
import pg from 'pg';

/** The SQL of a pg query call: a string, or a config (prepared statements are sent as { name, text, values }). */
const textOf = (config: unknown): string =>
  typeof config === 'string' ? config : ((config as { text?: string } | undefined)?.text ?? '');

/**
 * Shows `spy` every statement pg sends (its client, its SQL, its pending
 * result), answering the caller with what `spy` returns; returns how to stop.
 */
export function spyOnStatements(spy: (client: pg.Client, text: string, result: unknown) => unknown): () => void {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    return spy(this, textOf(args[0]), (query as (...a: unknown[]) => unknown).apply(this, args));
  } as typeof query;
  return () => {
    pg.Client.prototype.query = query;
  };
}
