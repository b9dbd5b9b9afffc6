/**
 * Which PostgreSQL a command uses: DATABASE_URL when set; otherwise the
 * embedded one in the data folder. `serve` owns the folder (and refuses a
 * second serve); one-shot verbs (migrate, user create...) reuse the running
 * serve's PostgreSQL, or start it for the length of the command.
 *
 * Only a verb that sets an installation up (`serve`, or `migrate`/`demo` with
 * `--init`) may create a new embedded database: any other verb run in the
 * wrong folder would otherwise make a second, empty one there and quietly
 * work on it.
 */
import type { Logger } from '../lib/logger.js';
import type { Config } from './config.js';
import { DataDirLockedError, lockDataDir, readLockOwner } from './data-dir-lock.js';
import { hasCluster, readRuntimeInfo, startEmbeddedPostgres } from './embedded-postgres.js';

export interface OpenedDatabase {
  url: string;
  embedded: boolean;
  release(): Promise<void>;
}

export class NoDatabaseHereError extends Error {
  constructor(
    readonly dataDir: string,
    command: string,
  ) {
    super(
      `There is no Tocsin database in ${dataDir}, so "${command}" did nothing. ` +
        'Run it in the folder where you run "tocsin serve", or point at the data folder with TOCSIN_DATA_DIR=/path/to/.tocsin ' +
        '(or at your own PostgreSQL with DATABASE_URL). To start a new installation here, run "tocsin serve".',
    );
    this.name = 'NoDatabaseHereError';
  }
}

export async function openDatabase(
  config: Config,
  logger: Logger,
  options: { command: string; exclusive: boolean; create?: boolean },
): Promise<OpenedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, release: async () => undefined };
  if (!options.create && !hasCluster(config.dataDir)) throw new NoDatabaseHereError(config.dataDir, options.command);
  const owner = readLockOwner(config.dataDir);
  if (owner && !options.exclusive) {
    const running = readRuntimeInfo(config.dataDir);
    if (running) return { url: running.url, embedded: true, release: async () => undefined };
  }
  if (owner) throw new DataDirLockedError(config.dataDir, owner);
  const lock = lockDataDir(config.dataDir, options.command);
  if (lock.tookOverStale) {
    logger.warn(
      { previous: lock.tookOverStale },
      `took over the data folder from Tocsin pid ${lock.tookOverStale.pid}, which is no longer running`,
    );
  }
  try {
    const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, logger });
    return {
      url: pg.url,
      embedded: true,
      release: async () => {
        await pg.stop();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
