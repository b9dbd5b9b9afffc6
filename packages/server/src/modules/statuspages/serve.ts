/**
 * Answers a request for one file of a published page from memory: the
 * validators (ETag, Last-Modified), the cache policy and 304 on
 * revalidation, with each file's answers built once per render. Knows no
 * HTTP framework; http/ adapts it.
 */
import { safeEqual } from '../../lib/ids.js';
import { PAGE_FILES, type RenderedFile, type RenderedPage } from './render.types.js';

export interface ServedFile {
  status: 200 | 304 | 401 | 404;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Public pages may be cached by browsers and CDNs briefly, and served stale while the origin fails. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=30, stale-if-error=86400';
const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/** The file a path under the page names ('' and index.html are the page), or undefined. */
const FILE_KEYS = new Set<string>(Object.values(PAGE_FILES));

export function fileKeyOf(subPath: string): string | undefined {
  const key = subPath.replace(/^\/+/, '');
  if (key === '' || key === 'index.html') return PAGE_FILES.html;
  return FILE_KEYS.has(key) ? key : undefined;
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

/** A file's two answers (200 and 304), built on its first request: once per render, not per request. */
interface PreparedFile {
  ok: ServedFile;
  notModified: ServedFile;
}

const preparedOf = new WeakMap<RenderedPage, Map<string, PreparedFile>>();

function prepare(page: RenderedPage, key: string, file: RenderedFile): PreparedFile {
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    etag: file.etag,
    'last-modified': page.lastModified.toUTCString(),
    'cache-control': page.visibility === 'public' ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL,
    // Its JSON is for anyone's widget.
    ...(key.endsWith('.json') ? { 'access-control-allow-origin': '*' } : {}),
    ...(page.visibility === 'private' ? { 'x-robots-tag': 'noindex' } : {}),
    // Framed only by its own origin: the admin screen's preview.
    'x-frame-options': 'SAMEORIGIN',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https:; frame-ancestors 'self'",
  };
  return { ok: { status: 200, headers, body: file.body }, notModified: { status: 304, headers, body: '' } };
}

function preparedFile(page: RenderedPage, key: string, file: RenderedFile): PreparedFile {
  let files = preparedOf.get(page);
  if (!files) {
    files = new Map();
    preparedOf.set(page, files);
  }
  let prepared = files.get(key);
  if (!prepared) {
    prepared = prepare(page, key, file);
    files.set(key, prepared);
  }
  return prepared;
}

/** The answer for one file of the page: the same objects for every request until the page is rendered again. */
export function serveFile(
  page: RenderedPage,
  subPath: string,
  request: { ifNoneMatch?: string; ifModifiedSince?: string },
): ServedFile {
  const key = fileKeyOf(subPath);
  const file = key === undefined ? undefined : page.files[key];
  if (!file) return notFoundFile(`This status page has no ${subPath}.`);
  const prepared = preparedFile(page, key!, file);
  const notModified = request.ifNoneMatch
    ? matchesEtag(request.ifNoneMatch, file.etag)
    : request.ifModifiedSince !== undefined && Date.parse(request.ifModifiedSince) >= page.lastModified.getTime();
  return notModified ? prepared.notModified : prepared.ok;
}

export function notFoundFile(message: string): ServedFile {
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Not found</h1><p>${message.replace(/[<>&"]/g, '')}</p></main></body></html>`,
  };
}
