/**
 * The vendor client under every provider (fetchWithTimeout): against a local
 * HTTP server, what a provider reads of an answer, and how refusals,
 * redirects, silence and oversized answers come back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithTimeout, MAX_ANSWER_BYTES, ProviderError } from './provider-error.js';

let server: Server;
let base: string;
const received: Array<{ method: string; headers: IncomingMessage['headers']; body: string }> = [];
/** Requests the silent route is holding, answered at the end so the server can close. */
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/ok') {
        res.writeHead(201, { 'content-type': 'application/json', location: '/things/1', 'x-many': ['a', 'b'] });
        res.end('{"sid":"SM1"}');
      } else if (req.url === '/refused') {
        res.writeHead(429, { 'retry-after': '7' });
        res.end('slow down');
      } else if (req.url === '/moved') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
        res.end();
      } else if (req.url === '/silent') {
        held.push(res);
      } else if (req.url === '/huge') {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const more = () => {
          while (sent < MAX_ANSWER_BYTES * 3) {
            sent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', more);
          }
          res.end();
        };
        more();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  held.forEach((res) => res.end());
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('fetchWithTimeout', () => {
  it('sends the method, headers and form body, and reads the status, headers and text', async () => {
    const response = await fetchWithTimeout(
      'twilio',
      'Twilio (SMS)',
      `${base}/ok`,
      {
        method: 'POST',
        headers: { authorization: 'Basic abc' },
        body: new URLSearchParams({ To: '+1 555', Body: 'héllo' }),
      },
      5_000,
    );
    expect(response.ok).toBe(true);
    expect(response.status).toBe(201);
    expect(response.headers.get('Location')).toBe('/things/1');
    expect(response.headers.get('x-many')).toBe('a, b');
    expect(response.headers.get('absent')).toBeNull();
    expect(JSON.parse(await response.text())).toEqual({ sid: 'SM1' });
    const sent = received.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.headers.authorization).toBe('Basic abc');
    expect(new URLSearchParams(sent.body).get('Body')).toBe('héllo');
  });

  it('gives a refusal to the provider to explain, with its reason phrase', async () => {
    const response = await fetchWithTimeout('slack', 'Slack', `${base}/refused`, { method: 'POST', body: '{}' }, 5_000);
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.statusText).toBe('Too Many Requests');
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.text()).toBe('slow down');
  });

  it('refuses to follow a redirect', async () => {
    const error = await fetchWithTimeout('webhook', 'The webhook', `${base}/moved`, {}, 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(
      /^The webhook could not be reached: it answered with a redirect \(HTTP 302\)/,
    );
  });

  it('gives up on a vendor that does not answer within the deadline', async () => {
    const error = await fetchWithTimeout('twilio', 'Twilio (SMS)', `${base}/silent`, {}, 200).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toBe('Twilio (SMS) did not answer within 200 ms');
  });

  it('says a vendor could not be reached when nothing listens', async () => {
    const error = await fetchWithTimeout('slack', 'Slack', 'http://127.0.0.1:1/', {}, 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/^Slack could not be reached: .*ECONNREFUSED/);
  });

  it('reads no more than MAX_ANSWER_BYTES of an answer', async () => {
    const response = await fetchWithTimeout('webhook', 'The webhook', `${base}/huge`, {}, 10_000);
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBe(MAX_ANSWER_BYTES);
  });
});
