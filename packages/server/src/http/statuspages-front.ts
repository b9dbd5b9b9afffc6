/**
 * The status pages' front door (http/front-door.ts runs it before Fastify,
 * so before sessions are looked up). It answers from memory, never touching
 * the database and never waiting:
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
import type { FastifyReply } from 'fastify';
import {
  notFoundFile,
  openToAnyone,
  serveFile,
  serveRequestOf,
  type PublishedPages,
  type RenderedPage,
  type ServedFile,
} from '../modules/statuspages/index.js';
import { sendAnswer, type FrontDoor } from './front-door.js';

/** Paths every host may reach: load balancers probe them by address or by an internal name. */
const ANY_HOST_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const STATUS_PATH_RE = /^\/status\/([a-z0-9][a-z0-9-]{0,62})(\/.*)?$/;

export const send = (reply: FastifyReply, served: ServedFile): FastifyReply => sendAnswer(reply, served);

/** The secret link's `key` (given once) from the query; read only for private pages. */
function keyOf(url: string): string | undefined {
  const start = url.indexOf('?');
  if (start === -1) return undefined;
  const keys = new URLSearchParams(url.slice(start + 1)).getAll('key');
  return keys.length === 1 ? keys[0] : undefined;
}

const isOpen = (page: RenderedPage, url: string): boolean =>
  page.visibility === 'public' || openToAnyone(page, keyOf(url));

export function statusPagesFrontDoor(published: PublishedPages, publicUrl: string): FrontDoor {
  const ownHost = new URL(publicUrl).hostname.toLowerCase();
  return function statusPageFrontDoor(request) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const host = request.hostname.toLowerCase().replace(/\.$/, '');
    const query = request.url.indexOf('?');
    const pathname = query === -1 ? request.url : request.url.slice(0, query);
    const byHost = published.byHostName(host);
    if (byHost) {
      if (!isOpen(byHost, request.url)) return notFoundFile('No such page.');
      return serveFile(byHost, pathname, serveRequestOf(request.headers));
    }
    if (
      published.hasHostNames &&
      host !== ownHost &&
      host !== 'localhost' &&
      isIP(host.replace(/^\[|\]$/g, '')) === 0 &&
      !ANY_HOST_PATHS.has(pathname)
    ) {
      return notFoundFile(`No status page answers for ${host}.`);
    }
    if (!pathname.startsWith('/status/')) return undefined;
    const match = STATUS_PATH_RE.exec(pathname);
    if (!match) return undefined;
    const page = published.bySlugName(match[1]!);
    if (!page) return notFoundFile(`There is no status page "${match[1]}".`);
    if (match[2] === undefined) {
      return { status: 301, headers: { location: `${pathname}/${request.url.slice(pathname.length)}` }, body: '' };
    }
    if (!isOpen(page, request.url)) return undefined; // signed-in members: the routes decide
    return serveFile(page, match[2], serveRequestOf(request.headers));
  };
}
