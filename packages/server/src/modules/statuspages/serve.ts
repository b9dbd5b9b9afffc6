/**
 * Answers a request for one file of a published page from memory: the
 * validators (ETag, Last-Modified), the cache policy and 304 on
 * revalidation, with each file's answers built once per render. Knows no
 * HTTP framework; http/ adapts it.
 *
 * Compression: a client that accepts Brotli or gzip gets the file compressed
 * (a 35 KB page is about 3 KB), compressed once per render and encoding on
 * its first request, never per request. Each encoding is its own
 * representation: its own strong ETag (`"…-br"`, `"…-gzip"`), and every
 * answer says `Vary: Accept-Encoding` so a CDN keeps them apart.
 */
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
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

export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * The coding to answer with for an Accept-Encoding header (RFC 9110 12.5.3):
 * Brotli when acceptable, else gzip, else none; `q=0` refuses a coding and `*`
 * stands for those not named.
 */
export function preferredCoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  // Browsers send one of a few headers, on every request: each is parsed once.
  let coding = codingOf.get(acceptEncoding);
  if (coding === undefined) {
    coding = parseCoding(acceptEncoding);
    if (codingOf.size >= 64) codingOf.clear();
    codingOf.set(acceptEncoding, coding);
  }
  return coding;
}

const codingOf = new Map<string, ContentCoding>();

function parseCoding(acceptEncoding: string): ContentCoding {
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name!.trim().toLowerCase();
    if (!coding) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
    weights.set(coding, q ? Number(q[1]) : 1);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0 || (weights.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}

/** Files smaller than this are sent as they are: compression would save less than a packet. */
const COMPRESS_FROM_BYTES = 1024;

function compress(body: Buffer | string, coding: 'br' | 'gzip'): Buffer {
  return coding === 'br'
    ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(body, { level: 9 });
}

/** The ETag of a coding's representation: the file's, marked with the coding. */
const codedEtag = (etag: string, coding: ContentCoding): string =>
  coding === 'identity' ? etag : etag.replace(/"$/, `-${coding}"`);

function matchesEtag(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

/** A file's two answers (200 and 304) in one coding, built on its first request: once per render, not per request. */
interface PreparedFile {
  etag: string;
  ok: ServedFile;
  notModified: ServedFile;
}

const preparedOf = new WeakMap<RenderedPage, Map<string, PreparedFile>>();

function prepare(page: RenderedPage, key: string, file: RenderedFile, coding: ContentCoding): PreparedFile {
  const etag = codedEtag(file.etag, coding);
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    ...(coding === 'identity' ? {} : { 'content-encoding': coding }),
    vary: 'Accept-Encoding',
    etag,
    'last-modified': page.lastModified.toUTCString(),
    'cache-control': page.visibility === 'public' ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL,
    // Its JSON is for anyone's widget.
    ...(key.endsWith('.json') ? { 'access-control-allow-origin': '*' } : {}),
    ...(page.visibility === 'private' ? { 'x-robots-tag': 'noindex' } : {}),
    // Framed only by its own origin: the admin screen's preview.
    'x-frame-options': 'SAMEORIGIN',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https:; frame-ancestors 'self'",
  };
  const body = coding === 'identity' ? file.body : compress(file.body, coding);
  return { etag, ok: { status: 200, headers, body }, notModified: { status: 304, headers, body: '' } };
}

function preparedFile(page: RenderedPage, key: string, file: RenderedFile, wanted: ContentCoding): PreparedFile {
  let files = preparedOf.get(page);
  if (!files) {
    files = new Map();
    preparedOf.set(page, files);
  }
  const coding = Buffer.byteLength(file.body) < COMPRESS_FROM_BYTES ? 'identity' : wanted;
  const slot = `${coding} ${key}`;
  let prepared = files.get(slot);
  if (!prepared) {
    prepared = prepare(page, key, file, coding);
    files.set(slot, prepared);
  }
  return prepared;
}

/** What of a request decides its answer: its validators and the codings it accepts. */
export interface ServeRequest {
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  acceptEncoding?: string;
}

/** The answer's headers a request chooses, read from Node's headers object. */
export function serveRequestOf(headers: Record<string, string | string[] | undefined>): ServeRequest {
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    ifNoneMatch: header('if-none-match'),
    ifModifiedSince: header('if-modified-since'),
    acceptEncoding: header('accept-encoding'),
  };
}

/** The answer for one file of the page: the same objects for every request until the page is rendered again. */
export function serveFile(page: RenderedPage, subPath: string, request: ServeRequest): ServedFile {
  const key = fileKeyOf(subPath);
  const file = key === undefined ? undefined : page.files[key];
  if (!file) return notFoundFile(`This status page has no ${subPath}.`);
  const prepared = preparedFile(page, key!, file, preferredCoding(request.acceptEncoding));
  const notModified = request.ifNoneMatch
    ? matchesEtag(request.ifNoneMatch, prepared.etag)
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
