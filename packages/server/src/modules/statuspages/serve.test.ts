/**
 * Serving a render: each file's answers (200 and 304, headers included) are
 * built once per render and handed out as they are on every request; a new
 * render gets new answers. Validators: ETag (any of a list, weak or not, or
 * *) and If-Modified-Since.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RenderedPage } from './render.types.js';
import { preferredCoding, PUBLIC_CACHE_CONTROL, serveFile } from './serve.js';

const render = (body: string, etag: string): RenderedPage => ({
  pageId: '6a8b8f4e-2f0b-4c1e-9d43-6f1c7f1f0a11',
  slug: 'acme',
  hostName: null,
  visibility: 'public',
  accessKey: null,
  lastModified: new Date('2026-03-02T09:00:00Z'),
  files: {
    '': { body: Buffer.from(`<p>${body}</p>`), contentType: 'text/html; charset=utf-8', etag },
    'api/v2/summary.json': { body: Buffer.from(`{"b":"${body}"}`), contentType: 'application/json', etag: `${etag}j` },
  },
});

describe('serveFile', () => {
  it('hands out the same answer objects for every request of one render, and new ones for the next', () => {
    const first = render('up', '"a1"');
    const a = serveFile(first, '/', {});
    expect(serveFile(first, '/index.html', {})).toBe(a);
    expect(a.status).toBe(200);
    expect(a.headers).toMatchObject({ etag: '"a1"', 'cache-control': PUBLIC_CACHE_CONTROL });
    expect(a.headers['last-modified']).toBe('Mon, 02 Mar 2026 09:00:00 GMT');
    expect(serveFile(first, '/', { ifNoneMatch: '"a1"' })).toBe(serveFile(first, '/', { ifNoneMatch: 'W/"a1"' }));
    const json = serveFile(first, '/api/v2/summary.json', {});
    expect(json.headers['access-control-allow-origin']).toBe('*');
    expect(a.headers['access-control-allow-origin']).toBeUndefined();

    const second = render('down', '"b2"');
    const b = serveFile(second, '/', {});
    expect(b).not.toBe(a);
    expect(b.body.toString()).toBe('<p>down</p>');
    expect(b.headers.etag).toBe('"b2"');
  });

  it('answers 304 for a matching ETag or an unchanged date, 200 otherwise, 404 for an unknown file', () => {
    const page = render('up', '"a1"');
    const cases: Array<[{ ifNoneMatch?: string; ifModifiedSince?: string }, number]> = [
      [{ ifNoneMatch: '"a1"' }, 304],
      [{ ifNoneMatch: '"x", W/"a1"' }, 304],
      [{ ifNoneMatch: '*' }, 304],
      [{ ifNoneMatch: '"x"' }, 200],
      [{ ifModifiedSince: 'Mon, 02 Mar 2026 09:00:00 GMT' }, 304],
      [{ ifModifiedSince: 'Mon, 02 Mar 2026 08:59:59 GMT' }, 200],
      // An ETag that does not match wins over a date that would.
      [{ ifNoneMatch: '"x"', ifModifiedSince: 'Mon, 02 Mar 2026 09:00:00 GMT' }, 200],
    ];
    for (const [request, status] of cases)
      expect(serveFile(page, '/', request).status, JSON.stringify(request)).toBe(status);
    expect(serveFile(page, '/feed.rss', {}).status).toBe(404);
    expect(serveFile(page, '/../etc/passwd', {}).status).toBe(404);
  });

  it('compresses for clients that accept it, once per render and coding, each coding its own ETag', () => {
    const long = 'All systems operational. '.repeat(200);
    const page = render(long, '"a1"');
    const plain = serveFile(page, '/', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');

    const br = serveFile(page, '/', { acceptEncoding: 'gzip, deflate, br' });
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', etag: '"a1-br"', vary: 'Accept-Encoding' });
    expect(brotliDecompressSync(br.body as Buffer).toString()).toBe(`<p>${long}</p>`);
    expect(br.body.length).toBeLessThan(plain.body.length / 10);
    expect(serveFile(page, '/index.html', { acceptEncoding: 'br' })).toBe(br);

    const gzip = serveFile(page, '/', { acceptEncoding: 'gzip' });
    expect(gzip.headers).toMatchObject({ 'content-encoding': 'gzip', etag: '"a1-gzip"' });
    expect(gunzipSync(gzip.body as Buffer).toString()).toBe(`<p>${long}</p>`);

    // Revalidation matches the representation the client holds.
    expect(serveFile(page, '/', { acceptEncoding: 'br', ifNoneMatch: '"a1-br"' }).status).toBe(304);
    expect(serveFile(page, '/', { acceptEncoding: 'gzip', ifNoneMatch: '"a1-br"' }).status).toBe(200);
    expect(serveFile(page, '/', { ifNoneMatch: '"a1-gzip"' }).status).toBe(200);

    // A small file is sent as it is, whatever the client accepts.
    const small = serveFile(render('up', '"a1"'), '/api/v2/summary.json', { acceptEncoding: 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.etag).toBe('"a1"j');
  });

  it('chooses Brotli, then gzip, then none, honouring q=0 and *', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'identity'],
      ['', 'identity'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['BR;Q=0.5', 'br'],
      ['gzip;q=0', 'identity'],
      ['deflate', 'identity'],
      ['*', 'br'],
      ['*;q=0, gzip', 'gzip'],
      ['x-gzip', 'gzip'],
      ['identity', 'identity'],
    ];
    for (const [header, coding] of cases) expect(preferredCoding(header), String(header)).toBe(coding);
  });
});
