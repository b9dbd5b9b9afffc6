/**
 * The front door answers status pages before Fastify (http/front-door.ts):
 * with the headers Fastify's hooks would have added (request id, nosniff,
 * referrer policy, framing), an exact Content-Length, HEAD and 304 without a
 * body, and its own latency series; Fastify never sees those requests.
 * Behind a trusted proxy, a request naming its host in X-Forwarded-Host goes
 * through Fastify, which works the host out, and the same door answers it.
 */
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/app.js';

const apps: TestApp[] = [];
afterAll(async () => Promise.all(apps.map((app) => app.close())));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request, its body as the bytes sent (nothing decompressed). */
function callRaw(url: string, method: string, headers: Record<string, string> = {}) {
  return new Promise<Omit<Answer, 'body'> & { body: Buffer }>((resolve, reject) => {
    const request = http.request(new URL(url), { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

async function call(url: string, method: string, headers: Record<string, string> = {}): Promise<Answer> {
  const answer = await callRaw(url, method, headers);
  return { ...answer, body: answer.body.toString('utf8') };
}

async function appWithPage(config: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp(config);
  apps.push(t);
  const { token } = await t.createUserWithToken('admin');
  const created = await t.request('POST', '/api/v1/status-pages', {
    token,
    body: { slug: 'acme', name: 'Acme', hostName: 'status.example.com' },
  });
  expect(created.status).toBe(201);
  return t;
}

/** The count of one series of tocsin_http_request_duration_seconds. */
async function served(t: TestApp, route: string, status: number, method = 'GET'): Promise<number> {
  const text = await (await t.request('GET', '/metrics')).text();
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(
        `tocsin_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"}`,
      ),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('the front door', () => {
  it('answers a public page before Fastify, with the headers Fastify would have added', async () => {
    const t = await appWithPage();
    const page = await call(`${t.url}/status/acme/`, 'GET', { 'x-request-id': 'req-42' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Acme');
    expect(page.headers).toMatchObject({
      'x-request-id': 'req-42',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'SAMEORIGIN',
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(Buffer.byteLength(page.body)),
    });
    expect(page.headers.etag).toMatch(/^"/);
    // A request id that is not sane is replaced, as Fastify's genReqId does.
    expect((await call(`${t.url}/status/acme/`, 'GET', { 'x-request-id': 'bad id' })).headers['x-request-id']).toMatch(
      /^[0-9a-f-]{36}$/,
    );

    const head = await call(`${t.url}/status/acme/`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(page.headers['content-length']);

    const notModified = await call(`${t.url}/status/acme/`, 'GET', { 'if-none-match': page.headers.etag! });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect(notModified.headers.etag).toBe(page.headers.etag);

    const slashless = await call(`${t.url}/status/acme?x=1`, 'GET');
    expect(slashless.status).toBe(301);
    expect(slashless.headers.location).toBe('/status/acme/?x=1');
    expect(slashless.headers['x-frame-options']).toBe('DENY');
    const unknown = await call(`${t.url}/status/nope/`, 'GET');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-content-type-options']).toBe('nosniff');

    // Counted under the front door's own series; none reached Fastify's route for pages.
    expect(await served(t, 'front door', 200)).toBe(2);
    expect(await served(t, 'front door', 200, 'HEAD')).toBe(1);
    expect(await served(t, 'front door', 304)).toBe(1);
    expect(await served(t, 'front door', 301)).toBe(1);
    expect(await served(t, 'front door', 404)).toBe(1);
    expect(await served(t, '/status/:slug/*', 200)).toBe(0);
  });

  it('sends the page compressed to clients that accept it: Brotli or gzip, its own ETag, the same page', async () => {
    const t = await appWithPage();
    const url = `${t.url}/status/acme/`;
    const plain = await call(url, 'GET');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');

    const br = await callRaw(url, 'GET', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-length']).toBe(String(br.body.length));
    expect(br.body.length).toBeLessThan(Buffer.byteLength(plain.body) / 2);
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body);
    expect(br.headers.etag).toBe(plain.headers.etag!.replace(/"$/, '-br"'));

    const gzip = await callRaw(url, 'GET', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(plain.body);

    const again = await callRaw(url, 'GET', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('behind a trusted proxy, takes the host from X-Forwarded-Host, through Fastify', async () => {
    const proxied = await appWithPage({ config: { trustedProxies: ['127.0.0.1'] } });
    const hosted = await call(`${proxied.url}/api/v2/status.json`, 'GET', { 'x-forwarded-host': 'status.example.com' });
    expect(hosted.status).toBe(200);
    expect(JSON.parse(hosted.body).page.name).toBe('Acme');
    expect(hosted.headers['access-control-allow-origin']).toBe('*');
    expect(hosted.headers['x-content-type-options']).toBe('nosniff');
    const other = await call(`${proxied.url}/api/v2/status.json`, 'GET', { 'x-forwarded-host': 'other.example.com' });
    expect(other.status).toBe(404);
    expect(await served(proxied, 'front door', 200)).toBe(0); // Fastify answered both

    // Not behind a trusted proxy, the header is the client's word and changes nothing.
    const direct = await appWithPage();
    const ignored = await call(`${direct.url}/api/v2/status.json`, 'GET', { 'x-forwarded-host': 'status.example.com' });
    expect(ignored.status).toBe(401); // Tocsin's own host: an API path, not the page's
    expect(ignored.body).not.toContain('Acme');
  });
});
