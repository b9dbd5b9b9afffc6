/**
 * What each server verb does, start to finish. Output for people goes to
 * `out` (stdout by default); logs go to the JSON logger.
 */
import { randomBytes } from 'node:crypto';
import { connectDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { type Role, type Scope, systemActor } from '../lib/actor.js';
import { systemClock } from '../lib/clock.js';
import { createLogger, silentLogger, type Logger } from '../lib/logger.js';
import { createApiToken } from '../modules/auth/index.js';
import type { Ctx } from '../modules/context.js';
import { createUser, findUserByEmail } from '../modules/users/index.js';
import { createTocsin, type TocsinOptions } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './database.js';
import { DEMO_ADMIN_EMAIL, seedDemo } from './demo.js';

type Out = (line: string) => void;
const stdout: Out = (line) => process.stdout.write(`${line}\n`);

async function withDatabase<T>(
  config: Config,
  logger: Logger,
  command: string,
  work: (url: string) => Promise<T>,
  create = false,
): Promise<T> {
  const opened = await openDatabase(config, logger, { command, exclusive: false, create });
  try {
    return await work(opened.url);
  } finally {
    await opened.release();
  }
}

async function withDb<T>(
  config: Config,
  logger: Logger,
  command: string,
  work: (handle: ReturnType<typeof connectDatabase>) => Promise<T>,
  create = false,
) {
  return withDatabase(
    config,
    logger,
    command,
    async (url) => {
      const handle = connectDatabase(url, { maxConnections: 2, applicationName: `tocsin ${command}` });
      try {
        await migrate(handle.pool, { log: (line) => logger.info(line) });
        return await work(handle);
      } finally {
        await handle.close();
      }
    },
    create,
  );
}

export interface ServeHandle {
  url: string;
  stop(): Promise<void>;
}

/** `tocsin serve`: start everything and keep running until SIGINT/SIGTERM. */
export async function serve(
  config: Config,
  options: TocsinOptions & { out?: Out; handleSignals?: boolean } = {},
): Promise<ServeHandle> {
  const started = performance.now();
  const out = options.out ?? stdout;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const opened = await openDatabase(config, logger, { command: 'tocsin serve', exclusive: true, create: true });
  let app: Awaited<ReturnType<typeof createTocsin>> | undefined;
  try {
    const databaseUrl = opened.url;
    {
      const handle = connectDatabase(databaseUrl, { maxConnections: 2, applicationName: 'tocsin migrate' });
      try {
        await migrate(handle.pool, { log: (line) => logger.info(line) });
        if (config.demo) {
          const login = await seedDemo(handle.db, options.clock ?? systemClock, { resetPassword: false });
          if (login.seeded) {
            out(`Created the demo organisation. Sign in as ${login.email} with password ${login.password}`);
            out(`A second person to try it with: ${login.secondEmail} (a responder), same password.`);
          }
        }
      } finally {
        await handle.close();
      }
    }
    app = await createTocsin({ ...config, databaseUrl }, { ...options, logger });
    const url = await app.start();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    out(
      `Tocsin is ready at ${config.publicUrl} (listening on ${url}, ${opened.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL'}) in ${seconds} s`,
    );
    if (config.demo)
      out(
        `Demo login: ${DEMO_ADMIN_EMAIL} (run "tocsin demo" to print a new password). API docs: ${config.publicUrl}/api/docs`,
      );
    const running = app;
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await running.close();
        await opened.release();
      })());
    if (options.handleSignals ?? true) {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          logger.info({ signal }, 'shutting down');
          void stop().then(() => process.exit(0));
        });
      }
    }
    return { url, stop };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await opened.release();
    throw error;
  }
}

/** Options of the verbs that may set up a new installation; `init` lets them create the embedded database. */
export interface SetupOptions {
  init?: boolean;
}

export async function runMigrate(config: Config, out: Out = stdout, options: SetupOptions = {}): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  await withDatabase(
    config,
    logger,
    'tocsin migrate',
    async (url) => {
      const handle = connectDatabase(url, { maxConnections: 1 });
      try {
        const applied = await migrate(handle.pool, { log: (line) => out(line) });
        out(applied.length ? `Applied ${applied.length} migration(s).` : 'The database is up to date.');
      } finally {
        await handle.close();
      }
    },
    options.init,
  );
}

export async function runDemo(config: Config, out: Out = stdout, options: SetupOptions = {}): Promise<void> {
  const logger = createLogger({ level: 'warn' });
  await withDb(
    config,
    logger,
    'tocsin demo',
    async ({ db }) => {
      const login = await seedDemo(db, systemClock, { resetPassword: true });
      out(
        login.seeded
          ? 'Created the demo organisation.'
          : 'The demo organisation exists; its owner and its second person have a new password.',
      );
      out(`Sign in at ${config.publicUrl} as ${login.email} with password ${login.password}`);
      out(`A second person to try it with: ${login.secondEmail} (a responder), same password.`);
    },
    options.init,
  );
}

export async function runUserCreate(
  config: Config,
  input: { email: string; name: string; role: Role; password?: string },
  out: Out = stdout,
): Promise<void> {
  await withDb(config, silentLogger, 'tocsin user create', async ({ db }) => {
    const password = input.password ?? randomBytes(12).toString('base64url');
    const user = await createUser(
      { db, clock: systemClock, actor: systemActor('cli'), source: 'cli' },
      { ...input, password },
    );
    out(`Created ${user.role} ${user.name} <${user.email}> (${user.id}).`);
    if (!input.password) out(`Password: ${password}`);
  });
}

export async function runTokenCreate(
  config: Config,
  input: { email: string; name: string; scopes: Scope[]; expiresInDays?: number },
  out: Out = stdout,
  note: Out = (line) => process.stderr.write(`${line}\n`),
): Promise<string> {
  return withDb(config, silentLogger, 'tocsin token create', async ({ db }) => {
    const ctx: Ctx = { db, clock: systemClock, actor: systemActor('cli'), source: 'cli' };
    const user = await findUserByEmail(ctx, input.email);
    if (!user) throw new Error(`No user with email ${input.email}: create one with "tocsin user create".`);
    const token = await createApiToken(ctx, {
      name: input.name,
      scopes: input.scopes,
      userId: user.id,
      expiresInDays: input.expiresInDays,
    });
    out(token.token);
    // On stderr by default, so `TOKEN=$(tocsin token create ...)` still captures the token alone.
    if (!input.scopes.includes('admin'))
      note(
        user.role === 'owner' || user.role === 'admin'
          ? `This token has no admin scope, so "tocsin export" and "tocsin apply" refuse it: for one that can, add --scopes ${[...input.scopes, 'admin'].join(',')}`
          : `This token has no admin scope ("tocsin export" and "tocsin apply" need one, and only an owner's or admin's token can have it).`,
      );
    return token.token;
  });
}

/** The OpenAPI document, built from the routes without touching a database. */
export async function renderOpenApi(config: Config): Promise<string> {
  const app = await createTocsin(
    { ...config, databaseUrl: 'postgres://unused@127.0.0.1:1/unused' },
    { logger: silentLogger },
  );
  try {
    await app.http.ready();
    return JSON.stringify(app.http.swagger(), null, 2);
  } finally {
    await app.close();
  }
}

export { runDoctor } from './doctor.js';
