/**
 * The whole Tocsin server for a test: a fresh database, a fake clock, the real
 * HTTP server on 127.0.0.1 with a random port, and helpers to call it as an
 * owner (token) or as a signed-in browser (cookie + CSRF).
 */
import { createTocsin, type Tocsin, type TocsinOptions } from '../app/app.js';
import type { Config } from '../app/config.js';
import { systemActor } from '../lib/actor.js';
import { FakeClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createApiToken } from '../modules/auth/index.js';
import type { Ctx } from '../modules/context.js';
import { createUser } from '../modules/users/index.js';
import type { Role } from '../lib/actor.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: undefined,
    dataDir: '/nonexistent',
    embeddedPgPort: undefined,
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'http://127.0.0.1',
    logLevel: 'silent',
    bodyLimitBytes: 1024 * 1024,
    demo: false,
    runEngine: false,
    engineConcurrency: 4,
    oidc: undefined,
    webDistDir: '/nonexistent',
    providers: { email: undefined, inboundSmtp: undefined, twilio: undefined, slack: undefined },
    secretKey: 'test-secret-key-for-signing-0123456789',
    ingestRatePerMinute: 6000,
    // The fake vendors listen on 127.0.0.1.
    webhooksAllowPrivate: true,
    databasePreparedStatements: true,
    trustedProxies: [],
    databaseConnectTimeoutMs: 5_000,
    databaseStatementTimeoutMs: 5_000,
    ...overrides,
  };
}

export interface TestApp {
  app: Tocsin;
  url: string;
  clock: FakeClock;
  database: TestDatabase;
  /** A system-actor context on the test database, for arranging data directly. */
  ctx: Ctx;
  /** Creates a user with TEST_PASSWORD and a token for them. */
  createUserWithToken(role: Role, email?: string): Promise<{ id: string; email: string; token: string }>;
  /** fetch against the server with optional bearer token and JSON body. */
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApp(
  options: { config?: Partial<Config>; clock?: FakeClock; tocsin?: TocsinOptions; listen?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = options.clock ?? new FakeClock();
  const config = testConfig(options.config);
  let app: Tocsin | undefined;
  let url: string;
  try {
    app = await createTocsin(
      { ...config, databaseUrl: database.url },
      // Two of the API pool's connections LISTEN for good (status pages, routing keys: ADR 29, ADR 31).
      { clock, logger: silentLogger, maxConnections: 7, shutdownGraceMs: 500, ...options.tocsin },
    );
    url = await app.start();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.drop();
    throw error;
  }
  const ctx: Ctx = { db: app.db, clock, actor: systemActor('test'), source: 'api' };
  const started = app;
  return {
    app: started,
    url,
    clock,
    database,
    ctx,
    async createUserWithToken(role, email) {
      const address = email ?? `user${++counter}-${role}@example.com`;
      const user = await createUser(ctx, {
        email: address,
        name: `Test ${role} ${counter}`,
        role,
        password: TEST_PASSWORD,
      });
      const token = await createApiToken(ctx, { name: 'test', scopes: ['read', 'write', 'admin'], userId: user.id });
      return { id: user.id, email: address, token: token.token };
    },
    request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      return fetch(`${url}${path}`, { method, headers, body });
    },
    async close() {
      await started.close();
      await database.drop();
    },
  };
}
