/**
 * The HTTP server: Fastify with zod schemas on every route, one error shape,
 * request ids, body limits, OpenAPI at /api/openapi.json and docs at
 * /api/docs, and the web UI's files. Routes live in routes/, one file per
 * module; this file only assembles them.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerOptions } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerFactory,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../lib/logger.js';
import { randomId } from '../lib/ids.js';
import { registerAuthentication } from './auth.js';
import { refuseBadText } from './bad-text.js';
import {
  answerBeforeFastify,
  DEFAULT_FRAME_OPTIONS,
  frontDoorHook,
  REQUEST_ID_RE,
  SECURITY_HEADERS,
  type FastLane,
  type FrontDoor,
} from './front-door.js';
import { registerScopeCheck } from './scope.js';
import type { HttpDeps } from './context.js';
import { errorBody, handleError } from './errors.js';
import { registerAuditRoutes } from './routes/audit.routes.js';
import { registerAuthRoutes } from './routes/auth.routes.js';
import { registerConfigRoutes } from './routes/config.routes.js';
import { registerOidcRoutes } from './routes/oidc.routes.js';
import { registerSystemRoutes } from './routes/system.routes.js';
import { registerTeamRoutes } from './routes/teams.routes.js';
import { registerTokenRoutes } from './routes/tokens.routes.js';
import { registerUserRoutes } from './routes/users.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Requests answered before Fastify (front-door.ts); a route module adds its lane when it registers. */
    fastLanes: FastLane[];
  }
}

/** A route registrar: each module's routes are one of these. */
export type RouteRegistrar = (app: FastifyInstance, deps: HttpDeps) => void | Promise<void>;

export const coreRoutes: RouteRegistrar[] = [
  registerSystemRoutes,
  registerAuthRoutes,
  registerOidcRoutes,
  registerUserRoutes,
  registerTeamRoutes,
  registerTokenRoutes,
  registerAuditRoutes,
  registerConfigRoutes,
];

export function defaultWebDistDir(): string {
  // packages/server/{src,dist}/http → packages/web/dist
  return fileURLToPath(new URL('../../../web/dist/', import.meta.url));
}

export async function buildHttpServer(
  deps: HttpDeps,
  options: {
    logger: Logger;
    routes?: RouteRegistrar[];
    version?: string;
    /** Answer requests from memory before Fastify, so before authentication (ModuleWiring.frontDoor). */
    frontDoors?: FrontDoor[];
  },
): Promise<FastifyInstance> {
  const frontDoors = options.frontDoors ?? [];
  // Filled by the routes that have one (ingest), once the server is made.
  const lanes: FastLane[] = [];
  const app: FastifyInstance = Fastify({
    serverFactory: withFrontDoors(
      answerBeforeFastify(frontDoors, lanes, {
        trustsProxies: deps.config.trustedProxies.length > 0,
        metrics: deps.metrics,
        logger: options.logger,
      }),
    ),
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomId();
    },
    // X-Forwarded-For is believed only from the proxies the operator named: from
    // anyone else it is client-chosen, and would pick the throttle key and the audit IP.
    trustProxy: deps.config.trustedProxies.length > 0 ? deps.config.trustedProxies : false,
    return503OnClosing: true,
    // Fastify's own two lines per request, at info, buried the startup banner and real warnings: one line at debug instead.
    // (Through a LogController: the top-level disableRequestLogging option is deprecated, FSTDEP023.)
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.decorate('fastLanes', lanes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError(deps.config.bodyLimitBytes));
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        errorBody('not_found', `No route ${request.method} ${request.url.split('?')[0]}: see /api/docs for the API.`),
      ),
  );

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      { method: request.method, url: request.url.split('?')[0], statusCode: reply.statusCode, ms: reply.elapsedTime },
      'request',
    );
    deps.metrics.httpDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', DEFAULT_FRAME_OPTIONS);
    return payload;
  });

  await app.register(fastifyCookie);
  registerBadTextGuard(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tocsin API',
        version: options.version ?? '0.1.0',
        description:
          'One API serves the web UI, the CLI, the SDK and integrations. Authenticate with an API token ' +
          '(`Authorization: Bearer tcs_...`) or the session cookie plus `X-CSRF-Token` on writes. ' +
          'Errors are always `{"error":{"code","message","details"}}`.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (tcs_...)' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tocsin_session' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const isPublic = (input.route.config as { public?: boolean } | undefined)?.public === true;
      return isPublic ? { ...out, schema: { ...out.schema, security: [] } } : out;
    },
  });
  // The docs UI and its assets are public, like the document they render.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });

  // Requests the doors could not be asked about before Fastify (a trusted proxy's X-Forwarded-Host).
  if (frontDoors.length > 0) app.addHook('onRequest', frontDoorHook(frontDoors));
  registerAuthentication(app, deps);
  registerScopeCheck(app);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  for (const register of options.routes ?? coreRoutes) await register(app, deps);

  await registerWebUi(app, deps.config.webDistDir ?? defaultWebDistDir());
  return app;
}

/**
 * Node's HTTP server as Fastify would make it (its timeouts), with the front
 * doors asked first. While closing, requests go to Fastify, which answers
 * 503 and closes the connection.
 */
function withFrontDoors(answer: ReturnType<typeof answerBeforeFastify>): FastifyServerFactory {
  return (handler, fastifyOptions) => {
    // Fastify's options, with its defaults filled in (fastify.js), as its own server factory reads them.
    const opts = fastifyOptions as {
      http?: ServerOptions;
      keepAliveTimeout: number;
      requestTimeout: number;
      connectionTimeout: number;
      maxRequestsPerSocket?: number;
    };
    const server: Server = createServer(opts.http ?? {}, (req, res) => {
      if (server.listening && answer(req, res)) return;
      handler(req, res);
    });
    server.keepAliveTimeout = opts.keepAliveTimeout;
    server.requestTimeout = opts.requestTimeout;
    server.setTimeout(opts.connectionTimeout);
    if ((opts.maxRequestsPerSocket ?? 0) > 0) server.maxRequestsPerSocket = opts.maxRequestsPerSocket!;
    return server;
  };
}

/**
 * Refuses NUL and lone surrogates in everything a request carries, for every
 * route (a new one cannot forget): the path, query, headers and cookies before
 * authentication looks anything up, the parsed body before validation. Raw
 * bodies are checked where they are decoded (ingest). Throws a 400 naming the
 * field; ingest routes turn it into their vendor's error shape.
 */
function registerBadTextGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    refuseBadText(request.params, 'params');
    refuseBadText(request.query, 'query');
    refuseBadText(request.headers, 'headers');
    refuseBadText(request.cookies, 'cookies');
  });
  app.addHook('preValidation', async (request) => {
    const { body } = request;
    if (typeof body === 'string' && /application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) {
      for (const [name, value] of new URLSearchParams(body)) refuseBadText({ [name]: value }, 'body');
    } else {
      refuseBadText(body, 'body');
    }
  });
}

/** Serves the built web UI, with index.html for every client-side route. */
async function registerWebUi(app: FastifyInstance, dir: string): Promise<void> {
  if (!existsSync(path.join(dir, 'index.html'))) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>Tocsin</title><p>The web UI is not built: run <code>npm run build</code>. The API is at <a href="/api/docs">/api/docs</a>.</p>',
        ),
    );
    return;
  }
  // The UI's own files are public, like the pages that load them: nobody is
  // signed in yet on /login. @fastify/static marks its routes with rootPath.
  app.addHook('onRoute', (route) => {
    if (typeof (route.config as { rootPath?: unknown } | undefined)?.rootPath === 'string') {
      route.config = { ...(route.config as object), public: true };
    }
  });
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
  const spaPaths = ['/login', '/app', '/app/*'];
  for (const url of spaPaths) {
    app.get(url, { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
      reply.sendFile('index.html'),
    );
  }
}
