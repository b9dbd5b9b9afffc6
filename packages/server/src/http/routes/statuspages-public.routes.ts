/**
 * A private status page for signed-in members: the front door
 * (http/statuspages-front.ts) serves public pages and secret links from
 * memory; a private page asked for without its key arrives here, after the
 * session was looked up. Hidden from the OpenAPI document: these are pages,
 * not API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFoundFile, serveFile, serveRequestOf, type PublishedPages } from '../../modules/statuspages/index.js';
import { send } from '../statuspages-front.js';

export function registerStatusPagePublicRoutes(app: FastifyInstance, published: PublishedPages): void {
  const handler = async (request: FastifyRequest<{ Params: { slug: string; '*'?: string } }>, reply: FastifyReply) => {
    const page = published.bySlugName(request.params.slug);
    if (!page) return send(reply, notFoundFile(`There is no status page "${request.params.slug}".`));
    if (!request.actor) {
      return send(reply, {
        status: 401,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body><main><h1>This status page is private</h1><p><a href="/login">Sign in</a> to read it, or use the secret link you were given.</p></main></body></html>`,
      });
    }
    return send(reply, serveFile(page, `/${request.params['*'] ?? ''}`, serveRequestOf(request.headers)));
  };
  const options = { config: { public: true }, schema: { hide: true } };
  app.get('/status/:slug/*', options, handler as never);
}
