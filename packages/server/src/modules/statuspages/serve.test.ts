/**
 * Serving a render: each file's answers (200 and 304, headers included) are
 * built once per render and handed out as they are on every request; a new
 * render gets new answers. Validators: ETag (any of a list, weak or not, or
 * *) and If-Modified-Since.
 */
import { describe, expect, it } from 'vitest';
import type { RenderedPage } from './render.types.js';
import { PUBLIC_CACHE_CONTROL, serveFile } from './serve.js';

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
});
