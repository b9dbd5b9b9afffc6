/**
 * Answers a request for one file of a published page from memory: the
 * validators (ETag, Last-Modified), the cache policy and 304 on
 * revalidation. Knows no HTTP framework; http/ adapts it.
 */
import { safeEqual } from '../../lib/ids.js';
import { PAGE_FILES, type RenderedPage } from './render.types.js';

export interface ServedFile {
  status: 200 | 304 | 401 | 404;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Public pages may be cached by browsers and CDNs briefly, and served stale while the origin fails. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=30, stale-if-error=86400';
const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/** The file a path under the page names ('' and index.html are the page), or undefined. */
export function fileKeyOf(subPath: string): string | undefined {
  const key = subPath.replace(/^\/+/, '');
  if (key === '' || key === 'index.html') return PAGE_FILES.html;
  return (Object.values(PAGE_FILES) as string[]).includes(key) ? key : undefined;
}

/** Whether the request may read the page without signing in: it is public, or the secret link's key is given. */
export function openToAnyone(page: RenderedPage, key: string | undefined): boolean {
  if (page.visibility === 'public') return true;
  return page.accessKey !== null && key !== undefined && safeEqual(key, page.accessKey);
}

function matchesEtag(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

export function serveFile(
  page: RenderedPage,
  subPath: string,
  request: { ifNoneMatch?: string; ifModifiedSince?: string },
): ServedFile {
  const key = fileKeyOf(subPath);
  const file = key === undefined ? undefined : page.files[key];
  if (!file) return notFoundFile(`This status page has no ${subPath}.`);
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    etag: file.etag,
    'last-modified': page.lastModified.toUTCString(),
    'cache-control': page.visibility === 'public' ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL,
    // Its JSON is for anyone's widget.
    ...(key?.endsWith('.json') ? { 'access-control-allow-origin': '*' } : {}),
    ...(page.visibility === 'private' ? { 'x-robots-tag': 'noindex' } : {}),
    // Framed only by its own origin: the admin screen's preview.
    'x-frame-options': 'SAMEORIGIN',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https:; frame-ancestors 'self'",
  };
  const notModified = request.ifNoneMatch
    ? matchesEtag(request.ifNoneMatch, file.etag)
    : request.ifModifiedSince !== undefined && Date.parse(request.ifModifiedSince) >= page.lastModified.getTime();
  if (notModified) return { status: 304, headers, body: '' };
  return { status: 200, headers, body: file.body };
}

export function notFoundFile(message: string): ServedFile {
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Not found</h1><p>${message.replace(/[<>&"]/g, '')}</p></main></body></html>`,
  };
}
