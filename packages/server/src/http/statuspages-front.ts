/**
 * The status pages' front door: the first thing a request meets after the
 * bad-text guard, before sessions are looked up. It answers from memory,
 * never touching the database:
 *
 * - a request whose Host is a page's host name gets that page (`/`,
 *   `/feed.rss`, `/api/v2/summary.json` ...), cookies ignored;
 * - `/status/<slug>/...` of a public page (or a private one with its secret
 *   link's key) gets the page; `/status/<slug>` is redirected to its slash;
 * - an unknown slug, or (once some page has a host name) a Host that is
 *   neither a page's nor this server's, is a 404.
 *
 * A private page asked for without its key falls through to the routes in
 * routes/statuspages-public.routes.ts, which let signed-in members in.
 */
import { isIP } from 'node:net';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import {
  notFoundFile,
  openToAnyone,
  serveFile,
  type PublishedPages,
  type ServedFile,
} from '../modules/statuspages/index.js';

/** Paths every host may reach: load balancers probe them by address or by an internal name. */
const ANY_HOST_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const STATUS_PATH_RE = /^\/status\/([a-z0-9][a-z0-9-]{0,62})(\/.*)?$/;

export function send(reply: FastifyReply, served: ServedFile): FastifyReply {
  reply.headers(served.headers);
  // Framing stays refused (x-frame-options DENY from the server's onSend).
  return reply.status(served.status).send(served.body);
}

function conditionals(request: FastifyRequest) {
  const h = request.headers;
  return {
    ifNoneMatch: typeof h['if-none-match'] === 'string' ? h['if-none-match'] : undefined,
    ifModifiedSince: typeof h['if-modified-since'] === 'string' ? h['if-modified-since'] : undefined,
  };
}

const keyOf = (request: FastifyRequest): string | undefined => {
  const key = (request.query as Record<string, unknown> | undefined)?.key;
  return typeof key === 'string' ? key : undefined;
};

export function statusPagesFrontDoor(published: PublishedPages, publicUrl: string): onRequestAsyncHookHandler {
  const ownHost = new URL(publicUrl).hostname.toLowerCase();
  return async function statusPageFrontDoor(request, reply) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const host = request.hostname.toLowerCase().replace(/\.$/, '');
    const pathname = request.url.split('?')[0]!;
    const byHost = published.byHostName(host);
    if (byHost) {
      if (!openToAnyone(byHost, keyOf(request))) return send(reply, notFoundFile('No such page.'));
      return send(reply, serveFile(byHost, pathname, conditionals(request)));
    }
    if (
      published.hasHostNames &&
      host !== ownHost &&
      host !== 'localhost' &&
      isIP(host.replace(/^\[|\]$/g, '')) === 0 &&
      !ANY_HOST_PATHS.has(pathname)
    ) {
      return send(reply, notFoundFile(`No status page answers for ${host}.`));
    }
    const match = STATUS_PATH_RE.exec(pathname);
    if (!match) return;
    const page = published.bySlugName(match[1]!);
    if (!page) return send(reply, notFoundFile(`There is no status page "${match[1]}".`));
    if (match[2] === undefined) {
      const query = request.url.slice(pathname.length);
      return reply.redirect(`${pathname}/${query}`, 301);
    }
    if (!openToAnyone(page, keyOf(request))) return; // signed-in members: the routes decide
    return send(reply, serveFile(page, match[2], conditionals(request)));
  };
}
